"""The TechEmpower endpoints as Django users write them, plus a template-heavy page."""

import random

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from .models import Fortune, World


def _count(request) -> int:
    try:
        n = int(request.GET.get("queries", 1))
    except ValueError:
        return 1
    return min(max(n, 1), 500)


def plaintext(request, **kwargs):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


async def plaintext_async(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


def json_view(request):
    return JsonResponse({"message": "Hello, World!"})


def db(request):
    w = World.objects.get(id=random.randint(1, 10000))
    return JsonResponse({"id": w.id, "randomNumber": w.randomnumber})


def queries(request):
    ids = [random.randint(1, 10000) for _ in range(_count(request))]
    worlds = [World.objects.get(id=i) for i in ids]
    return JsonResponse([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds], safe=False)


def fortunes(request):
    items = list(Fortune.objects.all())
    items.append(Fortune(id=0, message="Additional fortune added at request time."))
    items.sort(key=lambda f: f.message)
    return render(request, "world/fortunes.html", {"fortunes": items})


def updates(request):
    ids = [random.randint(1, 10000) for _ in range(_count(request))]
    worlds = []
    for i in ids:
        w = World.objects.get(id=i)
        w.randomnumber = random.randint(1, 10000)
        w.save(update_fields=["randomnumber"])
        worlds.append(w)
    return JsonResponse([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds], safe=False)


def page(request):
    rows = [{"id": i, "name": f"Row <{i}>", "price": i * 1.5, "slug": f"row-{i}"} for i in range(100)]
    return render(request, "world/page.html", {"rows": rows, "title": "Benchmark & friends"})
