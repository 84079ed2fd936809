"""A URLconf for {% url %} tests: plain names and one application deployed twice."""

from django.http import HttpResponse
from django.urls import include, path


def view(request, *args, **kwargs):
    return HttpResponse("ok")


shop_patterns = ([path("item/<int:pk>/", view, name="item")], "shop")

urlpatterns = [
    path("articles/<int:year>/", view, name="archive"),
    path("page/<slug:slug>/", view, name="page"),
    path("north/", include(shop_patterns, namespace="north")),
    path("south/", include(shop_patterns, namespace="south")),
]
