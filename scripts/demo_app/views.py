from django.http import HttpResponse


def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(f"Hello, {name}! This page is served by Reinhardt.", content_type="text/plain")
