"""SQLite backend specifics: connection setup, the Python SQL functions, constraint checks."""

from __future__ import annotations

import datetime

import pytest

from django.db import IntegrityError, NotSupportedError, connections
from django.db.backends.sqlite3 import _functions as fn


@pytest.fixture
def lite(tmp_path):
    conn = connections["default"].copy()
    conn.settings_dict["NAME"] = str(tmp_path / "lite.sqlite3")
    yield conn
    conn.close()


def scalar(conn, sql, params=None):
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_foreign_keys_are_enforced(lite):
    with lite.cursor() as cursor:
        cursor.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
        cursor.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))")
        with pytest.raises(IntegrityError):
            cursor.execute("INSERT INTO c (p_id) VALUES (5)")


def test_check_constraints_reports_the_bad_row(lite):
    with lite.cursor() as cursor:
        cursor.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
        cursor.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))")
    with lite.constraint_checks_disabled():
        with lite.cursor() as cursor:
            cursor.execute("INSERT INTO c (id, p_id) VALUES (1, 5)")
    with pytest.raises(
        IntegrityError, match="The row in table 'c' with primary key '1' has an invalid foreign key"
    ):
        lite.check_constraints(table_names=["c"])


def test_check_constraints_on_backtick_and_bracket_quoted_columns_are_introspected(lite):
    # SQLite accepts MySQL- and SQL Server-style quoting; such columns used to crash get_constraints().
    with lite.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE q (`a b` INTEGER CHECK (`a b` > 0), [c] INTEGER CHECK ([c] > 1), "
            "d INTEGER, CHECK (d < 9))"
        )
        constraints = lite.introspection.get_constraints(cursor, "q")
    checks = sorted(info["columns"] for info in constraints.values() if info["check"])
    assert checks == [["a b"], ["c"], ["d"]]


def test_like_is_case_sensitive(lite):
    assert scalar(lite, "SELECT 'ABC' LIKE 'abc'") == 0
    assert scalar(lite, "SELECT 'ABC' LIKE 'ABC'") == 1


def test_init_command_and_transaction_mode_options(lite):
    lite.settings_dict["OPTIONS"] = {
        "init_command": "PRAGMA user_version = 7;",
        "transaction_mode": "IMMEDIATE",
    }
    assert scalar(lite, "PRAGMA user_version") == 7
    lite.force_debug_cursor = True
    lite.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        assert any(q["sql"] == "BEGIN IMMEDIATE" for q in lite.queries)
    finally:
        lite.rollback()
        lite.set_autocommit(True)
        lite.force_debug_cursor = False


def test_memory_database_survives_close(tmp_path):
    conn = connections["default"].copy()
    conn.settings_dict["NAME"] = "file:memorydb_closetest?mode=memory&cache=shared"
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (n INTEGER)")
    conn.close()
    assert conn.connection is not None
    assert "kept" in conn.introspection.table_names()
    conn.connection.close()
    conn.connection = None


def test_missing_name_is_improperly_configured():
    from django.core.exceptions import ImproperlyConfigured

    conn = connections["default"].copy()
    conn.settings_dict["NAME"] = ""
    with pytest.raises(ImproperlyConfigured, match="Please supply the NAME value"):
        conn.ensure_connection()


def test_aware_datetimes_need_use_tz(lite):
    from django.conf import settings

    moment = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    settings.USE_TZ = False
    try:
        with pytest.raises(ValueError, match="does not support timezone-aware datetimes"):
            lite.ops.adapt_datetimefield_value(moment)
    finally:
        settings.USE_TZ = True
    assert lite.ops.adapt_datetimefield_value(moment) == "2024-01-01 00:00:00"
    with pytest.raises(ValueError, match="timezone-aware times"):
        lite.ops.adapt_timefield_value(datetime.time(1, tzinfo=datetime.UTC))


def test_sum_of_dates_is_not_supported(lite):
    from django.db.models import DateField, F, Sum

    aggregate = Sum(F("d"), output_field=DateField())
    aggregate.source_expressions[0].output_field = DateField()  # a resolved date column
    with pytest.raises(NotSupportedError):
        lite.ops.check_expression_support(aggregate)


