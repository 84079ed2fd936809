"""i18n_patterns with a translated route (French catalog not needed: the lazy route is a plain string)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("plain/", views.generic, name="plain"),
    *i18n_patterns(
        path("", views.home, name="i18n-home"),
        path(_("about/"), views.special, name="about"),
        path("app/", include("tests.urls.urlconf_app", namespace="i18napp")),
    ),
]
