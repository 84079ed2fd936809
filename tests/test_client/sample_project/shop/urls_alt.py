from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("alt/", lambda request: HttpResponse("alternative urlconf"), name="alt")]
