"""connection.ops: SQL fragments checked by running them on the database."""

from __future__ import annotations

import datetime

import pytest

from django.db import NotSupportedError


def scalar(connection, sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", list(params))
        return cursor.fetchone()[0]


def test_quote_name_is_idempotent_and_escapes(connection):
    quoted = connection.ops.quote_name("my table")
    assert connection.ops.quote_name(quoted) == quoted
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 AS {quoted}")
        assert cursor.description[0][0] == "my table"


@pytest.mark.parametrize(
    "low, high, expected_rows",
    [(None, None, [0, 1, 2, 3, 4]), (0, 2, [0, 1]), (2, None, [2, 3, 4]), (1, 3, [1, 2]), (5, None, [])],
)
def test_limit_offset_sql_slices_like_python(connection, raw_table, low, high, expected_rows):
    table = raw_table("ops_rows", "n INTEGER")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (n) VALUES (%s)", [(i,) for i in range(5)])
        cursor.execute(f"SELECT n FROM {table} ORDER BY n {connection.ops.limit_offset_sql(low, high)}")
        assert [row[0] for row in cursor.fetchall()] == expected_rows


@pytest.mark.parametrize("text", ["50%", "a_b", "back\\slash", "plain", "%_\\"])
def test_like_escaping_matches_literally(connection, raw_table, text):
    table = raw_table("ops_like", "s VARCHAR(50)")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (s) VALUES (%s)",
            [(text,), ("x" + text + "y",), ("50x",), ("aXb",), ("back/slash",)],
        )
        operator = connection.operators["contains"] % "%s"
        cursor.execute(
            f"SELECT s FROM {table} WHERE s {operator} ORDER BY s",
            [f"%{connection.ops.prep_for_like_query(text)}%"],
        )
        assert sorted(row[0] for row in cursor.fetchall()) == sorted([text, "x" + text + "y"])


def test_contains_is_case_sensitive_and_icontains_is_not(connection, raw_table):
    table = raw_table("ops_case", "s VARCHAR(20)")
    lhs_i = connection.ops.lookup_cast("icontains", "CharField") % "s"
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (s) VALUES (%s)", [("Hello",), ("hello",), ("HELLO",)])
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE s {connection.operators['contains']}", ["%ell%"])
        assert cursor.fetchone()[0] == 2
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE s {connection.operators['contains']}", ["%ELL%"])
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE {lhs_i} {connection.operators['icontains']}", ["%ell%"]
        )
        assert cursor.fetchone()[0] == 3


def regex_sql(connection, lookup, lhs):
    """As the regex lookups build it: an operator if the backend has one, else regex_lookup()."""
    if lookup in connection.operators:
        return f"{lhs} {connection.operators[lookup] % '%s'}"
    return connection.ops.regex_lookup(lookup) % (lhs, "%s")


def test_regex_lookups(connection):
    assert bool(scalar(connection, regex_sql(connection, "regex", "'Hello'"), ["^H.l+o$"])) is True
    assert bool(scalar(connection, regex_sql(connection, "regex", "'Hello'"), ["^h"])) is False
    assert bool(scalar(connection, regex_sql(connection, "iregex", "'Hello'"), ["^h"])) is True


@pytest.mark.parametrize(
    "lookup, expected",
    [
        ("year", 2024),
        ("month", 3),
        ("day", 15),
        ("week_day", 6),
        ("iso_week_day", 5),
        ("quarter", 1),
        ("week", 11),
        ("iso_year", 2024),
    ],
)
def test_date_extract(connection, lookup, expected):
    sql, params = connection.ops.date_extract_sql(lookup, "%s", [datetime.date(2024, 3, 15)])
    assert int(scalar(connection, sql, params)) == expected


@pytest.mark.parametrize(
    "lookup, expected",
    [
        ("year", datetime.date(2024, 1, 1)),
        ("quarter", datetime.date(2024, 7, 1)),
        ("month", datetime.date(2024, 8, 1)),
        ("week", datetime.date(2024, 8, 12)),
        ("day", datetime.date(2024, 8, 15)),
    ],
)
def test_date_trunc(connection, raw_table, lookup, expected):
    table = raw_table("ops_dates", "d DATE")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (d) VALUES (%s)", [datetime.date(2024, 8, 15)])
        sql, params = connection.ops.date_trunc_sql(lookup, "d", ())
        cursor.execute(f"SELECT {sql} FROM {table}", list(params))
        value = cursor.fetchone()[0]
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = value.date()
    assert value == expected


