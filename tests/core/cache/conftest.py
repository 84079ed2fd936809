"""Fixtures: ``cache`` is a fresh instance of each storing backend (db on every reachable database)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from tests.db_fixtures import DATABASE_ALIASES

# One Redis database per xdist worker, so clear() in one worker cannot empty another's.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{8 + _WORKER % 8}"
STORING_BACKENDS = ["locmem", "filebased", "redis", *(f"db:{alias}" for alias in DATABASE_ALIASES)]


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
