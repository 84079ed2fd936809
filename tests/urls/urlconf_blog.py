"""A namespace-less URLconf included under a prefix."""

from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("post/<slug:slug>/", views.blog_post, name="blog-post"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.generic, name="blog-archive"),
    path("inner/", include(("tests.urls.urlconf_app", "app"), namespace="blog-app")),
]
