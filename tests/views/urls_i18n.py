from django.urls import include, path
from tests.urls.urlconf_i18n import urlpatterns as i18n_urlpatterns

urlpatterns = [path("i18n/", include("django.conf.urls.i18n")), *i18n_urlpatterns]
