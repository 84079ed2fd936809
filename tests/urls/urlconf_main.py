"""The main URLconf of the resolver tests: one of each kind of pattern."""

from django.urls import include, path, re_path, register_converter

from . import converters, urlconf_app, views

register_converter(converters.FourDigitYearConverter, "yyyy")
register_converter(converters.EvenConverter, "even")

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/2003/", views.special, name="special-2003"),
    path("articles/<int:year>/", views.year_archive, name="year"),
    path("articles/<int:year>/<int:month>/", views.month_archive, name="month"),
    path("articles/<int:year>/<int:month>/<slug:slug>/", views.article_detail, name="detail"),
    path("uuid/<uuid:id>/", views.generic, name="uuid"),
    path("files/<path:file_path>", views.generic, name="files"),
    path("str/<name>/", views.generic, name="str"),
    path("extra/", views.generic, {"flag": True}, name="extra"),
    path("override/<int:n>/", views.generic, {"n": 99}, name="override"),
    path("conv/<yyyy:year>/", views.generic, name="conv"),
    path("number/<even:n>/", views.even_view, name="even"),
    path("number/<str:n>/", views.other_view, name="odd"),
    re_path(r"^regex/(?P<year>[0-9]{4})/$", views.generic, name="re-year"),
    re_path(r"^positional/([0-9]+)/([a-z]+)/$", views.generic, name="positional"),
    re_path(r"^optional/(?:(?P<page>[0-9]+)/)?$", views.generic, name="optional"),
    re_path(r"^escaped\.html$", views.generic, name="escaped"),
    path("blog/", include("tests.urls.urlconf_blog")),
    path("ns1/", include("tests.urls.urlconf_app", namespace="ns1")),
    path("ns2/", include("tests.urls.urlconf_app", namespace="ns2")),
    path("app/", include("tests.urls.urlconf_app")),
    path("user/<int:uid>/", include((urlconf_app.urlpatterns, "userapp"), namespace="user")),
    path(
        "prefix/<int:pk>/",
        include([path("sub/<slug:s>/", views.generic, name="prefixed")]),
        {"from_include": 1},
    ),
    path("dup/", views.generic, name="dup"),
    path("dup-last/", views.generic, name="dup"),
    path("arity/", views.generic, name="arity"),
    path("arity/<int:n>/", views.generic, name="arity"),
    path("instance/", views.view_instance, name="instance"),
    path("weird/<str:value>/", views.generic, name="weird"),
    path("<str:catchall>/", views.generic, name="catchall"),
]
