"""Views used by the handler tests."""

from __future__ import annotations

import asyncio
import threading

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

events: list[str] = []
gate = threading.Event()


def hello(request):
    return HttpResponse(f"hello {request.method} {request.GET.get('q', '')}")


async def async_hello(request):
    await asyncio.sleep(0)
    return HttpResponse("async hello")


def echo_post(request):
    files = {name: f.read().decode() for name, f in request.FILES.items()}
    return HttpResponse(f"{sorted(request.POST.items())} {files}")


def echo_body(request):
    return HttpResponse(request.body)


def host(request):
    return HttpResponse(request.get_host())


def not_found(request):
    raise Http404("no such thing")


def forbidden(request):
    raise PermissionDenied("nope")


def suspicious(request):
    raise SuspiciousOperation("sneaky")


def bad_request(request):
    raise BadRequest("malformed")


def crash(request):
    raise ValueError("boom")


def returns_none(request):
    return None


def returns_coroutine(request):
    return async_hello(request)


def stream(request):
    return StreamingHttpResponse(f"chunk{i};" for i in range(3))


def async_stream(request):
    async def gen():
        for i in range(3):
            yield f"a{i};"

    return StreamingHttpResponse(gen())


async def slow(request):
    events.append("slow started")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        events.append("slow cancelled")
        raise
    return HttpResponse("never")


def big(request):
    return HttpResponse(b"x" * 200_000)


class Renderable(HttpResponse):
    """A response with render() that middleware may see before rendering."""

    def __init__(self):
        super().__init__("unrendered")
        self.is_rendered = False

    def render(self):
        self.content = b"rendered"
        self.is_rendered = True
        return self


def template_response(request):
    return Renderable()


def raise_after_render(request):
    class Bad(Renderable):
        def render(self):
            raise ValueError("render failed")

    return Bad()


def file_download(request):
    return FileResponse(open(__file__, "rb"), as_attachment=True)


@csrf_exempt
def upload(request):
    upload = request.FILES["f"]
    return HttpResponse(f"{upload.name}:{upload.size}:{type(upload).__name__}:{request.POST['k']}")


def wait_for_gate(request):
    """A sync view that only finishes once another request opened the gate."""
    opened = gate.wait(timeout=10)
    return HttpResponse(f"gate opened: {opened}")


async def open_gate(request):
    gate.set()
    return HttpResponse("opened")


# Thread idents seen by the sync code of each request: {request tag: {where: ident}}.
thread_log: dict[str, dict[str, int]] = {}


def sync_thread(request):
    tag = request.GET["tag"]
    thread_log.setdefault(tag, {})["view"] = threading.get_ident()
    if request.GET.get("wait"):
        gate.wait(timeout=10)
    return HttpResponse(tag)