def test_datetime_extract_in_a_time_zone(connection, raw_table):
    if not connection.features.has_zoneinfo_database:
        pytest.skip("the server has no time zone definitions loaded")
    table = raw_table("ops_dt", "dt " + connection.data_types["DateTimeField"])
    moment = datetime.datetime(2024, 1, 1, 23, 30, tzinfo=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (dt) VALUES (%s)", [connection.ops.adapt_datetimefield_value(moment)]
        )
        hour_sql, hour_params = connection.ops.datetime_extract_sql("hour", "dt", (), "Europe/Paris")
        day_sql, day_params = connection.ops.datetime_extract_sql("day", "dt", (), "Europe/Paris")
        cursor.execute(f"SELECT {hour_sql}, {day_sql} FROM {table}", [*hour_params, *day_params])
        hour, day = cursor.fetchone()
    assert (int(hour), int(day)) == (0, 2)


def test_datetime_trunc_and_cast_date(connection, raw_table):
    table = raw_table("ops_dt2", "dt " + connection.data_types["DateTimeField"])
    moment = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (dt) VALUES (%s)", [connection.ops.adapt_datetimefield_value(moment)]
        )
        trunc_sql, trunc_params = connection.ops.datetime_trunc_sql("hour", "dt", (), "UTC")
        date_sql, date_params = connection.ops.datetime_cast_date_sql("dt", (), "UTC")
        cursor.execute(f"SELECT {trunc_sql}, {date_sql} FROM {table}", [*trunc_params, *date_params])
        truncated, day = cursor.fetchone()
    assert str(truncated).startswith("2024-05-06 07:00:00")
    assert str(day) == "2024-05-06"


def test_time_extract(connection):
    sql, params = connection.ops.time_extract_sql("minute", "%s", [datetime.time(10, 42, 7)])
    assert int(scalar(connection, sql, params)) == 42


def test_hostile_extract_lookup_cannot_inject_sql(connection):
    """The lookup name is validated or bound as a parameter: never spliced into SQL."""
    try:
        sql, params = connection.ops.date_extract_sql("year); SELECT (1", "%s", [datetime.date(2024, 1, 1)])
    except ValueError:
        return
    assert scalar(connection, sql, params) is None


def test_combine_expression_power(connection):
    assert float(scalar(connection, connection.ops.combine_expression("^", ["2", "10"]))) == 1024
    assert int(scalar(connection, connection.ops.combine_expression("+", ["2", "3"]))) == 5


def test_distinct_on_fields_only_where_supported(connection):
    if connection.features.can_distinct_on_fields:
        assert connection.ops.distinct_sql(["a"], [()])[0] == ["DISTINCT ON (a)"]
    else:
        with pytest.raises(NotSupportedError):
            connection.ops.distinct_sql(["a"], [()])
    assert connection.ops.distinct_sql([], []) == (["DISTINCT"], [])


def test_sql_flush_empties_tables(connection, raw_table):
    from django.core.management.color import no_style

    table = raw_table("ops_flush", "n INTEGER")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (n) VALUES (1)")
    statements = connection.ops.sql_flush(no_style(), ["ops_flush"], reset_sequences=True)
    connection.ops.execute_sql_flush(statements)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] == 0


def test_prepare_sql_script_splits_statements():
    from django.db.backends.base.operations import split_sql_statements

    script = "SELECT 1; -- comment; here\nSELECT 'a;b'; /* block ; */ SELECT \"x;\";\n\n"
    assert split_sql_statements(script) == ["SELECT 1;", "SELECT 'a;b';", 'SELECT "x;";']


def test_explain_prefix_validates_format(connection):
    ops = connection.ops
    if not connection.features.supports_explaining_query_execution:
        pytest.skip("no EXPLAIN")
    with pytest.raises(ValueError, match="is not a recognized format"):
        ops.explain_query_prefix(format="nonsense")
    with connection.cursor() as cursor:
        cursor.execute(f"{ops.explain_query_prefix()} SELECT 1")
        assert cursor.fetchall()


def test_window_frame_bounds(connection):
    ops = connection.ops
    if not connection.features.supports_over_clause:
        pytest.skip("no window functions")
    assert ops.window_frame_rows_start_end(None, 0) == ("UNBOUNDED PRECEDING", "CURRENT ROW")
    assert ops.window_frame_rows_start_end(-2, 3) == ("2 PRECEDING", "3 FOLLOWING")
    with pytest.raises(ValueError):
        ops.window_frame_start(1)


def test_integer_field_range(connection):
    low, high = connection.ops.integer_field_range("SmallIntegerField")
    assert low <= -32768 and high >= 32767


def test_year_lookup_bounds(connection):
    start, end = connection.ops.year_lookup_bounds_for_date_field(2024)
    assert str(start).startswith("2024-01-01") and str(end).startswith("2024-12-31")
    iso_start, iso_end = connection.ops.year_lookup_bounds_for_date_field(2021, iso_year=True)
    assert str(iso_start).startswith("2021-01-04") and str(iso_end).startswith("2022-01-02")
