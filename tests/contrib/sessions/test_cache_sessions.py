"""The ``cache`` and ``cached_db`` session engines on real cache backends (locmem, filebased, redis)."""

from __future__ import annotations

import socket
import uuid

import pytest

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client, override_settings
from tests.core.cache.conftest import REDIS_URL, require_redis

ALIAS = "sessions_under_test"


def make_backend(kind: str, tmp_path):
    if kind == "locmem":
        from django.core.cache.backends.locmem import LocMemCache

        return LocMemCache(uuid.uuid4().hex, {})
    if kind == "filebased":
        from django.core.cache.backends.filebased import FileBasedCache

        return FileBasedCache(str(tmp_path / "sessions"), {})
    require_redis()
    from django.core.cache.backends.redis import RedisCache

    return RedisCache(REDIS_URL, {"KEY_PREFIX": uuid.uuid4().hex})


@pytest.fixture(params=["locmem", "filebased", "redis"])
def session_cache(request, tmp_path):
    """The cache under SESSION_CACHE_ALIAS for this test."""
    backend = make_backend(request.param, tmp_path)
    caches[ALIAS] = backend
    with override_settings(SESSION_CACHE_ALIAS=ALIAS):
        yield backend
    backend.clear()
    del caches[ALIAS]


def test_round_trip_through_the_cache(session_cache):
    store = CacheStore()
    store["cart"] = [1, 2]
    store.save()
    key = store.session_key
    assert session_cache.get(store.cache_key_prefix + key) == {"cart": [1, 2]}
    again = CacheStore(key)
    assert again["cart"] == [1, 2]
    assert again.exists(key) and not again.exists("nosuchkey12345678")


def test_unknown_key_is_replaced_on_save(session_cache):
    """A key the server never issued is not adopted (no session fixation)."""
    store = CacheStore("attacker-chosen-key-0123456789ab")
    assert dict(store.items()) == {}
    store["x"] = 1
    store.save()
    assert store.session_key != "attacker-chosen-key-0123456789ab"


def test_cycle_key_keeps_data_and_drops_the_old_key(session_cache):
    store = CacheStore()
    store["x"] = 1
    store.save()
    old = store.session_key
    store.cycle_key()
    assert store.session_key != old
    assert not CacheStore().exists(old)
    assert CacheStore(store.session_key)["x"] == 1


def test_delete_and_flush(session_cache):
    store = CacheStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    store.flush()
    assert store.session_key is None and not CacheStore().exists(key)
    CacheStore().delete()  # nothing to delete: no error


def test_expired_session_is_gone(session_cache):
    store = CacheStore()
    store["x"] = 1
    store.set_expiry(-5)
    store.save()
    assert CacheStore(store.session_key).get("x") is None


def test_expiry_age_is_the_cache_timeout(session_cache):
    store = CacheStore()
    store["x"] = 1
    store.set_expiry(0)  # until the browser closes: kept for SESSION_COOKIE_AGE
    store.save()
    assert CacheStore(store.session_key).get("x") == 1


def test_create_refuses_an_existing_key(session_cache):
    first = CacheStore()
    first["x"] = 1
    first.save()
    clash = CacheStore(first.session_key)
    clash._session_cache = {"x": 2}
    with pytest.raises(CreateError):
        clash.save(must_create=True)
    assert CacheStore(first.session_key)["x"] == 1


def test_update_of_an_evicted_session_is_an_update_error(session_cache):
    store = CacheStore()
    store["x"] = 1
    store.save()
    session_cache.clear()
    store["x"] = 2
    with pytest.raises(UpdateError):
        store.save()


def test_unreachable_cache_server_means_an_empty_session():
    """A session cache that cannot be reached reads as no session instead of an error."""
    from django.core.cache.backends.redis import RedisCache

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    caches[ALIAS] = RedisCache(f"redis://127.0.0.1:{port}/0", {})
    try:
        with override_settings(SESSION_CACHE_ALIAS=ALIAS):
            assert dict(CacheStore("abcdefghijklmnopqrstuvwxyz012345").items()) == {}
    finally:
        del caches[ALIAS]


# ---------------------------------------------------------------- cached_db


def test_cached_db_writes_both_and_reads_the_cache_first(cdb, session_cache):
    store = CachedDBStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    assert Session.objects.filter(pk=key).exists()
    assert session_cache.get(store.cache_key_prefix + key) == {"x": 1}
    Session.objects.filter(pk=key).delete()
    assert CachedDBStore(key)["x"] == 1  # answered from the cache alone


def test_cached_db_falls_back_to_the_database_and_refills(cdb, session_cache):
    store = CachedDBStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    session_cache.clear()
    assert CachedDBStore(key)["x"] == 1
    assert session_cache.get(store.cache_key_prefix + key) == {"x": 1}


def test_cached_db_delete_and_flush_remove_both(cdb, session_cache):
    store = CachedDBStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    store.flush()
    assert not Session.objects.filter(pk=key).exists()
    assert session_cache.get(store.cache_key_prefix + key) is None
    assert not CachedDBStore().exists(key)


def test_cached_db_expired_session_is_empty(cdb, session_cache):
    store = CachedDBStore()
    store["x"] = 1
    store.set_expiry(-5)
    store.save()
    session_cache.clear()
    assert CachedDBStore(store.session_key).get("x") is None


# ---------------------------------------------------------------- through the middleware


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_middleware_with_cache_engines(cdb, session_cache, engine):
    with override_settings(
        ROOT_URLCONF="tests.contrib.sessions.test_sessions",
        SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}",
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
    ):
        client = Client()
        assert client.get("/bump/").content == b"1"
        assert client.get("/bump/").content == b"2"
        assert client.get("/read/").content == b"2"
        client.get("/clear/")
        assert client.get("/read/").content == b"None"


def test_cache_create_gives_up_when_every_key_is_taken(session_cache, monkeypatch):
    # A cache that refuses every add() (full, or misbehaving): create() must not loop forever.
    monkeypatch.setattr(session_cache, "add", lambda *args, **kwargs: False)
    store = CacheStore()
    store["x"] = 1
    with pytest.raises(RuntimeError, match="Unable to create a new session key"):
        store.save()


def test_both_cache_engines_key_the_cache_the_same_way(cdb, session_cache):
    plain, cached_db = CacheStore(), CachedDBStore()
    for store in (plain, cached_db):
        store["x"] = 1
        store.save()
        assert store.cache_key == store.cache_key_prefix + store.session_key
        assert session_cache.get(store.cache_key) == {"x": 1}
        store.delete()  # no key given: this session's own
        assert session_cache.get(store.cache_key_prefix + store.session_key) is None
    plain.delete()  # deleting again (or a session that never existed) is harmless
    CacheStore().delete()
