"""The cache API on every storing backend: locmem, filebased, redis, and db on each database."""

from __future__ import annotations

import datetime
import time

import pytest
from asgiref.sync import async_to_sync


class Unpicklable:
    def __reduce__(self):
        raise pickle_error()


def pickle_error():
    import pickle

    return pickle.PicklingError("not picklable")


def test_set_and_get_round_trip_values(cache, limits):
    """Stored values come back equal: str, int, float, None-free containers, datetimes, bytes."""
    values = {
        "text": "héllo",
        "int": 42,
        "float": 1.5,
        "list": [1, "two", 3.0],
        "dict": {"a": [1, 2]},
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
        "bytes": b"\x00\xff",
        "bool": True,
    }
    for key, value in values.items():
        cache.set(key, value)
    for key, value in values.items():
        got = cache.get(key)
        if isinstance(value, bool) and "bool_reads_back_as_int" in limits:
            assert got == 1 and type(got) is int
            continue
        assert got == value and type(got) is type(value)
    cache.set("nested", [True, False])
    assert cache.get("nested") == [True, False]  # inside a container, bools stay bools everywhere


def test_get_missing_returns_default(cache):
    assert cache.get("missing") is None
    assert cache.get("missing", "fallback") == "fallback"


def test_stored_value_is_a_copy(cache):
    """Mutating the object after set() does not change what is cached."""
    data = {"a": 1}
    cache.set("x", data)
    data["a"] = 2
    assert cache.get("x") == {"a": 1}


def test_add_only_when_absent(cache):
    assert cache.add("a", 1) is True
    assert cache.add("a", 2) is False
    assert cache.get("a") == 1


def test_add_replaces_an_expired_entry(cache):
    cache.set("a", 1, timeout=0)
    assert cache.add("a", 2) is True
    assert cache.get("a") == 2


def test_delete_reports_whether_key_existed(cache):
    cache.set("a", 1)
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert cache.get("a") is None


def test_has_key_and_contains(cache):
    cache.set("a", 1)
    cache.set("n", None)
    assert cache.has_key("a") and "a" in cache
    assert not cache.has_key("b") and "b" not in cache
    assert cache.has_key("n"), "a stored None is still a key"


def test_get_many_skips_missing(cache):
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert cache.get_many([]) == {}


def test_set_many_returns_failed_keys_and_respects_timeout(cache):
    assert cache.set_many({"a": 1, "b": 2}, timeout=0) == []
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == []
    assert cache.get("b") == 2


def test_delete_many(cache):
    cache.set_many({"a": 1, "b": 2, "c": 3})
    cache.delete_many(["a", "b", "missing"])
    assert cache.get_many(["a", "b", "c"]) == {"c": 3}
    cache.delete_many([])


def test_get_or_set_stores_default_and_calls_callables(cache):
    assert cache.get_or_set("a", 1) == 1
    assert cache.get_or_set("a", 2) == 1
    calls = []
    assert cache.get_or_set("b", lambda: calls.append(1) or "made") == "made"
    assert cache.get_or_set("b", lambda: calls.append(1) or "again") == "made"
    assert calls == [1]


def test_get_or_set_with_none_default_stores_none(cache):
    assert cache.get_or_set("n", None) is None
    assert cache.has_key("n")


def test_incr_and_decr(cache, limits):
    cache.set("n", 10)
    assert cache.incr("n") == 11
    assert cache.incr("n", 5) == 16
    assert cache.decr("n") == 15
    assert cache.incr("n", -2) == 13  # a negative step counts down
    if "counters_stop_at_zero" in limits:
        assert cache.decr("n", 20) == 0  # memcached's counters are unsigned
        assert cache.get("n") == 0
    else:
        assert cache.decr("n", 20) == -7
        assert cache.get("n") == -7


def test_incr_missing_key_raises_value_error(cache):
    with pytest.raises(ValueError):
        cache.incr("missing")
    with pytest.raises(ValueError):
        cache.decr("missing")


def test_timeout_none_never_expires_and_zero_expires_at_once(cache):
    cache.set("forever", 1, timeout=None)
    cache.set("gone", 1, timeout=0)
    cache.set("negative", 1, timeout=-1)
    assert cache.get("forever") == 1
    assert cache.get("gone") is None
    assert cache.get("negative") is None
    assert not cache.has_key("gone")


