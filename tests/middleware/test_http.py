"""ConditionalGetMiddleware: ETags, Last-Modified, 304 and 412."""

from __future__ import annotations

from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.http import http_date
from tests.http.factories import wsgi_request

LAST_MODIFIED = http_date(1_700_000_000)


def run(response, method="GET", headers=None):
    return ConditionalGetMiddleware(lambda r: response)(wsgi_request(method, headers=headers or {}))


def test_etag_added_and_304_on_match():
    response = run(HttpResponse("content"))
    etag = response["ETag"]
    assert etag.startswith('"')
    assert run(HttpResponse("content"), headers={"If-None-Match": etag}).status_code == 304
    assert run(HttpResponse("content"), headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    assert run(HttpResponse("content"), headers={"If-None-Match": '"other"'}).status_code == 200


def test_304_keeps_validators_and_cookies():
    original = HttpResponse("c", headers={"Cache-Control": "max-age=10", "Vary": "Cookie"})
    original.set_cookie("k", "v")
    etag = run(HttpResponse("c"))["ETag"]
    response = run(original, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["Cache-Control"] == "max-age=10"
    assert response["Vary"] == "Cookie" and "k" in response.cookies
    assert response.content == b""


def test_no_store_gets_no_etag():
    assert "ETag" not in run(HttpResponse("c", headers={"Cache-Control": "private, no-store"}))


def test_last_modified():
    headers = {"If-Modified-Since": LAST_MODIFIED}
    resp = HttpResponse("c", headers={"Last-Modified": LAST_MODIFIED, "Cache-Control": "no-store"})
    assert run(resp, headers=headers).status_code == 304
    older = http_date(1_600_000_000)
    resp = HttpResponse("c", headers={"Last-Modified": LAST_MODIFIED, "Cache-Control": "no-store"})
    assert run(resp, headers={"If-Modified-Since": older}).status_code == 200


def test_if_match_failure_is_412():
    assert run(HttpResponse("c"), headers={"If-Match": '"nope"'}).status_code == 412
    etag = run(HttpResponse("c"))["ETag"]
    assert run(HttpResponse("c"), headers={"If-Match": etag}).status_code == 200


def test_if_unmodified_since_failure_is_412():
    resp = HttpResponse("c", headers={"Last-Modified": LAST_MODIFIED, "Cache-Control": "no-store"})
    assert run(resp, headers={"If-Unmodified-Since": http_date(1_600_000_000)}).status_code == 412


def test_only_get_and_successful_responses():
    etag = run(HttpResponse("c"))["ETag"]
    assert run(HttpResponse("c"), method="HEAD", headers={"If-None-Match": etag}).status_code == 200
    assert run(HttpResponse("c", status=404), headers={"If-None-Match": etag}).status_code == 404


def test_garbage_dates_are_ignored():
    resp = HttpResponse("c", headers={"Last-Modified": LAST_MODIFIED, "Cache-Control": "no-store"})
    assert run(resp, headers={"If-Modified-Since": "not a date"}).status_code == 200
