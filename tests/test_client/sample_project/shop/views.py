from django.http import HttpResponse, JsonResponse

from .models import Product


def products(request):
    return JsonResponse({"products": [p.name for p in Product.objects.order_by("name")]})


def hello(request):
    return HttpResponse("<p>Hello <b>shop</b></p>")
