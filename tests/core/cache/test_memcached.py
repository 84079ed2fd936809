"""Memcached backends: key/timeout/location handling without a server, then both clients (pymemcache
and pylibmc) against memcached servers the tests start: TCP, a unix socket, oversized values, a
server that stops, OPTIONS, and the CACHES setting with cache_page. The API shared with the other
backends runs in test_backends.py (the ``pymemcache``/``pylibmc`` parameters)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import types
import uuid

import pytest

from django.core.cache import InvalidCacheKey
from django.core.cache.backends.memcached import THIRTY_DAYS, BaseMemcachedCache
from tests.core.cache.conftest import _free_port, _wait_until_listening, unavailable

CLIENTS = ["pymemcache", "pylibmc"]
ONE_MB = 1024 * 1024


def offline(location="127.0.0.1:11211", **params) -> BaseMemcachedCache:
    """A backend whose client is never made (only key, timeout and location handling is used)."""
    library = types.SimpleNamespace(Client=object)
    return BaseMemcachedCache(location, params, library=library, value_not_found_exception=KeyError)


@pytest.mark.parametrize("key", ["has space", "ctl\x01", "x" * 251], ids=["space", "control", "too-long"])
def test_unsafe_keys_raise_instead_of_warning(key):
    with pytest.raises(InvalidCacheKey):
        offline().make_and_validate_key(key)


def test_timeouts_follow_memcached_conventions():
    cache = offline(TIMEOUT=60)
    assert cache.get_backend_timeout() == 60
    assert cache.get_backend_timeout(None) == 0  # never expires
    assert cache.get_backend_timeout(0) == -1  # gone at once
    assert cache.get_backend_timeout(-5) == -1
    long = cache.get_backend_timeout(THIRTY_DAYS + 10)
    assert abs(long - (time.time() + THIRTY_DAYS + 10)) < 5  # absolute past 30 days


def test_location_forms():
    assert offline("a:1;b:2").client_servers == ["a:1", "b:2"]
    assert offline("a:1,b:2").client_servers == ["a:1", "b:2"]
    assert offline(["a:1", "b:2"]).client_servers == ["a:1", "b:2"]


def backend_class(client: str):
    pytest.importorskip(client, reason=f"{client} is not installed (see the project's test extras)")
    from django.core.cache.backends import memcached

    return memcached.PyMemcacheCache if client == "pymemcache" else memcached.PyLibMCCache


@pytest.fixture(params=CLIENTS)
def mc(request, memcached_server):
    """A backend of each client on the shared test server, with a key prefix of its own."""
    cache = backend_class(request.param)(memcached_server, {"KEY_PREFIX": uuid.uuid4().hex})
    yield cache
    cache.close()


class Memcached:
    """A memcached process of the test's own (to stop it, or to listen on a unix socket)."""

    def __init__(self, *listen: str) -> None:
        binary = shutil.which("memcached")
        if binary is None:
            unavailable("no memcached binary to start (install the Debian package memcached)")
        self.process = subprocess.Popen(
            [binary, *listen, "-m", "16", "-t", "1", *(["-u", "root"] if os.geteuid() == 0 else [])],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # SIGTERM makes memcached linger for a second; the data is throwaway
            self.process.wait(timeout=10)


@pytest.fixture
def own_server():
    port = _free_port()
    server = Memcached("-l", "127.0.0.1", "-p", str(port), "-U", "0")
    if not _wait_until_listening(server.process, port):
        server.stop()
        unavailable(f"memcached did not start on port {port}")
    server.location = f"127.0.0.1:{port}"
    yield server
    server.stop()


def test_keys_memcached_cannot_store_raise_before_reaching_the_server(mc):
    for call in (
        lambda: mc.set("has space", 1),
        lambda: mc.get("x" * 300),
        lambda: mc.get_many(["ok", "b\x02"]),
    ):
        with pytest.raises(InvalidCacheKey):
            call()


def test_timeouts_past_thirty_days_are_absolute_and_still_readable(mc):
    mc.set("long", "kept", timeout=THIRTY_DAYS + 3600)
    mc.set("forever", "kept", timeout=None)
    assert mc.get("long") == "kept" and mc.get("forever") == "kept"
    assert mc.touch("long", THIRTY_DAYS * 2) is True
    assert mc.get("long") == "kept"


def test_a_value_over_the_item_limit_leaves_no_stale_value(mc):
    """memcached refuses items over 1 MB; the previous value must not survive (cached_db sessions
    rely on it). The client's error reaches the caller."""
    mc.set("session", "small")
    with pytest.raises(Exception) as caught:  # noqa: B017 - each client has its own error class
        mc.set("session", "x" * (ONE_MB + 1))
    assert "large" in str(caught.value).lower() or type(caught.value).__name__ == "TooBig"
    assert mc.get("session") is None


def test_close_then_use_again_reconnects(mc):
    mc.set("a", 1)
    mc.close()
    assert mc.get("a") == 1
    mc.close()
    mc.close()  # closing twice is harmless


def test_many_keys_in_one_round_trip(mc):
    data = {f"k{i}": i for i in range(500)}
    assert mc.set_many(data) == []
    assert mc.get_many(list(data)) == data
    mc.delete_many(list(data))
    assert mc.get_many(list(data)) == {}


@pytest.mark.parametrize("client", CLIENTS)
def test_a_unix_socket_location(client, tmp_path):
    path = tmp_path / "memcached.sock"
    server = Memcached("-s", str(path))
    try:
        deadline = time.monotonic() + 10
        while not path.exists() and time.monotonic() < deadline and server.process.poll() is None:
            time.sleep(0.02)
        if not path.exists():
            unavailable("memcached did not create its unix socket")
        cache = backend_class(client)(f"unix:{path}", {})
        cache.set("over-a-socket", [1, 2])
        assert cache.get("over-a-socket") == [1, 2]
        cache.close()
    finally:
        server.stop()


@pytest.mark.parametrize("client", CLIENTS)
def test_two_servers_share_the_keys_between_them(client, memcached_server, own_server):
    cache = backend_class(client)([memcached_server, own_server.location], {"KEY_PREFIX": uuid.uuid4().hex})
    data = {f"key-{i}": i for i in range(200)}
    cache.set_many(data)
    assert cache.get_many(list(data)) == data
    alone = backend_class(client)(own_server.location, {"KEY_PREFIX": cache.key_prefix})
    on_second = alone.get_many(list(data))
    assert 0 < len(on_second) < len(data)  # the client spread the keys over both servers
    cache.close()
    alone.close()


def test_pymemcache_options_reach_the_client(memcached_server):
    cache = backend_class("pymemcache")(
        memcached_server, {"OPTIONS": {"use_pooling": True, "max_pool_size": 3, "no_delay": True}}
    )
    cache.set("a", 1)
    assert cache.get("a") == 1
    client = cache._cache
    assert client.use_pooling is True and client.default_kwargs["max_pool_size"] == 3
    assert client.default_kwargs["no_delay"] is True
    cache.close()


def test_pylibmc_options_reach_the_client(memcached_server):
    cache = backend_class("pylibmc")(
        memcached_server, {"OPTIONS": {"binary": True, "behaviors": {"tcp_nodelay": True}}}
    )
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache._cache.binary is True and cache._cache.behaviors["tcp_nodelay"]


def connection_errors(client: str) -> tuple:
    if client == "pymemcache":
        from pymemcache.exceptions import MemcacheError

        return (MemcacheError, OSError)
    import pylibmc

    return (pylibmc.Error,)


@pytest.mark.parametrize("client", CLIENTS)
def test_a_server_that_stops_makes_calls_raise(client, own_server):
    """Reads raise the client's connection error, or answer as a miss once the client has marked the
    server dead (never with the old value), and do not hang."""
    cache = backend_class(client)(own_server.location, {})
    cache.set("a", 1)
    own_server.stop()
    errors = connection_errors(client)
    outcomes = []
    for _ in range(3):
        try:
            outcomes.append(cache.get("a", "fallback"))
        except errors as error:
            outcomes.append(type(error))
    assert set(outcomes) - {"fallback"}, outcomes
    assert all(o == "fallback" or issubclass(o, errors) for o in outcomes)


def test_ignore_exc_turns_a_stopped_server_into_misses(own_server):
    """pymemcache's documented ignore_exc option: a dead server reads as a miss, writes are dropped."""
    cache = backend_class("pymemcache")(own_server.location, {"OPTIONS": {"ignore_exc": True}})
    cache.set("a", 1)
    assert cache.get("a") == 1
    own_server.stop()
    assert cache.get("a", "fallback") == "fallback"
    cache.set("b", 2)  # no error
    assert cache.get_many(["a", "b"]) == {}


def test_caches_setting_and_cache_page_use_the_server(memcached_server, rf_view):
    """CACHES names PyMemcacheCache; a cache_page view is served from memcached the second time."""
    from django.core.cache import caches
    from django.test import override_settings

    settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": memcached_server,
            "KEY_PREFIX": uuid.uuid4().hex,
        }
    }
    with override_settings(CACHES=settings):
        cache = caches["default"]
        assert type(cache).__name__ == "PyMemcacheCache"
        first, second = rf_view(), rf_view()
        assert first.content == second.content == b"render 1"
        assert cache.make_key("x") == f"{settings['default']['KEY_PREFIX']}:1:x"
        cache.clear()
        assert rf_view().content == b"render 2"


@pytest.fixture
def rf_view():
    """Calls a cache_page(60) view through RequestFactory; the body counts real renders."""
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.views.decorators.cache import cache_page

    renders = []

    @cache_page(60)
    def view(request):
        renders.append(1)
        return HttpResponse(f"render {len(renders)}")

    def call():
        return view(RequestFactory().get("/cached/"))

    return call
