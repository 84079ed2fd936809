from django.urls import path

from . import views

urlpatterns = [path("<path:rest>", views.generic, name="double")]
