"""MySQL/MariaDB backend specifics: OPTIONS, strict-mode check, error mapping, server detection."""

from __future__ import annotations

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connections
from tests.db_fixtures import DATABASE_ALIASES

pytestmark = pytest.mark.skipif("mysql" not in DATABASE_ALIASES, reason="MySQL/MariaDB is not reachable")


@pytest.fixture
def my(test_databases):
    test_databases("mysql")
    return connections["mysql"]


@pytest.fixture
def my_copy(my):
    made = []

    def make(**options):
        conn = my.copy()
        conn.settings_dict["OPTIONS"] = {**conn.settings_dict["OPTIONS"], **options}
        made.append(conn)
        return conn

    yield make
    for conn in made:
        conn.close()


# MariaDB before 11.1 only knows the old name of the variable.
ISOLATION_SQL = "SELECT @@session.tx_isolation"


@pytest.fixture
def my_table(my):
    made = []

    def make(name, columns_sql):
        with my.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {my.ops.quote_name(name)} ({columns_sql})")
        made.append(name)
        return my.ops.quote_name(name)

    yield make
    with my.cursor() as cursor:
        for name in made:
            cursor.execute(f"DROP TABLE IF EXISTS {my.ops.quote_name(name)}")


def scalar(conn, sql, params=None):
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_server_detection(my):
    assert isinstance(my.mysql_version, tuple) and len(my.mysql_version) >= 2
    assert my.display_name in ("MariaDB", "MySQL")
    assert my.display_name == ("MariaDB" if my.mysql_is_mariadb else "MySQL")
    assert my.get_database_version() >= my.features.minimum_database_version


def test_default_charset_and_isolation_level(my_copy):
    conn = my_copy()
    assert scalar(conn, "SELECT @@character_set_client") == "utf8mb4"
    assert scalar(conn, ISOLATION_SQL) == "READ-COMMITTED"


def test_isolation_level_option(my_copy):
    conn = my_copy(isolation_level="repeatable read")
    assert scalar(conn, ISOLATION_SQL) == "REPEATABLE-READ"


def test_invalid_isolation_level(my_copy):
    conn = my_copy(isolation_level="sometimes")
    with pytest.raises(ImproperlyConfigured, match="Invalid transaction isolation level 'sometimes'"):
        conn.ensure_connection()


def test_init_command_option(my_copy):
    conn = my_copy(init_command="SET @reinhardt_probe = 5")
    assert scalar(conn, "SELECT @reinhardt_probe") == 5


def test_null_into_not_null_column_is_an_integrity_error(my, my_table):
    table = my_table("my_not_null", "n INTEGER NOT NULL")
    with pytest.raises(IntegrityError):
        with my.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} (n) VALUES (%s)", [None])


def test_update_reports_matched_rows(my, my_table):
    table = my_table("my_rows", "n INTEGER")
    with my.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (n) VALUES (1)")
        cursor.execute(f"UPDATE {table} SET n = 1")
        assert cursor.rowcount == 1  # found, though unchanged


def test_strict_mode_check(my):
    assert my.validation.check() == [] or my.validation.check()[0].id == "mysql.W002"
    saved = my.__dict__.get("sql_mode")
    my.__dict__["sql_mode"] = set()
    try:
        issues = my.validation.check()
    finally:
        if saved is None:
            del my.__dict__["sql_mode"]
        else:
            my.__dict__["sql_mode"] = saved
    assert [issue.id for issue in issues] == ["mysql.W002"]


def test_zero_primary_key_is_refused_without_no_auto_value_on_zero(my):
    if my.features.allows_auto_pk_0:
        pytest.skip("NO_AUTO_VALUE_ON_ZERO is set")
    with pytest.raises(ValueError, match="does not accept 0 as a value for AutoField"):
        my.ops.validate_autopk_value(0)


def test_time_columns_load_as_time(my, my_table):
    import datetime

    table = my_table("my_times", "t TIME(6)")
    with my.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (t) VALUES (%s)",
            [my.ops.adapt_timefield_value(datetime.time(10, 11, 12, 5))],
        )
        cursor.execute(f"SELECT t FROM {table}")
        assert cursor.fetchone()[0] == datetime.time(10, 11, 12, 5)
