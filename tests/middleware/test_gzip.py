"""GZipMiddleware: when it compresses, headers it sets, BREACH-style length variation."""

from __future__ import annotations

import gzip

from asgiref.sync import async_to_sync

from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from tests.http.factories import wsgi_request

TEXT = b"A compressible sentence repeated many times. " * 50


def run(response, accept="gzip, deflate"):
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    return GZipMiddleware(lambda r: response)(wsgi_request(headers=headers))


def test_compresses_and_sets_headers():
    response = run(HttpResponse(TEXT, headers={"ETag": '"abc"'}))
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == TEXT
    assert response["Content-Length"] == str(len(response.content))
    assert response["Vary"] == "Accept-Encoding"
    assert response["ETag"] == 'W/"abc"'


def test_client_without_gzip_gets_plain_but_vary():
    response = run(HttpResponse(TEXT), accept="identity")
    assert response.content == TEXT and response["Vary"] == "Accept-Encoding"
    assert "Content-Encoding" not in response


def test_short_or_already_encoded_responses_untouched():
    assert "Content-Encoding" not in run(HttpResponse(b"short"))
    encoded = HttpResponse(TEXT, headers={"Content-Encoding": "br"})
    assert run(encoded).content == TEXT


def test_incompressible_content_is_left_alone():
    import os

    data = os.urandom(1000)
    assert run(HttpResponse(data)).content == data


def test_compressed_size_varies_between_responses():
    sizes = {len(run(HttpResponse(TEXT)).content) for _ in range(20)}
    assert len(sizes) > 1


def test_streaming_sync_and_async():
    response = run(StreamingHttpResponse(iter([TEXT[:100], TEXT[100:]])))
    assert gzip.decompress(b"".join(response)) == TEXT
    assert "Content-Length" not in response

    async def gen():
        yield TEXT[:100]
        yield TEXT[100:]

    response = run(StreamingHttpResponse(gen()))

    async def collect():
        return b"".join([part async for part in response])

    assert gzip.decompress(async_to_sync(collect)()) == TEXT


def test_async_stream_is_compressed_incrementally():
    import zlib

    seen = []

    async def gen():
        for i in range(3):
            seen.append(i)
            yield TEXT

    response = run(StreamingHttpResponse(gen()))

    async def first_two():
        iterator = response.__aiter__()
        header = await iterator.__anext__()
        first = await iterator.__anext__()
        rest = [part async for part in iterator]
        return header, first, rest

    header, first, rest = async_to_sync(first_two)()
    assert header.startswith(b"\x1f\x8b") and first  # data flows before the source is exhausted
    body = header + first + b"".join(rest)
    assert gzip.decompress(body) == TEXT * 3 and seen == [0, 1, 2]
    assert zlib.decompress(body, 31) == TEXT * 3
