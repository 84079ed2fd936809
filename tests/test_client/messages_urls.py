"""A view that stores two messages, for the assertMessages tests."""

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path


def notify(request):
    messages.success(request, "Saved.")
    messages.warning(request, "Check the date.")
    return HttpResponse("ok")


urlpatterns = [path("notify/", notify)]
