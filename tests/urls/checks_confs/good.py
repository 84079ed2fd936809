from django.urls import include, path

from .. import views


def handler404(request, exception):
    return None


urlpatterns = [
    path("", views.home, name="home"),
    path("app/", include("tests.urls.urlconf_app")),
]