class TestFunctions:
    @pytest.mark.parametrize(
        "lookup, expected",
        [
            ("year", 2024),
            ("month", 2),
            ("day", 29),
            ("week_day", 5),
            ("iso_week_day", 4),
            ("week", 9),
            ("quarter", 1),
            ("iso_year", 2024),
        ],
    )
    def test_date_extract(self, lookup, expected):
        assert fn.date_extract(lookup, "2024-02-29") == expected

    def test_datetime_functions_convert_time_zones(self):
        assert fn.datetime_extract("hour", "2024-01-01 23:30:00", "Asia/Tokyo", "UTC") == 8
        assert fn.datetime_cast_date("2024-01-01 23:30:00", "Asia/Tokyo", "UTC") == "2024-01-02"
        assert fn.datetime_trunc("hour", "2024-01-01 23:30:15.5", "+05:30", "UTC") == "2024-01-02 05:00:00"
        assert fn.datetime_cast_time("2024-01-01 23:30:00", None, None) == "23:30:00"

    @pytest.mark.parametrize(
        "lookup, expected",
        [
            ("year", "2024-01-01 00:00:00"),
            ("quarter", "2024-07-01 00:00:00"),
            ("month", "2024-08-01 00:00:00"),
            ("week", "2024-08-12 00:00:00"),
            ("day", "2024-08-15 00:00:00"),
            ("minute", "2024-08-15 10:11:00"),
            ("second", "2024-08-15 10:11:12"),
        ],
    )
    def test_datetime_trunc(self, lookup, expected):
        assert fn.datetime_trunc(lookup, "2024-08-15 10:11:12.5", None, None) == expected

    def test_time_functions(self):
        assert fn.time_extract("minute", "10:42:07") == 42
        assert fn.time_trunc("hour", "10:42:07", None, None) == "10:00:00"
        with pytest.raises(ValueError):
            fn.time_trunc("month", "10:42:07", None, None)

    def test_nulls_and_garbage_give_null(self):
        assert fn.date_extract("year", None) is None
        assert fn.datetime_trunc("day", "not a date", None, None) is None
        assert fn.regexp(None, "x") is None
        assert fn.SCALAR_FUNCTIONS["SQRT"][1](None) is None

    def test_duration_arithmetic(self):
        one_hour = 3600 * 10**6
        assert fn.format_dtdelta("+", "2024-01-01 00:00:00", one_hour) == "2024-01-01 01:00:00"
        assert fn.format_dtdelta("-", one_hour, one_hour) == 0
        assert fn.timestamp_diff("2024-01-02 00:00:00", "2024-01-01 00:00:00") == 86400 * 10**6
        assert fn.time_diff("10:00:00", "09:30:00") == 1800 * 10**6

    def test_math_and_text_functions_in_sql(self, lite):
        assert scalar(lite, "SELECT POWER(2, 10), SQRT(16)") == 1024
        assert scalar(lite, "SELECT LPAD('7', 3, '0')") == "007"
        assert scalar(lite, "SELECT RPAD('ab', 5, 'xy')") == "abxyx"
        assert scalar(lite, "SELECT REVERSE('abc')") == "cba"
        assert (
            scalar(lite, "SELECT SHA256('a')")
            == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
        )
        assert scalar(lite, "SELECT 'Hello' REGEXP '^H'") == 1

    def test_statistics_aggregates(self, lite):
        with lite.cursor() as cursor:
            cursor.execute("CREATE TABLE nums (n REAL)")
            cursor.executemany(
                "INSERT INTO nums (n) VALUES (%s)", [(2,), (4,), (4,), (4,), (5,), (5,), (7,), (9,)]
            )
            cursor.execute("SELECT STDDEV_POP(n), VAR_POP(n), STDDEV_SAMP(n) FROM nums")
            pop_std, pop_var, sample_std = cursor.fetchone()
        assert pop_std == 2.0 and pop_var == 4.0 and round(sample_std, 4) == 2.1381


def test_placeholder_conversion_is_the_same_for_repeated_and_long_statements(lite):
    from django.db import DatabaseError

    short = "SELECT %s || '%%' || %s"
    for _ in range(3):  # converted once, then from the cache
        assert scalar(lite, short, ["a", "b"]) == "a%b"
    assert scalar(lite, "SELECT %(x)s || %(x)s", {"x": "y"}) == "yy"
    values = list(range(1500))  # a statement too long to keep in the cache
    long_sql = "SELECT COUNT(*) FROM (SELECT 1 AS v) WHERE v IN (" + ", ".join(["%s"] * len(values)) + ")"
    assert len(long_sql) > 4096
    assert scalar(lite, long_sql, values) == 1
    with lite.cursor() as cursor:
        cursor.execute("SELECT 1 UNION SELECT 2 ORDER BY 1")
        assert cursor.fetchone() == (1,)
        assert cursor.fetchmany(5) == [(2,)]
        assert cursor.fetchall() == []
        with pytest.raises(DatabaseError):
            cursor.execute("SELECT * FROM no_such_table")
