"""ASGIHandler driven with hand-made scopes: lifespan, bodies, streaming, disconnects, bad input."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync

from django.core.asgi import get_asgi_application
from django.core.handlers.asgi import ASGIHandler, ASGIRequest
from django.core.signals import request_finished, request_started
from django.test import override_settings
from tests.core.handlers import views
from tests.http.factories import asgi_response, call_asgi, make_scope, multipart_body

URLS = "tests.core.handlers.urls"
pytestmark = pytest.mark.usefixtures("_urls")


@pytest.fixture
def _urls():
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[]):
        yield


def run(scope, body_chunks=(), **kwargs):
    messages = async_to_sync(call_asgi)(ASGIHandler(), scope, list(body_chunks), **kwargs)
    return asgi_response(messages) if messages else None


def test_sync_and_async_views():
    assert run(make_scope(path="/hello/", query=b"q=x"))[2] == b"hello GET x"
    status, headers, body = run(make_scope(path="/async/"))
    assert status == 200 and body == b"async hello"
    assert headers[b"Content-Type"] == b"text/html; charset=utf-8"


def test_body_in_several_chunks_and_post_parsing():
    scope = make_scope(
        "POST",
        "/post/",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", b"7"),
        ],
    )
    assert run(scope, [b"a=1", b"&b=2"])[2] == b"[('a', '1'), ('b', '2')] {}"


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=50)
def test_large_body_spools_to_disk_and_multipart_still_parses():
    payload = b"z" * 5000
    body = multipart_body([("k", "v")], [("f", "a.txt", payload, "text/plain")])
    scope = make_scope(
        "POST",
        "/post/",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"multipart/form-data; boundary=BoUnDaRy"),
            (b"content-length", str(len(body)).encode()),
        ],
    )
    chunks = [body[i : i + 1000] for i in range(0, len(body), 1000)]
    status, _, out = run(scope, chunks)
    assert status == 200 and out.startswith(b"[('k', 'v')] {'f': 'zzz")


def test_sync_streaming_response_is_sent_in_parts():
    messages = async_to_sync(call_asgi)(ASGIHandler(), make_scope(path="/stream/"))
    bodies = [m["body"] for m in messages[1:] if m["body"]]
    assert bodies == [b"chunk0;", b"chunk1;", b"chunk2;"]
    assert messages[-1] == {"type": "http.response.body", "body": b"", "more_body": False}


def test_async_streaming_response():
    status, _, body = run(make_scope(path="/async-stream/"))
    assert body == b"a0;a1;a2;"


def test_big_response_is_chunked():
    messages = async_to_sync(call_asgi)(ASGIHandler(), make_scope(path="/big/"))
    body_messages = messages[1:]
    assert len(body_messages) == 4  # 200_000 bytes in 64 KiB chunks
    assert all(m["more_body"] for m in body_messages[:-1]) and not body_messages[-1]["more_body"]
    assert sum(len(m["body"]) for m in body_messages) == 200_000


def test_cookies_sent():
    from django.http import HttpResponse

    handler = ASGIHandler()

    async def chain(request):
        response = HttpResponse("x")
        response.set_cookie("k", "v", samesite="Lax")
        return response

    handler._middleware_chain = chain
    messages = async_to_sync(call_asgi)(handler, make_scope(path="/hello/"))
    assert (b"Set-Cookie", b"k=v; Path=/; SameSite=Lax") in messages[0]["headers"]


def test_exceptions_map_to_statuses():
    assert run(make_scope(path="/404/"))[0] == 404
    assert run(make_scope(path="/403/"))[0] == 403
    assert run(make_scope(path="/500/"))[0] == 500


def test_client_disconnect_cancels_async_view():
    async def scenario():
        inbound: asyncio.Queue = asyncio.Queue()
        await inbound.put({"type": "http.request", "body": b"", "more_body": False})
        sent = []

        async def receive():
            return await inbound.get()

        async def send(message):
            sent.append(message)

        task = asyncio.create_task(ASGIHandler()(make_scope(path="/slow/"), receive, send))
        for _ in range(100):
            await asyncio.sleep(0.01)
            if views.events:
                break
        await inbound.put({"type": "http.disconnect"})
        await asyncio.wait_for(task, timeout=5)
        return sent

    sent = async_to_sync(scenario)()
    assert sent == []
    assert views.events == ["slow started", "slow cancelled"]


def test_disconnect_while_reading_body_sends_nothing():
    async def only_disconnect():
        sent = []

        async def receive():
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        await ASGIHandler()(make_scope("POST", "/post/"), receive, send)
        return sent

    assert async_to_sync(only_disconnect)() == []


def test_lifespan_is_answered():
    async def scenario():
        inbound = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
        sent = []

        async def receive():
            return inbound.pop(0)

        async def send(message):
            sent.append(message["type"])

        await ASGIHandler()({"type": "lifespan"}, receive, send)
        return sent

    assert async_to_sync(scenario)() == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_websocket_scope_is_refused():
    async def scenario():
        await ASGIHandler()({"type": "websocket"}, None, None)

    with pytest.raises(ValueError, match="only handle ASGI/HTTP"):
        async_to_sync(scenario)()


def test_signals_sent():
    events = []

    def started(sender, **kwargs):
        events.append(("started", sender))

    def finished(sender, **kwargs):
        events.append(("finished", sender))

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        run(make_scope(path="/hello/"))
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert events == [("started", ASGIHandler), ("finished", ASGIHandler)]


def test_request_meta_from_scope():
    scope = make_scope(
        "POST",
        "/app/page/",
        query=b"a=1",
        headers=[
            (b"host", b"example.com"),
            (b"x-multi", b"1"),
            (b"x-multi", b"2"),
            (b"cookie", b"a=1"),
            (b"cookie", b"b=2"),
            (b"content-type", b"text/plain; charset=latin-1"),
        ],
        root_path="/app",
    )
    import io

    request = ASGIRequest(scope, io.BytesIO(b""))
    assert request.path == "/app/page/" and request.path_info == "/page/"
    assert request.META["HTTP_X_MULTI"] == "1,2"
    assert request.COOKIES == {"a": "1", "b": "2"}
    assert request.META["REMOTE_ADDR"] == "127.0.0.1" and request.META["SERVER_PORT"] == "80"
    assert request.GET["a"] == "1" and request.encoding == "latin-1"
    assert request.get_host() == "example.com"


def test_get_asgi_application():
    assert isinstance(get_asgi_application(), ASGIHandler)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", [b"evil.com", b"bad host", b"x" * 1000])
def test_bad_host_is_400(host):
    assert run(make_scope(path="/host/", headers=[(b"host", host)]))[0] == 400


def test_non_utf8_query_and_cookie():
    scope = make_scope(
        path="/hello/", query=b"q=\xff", headers=[(b"host", b"testserver"), (b"cookie", b"c=\xff\xfe")]
    )
    assert run(scope)[0] == 200


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10)
def test_body_over_limit_is_400():
    scope = make_scope(
        "POST",
        "/body/",
        headers=[(b"host", b"testserver"), (b"content-type", b"text/plain"), (b"content-length", b"50")],
    )
    assert run(scope, [b"x" * 50])[0] == 400


def test_truncated_multipart_is_400():
    body = multipart_body([("k", "v")])[:-8]
    scope = make_scope(
        "POST",
        "/post/",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"multipart/form-data; boundary=BoUnDaRy"),
            (b"content-length", str(len(body)).encode()),
        ],
    )
    assert run(scope, [body])[0] == 400


def test_malformed_scope_is_400():
    scope = make_scope(path="/hello/")
    del scope["method"]
    assert run(scope)[0] == 400


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_body_without_content_length_is_still_limited():
    scope = make_scope("POST", "/body/", headers=[(b"host", b"testserver"), (b"content-type", b"text/plain")])
    assert run(scope, [b"x" * 60, b"y" * 60])[0] == 400
    assert run(scope, [b"x" * 60, b"y" * 40])[2] == b"x" * 60 + b"y" * 40


def test_sync_view_does_not_block_the_event_loop():
    """A blocked sync view runs in a thread: an async request is served meanwhile and unblocks it."""
    views.gate.clear()
    handler = ASGIHandler()

    async def both():
        waiting = asyncio.create_task(call_asgi(handler, make_scope(path="/gate/wait/")))
        await asyncio.sleep(0)
        opener = await call_asgi(handler, make_scope(path="/gate/open/"))
        return asgi_response(await waiting), asgi_response(opener)

    waited, opened = async_to_sync(both)()
    assert opened[2] == b"opened"
    assert waited[2] == b"gate opened: True"
