"""django.db.utils: ConnectionHandler, ConnectionRouter, error wrapping; backends.utils helpers."""

from __future__ import annotations

import datetime
import decimal

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    connections,
    router,
)
from django.db.backends import utils as backend_utils
from django.db.utils import ConnectionDoesNotExist, ConnectionHandler, ConnectionRouter, load_backend


class TestConnectionHandler:
    def test_settings_get_documented_defaults(self):
        handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        db = handler.settings["default"]
        assert db["ATOMIC_REQUESTS"] is False
        assert db["AUTOCOMMIT"] is True
        assert db["CONN_MAX_AGE"] == 0
        assert db["CONN_HEALTH_CHECKS"] is False
        assert db["OPTIONS"] == {}
        assert db["TIME_ZONE"] is None
        assert db["TEST"] == {
            "CHARSET": None,
            "COLLATION": None,
            "MIGRATE": True,
            "MIRROR": None,
            "NAME": None,
        }

    def test_missing_default_alias_is_improperly_configured(self):
        handler = ConnectionHandler({"other": {"ENGINE": "django.db.backends.sqlite3"}})
        with pytest.raises(ImproperlyConfigured, match="You must define a 'default' database"):
            handler.settings

    def test_empty_databases_use_the_dummy_backend_which_complains_on_use(self):
        handler = ConnectionHandler({})
        conn = handler["default"]
        assert conn.settings_dict["ENGINE"] == "django.db.backends.dummy"
        with pytest.raises(ImproperlyConfigured, match="Please supply the ENGINE value"):
            conn.cursor()

    def test_unknown_alias_raises_connection_does_not_exist(self):
        handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        with pytest.raises(ConnectionDoesNotExist, match="'nope' doesn't exist"):
            handler["nope"]

    def test_same_wrapper_per_thread_and_new_one_in_another_thread(self):
        import threading

        handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        first = handler["default"]
        assert handler["default"] is first
        seen = []
        thread = threading.Thread(target=lambda: seen.append(handler["default"]))
        thread.start()
        thread.join()
        assert seen[0] is not first

    def test_all_and_close_all(self):
        handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        assert handler.all(initialized_only=True) == []
        conn = handler["default"]
        conn.ensure_connection()
        assert handler.all(initialized_only=True) == [conn]
        handler.close_all()

    def test_unknown_engine_names_the_builtin_backends(self):
        with pytest.raises(ImproperlyConfigured, match="isn't an available database backend") as info:
            load_backend("django.db.backends.nosuchdb")
        assert "'postgresql'" in str(info.value) and "'sqlite3'" in str(info.value)

    def test_third_party_import_error_propagates(self):
        with pytest.raises(ImportError):
            load_backend("no_such_package.backend")


class TestErrorWrapping:
    def test_hierarchy(self):
        for cls in (
            DataError,
            OperationalError,
            IntegrityError,
            InternalError,
            ProgrammingError,
            NotSupportedError,
        ):
            assert issubclass(cls, DatabaseError)
        assert issubclass(DatabaseError, Error) and issubclass(InterfaceError, Error)

    def test_bad_sql_is_a_django_database_error_with_the_driver_cause(self, connection):
        with pytest.raises(DatabaseError) as info:
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM table_that_does_not_exist")
        assert isinstance(info.value, OperationalError | ProgrammingError)
        assert isinstance(info.value.__cause__, connection.Database.Error)
        assert connection.errors_occurred is True

    def test_integrity_error_does_not_flag_the_connection(self, connection, raw_table):
        table = raw_table("wrap_pk", "id INTEGER PRIMARY KEY")
        connection.errors_occurred = False
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} (id) VALUES (1)")
            with pytest.raises(IntegrityError):
                cursor.execute(f"INSERT INTO {table} (id) VALUES (1)")
        assert connection.errors_occurred is False

    def test_wrapper_as_decorator(self, connection):
        @connection.wrap_database_errors
        def fail():
            raise connection.Database.OperationalError("driver says no")

        with pytest.raises(OperationalError, match="driver says no"):
            fail()

    def test_non_driver_exceptions_pass_through(self, connection):
        with pytest.raises(KeyError):
            with connection.wrap_database_errors:
                raise KeyError("x")


class RouterA:
    def db_for_read(self, model, **hints):
        return "replica" if model == "ReadMe" else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, **hints):
        if app_label == "only_default":
            return db == "default"
        return None


class RouterB:
    def db_for_write(self, model, **hints):
        return "primary"

    def allow_relation(self, obj1, obj2, **hints):
        return True


class _State:
    def __init__(self, db):
        self.db = db


class _Instance:
    def __init__(self, db):
        self._state = _State(db)


