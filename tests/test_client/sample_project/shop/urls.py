from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.products, name="products"),
    path("", views.hello, name="hello"),
    path("whoami/", views.whoami),
    path("colour/", views.colour),
]
