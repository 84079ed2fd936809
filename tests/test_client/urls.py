"""Views and URLconf driven by the test-client tests."""

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import path
from django.views.generic import View


def echo(request):
    data = {
        "method": request.method,
        "path": request.path,
        "GET": {k: request.GET.getlist(k) for k in request.GET},
        "POST": {k: request.POST.getlist(k) for k in request.POST} if request.method == "POST" else {},
        "body": ""
        if request.method in ("GET", "HEAD") or request.content_type == "multipart/form-data"
        else request.body.decode("latin-1"),
        "content_type": request.content_type,
        "cookies": request.COOKIES,
        "x_custom": request.headers.get("X-Custom"),
        "secure": request.is_secure(),
        "host": request.get_host(),
    }
    return JsonResponse(data)


def upload(request):
    uploaded = request.FILES["file"]
    return HttpResponse(f"{uploaded.name}:{uploaded.read().decode()}")


def set_cookie(request):
    response = HttpResponse("set")
    response.set_cookie("flavour", request.GET.get("value", "choc"))
    return response


def delete_cookie(request):
    response = HttpResponse("deleted")
    response.delete_cookie("flavour")
    return response


def redirect_to(request):
    return HttpResponseRedirect(request.GET.get("to", "/echo/"))


def redirect_chain(request, n):
    if n == 0:
        return HttpResponseRedirect("/echo/")
    return HttpResponseRedirect(f"/chain/{n - 1}/")


def loop(request):
    return HttpResponseRedirect("/loop/")


def redirect_307(request):
    return HttpResponseRedirect("/echo/", preserve_request=True)


def relative_redirect(request):
    return HttpResponseRedirect("../../echo/")


def boom(request):
    raise ValueError("the view exploded")


def text(request):
    return HttpResponse("<p>Hello <b>world</b></p> and hello again", content_type="text/html")


def not_json(request):
    return HttpResponse("{}", content_type="text/plain")


async def async_view(request):
    return HttpResponse(f"async {request.method} {request.GET.get('q', '')}")


class ClassBased(View):
    def get(self, request):
        return HttpResponse("class get")


def json_echo(request):
    return JsonResponse({"received": json.loads(request.body)})


urlpatterns = [
    path("echo/", echo, name="echo"),
    path("upload/", upload),
    path("set-cookie/", set_cookie),
    path("delete-cookie/", delete_cookie),
    path("redirect/", redirect_to),
    path("chain/<int:n>/", redirect_chain),
    path("loop/", loop),
    path("redirect-307/", redirect_307),
    path("sub/relative/", relative_redirect),
    path("boom/", boom),
    path("text/", text),
    path("not-json/", not_json),
    path("async/", async_view),
    path("class/", ClassBased.as_view()),
    path("json/", json_echo),
]
