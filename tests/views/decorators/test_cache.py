"""cache_control, never_cache, vary decorators and the django.utils.cache helpers they use."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync

from django.http import HttpResponse, StreamingHttpResponse
from django.test import override_settings
from django.utils.cache import (
    add_never_cache_headers,
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_response_headers,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.vary import vary_on_cookie, vary_on_headers
from tests.http.factories import wsgi_request


def view(request):
    return HttpResponse("ok")


class TestPatchCacheControl:
    def parsed(self, response):
        return {part.strip() for part in response["Cache-Control"].split(",")}

    def test_add_and_merge(self):
        r = HttpResponse(headers={"Cache-Control": "max-age=100, public"})
        patch_cache_control(r, max_age=50, must_revalidate=True)
        assert self.parsed(r) == {"max-age=50", "public", "must-revalidate"}

    def test_max_age_keeps_the_smaller(self):
        r = HttpResponse(headers={"Cache-Control": "max-age=10"})
        patch_cache_control(r, max_age=3600)
        assert get_max_age(r) == 10

    def test_private_and_public_exclude_each_other(self):
        r = HttpResponse(headers={"Cache-Control": "public"})
        patch_cache_control(r, private=True)
        assert self.parsed(r) == {"private"}
        patch_cache_control(r, public=True)
        assert self.parsed(r) == {"public"}

    def test_false_removes(self):
        r = HttpResponse(headers={"Cache-Control": "no-transform, max-age=1"})
        patch_cache_control(r, no_transform=False)
        assert self.parsed(r) == {"max-age=1"}

    def test_no_cache_field_names_accumulate(self):
        r = HttpResponse()
        patch_cache_control(r, no_cache="Set-Cookie")
        patch_cache_control(r, no_cache="X-Other")
        assert r["Cache-Control"] == 'no-cache="Set-Cookie, X-Other"'
        patch_cache_control(r, no_cache=True)
        assert r["Cache-Control"] == "no-cache"


def test_get_max_age():
    assert get_max_age(HttpResponse()) is None
    assert get_max_age(HttpResponse(headers={"Cache-Control": "max-age=abc"})) is None
    assert get_max_age(HttpResponse(headers={"Cache-Control": "public, max-age=30"})) == 30


def test_never_cache_headers():
    r = HttpResponse()
    add_never_cache_headers(r)
    assert {p.strip() for p in r["Cache-Control"].split(",")} == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }
    assert "Expires" in r


@override_settings(CACHE_MIDDLEWARE_SECONDS=42)
def test_patch_response_headers_default_timeout():
    r = HttpResponse()
    patch_response_headers(r)
    assert get_max_age(r) == 42 and "Expires" in r
    patch_response_headers(r, cache_timeout=-5)
    assert get_max_age(r) == 0


def test_patch_vary_headers():
    r = HttpResponse(headers={"Vary": "Cookie"})
    patch_vary_headers(r, ["accept-encoding", "COOKIE", "Accept-Encoding"])
    assert r["Vary"] == "Cookie, accept-encoding"
    assert has_vary_header(r, "Accept-Encoding") and not has_vary_header(r, "Accept")
    patch_vary_headers(r, ["*"])
    assert r["Vary"] == "*"
    assert not has_vary_header(HttpResponse(), "Cookie")


def test_set_response_etag_skips_streaming():
    r = set_response_etag(HttpResponse("x"))
    assert r["ETag"].startswith('"')
    assert "ETag" not in set_response_etag(StreamingHttpResponse(["x"]))


def test_cache_control_decorator():
    wrapped = cache_control(max_age=60, public=True)(view)
    assert {p.strip() for p in wrapped(wsgi_request())["Cache-Control"].split(",")} == {
        "max-age=60",
        "public",
    }


def test_cache_control_refuses_non_request():
    class V:
        @cache_control(private=True)
        def get(self, request):
            return HttpResponse()

    with pytest.raises(TypeError, match="method_decorator"):
        V().get(wsgi_request())


def test_cache_control_through_method_decorator():
    class V:
        @method_decorator(cache_control(private=True))
        def get(self, request):
            return HttpResponse()

    assert V().get(wsgi_request())["Cache-Control"] == "private"


def test_never_cache_sync_and_async():
    assert "no-store" in never_cache(view)(wsgi_request())["Cache-Control"]

    async def async_view(request):
        return HttpResponse()

    assert "no-store" in async_to_sync(never_cache(async_view))(wsgi_request())["Cache-Control"]


def test_vary_decorators():
    assert vary_on_headers("Accept", "X-Thing")(view)(wsgi_request())["Vary"] == "Accept, X-Thing"
    assert vary_on_cookie(view)(wsgi_request())["Vary"] == "Cookie"


class DictCache:
    """The two methods learn_cache_key/get_cache_key use, over a plain dict."""

    def __init__(self):
        self.data = {}

    def get(self, key, default=None):
        return self.data.get(key, default)

    def set(self, key, value, timeout=None):
        self.data[key] = value


@override_settings(USE_I18N=False, USE_TZ=False)
def test_learn_and_get_cache_key_follow_vary():
    from django.utils.cache import get_cache_key, learn_cache_key

    cache = DictCache()
    request = wsgi_request(path="/page/", headers={"Accept-Language": "fr", "Cookie": "a=1"})
    assert get_cache_key(request, cache=cache) is None
    response = HttpResponse(headers={"Vary": "Accept-Language, Cookie"})
    key = learn_cache_key(request, response, cache_timeout=60, key_prefix="p", cache=cache)
    assert key.startswith("views.decorators.cache.cache_page.p.GET.")
    assert get_cache_key(request, key_prefix="p", cache=cache) == key
    other_cookie = wsgi_request(path="/page/", headers={"Accept-Language": "fr", "Cookie": "a=2"})
    assert get_cache_key(other_cookie, key_prefix="p", cache=cache) != key
    other_page = wsgi_request(path="/other/")
    assert get_cache_key(other_page, key_prefix="p", cache=cache) is None
