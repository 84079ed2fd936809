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
