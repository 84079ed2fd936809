"""BaseDatabaseWrapper behaviour on every reachable database: connecting, cursors, logging,
execute wrappers, lifetime and health checks, thread sharing."""

from __future__ import annotations

import threading
import time

import pytest

from django.db import DatabaseError
from django.db.backends.signals import connection_created
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


@pytest.fixture
def fresh(connection, tmp_path):
    """A second, unconnected wrapper for the same database (closed afterwards).

    An in-memory database is swapped for a file so that closing really closes.
    """
    conn = connection.copy()
    if getattr(conn, "is_in_memory_db", lambda: False)():
        conn.settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
    yield conn
    conn.close()


def test_connects_lazily_and_sends_connection_created(fresh):
    events = []

    def receiver(sender, connection, **kwargs):
        events.append((sender, connection))

    connection_created.connect(receiver)
    try:
        assert fresh.connection is None
        fresh.ensure_connection()
        assert fresh.connection is not None
        fresh.ensure_connection()  # no second connection
    finally:
        connection_created.disconnect(receiver)
    assert events == [(type(fresh), fresh)]


def test_cursor_executes_with_list_and_dict_parameters(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s, %s", [1, "two"])
        assert tuple(cursor.fetchone()) == (1, "two")
        cursor.execute("SELECT %(a)s, %(b)s", {"a": 3, "b": "four"})
        assert tuple(cursor.fetchone()) == (3, "four")


def test_percent_literals_with_and_without_params(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT '100%'")
        assert cursor.fetchone()[0] == "100%"
        cursor.execute("SELECT '100%%', %s", ["x"])
        assert tuple(cursor.fetchone()) == ("100%", "x")


def test_executemany_and_iteration(connection, raw_table):
    table = raw_table("many_rows", "n INTEGER")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (n) VALUES (%s)", [(1,), (2,), (3,)])
        cursor.execute(f"SELECT n FROM {table} ORDER BY n")
        assert [row[0] for row in cursor] == [1, 2, 3]


def test_chunked_cursor_streams_rows(connection, raw_table):
    table = raw_table("chunk_rows", "n INTEGER")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (n) VALUES (%s)", [(i,) for i in range(50)])
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(f"SELECT n FROM {table} ORDER BY n")
        first = cursor.fetchmany(10)
        rest = cursor.fetchall()
    finally:
        cursor.close()
    assert [r[0] for r in first] == list(range(10))
    assert len(rest) == 40


def test_queries_are_logged_only_when_debugging(connection, raw_table):
    table = raw_table("logged_rows", "n INTEGER")
    connection.queries_log.clear()
    with connection.cursor() as cursor:
        assert type(cursor) is CursorWrapper
        cursor.execute("SELECT 1")
    assert connection.queries == []
    connection.force_debug_cursor = True
    try:
        with connection.cursor() as cursor:
            assert isinstance(cursor, CursorDebugWrapper)
            cursor.execute("SELECT %s", [42])
            cursor.executemany(f"INSERT INTO {table} (n) VALUES (%s)", [(1,), (2,)])
    finally:
        connection.force_debug_cursor = False
    logged = connection.queries
    assert "42" in logged[0]["sql"] and float(logged[0]["time"]) >= 0
    assert logged[1]["sql"].startswith("2 times: ")


def test_query_log_is_capped_and_warns(connection):
    connection.queries_log.clear()
    old_limit = connection.queries_log.maxlen
    from collections import deque

    connection.queries_log = deque(maxlen=3)
    connection.force_debug_cursor = True
    try:
        with connection.cursor() as cursor:
            for i in range(5):
                cursor.execute("SELECT %s", [i])
        with pytest.warns(UserWarning, match="only the last 3 queries"):
            assert len(connection.queries) == 3
    finally:
        connection.force_debug_cursor = False
        connection.queries_log = deque(maxlen=old_limit)


def test_reset_queries_clears_every_log(connection):
    from django.db import reset_queries

    connection.queries_log.append({"sql": "x", "time": "0"})
    reset_queries()
    assert len(connection.queries_log) == 0


def test_execute_wrapper_sees_every_statement_and_can_change_results(connection):
    seen = []

    def spy(execute, sql, params, many, context):
        seen.append((sql, params, many, context["connection"] is connection))
        return execute(sql, params, many, context)

    def blocker(execute, sql, params, many, context):
        raise RuntimeError("blocked " + sql)

    connection.ensure_connection()  # connection setup statements are not part of this test
    with connection.execute_wrapper(spy):
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s", [5])
    assert seen == [("SELECT %s", [5], False, True)]
    with connection.execute_wrapper(blocker), pytest.raises(RuntimeError, match="blocked SELECT 1"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert connection.execute_wrappers == []


def test_execute_wrappers_nest_outermost_first(connection):
    order = []

    def make(name):
        def wrapper(execute, sql, params, many, context):
            order.append(name)
            return execute(sql, params, many, context)

        return wrapper

    connection.ensure_connection()
    with connection.execute_wrapper(make("outer")), connection.execute_wrapper(make("inner")):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert order == ["outer", "inner"]


def test_temporary_connection_closes_what_it_opened(fresh):
    with fresh.temporary_connection() as cursor:
        cursor.execute("SELECT 1")
    assert fresh.connection is None


def test_expired_connection_is_closed_at_request_boundary(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = 0
    fresh.ensure_connection()
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is None


def test_persistent_connection_is_kept_until_it_expires(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = 60
    fresh.ensure_connection()
    raw = fresh.connection
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is raw
    fresh.close_at = time.monotonic() - 1
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is None


def test_errors_occurred_triggers_a_usability_check(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = None
    fresh.ensure_connection()
    raw = fresh.connection
    fresh.errors_occurred = True
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is raw and fresh.errors_occurred is False
    fresh.errors_occurred = True
    fresh.is_usable = lambda: False
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is None


def test_connection_with_changed_autocommit_is_closed(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = None
    fresh.ensure_connection()
    fresh.set_autocommit(False)
    fresh.close_if_unusable_or_obsolete()
    assert fresh.connection is None


def test_health_check_replaces_a_dead_connection_before_the_next_query(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = None
    fresh.settings_dict["CONN_HEALTH_CHECKS"] = True
    fresh.ensure_connection()
    dead = fresh.connection
    fresh.close_if_unusable_or_obsolete()  # a new request: checks are due again
    fresh.is_usable = lambda: False
    with fresh.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert fresh.connection is not dead
    assert fresh.health_check_done


def test_health_check_runs_once_per_request(fresh):
    fresh.settings_dict["CONN_MAX_AGE"] = None
    fresh.settings_dict["CONN_HEALTH_CHECKS"] = True
    fresh.ensure_connection()
    calls = []
    fresh.is_usable = lambda: calls.append(1) or True
    with fresh.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert calls == []  # a new connection needs no check
    fresh.close_if_unusable_or_obsolete()  # next request
    for _ in range(3):
        with fresh.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert calls == [1]


def test_close_inside_atomic_marks_the_block_for_rollback(fresh):
    from django.db.transaction import TransactionManagementError

    fresh.ensure_connection()
    fresh.set_autocommit(False)
    fresh.in_atomic_block = True
    try:
        fresh.close()
        assert fresh.closed_in_transaction and fresh.needs_rollback
        with pytest.raises(TransactionManagementError):
            fresh.validate_no_broken_transaction()
    finally:
        fresh.in_atomic_block = False
        fresh.needs_rollback = False
        fresh.connection = None


def test_using_a_connection_from_another_thread_is_refused(connection):
    errors = []

    def use():
        try:
            connection.cursor()
        except DatabaseError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert errors and "can only be used in that same thread" in errors[0]


def test_thread_sharing_can_be_allowed(connection):
    connection.inc_thread_sharing()
    try:
        results = []
        thread = threading.Thread(target=lambda: results.append(connection.allow_thread_sharing))
        thread.start()
        thread.join()
        assert results == [True]
    finally:
        connection.dec_thread_sharing()
    with pytest.raises(RuntimeError, match="below zero"):
        connection.dec_thread_sharing()


def test_schema_editor_requires_an_editor_class(connection):
    from django.db.backends.base.base import BaseDatabaseWrapper

    bare = BaseDatabaseWrapper(connection.settings_dict)
    with pytest.raises(NotImplementedError):
        bare.schema_editor()


def test_time_zone_per_database_requires_use_tz(connection):
    from django.core.exceptions import ImproperlyConfigured

    conn = connection.copy()
    conn.settings_dict["TIME_ZONE"] = "Europe/Paris"
    from django.conf import settings

    old = settings.USE_TZ
    settings.USE_TZ = False
    try:
        with pytest.raises(ImproperlyConfigured, match="cannot set TIME_ZONE because USE_TZ is False"):
            conn.ensure_connection()
    finally:
        settings.USE_TZ = old
        conn.close()
