"""Middleware used by the chain tests; each records what it saw in `log`."""

from __future__ import annotations

import threading

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.utils.decorators import async_only_middleware, sync_and_async_middleware, sync_only_middleware

log: list[str] = []
constructed: list[str] = []


@sync_only_middleware
def sync_mw(get_response):
    constructed.append("sync")

    def middleware(request):
        log.append(f"sync in (async={iscoroutinefunction(get_response)})")
        response = get_response(request)
        response["X-Sync"] = "1"
        return response

    return middleware


@async_only_middleware
def async_mw(get_response):
    constructed.append("async")

    async def middleware(request):
        log.append("async in")
        response = await get_response(request)
        response["X-Async"] = "1"
        return response

    return middleware


@sync_and_async_middleware
def both_mw(get_response):
    constructed.append("both")
    if iscoroutinefunction(get_response):

        async def middleware(request):
            log.append("both in async")
            return await get_response(request)

    else:

        def middleware(request):
            log.append("both in sync")
            return get_response(request)

    return middleware


class HooksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        constructed.append("hooks")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        log.append(f"process_view {view_func.__name__}")
        if request.GET.get("short") == "view":
            return HttpResponse("short-circuit by process_view")
        return None

    def process_exception(self, request, exception):
        log.append(f"process_exception {type(exception).__name__}")
        if request.GET.get("handle") == "1":
            return HttpResponse(f"handled {exception}", status=418)
        return None

    def process_template_response(self, request, response):
        log.append("process_template_response")
        response["X-Template-Hook"] = "1"
        return response


class NotUsedMiddleware:
    def __init__(self, get_response):
        constructed.append("not used")
        raise MiddlewareNotUsed("switched off")


class ReturnsNoneFactory:
    def __new__(cls, get_response):
        return None


class NeitherMiddleware:
    sync_capable = False
    async_capable = False

    def __init__(self, get_response):
        pass


class AsyncClassMiddleware:
    sync_capable = False
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request):
        log.append("async class")
        return await self.get_response(request)


class SetUrlconf:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.urlconf = "tests.core.handlers.urls"
        return self.get_response(request)


class ThreadLogMiddleware:
    """Sync-only: records the thread its code runs in for each request (see views.sync_thread)."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from tests.core.handlers import views

        tag = request.GET.get("tag", "?")
        views.thread_log.setdefault(tag, {})["middleware"] = threading.get_ident()
        return self.get_response(request)
