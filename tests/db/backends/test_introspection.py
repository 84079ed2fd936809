"""connection.introspection on tables made with plain DDL."""

from __future__ import annotations

import pytest


@pytest.fixture
def schema(connection, raw_table):
    qn = connection.ops.quote_name
    raw_table("intro_parent", f"{qn('id')} INTEGER PRIMARY KEY, {qn('code')} VARCHAR(10) NOT NULL UNIQUE")
    raw_table(
        "intro_child",
        f"{qn('id')} INTEGER PRIMARY KEY, "
        f"{qn('parent_id')} INTEGER NULL REFERENCES {qn('intro_parent')} ({qn('id')}), "
        f"{qn('label')} VARCHAR(30) NOT NULL DEFAULT 'x', "
        f"{qn('score')} INTEGER NOT NULL, "
        f"CONSTRAINT {qn('intro_score_positive')} CHECK ({qn('score')} >= 0), "
        f"CONSTRAINT {qn('intro_label_score_uniq')} UNIQUE ({qn('label')}, {qn('score')})",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX {qn('intro_child_label_idx')} ON {qn('intro_child')} ({qn('label')} DESC)"
        )
    return connection


def test_table_names_lists_tables_sorted(schema):
    names = schema.introspection.table_names()
    assert {"intro_child", "intro_parent"} <= set(names)
    assert names == sorted(names)
    with schema.cursor() as cursor:
        kinds = {info.name: info.type for info in schema.introspection.get_table_list(cursor)}
    assert kinds["intro_child"] == "t"


def test_views_are_listed_only_when_asked(schema, raw_table):
    qn = schema.ops.quote_name
    with schema.cursor() as cursor:
        cursor.execute(f"CREATE VIEW {qn('intro_view')} AS SELECT {qn('id')} FROM {qn('intro_parent')}")
    try:
        assert "intro_view" not in schema.introspection.table_names()
        assert "intro_view" in schema.introspection.table_names(include_views=True)
    finally:
        with schema.cursor() as cursor:
            cursor.execute(f"DROP VIEW {qn('intro_view')}")


def test_table_description_reports_names_nullability_and_defaults(schema):
    with schema.cursor() as cursor:
        description = {
            col.name: col for col in schema.introspection.get_table_description(cursor, "intro_child")
        }
    assert list(description) == ["id", "parent_id", "label", "score"]
    assert description["parent_id"].null_ok is True
    assert description["score"].null_ok is False
    assert "x" in description["label"].default
    assert description["label"].display_size == 30
    field_type = schema.introspection.get_field_type(description["label"].type_code, description["label"])
    assert field_type == "CharField"


def test_relations_and_primary_key(schema):
    with schema.cursor() as cursor:
        assert schema.introspection.get_relations(cursor, "intro_child") == {
            "parent_id": ("id", "intro_parent")
        }
        assert schema.introspection.get_primary_key_column(cursor, "intro_child") == "id"
        assert schema.introspection.get_primary_key_columns(cursor, "intro_child") == ["id"]


def test_constraints_cover_pk_fk_unique_check_and_index(schema):
    with schema.cursor() as cursor:
        constraints = schema.introspection.get_constraints(cursor, "intro_child")
    by_kind = {
        "pk": [c for c in constraints.values() if c["primary_key"]],
        "fk": [c for c in constraints.values() if c["foreign_key"]],
        "check": [c for c in constraints.values() if c["check"]],
        "index": [c for c in constraints.values() if c["index"] and not c["unique"]],
    }
    assert by_kind["pk"][0]["columns"] == ["id"]
    assert by_kind["fk"][0]["columns"] == ["parent_id"]
    assert by_kind["fk"][0]["foreign_key"] == ("intro_parent", "id")
    if schema.features.can_introspect_check_constraints:
        assert any(c["columns"] == ["score"] for c in by_kind["check"])
        assert "intro_score_positive" in constraints
    assert constraints["intro_label_score_uniq"]["unique"] is True
    assert constraints["intro_label_score_uniq"]["columns"] == ["label", "score"]
    index = constraints["intro_child_label_idx"]
    assert index["columns"] == ["label"] and index["type"] == "idx"
    if schema.features.supports_index_column_ordering:
        assert index["orders"] == ["DESC"]


def test_column_level_unique_is_reported(schema):
    with schema.cursor() as cursor:
        constraints = schema.introspection.get_constraints(cursor, "intro_parent")
    assert any(
        c["unique"] and c["columns"] == ["code"] and not c["primary_key"] for c in constraints.values()
    )


def test_sequences_name_the_auto_column(connection, raw_table):
    if not connection.features.supports_sequence_reset:
        pytest.skip("the database has no sequences")
    qn = connection.ops.quote_name
    auto = f"{connection.data_types['AutoField']} {connection.data_types_suffix['AutoField']}"
    raw_table("intro_seq", f"{qn('id')} {auto} PRIMARY KEY, {qn('v')} INTEGER")
    with connection.cursor() as cursor:
        sequences = connection.introspection.get_sequences(cursor, "intro_seq")
    assert [(s["table"], s["column"]) for s in sequences] == [("intro_seq", "id")]
