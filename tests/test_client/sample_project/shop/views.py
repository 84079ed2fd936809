from django.contrib import messages
from django.core import mail
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import OrderLineFormSet, ProductForm
from .models import Order, Product


def products(request):
    return JsonResponse({"products": [p.name for p in Product.objects.order_by("name")]})


def hello(request):
    return HttpResponse("<p>Hello <b>shop</b></p>")


def whoami(request):
    return HttpResponse(request.user.username if request.user.is_authenticated else "anonymous")


def colour(request):
    return HttpResponse(request.session.get("colour", "none"))


def product_create(request):
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        product = form.save()
        messages.success(request, f"Added {product.name}.")
        return redirect("product_detail", pk=product.pk)
    return render(request, "shop/product_form.html", {"form": form})


def product_detail(request, pk):
    product = get_object_or_404(Product, pk=pk)
    return render(request, "shop/product_detail.html", {"product": product})


def order_lines(request):
    formset = OrderLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and formset.is_valid():
        return JsonResponse({"lines": len(formset.forms)})
    return render(request, "shop/order_lines.html", {"formset": formset})


def feed(request):
    names = "".join(f"<item>{p.name}</item>" for p in Product.objects.order_by("pk"))
    return HttpResponse(f"<?xml version='1.0'?><feed>{names}</feed>", content_type="application/xml")


@require_POST
def upload(request):
    sheet = request.FILES["sheet"]
    return JsonResponse({"name": sheet.name, "size": sheet.size, "note": request.POST.get("note", "")})


@require_POST
def place_order(request, pk):
    product = get_object_or_404(Product, pk=pk)
    order = Order.objects.create(product=product, quantity=int(request.POST["quantity"]))
    # The confirmation goes out only once the order is really in the database.
    transaction.on_commit(
        lambda: mail.send_mail(f"Order {order.pk}", str(order), "shop@example.com", ["buyer@example.com"])
    )
    messages.info(request, "Order received.")
    return redirect("product_detail", pk=product.pk)
