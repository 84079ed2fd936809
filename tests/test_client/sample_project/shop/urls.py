from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.products, name="products"),
    path("products/new/", views.product_create, name="product_create"),
    path("products/<int:pk>/", views.product_detail, name="product_detail"),
    path("products/<int:pk>/order/", views.place_order, name="place_order"),
    path("orders/lines/", views.order_lines, name="order_lines"),
    path("feed.xml", views.feed, name="feed"),
    path("upload/", views.upload, name="upload"),
    path("", views.hello, name="hello"),
    path("whoami/", views.whoami),
    path("colour/", views.colour),
]
