"""The shared database fixtures (imported by tests/conftest.py)."""

from __future__ import annotations

import os
import secrets
import socket
from contextlib import suppress

import pytest

_SERVERS = {"postgresql": ("127.0.0.1", 5432), "mysql": ("127.0.0.1", 3306)}
_BACKEND_MODULES = {"postgresql": "psycopg", "mysql": "MySQLdb"}


def _answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _configured_aliases() -> list[str]:
    from tests import settings

    return list(settings.DATABASES)


def _wanted(alias: str) -> bool:
    if alias not in _SERVERS:
        return True
    try:
        __import__(_BACKEND_MODULES[alias])
    except ImportError:
        # The driver is an install-time dependency (see the project's test extras).
        return False
    if os.environ.get("CI") == "true":
        return True  # CI must test every backend: an absent server fails the tests.
    return _answers(*_SERVERS[alias])


DATABASE_ALIASES = [alias for alias in _configured_aliases() if _wanted(alias)]
_created: list[str] = []


# Several pytest runs (xdist workers, other sessions, other machines sharing the server) use
# one server: each process gets a database of its own, named so that no two can collide.
_RUN_TOKEN = f"_p{os.getpid()}_{secrets.token_hex(3)}"


def _process_suffix() -> str:
    return _RUN_TOKEN


def _create_server_database(alias: str) -> None:
    """Create a fresh test database on the server and point the alias at it."""
    from django.db import connections

    conn = connections[alias]
    test_settings = conn.settings_dict["TEST"]
    base_name = test_settings.get("NAME") or f"test_{conn.settings_dict['NAME']}"
    test_settings["NAME"] = f"{base_name}{_process_suffix()}"
    name = conn.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    conn.close()
    conn.settings_dict["NAME"] = name
    _created.append(alias)


@pytest.fixture(scope="session")
def test_databases():
    """Ensures the server databases exist (created once per session and worker)."""

    def ensure(alias: str) -> None:
        if alias in _SERVERS and alias not in _created:
            _create_server_database(alias)

    return ensure


def teardown_databases() -> None:
    from django.db import connections

    for alias in _created:
        conn = connections[alias]
        conn.close()
        with suppress(Exception):
            conn.creation._destroy_test_db(conn.settings_dict["NAME"], verbosity=0)
    _created.clear()


@pytest.fixture(params=DATABASE_ALIASES)
def db_alias(request, test_databases):
    """Each database the suite can reach, by alias ('default' is SQLite)."""
    test_databases(request.param)
    return request.param


@pytest.fixture
def connection(db_alias):
    """The connection of ``db_alias``; left outside any transaction afterwards."""
    from django.db import connections

    conn = connections[db_alias]
    yield conn
    if conn.connection is not None and conn.in_atomic_block:
        conn.in_atomic_block = False
        conn.atomic_blocks.clear()
        conn.savepoint_ids.clear()
    if conn.connection is not None and not conn.get_autocommit():
        conn.rollback()
        conn.set_autocommit(True)
    conn.needs_rollback = False
    conn.execute_wrappers.clear()


@pytest.fixture
def create_tables(connection):
    """``create_tables(Model, ...)`` creates the models' tables; they are dropped after the test."""
    attempted: list = []

    def create(*models):
        attempted.extend(models)
        with connection.schema_editor() as editor:
            for model in models:
                editor.create_model(model)
        return models

    yield create
    if attempted:
        _drop_model_tables(connection, attempted)


def _drop_model_tables(connection, models) -> None:
    """Drop whatever exists of the models' tables (a failed test may have left some)."""
    tables: list[str] = []
    for model in reversed(models):
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.append(through._meta.db_table)
        tables.append(model._meta.db_table)
    existing = set(connection.introspection.table_names())
    # Foreign keys between the tables must not dictate the order (MySQL checks each DROP).
    with connection.constraint_checks_disabled(), connection.schema_editor() as editor:
        for table in tables:
            if table in existing:
                editor.execute(editor.sql_delete_table % {"table": editor.quote_name(table)})
        editor.deferred_sql.clear()


@pytest.fixture
def raw_table(connection):
    """``raw_table(name, columns_sql)`` creates a table with plain DDL; dropped after the test."""
    made: list[str] = []

    def make(name: str, columns_sql: str) -> str:
        quoted = connection.ops.quote_name(name)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {quoted} ({columns_sql})")
        made.append(name)
        return quoted

    yield make
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for name in reversed(made):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)}")
