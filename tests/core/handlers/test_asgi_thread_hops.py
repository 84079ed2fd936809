"""ASGIHandler runs async-capable work on the event loop and hops to a thread only when needed.

The requests here run under asyncio.run (as under uvicorn), not async_to_sync: inside
async_to_sync, sync code has an outer thread already and the handler always hops to it.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.test import override_settings
from tests.http.factories import asgi_response, call_asgi, make_scope

pytestmark = pytest.mark.usefixtures("_urls")


@pytest.fixture
def _urls():
    with override_settings(ROOT_URLCONF="tests.core.handlers.urls", MIDDLEWARE=[]):
        yield


def serve(path: str):
    """Serve one request on a fresh event loop; return (loop thread id, (status, headers, body))."""

    async def main():
        messages = await call_asgi(ASGIHandler(), make_scope(path=path))
        return threading.get_ident(), asgi_response(messages)

    return asyncio.run(main())


def recorder(calls: list, label: str, **marks):
    def receiver(sender, **kwargs):
        calls.append((label, threading.get_ident()))

    for name, value in marks.items():
        setattr(receiver, name, value)
    return receiver


@pytest.fixture
def connected():
    """Connect receivers to request_started/finished with only them connected (other tests may
    have left receivers such as the cache closer, which need a thread)."""
    saved = {signal: signal.receivers for signal in (request_started, request_finished)}
    for signal in saved:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    kept = []  # receivers are held weakly by the signal

    def connect(signal, receiver):
        kept.append(receiver)
        signal.connect(receiver)

    yield connect
    for signal, receivers in saved.items():
        signal.receivers = receivers
        signal.sender_receivers_cache.clear()


def test_async_view_with_loop_safe_receivers_never_leaves_the_loop(connected):
    calls: list = []
    connected(request_started, recorder(calls, "started", loop_safe=True))
    connected(request_finished, recorder(calls, "finished", loop_safe=True))
    loop_thread, (status, _headers, body) = serve("/async/")
    assert (status, body) == (200, b"async hello")
    assert calls == [("started", loop_thread), ("finished", loop_thread)]


def test_a_plain_sync_receiver_still_runs_in_a_thread(connected):
    calls: list = []
    connected(request_started, recorder(calls, "started"))
    connected(request_finished, recorder(calls, "finished"))
    loop_thread, (status, _headers, _body) = serve("/async/")
    assert status == 200
    assert [label for label, _ in calls] == ["started", "finished"]
    assert all(ident != loop_thread for _, ident in calls)


def test_request_thread_only_receivers_run_where_the_sync_view_ran(connected):
    """Skipped while the request has no thread; after a sync view they run in its thread."""
    calls: list = []
    connected(request_started, recorder(calls, "started", request_thread_only=True))
    connected(request_finished, recorder(calls, "finished", request_thread_only=True))
    loop_thread, (status, _headers, body) = serve("/hello/")
    assert status == 200 and body.startswith(b"hello")
    assert [label for label, _ in calls] == ["finished"]
    assert calls[0][1] != loop_thread


def test_request_thread_only_receivers_are_skipped_for_an_async_view(connected):
    calls: list = []
    connected(request_finished, recorder(calls, "finished", request_thread_only=True))
    _loop_thread, (status, _headers, _body) = serve("/async/")
    assert status == 200 and calls == []
