"""RedisCache specifics against a real server: native integers, replicas, options, a server going away."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid

import pytest

from tests.core.cache.conftest import REDIS_URL, require_redis

pytestmark = pytest.mark.usefixtures("redis_required")


@pytest.fixture
def redis_required():
    require_redis()


@pytest.fixture
def cache():
    from django.core.cache.backends.redis import RedisCache

    c = RedisCache(REDIS_URL, {"KEY_PREFIX": uuid.uuid4().hex})
    yield c
    c.clear()


def raw_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def test_integers_are_native_redis_integers(cache):
    cache.set("n", 41)
    assert raw_client().get(cache.make_key("n")) == b"41"
    assert cache.incr("n") == 42
    cache.set("flag", True)
    assert cache.get("flag") is True  # bools are pickled, not turned into 1


def test_timeouts_become_redis_ttls(cache):
    cache.set("a", 1, timeout=100)
    cache.set("b", 1, timeout=None)
    client = raw_client()
    assert 0 < client.ttl(cache.make_key("a")) <= 100
    assert client.ttl(cache.make_key("b")) == -1
    cache.touch("a", None)
    assert client.ttl(cache.make_key("a")) == -1


def test_location_list_writes_to_the_first_server(cache):
    from django.core.cache.backends.redis import RedisCache

    replicated = RedisCache([REDIS_URL, REDIS_URL], {"KEY_PREFIX": cache.key_prefix})
    replicated.set("r", "v")
    assert replicated.get("r") == "v"
    assert replicated._cache._get_connection_pool_index(write=True) == 0
    assert replicated._cache._get_connection_pool_index(write=False) == 1
    semicolons = RedisCache(f"{REDIS_URL};{REDIS_URL}", {})
    assert semicolons._servers == [REDIS_URL, REDIS_URL]


def test_options_reach_the_connection_pool(cache):
    from django.core.cache.backends.redis import RedisCache

    other_db = RedisCache("redis://127.0.0.1:6379", {"OPTIONS": {"db": 15}, "KEY_PREFIX": cache.key_prefix})
    other_db.set("where", 1)
    try:
        assert cache.get("where") is None  # a different Redis database
        assert other_db.get("where") == 1
    finally:
        other_db.delete("where")


def test_custom_serializer_option(cache):
    from django.core.cache.backends.redis import RedisCache

    class JSONSerializer:
        def dumps(self, obj):
            import json

            return json.dumps(obj)

        def loads(self, data):
            import json

            return json.loads(data)

    json_cache = RedisCache(
        REDIS_URL, {"OPTIONS": {"serializer": JSONSerializer}, "KEY_PREFIX": cache.key_prefix}
    )
    json_cache.set("j", {"a": [1, 2]})
    assert raw_client().get(json_cache.make_key("j")) == b'{"a": [1, 2]}'
    assert json_cache.get("j") == {"a": [1, 2]}


def test_unreachable_server_raises_connection_error():
    import redis

    from django.core.cache.backends.redis import RedisCache

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dead = RedisCache(f"redis://127.0.0.1:{port}/0", {})
    with pytest.raises(redis.ConnectionError):
        dead.get("a")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server binary not installed")
def test_server_stopping_mid_use_makes_calls_raise(tmp_path):
    """A server that goes away turns the next call into redis.ConnectionError, not a hang."""
    import redis

    from django.core.cache.backends.redis import RedisCache

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        cache = RedisCache(f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_timeout": 2}})
        for _ in range(100):
            try:
                cache.set("a", 1)
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        assert cache.get("a") == 1
    finally:
        server.terminate()
        server.wait(10)
    with pytest.raises(redis.ConnectionError):
        cache.get("a")


def cached_counter_view():
    """A cache_page view counting its real renders (built per test so the counter starts at zero)."""
    from django.http import HttpResponse
    from django.views.decorators.cache import cache_page

    renders = []

    @cache_page(60)
    def view(request):
        renders.append(1)
        return HttpResponse(f"render {len(renders)}")

    return view


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server binary not installed")
def test_a_request_still_answers_when_redis_stops(tmp_path):
    """cache_page on a Redis cache: served from the cache while the server runs; once it stops the
    request answers with a 500 page (the error logged), not a hang or a dropped connection; after a
    restart on the same port the view is cached again."""
    import logging

    from django.test import Client, override_settings
    from django.urls import path

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def start():
        server = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return server
            time.sleep(0.05)
        server.kill()
        pytest.fail("redis-server did not start")

    view = cached_counter_view()
    urlconf = type("URLConf", (), {"urlpatterns": [path("counted/", view)]})
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
    }
    server = start()
    try:
        with override_settings(CACHES=caches, ROOT_URLCONF=urlconf, MIDDLEWARE=[]):
            client = Client(raise_request_exception=False)
            assert client.get("/counted/").content == b"render 1"
            assert client.get("/counted/").content == b"render 1"  # from Redis
            server.kill()
            server.wait(10)
            logger = logging.getLogger("django.request")
            records = []
            handler = logging.Handler()
            handler.emit = records.append
            logger.addHandler(handler)
            try:
                started = time.monotonic()
                down = client.get("/counted/")
            finally:
                logger.removeHandler(handler)
            assert down.status_code == 500 and time.monotonic() - started < 10
            assert any("ConnectionError" in repr(r.exc_info) for r in records)
            server = start()
            assert client.get("/counted/").content == b"render 2"  # an empty cache: rendered again
            assert client.get("/counted/").content == b"render 2"
    finally:
        server.kill()
        server.wait(10)
