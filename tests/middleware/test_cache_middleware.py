"""The per-site cache (UpdateCacheMiddleware + FetchFromCacheMiddleware), CacheMiddleware and cache_page."""

from __future__ import annotations

import uuid

import pytest

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.cache import CacheMiddleware, FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.test import RequestFactory
from django.test.utils import override_settings
from django.views.decorators.cache import cache_page

factory = RequestFactory()


@pytest.fixture(autouse=True)
def fresh_cache():
    with override_settings(CACHE_MIDDLEWARE_KEY_PREFIX=uuid.uuid4().hex, CACHE_MIDDLEWARE_SECONDS=30):
        cache.clear()
        yield
        cache.clear()


class CountingView:
    """A view that answers with how many times it ran (plus whatever headers the test wants)."""

    def __init__(self, status=200, headers=None, cookie=False):
        self.calls = 0
        self.status, self.headers, self.cookie = status, headers or {}, cookie

    def __call__(self, request, *args, **kwargs):
        self.calls += 1
        response = HttpResponse(f"call {self.calls}", status=self.status, headers=self.headers)
        if self.cookie:
            response.set_cookie("c", "v")
        return response


def site_cache(view):
    """The documented order: Update first (outermost), Fetch last (innermost)."""
    return UpdateCacheMiddleware(FetchFromCacheMiddleware(view))


def test_second_get_is_served_from_the_cache():
    view = CountingView()
    app = site_cache(view)
    first = app(factory.get("/page/"))
    second = app(factory.get("/page/"))
    assert first.content == second.content == b"call 1"
    assert view.calls == 1
    assert "max-age=30" in first["Cache-Control"] and first.has_header("Expires")


def test_query_string_and_path_are_part_of_the_key():
    view = CountingView()
    app = site_cache(view)
    app(factory.get("/page/"))
    assert app(factory.get("/page/?a=1")).content == b"call 2"
    assert app(factory.get("/other/")).content == b"call 3"
    assert app(factory.get("/page/?a=1")).content == b"call 2"


def test_head_is_served_from_the_cached_get():
    view = CountingView()
    app = site_cache(view)
    app(factory.get("/page/"))
    assert app(factory.head("/page/")).content == b"call 1"
    assert view.calls == 1


def test_post_is_never_cached_nor_answered_from_cache():
    view = CountingView()
    app = site_cache(view)
    app(factory.get("/page/"))
    assert app(factory.post("/page/")).content == b"call 2"
    assert app(factory.post("/page/")).content == b"call 3"


@pytest.mark.parametrize(
    "view",
    [
        CountingView(status=404),
        CountingView(status=500),
        CountingView(headers={"Cache-Control": "private"}),
        CountingView(headers={"Cache-Control": "max-age=0"}),
        CountingView(headers={"Vary": "Cookie"}, cookie=True),
    ],
    ids=["404", "500", "private", "max-age-0", "sets-cookie-varies-on-cookie"],
)
def test_uncacheable_responses_are_not_stored(view):
    app = site_cache(view)
    app(factory.get("/page/"))
    app(factory.get("/page/"))
    assert view.calls == 2


def test_max_age_of_the_response_is_the_cache_timeout():
    view = CountingView(headers={"Cache-Control": "max-age=5"})
    app = site_cache(view)
    response = app(factory.get("/page/"))
    assert response["Cache-Control"] == "max-age=5"
    assert app(factory.get("/page/")).content == b"call 1"


def test_vary_headers_split_the_cache():
    view = CountingView(headers={"Vary": "X-Flavour"})
    app = site_cache(view)
    assert app(factory.get("/p/", headers={"X-Flavour": "a"})).content == b"call 1"
    assert app(factory.get("/p/", headers={"X-Flavour": "b"})).content == b"call 2"
    assert app(factory.get("/p/", headers={"X-Flavour": "a"})).content == b"call 1"


def test_cached_response_reports_its_age():
    app = site_cache(CountingView())
    app(factory.get("/page/"))
    cached = app(factory.get("/page/"))
    assert cached.has_header("Age") and int(cached["Age"]) >= 0


def test_streaming_responses_are_not_cached():
    from django.http import StreamingHttpResponse

    calls = []

    def view(request):
        calls.append(1)
        return StreamingHttpResponse(iter([b"a", b"b"]))

    app = site_cache(view)
    app(factory.get("/s/"))
    app(factory.get("/s/"))
    assert len(calls) == 2


