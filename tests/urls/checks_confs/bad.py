"""A URLconf with one of each problem the URL system checks report."""

from django.urls import include, path, re_path
from django.views.generic import View

from .. import views

urlpatterns = [
    "prefix/",
    ("tuple/", views.generic),
    re_path(r"^include-with-dollar/$", include("tests.urls.urlconf_app", namespace="one")),
    path("/leading-slash", views.generic),
    path("name/", views.generic, name="with:colon"),
    path("class/", View),
    path("old/(?P<x>[0-9]+)/$", views.generic),
    path("again/", include("tests.urls.urlconf_app", namespace="one")),
]


def handler404(request):  # wrong: misses the exception argument
    return None


handler500 = "tests.urls.nowhere.view"