def test_touch_changes_expiry(cache):
    cache.set("a", 1, timeout=300)
    assert cache.touch("a", 0) is True
    assert cache.get("a") is None
    assert cache.touch("missing") is False
    cache.set("b", 1, timeout=300)
    assert cache.touch("b", None) is True
    assert cache.get("b") == 1


@pytest.mark.slow
def test_entries_expire_after_their_timeout(cache):
    """A one-second entry is there at once and gone a little over a second later."""
    cache.set("short", "v", timeout=1)
    cache.set("long", "v", timeout=60)
    assert cache.get("short") == "v"
    time.sleep(1.2)
    assert cache.get("short") is None
    assert not cache.has_key("short")
    assert cache.add("short", "new") is True
    assert cache.get("long") == "v"


def test_default_timeout_comes_from_params(cache_factory):
    cache = cache_factory(TIMEOUT=0)
    cache.set("a", 1)
    assert cache.get("a") is None
    forever = cache_factory(TIMEOUT=None)
    forever.set("a", 1)
    assert forever.get("a") == 1


def test_clear_removes_everything(cache):
    cache.set_many({"a": 1, "b": 2})
    cache.clear()
    assert cache.get_many(["a", "b"]) == {}


def test_versions_are_separate_keys(cache):
    cache.set("a", "v1", version=1)
    cache.set("a", "v2", version=2)
    assert cache.get("a") == "v1"
    assert cache.get("a", version=2) == "v2"
    cache.delete("a", version=2)
    assert cache.get("a", version=2) is None and cache.get("a") == "v1"


def test_incr_version_moves_the_value(cache):
    cache.set("a", "value")
    assert cache.incr_version("a") == 2
    assert cache.get("a") is None
    assert cache.get("a", version=2) == "value"
    assert cache.decr_version("a", version=2) == 1
    assert cache.get("a") == "value"
    with pytest.raises(ValueError):
        cache.incr_version("missing")


def test_version_param_sets_the_default_version(cache_factory):
    v1 = cache_factory()
    v2 = cache_factory(VERSION=2, KEY_PREFIX=v1.key_prefix)
    v2.set("a", "two")
    assert v1.get("a") is None
    assert v1.get("a", version=2) == "two"


def test_key_prefix_isolates_caches(cache_factory):
    one = cache_factory(KEY_PREFIX="one")
    two = cache_factory(KEY_PREFIX="two")
    one.set("a", 1)
    assert two.get("a") is None
    assert one.make_key("a") == "one:1:a"


def test_custom_key_function(cache_factory):
    cache = cache_factory(KEY_FUNCTION=lambda key, prefix, version: f"custom-{prefix}-{version}-{key}")
    cache.set("a", 1)
    assert cache.make_key("a") == f"custom-{cache.key_prefix}-1-a"
    assert cache.get("a") == 1


def test_unicode_and_long_safe_keys(cache):
    cache.set("ключ-ü", "value")
    assert cache.get("ключ-ü") == "value"


def test_unpicklable_value_raises_and_stores_nothing(cache):
    import pickle

    with pytest.raises(pickle.PicklingError):
        cache.set("bad", Unpicklable())
    assert cache.get("bad") is None


def test_async_variants(cache):
    async def scenario():
        await cache.aset("a", 1)
        assert await cache.aget("a") == 1
        assert await cache.aadd("a", 2) is False
        assert await cache.aincr("a", 2) == 3
        assert await cache.adecr("a") == 2
        assert await cache.aget_many(["a", "z"]) == {"a": 2}
        await cache.aset_many({"b": 1})
        assert await cache.ahas_key("b")
        assert await cache.aget_or_set("c", 3) == 3
        assert await cache.atouch("c") is True
        assert await cache.adelete("c") is True
        await cache.adelete_many(["a", "b"])
        await cache.aset("v", "x")
        assert await cache.aincr_version("v") == 2
        assert await cache.adecr_version("v", version=2) == 1
        await cache.aclear()
        await cache.aclose()
        assert await cache.aget("a") is None

    # async_to_sync keeps thread-sensitive calls on this thread (and its database connection).
    async_to_sync(scenario)()