def test_template_response_is_cached_after_rendering():
    from django.template import engines
    from django.template.response import TemplateResponse

    with override_settings(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}]):
        calls = []

        def view(request):
            calls.append(1)
            template = engines["django"].from_string("rendered {{ n }}")
            return TemplateResponse(request, template, {"n": len(calls)})

        app = site_cache(view)
        first = app(factory.get("/t/"))
        first.render()
        second = app(factory.get("/t/"))
        assert second.content == b"rendered 1" and len(calls) == 1


def test_cache_middleware_timeout_and_prefix_arguments():
    view = CountingView()
    app = CacheMiddleware(view, page_timeout=12, key_prefix="custom")
    response = app(factory.get("/page/"))
    assert "max-age=12" in response["Cache-Control"]
    assert app(factory.get("/page/")).content == b"call 1"
    other_prefix = CacheMiddleware(view, page_timeout=12, key_prefix="different")
    assert other_prefix(factory.get("/page/")).content == b"call 2"


def test_cache_page_decorator():
    view = CountingView()
    cached = cache_page(60)(view)
    assert cached(factory.get("/v/")).content == b"call 1"
    assert cached(factory.get("/v/")).content == b"call 1"
    assert "max-age=60" in cached(factory.get("/v/"))["Cache-Control"]


def test_cache_page_with_key_prefix_and_alias():
    view = CountingView()
    a = cache_page(60, key_prefix="a", cache="default")(view)
    b = cache_page(60, key_prefix="b")(view)
    assert a(factory.get("/v/")).content == b"call 1"
    assert b(factory.get("/v/")).content == b"call 2"
    assert a(factory.get("/v/")).content == b"call 1"


def test_cache_page_timeout_zero_does_not_store():
    view = CountingView()
    cached = cache_page(0)(view)
    cached(factory.get("/v/"))
    cached(factory.get("/v/"))
    assert view.calls == 2


def test_get_cache_key_and_learn_cache_key_agree():
    from django.utils.cache import get_cache_key, learn_cache_key

    request = factory.get("/k/")
    assert get_cache_key(request) is None
    response = HttpResponse("x", headers={"Vary": "Accept-Encoding"})
    key = learn_cache_key(request, response)
    assert get_cache_key(request) == key
    assert get_cache_key(factory.get("/k/", headers={"Accept-Encoding": "gzip"})) != key


def test_async_view_through_the_cache_middleware():
    """The middleware pair also serves async requests from the cache."""
    from asgiref.sync import async_to_sync

    from django.test import AsyncRequestFactory

    calls = []

    async def view(request):
        calls.append(1)
        return HttpResponse(f"async {len(calls)}")

    app = site_cache(view)
    afactory = AsyncRequestFactory()

    async def scenario():
        first = await app(afactory.get("/a/"))
        second = await app(afactory.get("/a/"))
        return first.content, second.content

    assert async_to_sync(scenario)() == (b"async 1", b"async 1")
    assert len(calls) == 1


def dead_redis_cache():
    import socket

    from django.core.cache.backends.redis import RedisCache

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return RedisCache(f"redis://127.0.0.1:{port}/0", {})


def cached_view(request):
    return HttpResponse("fresh")


def test_unreachable_page_cache_gives_a_server_error_response_not_a_crash():
    """Cache calls raise when Redis is down; the handler still answers (500), the client gets a response."""
    import redis

    from django.core.cache import caches
    from django.test import Client
    from django.urls import path

    caches["page_cache_down"] = dead_redis_cache()
    urlconf = types_module("cache_down_urls", [path("page/", cached_view)])
    try:
        with override_settings(
            ROOT_URLCONF=urlconf,
            CACHE_MIDDLEWARE_ALIAS="page_cache_down",
            MIDDLEWARE=[
                "django.middleware.cache.UpdateCacheMiddleware",
                "django.middleware.cache.FetchFromCacheMiddleware",
            ],
        ):
            with pytest.raises(redis.ConnectionError):
                Client().get("/page/")
            assert Client(raise_request_exception=False).get("/page/").status_code == 500
    finally:
        del caches["page_cache_down"]


def types_module(name, urlpatterns):
    import sys
    import types

    module = types.ModuleType(f"tests.middleware._{name}")
    module.urlpatterns = urlpatterns
    sys.modules[module.__name__] = module
    return module.__name__
