"""Memcached backends: the parts that need no server, and the API against a server when one answers.

No memcached server is installed where these tests were written, so the server tests skip with
that reason (the rest of the backend is exercised without one).
"""

from __future__ import annotations

import socket
import time
import types
import uuid

import pytest

from django.core.cache import InvalidCacheKey
from django.core.cache.backends.memcached import THIRTY_DAYS, BaseMemcachedCache


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


def memcached_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 11211)) == 0


@pytest.fixture
def server_cache():
    pytest.importorskip("pymemcache", reason="pymemcache is not installed")
    if not memcached_answers():
        pytest.skip("no memcached server on 127.0.0.1:11211")
    from django.core.cache.backends.memcached import PyMemcacheCache

    cache = PyMemcacheCache("127.0.0.1:11211", {"KEY_PREFIX": uuid.uuid4().hex})
    yield cache
    cache.close()


def test_api_against_a_memcached_server(server_cache):
    cache = server_cache
    cache.set("a", {"x": 1})
    assert cache.get("a") == {"x": 1}
    assert cache.add("a", 2) is False
    cache.set("n", 5)
    assert cache.incr("n", 2) == 7 and cache.decr("n") == 6
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.set_many({"b": 1, "c": 2}) == []
    assert cache.get_many(["a", "b", "c", "z"]) == {"a": {"x": 1}, "b": 1, "c": 2}
    assert cache.touch("b", 100) is True
    assert cache.delete("b") is True
    cache.delete_many(["a", "c"])
    assert cache.get_many(["a", "c"]) == {}
    cache.set("gone", 1, timeout=0)
    assert cache.get("gone") is None