class TestRouter:
    def test_routers_are_asked_in_order_until_one_answers(self):
        r = ConnectionRouter([RouterA(), RouterB()])
        assert r.db_for_read("ReadMe") == "replica"
        assert r.db_for_write("ReadMe") == "primary"

    def test_fallback_is_the_instance_database_then_default(self):
        r = ConnectionRouter([])
        assert r.db_for_read("X") == DEFAULT_DB_ALIAS
        assert r.db_for_write("X", instance=_Instance("other")) == "other"

    def test_allow_relation_defaults_to_same_database(self):
        r = ConnectionRouter([RouterA()])
        assert r.allow_relation(_Instance("a"), _Instance("a")) is True
        assert r.allow_relation(_Instance("a"), _Instance("b")) is False
        assert ConnectionRouter([RouterA(), RouterB()]).allow_relation(_Instance("a"), _Instance("b")) is True

    def test_allow_migrate(self):
        r = ConnectionRouter([RouterA()])
        assert r.allow_migrate("default", "only_default") is True
        assert r.allow_migrate("other", "only_default") is False
        assert r.allow_migrate("other", "anything") is True

    def test_routers_given_as_dotted_paths_are_instantiated(self):
        r = ConnectionRouter([f"{__name__}.RouterB"])
        assert isinstance(r.routers[0], RouterB)

    def test_global_router_reads_database_routers_setting(self):
        assert router.db_for_read("X") == DEFAULT_DB_ALIAS


class TestHelpers:
    def test_truncate_name_keeps_short_names(self):
        assert backend_utils.truncate_name("short", 10) == "short"
        assert backend_utils.truncate_name("short") == "short"

    def test_truncate_name_adds_a_stable_hash(self):
        name = "a_really_long_identifier_name"
        truncated = backend_utils.truncate_name(name, 10)
        assert len(truncated) == 10
        assert truncated == backend_utils.truncate_name(name, 10)
        assert truncated != backend_utils.truncate_name(name + "x", 10)

    def test_truncate_name_keeps_the_namespace(self):
        truncated = backend_utils.truncate_name('username"."some_long_table_name', 10)
        assert truncated.startswith('username"."') and len(truncated.split('"."')[1]) == 10

    def test_split_identifier_and_strip_quotes(self):
        assert backend_utils.split_identifier('"schema"."table"') == ("schema", "table")
        assert backend_utils.split_identifier("table") == ("", "table")
        assert backend_utils.strip_quotes('"t"') == "t"
        assert backend_utils.strip_quotes("t") == "t"

    def test_names_digest_is_deterministic_hex(self):
        digest = backend_utils.names_digest("a", "b", length=8)
        assert len(digest) == 8 and int(digest, 16) >= 0
        assert digest == backend_utils.names_digest("a", "b", length=8)

    def test_format_number(self):
        assert backend_utils.format_number(decimal.Decimal("1234.5678"), 8, 2) == "1234.57"
        assert backend_utils.format_number(decimal.Decimal("3.14159"), None, 3) == "3.142"
        assert backend_utils.format_number(None, 5, 2) is None

    def test_typecasts(self):
        assert backend_utils.typecast_date("2024-02-29") == datetime.date(2024, 2, 29)
        assert backend_utils.typecast_date("") is None
        assert backend_utils.typecast_time("12:30:15.25") == datetime.time(12, 30, 15, 250000)
        assert backend_utils.typecast_timestamp("2024-01-02 03:04:05.000006") == datetime.datetime(
            2024, 1, 2, 3, 4, 5, 6
        )
        assert backend_utils.typecast_timestamp("2024-01-02") == datetime.date(2024, 1, 2)
        assert backend_utils.typecast_timestamp("2024-01-02 03:04:05+02") == datetime.datetime(
            2024, 1, 2, 3, 4, 5
        )

    def test_split_tzname_delta(self):
        assert backend_utils.split_tzname_delta("Europe/Paris") == ("Europe/Paris", None, None)
        assert backend_utils.split_tzname_delta("+05:30") == ("", "+", "05:30")
        assert backend_utils.split_tzname_delta("UTC-03") == ("UTC", "-", "03")
        assert backend_utils.split_tzname_delta("America/Port-au-Prince") == (
            "America/Port-au-Prince",
            None,
            None,
        )


def test_connections_exposes_configured_aliases():
    assert "default" in connections.settings
    assert connections["default"].alias == "default"


class TestRequestHooks:
    def test_request_started_resets_query_logs(self, connection):
        from django.core.signals import request_started

        connection.queries_log.append({"sql": "SELECT 1", "time": "0.000"})
        request_started.send(sender=None)
        assert len(connection.queries_log) == 0

    def test_request_boundaries_close_expired_connections(self, connection):
        from django.core.signals import request_finished, request_started

        conn = connection.copy()
        conn.settings_dict["CONN_MAX_AGE"] = 0
        alias = connection.alias
        connections[alias] = conn  # this thread's wrapper for the alias, for the duration
        try:
            conn.ensure_connection()
            request_started.send(sender=None)
            assert conn.connection is None or getattr(conn, "is_in_memory_db", lambda: False)()
            conn.settings_dict["CONN_MAX_AGE"] = None
            conn.ensure_connection()
            raw = conn.connection
            request_finished.send(sender=None)
            assert conn.connection is raw  # persistent connections survive the request
        finally:
            connections[alias] = connection
            conn.close()


def test_database_access_from_an_event_loop_is_refused(connection):
    import asyncio

    from django.core.exceptions import SynchronousOnlyOperation

    async def query():
        return connection.cursor()

    with pytest.raises(SynchronousOnlyOperation):
        asyncio.run(query())


def test_importing_django_db_opens_no_connection():
    import subprocess
    import sys

    code = (
        "import sys, django.db\n"
        "from django.db import connections\n"
        "assert not connections.all(initialized_only=True)\n"
        "assert 'django.db.models' not in sys.modules, 'the ORM is loaded lazily'\n"
        "assert 'sqlite3' not in sys.modules and 'psycopg' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
