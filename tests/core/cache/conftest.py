"""Fixtures: ``cache`` is a fresh instance of each storing backend (db on every reachable database;
both memcached clients against a memcached server started for the test process)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest

from tests.db_fixtures import DATABASE_ALIASES

# One Redis database per xdist worker, so clear() in one worker cannot empty another's.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{8 + _WORKER % 8}"
STORING_BACKENDS = [
    "locmem",
    "filebased",
    "redis",
    "pymemcache",
    "pylibmc",
    *(f"db:{alias}" for alias in DATABASE_ALIASES),
]

# Where a backend's server or client library behaves differently from the others (pinned by the
# shared tests rather than skipped): memcached's counters are unsigned, and pylibmc stores a bare
# bool with its integer flag, so it reads back as 0/1.
LIMITS = {
    "pymemcache": {"counters_stop_at_zero"},
    "pylibmc": {"counters_stop_at_zero", "bool_reads_back_as_int"},
}


def redis_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def require_redis() -> None:
    """Skip without a Redis server, except under CI=true where its absence is a failure."""
    if not redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must answer on 127.0.0.1:6379 under CI")
        pytest.skip("no Redis server on 127.0.0.1:6379")


def unavailable(reason: str) -> None:
    """Skip, except under CI=true where a missing server is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(process: subprocess.Popen, port: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.02)
    return False


@pytest.fixture(scope="session")
def memcached_server():
    """``host:port`` of a memcached server (Debian package ``memcached``) this test process runs."""
    binary = shutil.which("memcached") or next(
        (p for p in ("/usr/bin/memcached", "/usr/local/bin/memcached") if os.access(p, os.X_OK)), None
    )
    if binary is None:
        unavailable("no memcached binary to start (install the Debian package memcached)")
    port = _free_port()
    command = [binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "64", "-t", "2"]
    if os.geteuid() == 0:
        command += ["-u", "root"]  # memcached refuses to run as root unless told which user to be
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not _wait_until_listening(process, port):
            process.kill()
            error = process.communicate()[1].decode(errors="replace").strip()
            unavailable(f"memcached did not start on port {port}: {error or 'no output'}")
        yield f"127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()  # SIGTERM makes memcached linger for a second; its data is throwaway
            process.wait(timeout=10)


class CacheRouter:
    """Sends the cache table to one database (and says where it may be created)."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias if model._meta.app_label == "django_cache" else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        return db == self.alias if app_label == "django_cache" else None


@pytest.fixture
def route_cache_to():
    """``route_cache_to(alias)`` installs a CacheRouter for the test."""
    from django.db import router

    saved = router.__dict__.get("routers")

    def install(alias: str) -> None:
        router.__dict__["routers"] = [CacheRouter(alias)]

    yield install
    if saved is None:
        router.__dict__.pop("routers", None)
    else:
        router.__dict__["routers"] = saved


@pytest.fixture
def db_cache_table(test_databases):
    """``db_cache_table(alias)`` creates a fresh cache table there; dropped after the test."""
    from django.core.management import call_command
    from django.db import connections

    made: list[tuple[str, str]] = []

    def make(alias: str) -> str:
        test_databases(alias)
        table = f"cache_{uuid.uuid4().hex[:10]}"
        call_command("createcachetable", table, database=alias, verbosity=0)
        made.append((alias, table))
        return table

    yield make
    for alias, table in made:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"DROP TABLE {connections[alias].ops.quote_name(table)}")


def make_cache(name: str, tmp_path, request, params: dict | None = None, memo: dict | None = None):
    """A backend instance; instances made with the same ``memo`` share one store."""
    params = {"TIMEOUT": 300, **(params or {})}
    memo = {} if memo is None else memo
    if name == "locmem":
        from django.core.cache.backends.locmem import LocMemCache

        return LocMemCache(memo.setdefault("name", f"test-{uuid.uuid4().hex}"), params)
    if name == "filebased":
        from django.core.cache.backends.filebased import FileBasedCache

        return FileBasedCache(str(tmp_path / "cache"), params)
    if name == "redis":
        require_redis()
        from django.core.cache.backends.redis import RedisCache

        # Each test gets its own key prefix, so tests sharing the server do not see each other.
        params.setdefault("KEY_PREFIX", memo.setdefault("prefix", uuid.uuid4().hex))
        return RedisCache(REDIS_URL, params)
    if name in ("pymemcache", "pylibmc"):
        pytest.importorskip(name, reason=f"{name} is not installed (see the project's test extras)")
        from django.core.cache.backends import memcached

        location = request.getfixturevalue("memcached_server")
        backend = memcached.PyMemcacheCache if name == "pymemcache" else memcached.PyLibMCCache
        # The server is this process's own, but a per-test prefix keeps tests from seeing each other.
        params.setdefault("KEY_PREFIX", memo.setdefault("prefix", uuid.uuid4().hex))
        return backend(location, params)
    alias = name.split(":", 1)[1]
    request.getfixturevalue("route_cache_to")(alias)
    if "table" not in memo:
        memo["table"] = request.getfixturevalue("db_cache_table")(alias)
    table = memo["table"]
    from django.core.cache.backends.db import DatabaseCache

    return DatabaseCache(table, params)


@pytest.fixture(params=STORING_BACKENDS)
def backend_name(request):
    return request.param


@pytest.fixture
def limits(backend_name) -> set[str]:
    return LIMITS.get(backend_name, set())


@pytest.fixture
def cache_factory(backend_name, tmp_path, request):
    """``cache_factory(**params)``: another instance of the backend under test."""
    made = []
    memo: dict = {}

    def factory(**params):
        cache = make_cache(backend_name, tmp_path, request, params, memo)
        made.append(cache)
        return cache

    yield factory
    for cache in made:
        if backend_name == "redis":
            cache.clear()
        cache.close()


@pytest.fixture
def cache(cache_factory):
    return cache_factory()
