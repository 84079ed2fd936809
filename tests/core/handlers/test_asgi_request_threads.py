"""ASGI: each request's sync code runs in one thread, lent from a pool of idle request threads
(no new thread per request), and never shared by two requests at once."""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync

from django.core.handlers import asgi as asgi_module
from django.core.handlers.asgi import ASGIHandler
from django.test import override_settings
from tests.core.handlers import views
from tests.http.factories import asgi_response, call_asgi, make_scope

URLS = "tests.core.handlers.urls"
MIDDLEWARE = ["tests.core.handlers.middleware.ThreadLogMiddleware"]

pytestmark = pytest.mark.skipif(
    not asgi_module._POOLED_THREADS, reason="this asgiref cannot lend an executor to a context"
)


@pytest.fixture(autouse=True)
def _setup():
    views.thread_log.clear()
    views.gate.clear()
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=MIDDLEWARE):
        yield
    views.gate.clear()


def request(handler, tag, wait=False):
    query = f"tag={tag}" + ("&wait=1" if wait else "")
    return asgi_response(async_to_sync(call_asgi)(handler, make_scope(path="/sync-thread/", query=query), []))


def test_sync_middleware_and_view_of_a_request_share_one_thread():
    handler = ASGIHandler()
    for tag in ("a", "b", "c"):
        assert request(handler, tag)[2] == tag.encode()
        seen = views.thread_log[tag]
        assert seen["middleware"] == seen["view"] != threading.get_ident()


def test_sequential_requests_reuse_an_idle_request_thread():
    handler = ASGIHandler()
    for tag in range(5):
        request(handler, str(tag))
    threads = {views.thread_log[str(tag)]["view"] for tag in range(5)}
    assert len(threads) == 1  # one thread lent again and again, not one per request


def test_concurrent_requests_get_different_threads():
    handler = ASGIHandler()

    async def scenario():
        waiting = asyncio.ensure_future(
            call_asgi(handler, make_scope(path="/sync-thread/", query="tag=waiting&wait=1"), [])
        )
        for _ in range(500):  # until the first request's view is blocked in its thread
            if "waiting" in views.thread_log:
                break
            await asyncio.sleep(0.01)
        # The first request holds its thread: this one must run elsewhere, not queue behind it.
        quick = await asyncio.wait_for(
            call_asgi(handler, make_scope(path="/sync-thread/", query="tag=quick"), []), timeout=5
        )
        views.gate.set()
        return quick, await asyncio.wait_for(waiting, timeout=10)

    quick, waiting = async_to_sync(scenario)()
    assert asgi_response(quick)[2] == b"quick" and asgi_response(waiting)[2] == b"waiting"
    assert views.thread_log["quick"]["view"] != views.thread_log["waiting"]["view"]


def test_a_busy_thread_is_not_lent_again():
    pool = asgi_module._RequestExecutorPool(keep=4)
    executor = pool.lend()
    release = threading.Event()
    executor.submit(release.wait, 10)
    pool.give_back(executor)  # still running the abandoned call: shut down, not pooled
    assert pool.lend() is not executor
    release.set()
    idle = pool.lend()
    idle.submit(lambda: None).result(timeout=5)
    pool.give_back(idle)
    again = pool.lend()
    assert again is idle and not again.used


def test_async_view_does_not_use_the_request_thread():
    pool = asgi_module._request_executors
    handler = ASGIHandler()
    with override_settings(MIDDLEWARE=[]):
        handler = ASGIHandler()
        lent = []
        original = pool.lend

        def spy():
            executor = original()
            lent.append(executor)
            return executor

        pool.lend = spy
        try:
            status, _, body = asgi_response(async_to_sync(call_asgi)(handler, make_scope(path="/async/"), []))
        finally:
            del pool.lend
    assert status == 200 and body == b"async hello"
    assert len(lent) == 1 and not lent[0].used


def test_client_disconnect_during_a_sync_view_sends_nothing():
    handler = ASGIHandler()

    async def scenario():
        inbound: asyncio.Queue = asyncio.Queue()
        await inbound.put({"type": "http.request", "body": b"", "more_body": False})
        sent = []

        async def receive():
            return await inbound.get()

        async def send(message):
            sent.append(message)

        scope = make_scope(path="/sync-thread/", query="tag=gone&wait=1")
        task = asyncio.ensure_future(handler(scope, receive, send))
        for _ in range(500):
            if "gone" in views.thread_log:
                break
            await asyncio.sleep(0.01)
        await inbound.put({"type": "http.disconnect"})
        await asyncio.wait_for(task, timeout=5)  # returns although the view's thread still waits
        views.gate.set()
        return sent

    assert async_to_sync(scenario)() == []
