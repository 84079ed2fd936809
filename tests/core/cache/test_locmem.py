"""LocMemCache specifics: LRU culling with MAX_ENTRIES/CULL_FREQUENCY, thread safety."""

from __future__ import annotations

import threading
import uuid

from django.core.cache.backends.locmem import LocMemCache


def fresh(**options) -> LocMemCache:
    return LocMemCache(uuid.uuid4().hex, {"OPTIONS": options})


def test_culling_drops_least_recently_used_first():
    cache = fresh(MAX_ENTRIES=4, CULL_FREQUENCY=2)
    for i in range(4):
        cache.set(f"k{i}", i)
    cache.get("k0")  # k0 is now the most recently used
    cache.set("k4", 4)  # full: half of the entries (k1, k2) go
    assert cache.get_many([f"k{i}" for i in range(5)]) == {"k0": 0, "k3": 3, "k4": 4}


def test_cull_frequency_zero_empties_the_cache():
    cache = fresh(MAX_ENTRIES=3, CULL_FREQUENCY=0)
    cache.set_many({"a": 1, "b": 2, "c": 3})
    cache.set("d", 4)
    assert cache.get_many(["a", "b", "c", "d"]) == {"d": 4}


def test_overwriting_an_existing_key_does_not_cull():
    cache = fresh(MAX_ENTRIES=2, CULL_FREQUENCY=1)
    cache.set_many({"a": 1, "b": 2})
    cache.set("a", 10)
    assert cache.get_many(["a", "b"]) == {"a": 10, "b": 2}


def test_size_never_exceeds_max_entries():
    cache = fresh(MAX_ENTRIES=10, CULL_FREQUENCY=3)
    for i in range(100):
        cache.set(f"k{i}", i)
        assert len(cache._cache) <= 10


def test_concurrent_increments_lose_no_update():
    cache = fresh()
    cache.set("counter", 0)
    per_thread, threads = 200, 8

    def work():
        for _ in range(per_thread):
            cache.incr("counter")

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert cache.get("counter") == per_thread * threads


def test_concurrent_add_has_one_winner():
    cache = fresh()
    barrier = threading.Barrier(8)
    results = []

    def work(n):
        barrier.wait()
        results.append(cache.add("once", n))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results.count(True) == 1


def test_concurrent_mixed_operations_keep_the_store_consistent():
    cache = fresh(MAX_ENTRIES=50, CULL_FREQUENCY=2)

    def work(n):
        for i in range(300):
            key = f"k{(n * 7 + i) % 80}"
            cache.set(key, i)
            cache.get(key)
            if i % 5 == 0:
                cache.delete(key)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert set(cache._cache) == set(cache._expire_info)
    assert len(cache._cache) <= 50
