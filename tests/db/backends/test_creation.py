"""Test database lifecycle (connection.creation) on each reachable database server."""

from __future__ import annotations

import os

import pytest

# Every test here creates or clones a whole database on the server.
pytestmark = pytest.mark.slow


@pytest.fixture
def scratch(connection, tmp_path):
    """A separate wrapper whose TEST NAME points at a throwaway database."""
    conn = connection.copy()
    from tests.db_fixtures import _RUN_TOKEN as suffix

    if getattr(conn, "is_in_memory_db", None) is not None:
        conn.settings_dict["TEST"] = {**conn.settings_dict["TEST"], "NAME": str(tmp_path / "scratch.sqlite3")}
    else:
        conn.settings_dict["TEST"] = {
            **conn.settings_dict["TEST"],
            "NAME": f"test_reinhardt_scratch{suffix}",
        }
    yield conn
    conn.close()


def _exists(conn, name: str) -> bool:
    probe = conn.copy()
    probe.settings_dict["NAME"] = name
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            return True
    except Exception:
        return False
    finally:
        probe.close()


def test_test_database_name_defaults_to_test_prefix(connection):
    conn = connection.copy()
    conn.settings_dict["TEST"] = {**conn.settings_dict["TEST"], "NAME": None}
    conn.settings_dict["NAME"] = "proj"
    name = conn.creation._get_test_db_name()
    assert name == "test_proj" or "mode=memory" in name


def test_create_and_destroy_a_test_database(scratch):
    name = scratch.creation._create_test_db(verbosity=0, autoclobber=True)
    scratch.settings_dict["NAME"] = name
    with scratch.cursor() as cursor:
        cursor.execute("CREATE TABLE lifecycle_probe (n INTEGER)")
        cursor.execute("INSERT INTO lifecycle_probe (n) VALUES (1)")
    from django.conf import settings

    current = settings.DATABASES[scratch.alias]["NAME"]  # destroy_test_db writes it back there
    scratch.creation.destroy_test_db(old_database_name=current, verbosity=0)
    assert scratch.settings_dict["NAME"] == current
    assert settings.DATABASES[scratch.alias]["NAME"] == current
    assert scratch.connection is None or getattr(scratch, "is_in_memory_db", lambda: False)()
    if getattr(scratch, "is_in_memory_db", None) is not None:
        assert not os.path.exists(name)
    else:
        assert not _exists(scratch, name)


def test_existing_test_database_is_recreated_with_autoclobber(scratch):
    first = scratch.creation._create_test_db(verbosity=0, autoclobber=True)
    scratch.settings_dict["NAME"] = first
    with scratch.cursor() as cursor:
        cursor.execute("CREATE TABLE leftover (n INTEGER)")
    scratch.close()
    second = scratch.creation._create_test_db(verbosity=0, autoclobber=True)
    assert second == first
    scratch.settings_dict["NAME"] = second
    assert "leftover" not in scratch.introspection.table_names()
    scratch.creation.destroy_test_db(verbosity=0)


def test_keepdb_keeps_an_existing_database(scratch):
    name = scratch.creation._create_test_db(verbosity=0, autoclobber=True)
    scratch.settings_dict["NAME"] = name
    with scratch.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (n INTEGER)")
    scratch.close()
    assert scratch.creation._create_test_db(verbosity=0, autoclobber=False, keepdb=True) == name
    assert "kept" in scratch.introspection.table_names()
    scratch.creation.destroy_test_db(verbosity=0, keepdb=False)


def test_clone_copies_tables_and_rows(scratch):
    if not scratch.features.can_clone_databases:
        pytest.skip("the backend cannot clone databases")
    name = scratch.creation._create_test_db(verbosity=0, autoclobber=True)
    scratch.settings_dict["NAME"] = name
    with scratch.cursor() as cursor:
        cursor.execute("CREATE TABLE cloned (n INTEGER)")
        cursor.execute("INSERT INTO cloned (n) VALUES (7)")
    scratch.close()
    scratch.creation.clone_test_db(suffix="1", verbosity=0, autoclobber=True)
    clone = scratch.copy()
    clone.settings_dict.update(scratch.creation.get_test_db_clone_settings("1"))
    try:
        with clone.cursor() as cursor:
            cursor.execute("SELECT n FROM cloned")
            assert cursor.fetchall()[0][0] == 7
    finally:
        clone.close()
        scratch.creation.destroy_test_db(verbosity=0, suffix="1")
        scratch.creation.destroy_test_db(verbosity=0)


def test_signature_identifies_the_database(connection):
    signature = connection.creation.test_db_signature()
    assert isinstance(signature, tuple) and signature


def test_in_memory_sqlite_test_database_is_shared_cache(connection):
    creation = connection.creation
    if not hasattr(creation, "is_in_memory_db"):
        pytest.skip("not an embedded database")
    conn = connection.copy()
    conn.settings_dict["TEST"] = {**conn.settings_dict["TEST"], "NAME": None}
    name = conn.creation._get_test_db_name()
    assert "mode=memory" in name and "cache=shared" in name
    assert conn.creation.is_in_memory_db(name)


@pytest.fixture
def lifecycle_alias(connection, tmp_path):
    """A whole new alias (create_test_db runs commands by alias) copied from the one under test."""
    import copy

    from django.conf import settings
    from django.db import connections
    from tests.db_fixtures import _RUN_TOKEN

    alias = f"lifecycle_{connection.alias}"
    settings_dict = copy.deepcopy(connection.settings_dict)
    if getattr(connection, "is_in_memory_db", None) is not None:
        settings_dict["TEST"] = {**settings_dict["TEST"], "NAME": str(tmp_path / "lifecycle.sqlite3")}
    else:
        settings_dict["TEST"] = {**settings_dict["TEST"], "NAME": f"test_reinhardt_lifecycle{_RUN_TOKEN}"}
    connections.settings[alias] = settings_dict
    yield alias
    conn = connections[alias]
    conn.close()
    del connections[alias]
    del connections.settings[alias]
    assert settings.DATABASES is connections.settings or alias not in settings.DATABASES


def test_create_test_db_migrates_and_destroy_restores(lifecycle_alias):
    from django.db import connections

    conn = connections[lifecycle_alias]
    original = conn.settings_dict["NAME"]
    name = conn.creation.create_test_db(verbosity=0, autoclobber=True, serialize=True)
    try:
        assert conn.settings_dict["NAME"] == name
        tables = conn.introspection.table_names()
        assert "alter_shelf" in tables  # an installed app without migrations: synced
        assert isinstance(conn._test_serialized_contents, str)
    finally:
        conn.creation.destroy_test_db(original, verbosity=0)
    assert conn.settings_dict["NAME"] == original
