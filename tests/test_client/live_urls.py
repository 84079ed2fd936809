from django.http import JsonResponse
from django.urls import path

from .testapp.models import Author


def authors(request):
    return JsonResponse({"authors": list(Author.objects.values_list("name", flat=True))})


urlpatterns = [path("authors/", authors)]
