"""PostgreSQL backend specifics: OPTIONS (isolation_level, assume_role, pool, server-side
binding), time zones, type loading, server-side cursors."""

from __future__ import annotations

import datetime

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.db import DataError, connections
from tests.db_fixtures import DATABASE_ALIASES

pytestmark = pytest.mark.skipif("postgresql" not in DATABASE_ALIASES, reason="PostgreSQL is not reachable")


@pytest.fixture
def pg(test_databases):
    test_databases("postgresql")
    return connections["postgresql"]


@pytest.fixture
def pg_copy(pg):
    made = []

    def make(**options):
        conn = pg.copy()
        conn.settings_dict["OPTIONS"] = {**conn.settings_dict["OPTIONS"], **options}
        made.append(conn)
        return conn

    yield make
    for conn in made:
        conn.close()
        if hasattr(conn, "close_pool"):
            conn.close_pool()


def scalar(conn, sql, params=None):
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_default_isolation_level_is_read_committed(pg_copy):
    conn = pg_copy()
    assert scalar(conn, "SHOW transaction_isolation") == "read committed"


def test_isolation_level_option(pg_copy):
    from django.db.backends.postgresql.psycopg_any import IsolationLevel

    conn = pg_copy(isolation_level=IsolationLevel.SERIALIZABLE)
    conn.set_autocommit(False)
    try:
        assert scalar(conn, "SHOW transaction_isolation") == "serializable"
    finally:
        conn.rollback()
        conn.set_autocommit(True)


def test_invalid_isolation_level_is_improperly_configured(pg_copy):
    conn = pg_copy(isolation_level=99)
    with pytest.raises(ImproperlyConfigured, match="Invalid transaction isolation level 99"):
        conn.ensure_connection()


def test_assume_role(pg_copy, pg):
    with pg.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS reinhardt_test_role")
        cursor.execute("CREATE ROLE reinhardt_test_role")
    conn = pg_copy(assume_role="reinhardt_test_role")
    try:
        assert scalar(conn, "SELECT current_user") == "reinhardt_test_role"
    finally:
        conn.close()
        with pg.cursor() as cursor:
            cursor.execute("DROP ROLE reinhardt_test_role")


def test_server_side_binding_option(pg_copy):
    conn = pg_copy(server_side_binding=True)
    assert scalar(conn, "SELECT %s::int + 1", [41]) == 42
    from django.db.backends.postgresql.base import ServerBindingCursor

    with conn.cursor() as cursor:
        assert isinstance(cursor.cursor, ServerBindingCursor)


def test_connection_pool_reuses_connections(pg_copy):
    pytest.importorskip("psycopg_pool")
    conn = pg_copy(pool={"min_size": 1, "max_size": 1})
    first_pid = scalar(conn, "SELECT pg_backend_pid()")
    conn.close()
    assert scalar(conn, "SELECT pg_backend_pid()") == first_pid  # served from the pool again
    assert conn.pool is not None


def test_pool_refuses_persistent_connections(pg_copy):
    pytest.importorskip("psycopg_pool")
    conn = pg_copy(pool=True)
    conn.settings_dict["CONN_MAX_AGE"] = 10
    with pytest.raises(ImproperlyConfigured, match="Pooling doesn't support persistent connections"):
        conn.ensure_connection()


def test_session_time_zone_is_utc_and_datetimes_are_aware(pg):
    assert scalar(pg, "SELECT current_setting('TimeZone')") in ("UTC", "Etc/UTC")
    value = scalar(pg, "SELECT %s::timestamptz", [datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC)])
    assert value.utcoffset() == datetime.timedelta(0) and value.hour == 12


def test_database_time_zone_setting_changes_the_session(pg_copy):
    conn = pg_copy()
    conn.settings_dict["TIME_ZONE"] = "Europe/Paris"
    assert scalar(conn, "SELECT current_setting('TimeZone')") == "Europe/Paris"


def test_naive_datetimes_without_use_tz(pg_copy, settings_use_tz_false):
    conn = pg_copy()
    value = scalar(conn, "SELECT '2024-01-01 12:00:00+00'::timestamptz")
    assert value.tzinfo is None


@pytest.fixture
def settings_use_tz_false():
    from django.conf import settings

    old = settings.USE_TZ
    settings.USE_TZ = False
    yield
    settings.USE_TZ = old


def test_json_and_inet_come_back_as_text(pg):
    assert scalar(pg, "SELECT '{\"a\": [1, 2]}'::jsonb") == '{"a": [1, 2]}'
    assert scalar(pg, "SELECT '192.168.0.1'::inet") == "192.168.0.1"


def test_nul_characters_are_refused_with_the_documented_feature(pg):
    error_class, message = pg.features.prohibits_null_characters_in_text_exception
    with pytest.raises(error_class, match=message.split("(")[0].strip()):
        scalar(pg, "SELECT %s::text", ["a\x00b"])
    assert issubclass(error_class, DataError)


def test_server_side_cursor_streams_inside_and_outside_transactions(pg):
    from django.db import transaction

    for use_atomic in (False, True):
        ctx = transaction.atomic(using="postgresql") if use_atomic else _null()
        with ctx:
            cursor = pg.chunked_cursor()
            try:
                cursor.execute("SELECT generate_series(1, 1000)")
                assert len(cursor.fetchmany(100)) == 100
                assert len(cursor.fetchall()) == 900
            finally:
                cursor.close()


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_last_executed_query_shows_merged_parameters(pg):
    pg.force_debug_cursor = True
    pg.queries_log.clear()
    try:
        with pg.cursor() as cursor:
            cursor.execute("SELECT %s, %s", ["o'k", 3])
    finally:
        pg.force_debug_cursor = False
    assert pg.queries[-1]["sql"] == "SELECT 'o''k', 3"


def test_version_and_features(pg):
    assert pg.get_database_version() >= (14,)
    assert pg.features.is_postgresql_15 == (pg.pg_version >= 150000)
    assert pg.display_name == "PostgreSQL"


def test_database_name_too_long(pg_copy):
    conn = pg_copy()
    conn.settings_dict["NAME"] = "x" * 64
    with pytest.raises(ImproperlyConfigured, match="longer than PostgreSQL's limit of 63"):
        conn.ensure_connection()


def test_missing_name_is_improperly_configured(pg_copy):
    conn = pg_copy()
    conn.settings_dict["NAME"] = ""
    with pytest.raises(ImproperlyConfigured, match="supply the NAME or OPTIONS\\['service'\\]"):
        conn.ensure_connection()


def test_connection_killed_mid_transaction_is_replaced_at_the_next_request(pg, pg_copy):
    """The error surfaces as Django's OperationalError; request boundaries then drop the dead
    connection and the next query runs on a fresh one."""
    from django.db import InterfaceError, OperationalError, close_old_connections, transaction

    killer = pg_copy()
    pid = scalar(pg, "SELECT pg_backend_pid()")
    with pytest.raises((OperationalError, InterfaceError)):
        with transaction.atomic(using="postgresql"):
            scalar(killer, "SELECT pg_terminate_backend(%s)", [pid])
            scalar(pg, "SELECT 1")
    close_old_connections()  # what the request_finished signal does
    assert scalar(pg, "SELECT 1") == 1
    assert scalar(pg, "SELECT pg_backend_pid()") != pid


def test_nodb_cursor_uses_the_postgres_database(pg):
    with pg._nodb_cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0] == "postgres"
