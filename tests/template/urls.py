"""A URLconf for {% url %} tests."""

from django.http import HttpResponse
from django.urls import path


def view(request, *args, **kwargs):
    return HttpResponse("ok")


urlpatterns = [
    path("articles/<int:year>/", view, name="archive"),
    path("page/<slug:slug>/", view, name="page"),
]
