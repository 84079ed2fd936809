from django.http import HttpResponse
from tests.core.handlers.urls import urlpatterns  # noqa: F401


def handler404(request, exception):
    return HttpResponse(f"custom 404: {exception}", status=404)


def handler500(request):
    return HttpResponse("custom 500", status=500)


def handler403(request, exception):
    return HttpResponse("custom 403", status=403)


def handler400(request, exception):
    return HttpResponse(f"custom 400: {type(exception).__name__}", status=400)
