"""inspectdb writes models for existing tables on each reachable database."""

from __future__ import annotations

import re
from io import StringIO

import pytest

from django.core.management import call_command


def inspect(connection, *tables, **options):
    out = StringIO()
    call_command("inspectdb", *tables, database=connection.alias, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def legacy(connection, raw_table):
    qn = connection.ops.quote_name
    types = connection.data_types
    auto = f"{types['AutoField']} PRIMARY KEY {connection.data_types_suffix.get('AutoField', '')}"
    raw_table("legacy_owner", f"{qn('id')} {auto}, {qn('Name')} VARCHAR(40) NOT NULL UNIQUE")
    raw_table(
        "legacy_item",
        f"{qn('item_id')} INTEGER PRIMARY KEY, "
        f"{qn('owner_id')} INTEGER NULL REFERENCES {qn('legacy_owner')} ({qn('id')}), "
        f"{qn('price')} {types['DecimalField'] % {'max_digits': 8, 'decimal_places': 2}} NOT NULL, "
        f"{qn('class')} VARCHAR(10) NOT NULL, "
        f"{qn('notes')} {types['TextField']} NULL, "
        f"{qn('made')} {types['DateField']} NOT NULL, "
        f"{qn('a')} INTEGER NOT NULL, {qn('b')} INTEGER NOT NULL, "
        f"CONSTRAINT {qn('legacy_item_ab')} UNIQUE ({qn('a')}, {qn('b')})",
    )
    return connection


def test_generates_models_for_the_given_tables(legacy):
    output = inspect(legacy, "legacy_owner", "legacy_item")
    compile(output, "models.py", "exec")
    assert "from django.db import models" in output
    assert "class LegacyOwner(models.Model):" in output
    assert "class LegacyItem(models.Model):" in output
    assert "        managed = False" in output
    assert "        db_table = 'legacy_item'" in output


def test_fields_types_keys_and_names(legacy):
    output = inspect(legacy, "legacy_owner", "legacy_item")
    assert "name = models.CharField(db_column='Name', unique=True, max_length=40)" in output
    assert re.search(r"item_id = models\.(IntegerField|AutoField)\(primary_key=True\)", output)
    assert "owner = models.ForeignKey(LegacyOwner, models.DO_NOTHING, blank=True, null=True)" in output
    # Databases without declared precision (SQLite) get documented guesses and a note.
    assert re.search(r"price = models\.DecimalField\(max_digits=(8|10), decimal_places=(2|5)\)", output)
    assert "class_field = models.CharField(db_column='class', max_length=10)" in output
    assert "notes = models.TextField(blank=True, null=True)" in output
    assert "made = models.DateField()" in output
    assert "unique_together = (('a', 'b'),)" in output


def test_auto_primary_key_is_left_implicit(legacy):
    output = inspect(legacy, "legacy_owner")
    owner = output.split("class LegacyOwner")[1]
    assert "    id = " not in owner or "AutoField?" in owner


def test_views_only_with_include_views(legacy):
    qn = legacy.ops.quote_name
    with legacy.cursor() as cursor:
        cursor.execute(
            f"CREATE VIEW {qn('legacy_view')} AS SELECT {qn('id')}, {qn('Name')} FROM {qn('legacy_owner')}"
        )
    try:
        assert "class LegacyView" not in inspect(legacy)
        output = inspect(legacy, include_views=True)
        assert "class LegacyView(models.Model):" in output
        assert "managed = False  # Created from a view." in output
    finally:
        with legacy.cursor() as cursor:
            cursor.execute(f"DROP VIEW {qn('legacy_view')}")


def test_unknown_table_is_reported_not_raised(connection):
    output = inspect(connection, "no_such_table_anywhere")
    assert "# Unable to inspect table 'no_such_table_anywhere'" in output


@pytest.mark.parametrize(
    "column, expected",
    [
        ("Title", ("title", {"db_column": "Title"})),
        ("my field", ("my_field", {"db_column": "my field"})),
        ("a__b", ("a_b", {"db_column": "a__b"})),
        ("_x", ("field_x", {"db_column": "_x"})),
        ("x_", ("x_field", {"db_column": "x_"})),
        ("def", ("def_field", {"db_column": "def"})),
        ("1st", ("number_1st", {"db_column": "1st"})),
        ("plain", ("plain", {})),
    ],
)
def test_column_names_become_valid_attributes(column, expected):
    from django.core.management.commands.inspectdb import normalize_col_name

    name, params, notes = normalize_col_name(column, [], False)
    assert (name, params) == expected
    assert bool(notes) == bool(params)


def test_duplicate_column_names_get_numbered():
    from django.core.management.commands.inspectdb import normalize_col_name

    assert normalize_col_name("a", ["a"], False)[0] == "a_0"
    assert normalize_col_name("parent_id", [], True)[0] == "parent"
