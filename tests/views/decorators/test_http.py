"""require_http_methods & co., condition/etag/last_modified."""

from __future__ import annotations

import datetime

from asgiref.sync import async_to_sync, iscoroutinefunction

from django.http import HttpResponse
from django.views.decorators.http import (
    condition,
    etag,
    last_modified,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)
from tests.http.factories import wsgi_request


def view(request):
    return HttpResponse("ok")


async def async_view(request):
    return HttpResponse("async ok")


def test_require_http_methods():
    wrapped = require_http_methods(["GET", "PUT"])(view)
    assert wrapped(wsgi_request("PUT")).status_code == 200
    response = wrapped(wsgi_request("POST"))
    assert response.status_code == 405 and response["Allow"] == "GET, PUT"
    assert wrapped.__name__ == "view"


def test_shortcuts():
    assert require_GET(view)(wsgi_request("POST")).status_code == 405
    assert require_POST(view)(wsgi_request("POST")).status_code == 200
    assert require_safe(view)(wsgi_request("HEAD")).status_code == 200
    assert require_safe(view)(wsgi_request("DELETE")).status_code == 405


def test_async_view_stays_async():
    wrapped = require_GET(async_view)
    assert iscoroutinefunction(wrapped)
    assert async_to_sync(wrapped)(wsgi_request()).content == b"async ok"
    assert async_to_sync(wrapped)(wsgi_request("POST")).status_code == 405


LAST = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.UTC)


def test_etag_decorator():
    calls = []

    @etag(lambda request: "v1")
    def v(request):
        calls.append(1)
        return HttpResponse("body")

    first = v(wsgi_request())
    assert first["ETag"] == '"v1"' and calls == [1]
    second = v(wsgi_request(headers={"If-None-Match": '"v1"'}))
    assert second.status_code == 304 and calls == [1]  # view not run
    assert v(wsgi_request("PUT", headers={"If-Match": '"v0"'})).status_code == 412


def test_last_modified_decorator():
    @last_modified(lambda request: LAST)
    def v(request):
        return HttpResponse("body")

    assert v(wsgi_request())["Last-Modified"] == "Mon, 01 Jan 2024 12:00:00 GMT"
    assert v(wsgi_request(headers={"If-Modified-Since": "Mon, 01 Jan 2024 12:00:00 GMT"})).status_code == 304
    assert v(wsgi_request(headers={"If-Modified-Since": "Sun, 31 Dec 2023 12:00:00 GMT"})).status_code == 200


def test_naive_last_modified_is_utc_and_none_means_unknown():
    @condition(last_modified_func=lambda request: None, etag_func=lambda request: None)
    def v(request):
        return HttpResponse("body")

    response = v(wsgi_request(headers={"If-None-Match": "*"}))
    assert response.status_code == 200 and "ETag" not in response

    @last_modified(lambda request: LAST.replace(tzinfo=None))
    def naive(request):
        return HttpResponse("body")

    assert naive(wsgi_request())["Last-Modified"] == "Mon, 01 Jan 2024 12:00:00 GMT"


def test_condition_on_async_view():
    wrapped = condition(etag_func=lambda request: "x")(async_view)
    assert iscoroutinefunction(wrapped)
    assert async_to_sync(wrapped)(wsgi_request(headers={"If-None-Match": '"x"'})).status_code == 304


def test_validators_not_added_to_unsafe_method_responses():
    @etag(lambda request: "v1")
    def v(request):
        return HttpResponse("body")

    assert "ETag" not in v(wsgi_request("POST"))


def test_conditional_page():
    from django.views.decorators.http import conditional_page

    wrapped = conditional_page(view)
    etag = wrapped(wsgi_request())["ETag"]
    assert wrapped(wsgi_request(headers={"If-None-Match": etag})).status_code == 304
