"""FileBasedCache specifics: hostile keys stay inside the directory, atomic files, culling, damage."""

from __future__ import annotations

import os
import threading

import pytest

from django.core.cache.backends.filebased import FileBasedCache


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


@pytest.fixture
def cache(cache_dir):
    return FileBasedCache(str(cache_dir), {"KEY_PREFIX": ""})


def all_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "key",
    ["../../escape", "/etc/passwd", "..\\..\\win", "a/b/c", "\x00nul", ".", "..", "~root", "%2e%2e%2f"],
)
def test_hostile_keys_are_stored_inside_the_cache_dir(cache, cache_dir, tmp_path, key):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cache.set(key, "value")
        assert cache.get(key) == "value"
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and cache_dir not in p.parents]
    assert outside == []
    names = os.listdir(cache_dir)
    assert len(names) == 1 and names[0].endswith(".djcache") and len(names[0]) == 32 + len(".djcache")


def test_clear_removes_only_cache_files(cache, cache_dir):
    cache.set("a", 1)
    (cache_dir / "keep.txt").write_text("not mine")
    cache.clear()
    assert all_files(cache_dir) == ["keep.txt"]


def test_directory_is_private_and_recreated(cache, cache_dir):
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    cache.set("a", 1)
    for path in cache_dir.iterdir():
        path.unlink()
    cache_dir.rmdir()
    cache.set("b", 2)
    assert cache.get("b") == 2


def test_no_temporary_files_left_behind(cache, cache_dir):
    for i in range(20):
        cache.set(f"k{i}", "x" * 1000)
    assert all(name.endswith(".djcache") for name in os.listdir(cache_dir))


def test_failed_write_leaves_old_value_and_no_temp_file(cache, cache_dir):
    import pickle

    class Bad:
        def __reduce__(self):
            raise pickle.PicklingError("no")

    cache.set("a", "old")
    with pytest.raises(pickle.PicklingError):
        cache.set("a", Bad())
    assert cache.get("a") == "old"
    assert len(os.listdir(cache_dir)) == 1


def test_concurrent_writers_never_expose_half_files(cache):
    stop = threading.Event()
    errors = []
    big = "y" * 200_000

    def write():
        while not stop.is_set():
            cache.set("shared", big)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for _ in range(200):
            value = cache.get("shared")
            if value not in (None, big):
                errors.append(len(value))
    finally:
        stop.set()
        writer.join()
    assert errors == []


def test_truncated_or_empty_file_reads_as_missing(cache, cache_dir):
    cache.set("a", 1)
    (path,) = cache_dir.iterdir()
    path.write_bytes(b"")
    assert cache.get("a") is None
    assert not path.exists()


def test_culling_keeps_the_file_count_bounded(cache_dir):
    cache = FileBasedCache(str(cache_dir), {"OPTIONS": {"MAX_ENTRIES": 9, "CULL_FREQUENCY": 3}})
    for i in range(30):
        cache.set(f"k{i}", i)
        assert len(os.listdir(cache_dir)) <= 9
    assert cache.get("k29") == 29


def test_cull_frequency_zero_empties_before_writing(cache_dir):
    cache = FileBasedCache(str(cache_dir), {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 0}})
    cache.set_many({"a": 1, "b": 2, "c": 3})
    cache.set("d", 4)
    assert cache.get_many(["a", "b", "c", "d"]) == {"d": 4}


def test_expired_file_is_removed_on_read(cache, cache_dir):
    cache.set("a", 1, timeout=0)
    assert os.listdir(cache_dir)
    assert cache.get("a") is None
    assert os.listdir(cache_dir) == []
