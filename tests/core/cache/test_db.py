"""DatabaseCache and ``createcachetable`` on every reachable database."""

from __future__ import annotations

import io
import uuid

import pytest

from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command


@pytest.fixture
def table_name(connection):
    name = f"cachetbl_{uuid.uuid4().hex[:8]}"
    yield name
    if name in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(name)}")


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("createcachetable", *args, stdout=out, **options)
    return out.getvalue()


def caches_config(table: str) -> dict:
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "dbcache": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table},
    }


@pytest.fixture
def configured_caches(table_name):
    """CACHES with a DatabaseCache alias, with the global ``caches`` handler following it."""
    from django.core.cache import caches
    from django.test.utils import override_settings

    with override_settings(CACHES=caches_config(table_name)):
        caches.__dict__.pop("settings", None)
        caches._settings = None
        try:
            yield table_name
        finally:
            for alias in ("dbcache",):
                try:
                    del caches[alias]
                except AttributeError:
                    pass
            caches.__dict__.pop("settings", None)
            caches._settings = None


def test_createcachetable_creates_the_table(connection, db_alias, table_name, route_cache_to):
    route_cache_to(db_alias)
    run(table_name, database=db_alias, verbosity=2)
    assert table_name in connection.introspection.table_names()
    columns = {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), table_name)
    }
    assert columns == {"cache_key", "value", "expires"}
    cache = DatabaseCache(table_name, {})
    cache.set("a", {"x": 1})
    assert cache.get("a") == {"x": 1}


def test_createcachetable_twice_says_it_exists(connection, db_alias, table_name):
    run(table_name, database=db_alias)
    assert "already exists" in run(table_name, database=db_alias)


def test_dry_run_prints_sql_and_creates_nothing(connection, db_alias, table_name):
    out = run(table_name, database=db_alias, dry_run=True)
    assert "CREATE TABLE" in out and table_name in out and "CREATE INDEX" in out
    assert table_name not in connection.introspection.table_names()


def test_without_names_creates_tables_of_caches_setting(
    connection, db_alias, configured_caches, route_cache_to
):
    route_cache_to(db_alias)
    run(database=db_alias)
    assert configured_caches in connection.introspection.table_names()


def test_routers_can_refuse_the_cache_table(connection, db_alias, configured_caches, route_cache_to):
    route_cache_to("somewhere-else")
    run(database=db_alias)
    assert configured_caches not in connection.introspection.table_names()


def test_cache_reads_and_writes_the_routed_database(connection, db_alias, table_name, route_cache_to):
    route_cache_to(db_alias)
    run(table_name, database=db_alias)
    DatabaseCache(table_name, {}).set("routed", 1)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {connection.ops.quote_name(table_name)}")
        assert [row[0] for row in cursor.fetchall()] == [":1:routed"]


def test_culling_removes_expired_then_soonest_expiring(connection, db_alias, table_name, route_cache_to):
    route_cache_to(db_alias)
    run(table_name, database=db_alias)
    cache = DatabaseCache(table_name, {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})
    cache.set("expired", 1, timeout=0)
    cache.set("soon", 1, timeout=100)
    cache.set("later", 1, timeout=200)
    cache.set("latest", 1, timeout=None)
    cache.set("new", 1, timeout=300)  # full: removing the expired entry makes room
    assert cache.get_many(["soon", "later", "latest", "new"]) == dict.fromkeys(
        ["soon", "later", "latest", "new"], 1
    )
    cache.set("another", 1)  # full again: half go, soonest-expiring first
    assert cache.get_many(["soon", "later", "latest", "new", "another"]) == dict.fromkeys(
        ["latest", "new", "another"], 1
    )


def test_missing_table_raises_a_database_error(db_alias, route_cache_to):
    from django.db import DatabaseError

    route_cache_to(db_alias)
    cache = DatabaseCache("no_such_cache_table", {})
    with pytest.raises(DatabaseError):
        cache.get("a")


@pytest.mark.parametrize("use_tz", [True, False])
def test_expiry_works_with_and_without_time_zones(connection, db_alias, table_name, route_cache_to, use_tz):
    from django.test.utils import override_settings

    route_cache_to(db_alias)
    run(table_name, database=db_alias)
    with override_settings(USE_TZ=use_tz):
        cache = DatabaseCache(table_name, {})
        cache.set("live", 1, timeout=300)
        cache.set("forever", 2, timeout=None)
        cache.set("dead", 3, timeout=0)
        assert cache.get_many(["live", "forever", "dead"]) == {"live": 1, "forever": 2}
        assert cache.touch("live", 0) and cache.get("live") is None


def test_large_and_binary_values_round_trip(connection, db_alias, table_name, route_cache_to):
    route_cache_to(db_alias)
    run(table_name, database=db_alias)
    cache = DatabaseCache(table_name, {})
    value = {"blob": bytes(range(256)) * 400, "text": "ü" * 10_000}
    cache.set("big", value)
    assert cache.get("big") == value
