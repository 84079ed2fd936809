from django.http import HttpResponse, JsonResponse

from .models import Product


def products(request):
    return JsonResponse({"products": [p.name for p in Product.objects.order_by("name")]})


def hello(request):
    return HttpResponse("<p>Hello <b>shop</b></p>")


def whoami(request):
    return HttpResponse(request.user.username if request.user.is_authenticated else "anonymous")


def colour(request):
    return HttpResponse(request.session.get("colour", "none"))
