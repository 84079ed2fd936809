"""An application URLconf with an app namespace, included several times."""

from django.urls import path

from . import views

app_name = "app"

urlpatterns = [
    path("", views.app_index, name="index"),
    path("<int:pk>/", views.app_detail, name="detail"),
]
