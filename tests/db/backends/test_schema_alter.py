"""Harder schema changes: primary key types with incoming foreign keys, retargeted foreign keys,
comments, collations, database defaults; on every reachable database."""

from __future__ import annotations

import pytest

from django.db import IntegrityError, models, transaction
from tests.db.backends.flushapp.models import Bottle, Crate, Shelf


def describe(connection, table):
    with connection.cursor() as cursor:
        return {c.name: c for c in connection.introspection.get_table_description(cursor, table)}


def constraints(connection, table):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def run(connection, sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return [tuple(r) for r in cursor.fetchall()] if cursor.description else None


def new_field(field, name, model):
    field.set_attributes_from_name(name)
    field.model = model
    return field


@pytest.fixture
def cellar(connection, create_tables):
    create_tables(Shelf, Crate, Bottle)
    qn = connection.ops.quote_name
    run(connection, f"INSERT INTO {qn('alter_shelf')} ({qn('id')}, {qn('label')}) VALUES (1, 'top')")
    run(connection, f"INSERT INTO {qn('alter_crate')} ({qn('id')}, {qn('code')}) VALUES (1, 'c1')")
    run(
        connection,
        f"INSERT INTO {qn('alter_bottle')} ({qn('id')}, {qn('shelf_id')}, {qn('volume')}, {qn('name')}) "
        f"VALUES (1, 1, 75, 'b')",
    )
    return connection


def test_primary_key_type_change_reaches_the_foreign_keys(cellar):
    conn = cellar
    old = Shelf._meta.get_field("id")
    big = new_field(models.BigAutoField(primary_key=True), "id", Shelf)
    with conn.schema_editor() as editor:
        editor.alter_field(Shelf, old, big, strict=True)
    shelf_id = describe(conn, "alter_shelf")["id"]
    bottle_fk = describe(conn, "alter_bottle")["shelf_id"]
    assert conn.introspection.get_field_type(shelf_id.type_code, shelf_id) in (
        "BigAutoField",
        "AutoField",
        "BigIntegerField",
    )
    if conn.features.introspected_field_types["BigAutoField"] == "BigAutoField":
        # Where integer sizes are distinguishable, the foreign key column followed the change.
        assert conn.introspection.get_field_type(bottle_fk.type_code, bottle_fk) == "BigIntegerField"
    qn = conn.ops.quote_name
    from django.core.management.color import no_style

    for statement in conn.ops.sequence_reset_sql(no_style(), [Shelf]):
        run(conn, statement)
    run(conn, f"INSERT INTO {qn('alter_shelf')} ({qn('label')}) VALUES ('auto')")  # still auto-numbered
    assert run(conn, f"SELECT COUNT(*) FROM {qn('alter_shelf')}") == [(2,)]
    assert any(c["foreign_key"] == ("alter_shelf", "id") for c in constraints(conn, "alter_bottle").values())


def test_retarget_foreign_key(cellar):
    conn = cellar
    old = Bottle._meta.get_field("shelf")
    to_crate = new_field(models.ForeignKey(Crate, models.CASCADE, null=True), "shelf", Bottle)
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, to_crate, strict=True)
    fks = [c["foreign_key"] for c in constraints(conn, "alter_bottle").values() if c["foreign_key"]]
    assert fks == [("alter_crate", "id")]
    qn = conn.ops.quote_name
    with pytest.raises(IntegrityError), transaction.atomic(using=conn.alias):
        run(conn, f"UPDATE {qn('alter_bottle')} SET {qn('shelf_id')} = 99")


def test_drop_foreign_key_constraint_keeps_the_column(cellar):
    conn = cellar
    old = Bottle._meta.get_field("shelf")
    loose = new_field(
        models.ForeignKey(Shelf, models.CASCADE, null=True, db_constraint=False), "shelf", Bottle
    )
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, loose, strict=True)
    assert not any(c["foreign_key"] for c in constraints(conn, "alter_bottle").values())
    qn = conn.ops.quote_name
    run(conn, f"UPDATE {qn('alter_bottle')} SET {qn('shelf_id')} = 99")
    assert run(conn, f"SELECT {qn('shelf_id')} FROM {qn('alter_bottle')}") == [(99,)]


def test_comments(cellar):
    conn = cellar
    if not conn.features.supports_comments:
        pytest.skip("no comments")
    old = Bottle._meta.get_field("volume")
    commented = new_field(models.IntegerField(null=True, db_comment="in centilitres"), "volume", Bottle)
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, commented, strict=True)
        editor.alter_db_table_comment(Bottle, None, "what is in the cellar")
    assert describe(conn, "alter_bottle")["volume"].comment == "in centilitres"
    with conn.cursor() as cursor:
        tables = {t.name: t for t in conn.introspection.get_table_list(cursor)}
    assert tables["alter_bottle"].comment == "what is in the cellar"
    assert run(
        conn, f"SELECT {conn.ops.quote_name('volume')} FROM {conn.ops.quote_name('alter_bottle')}"
    ) == [(75,)]


def test_collation_change(cellar):
    conn = cellar
    collation = conn.features.test_collations.get("ci")
    if not collation or not conn.features.supports_collation_on_charfield:
        pytest.skip("no case-insensitive collation known for this database")
    old = Bottle._meta.get_field("name")
    ci = new_field(models.CharField(max_length=30, default="", db_collation=collation), "name", Bottle)
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, ci, strict=True)
    assert describe(conn, "alter_bottle")["name"].collation == collation
    qn = conn.ops.quote_name
    assert run(conn, f"SELECT COUNT(*) FROM {qn('alter_bottle')} WHERE {qn('name')} = 'B'") == [(1,)]


def test_database_default_added_and_dropped(cellar):
    conn = cellar
    qn = conn.ops.quote_name
    old = Bottle._meta.get_field("volume")
    with_default = new_field(models.IntegerField(null=True, db_default=70), "volume", Bottle)
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, with_default, strict=True)
    run(conn, f"INSERT INTO {qn('alter_bottle')} ({qn('id')}, {qn('name')}) VALUES (2, 'x')")
    assert run(conn, f"SELECT {qn('volume')} FROM {qn('alter_bottle')} WHERE {qn('id')} = 2") == [(70,)]
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, with_default, old, strict=True)
    run(conn, f"INSERT INTO {qn('alter_bottle')} ({qn('id')}, {qn('name')}) VALUES (3, 'y')")
    assert run(conn, f"SELECT {qn('volume')} FROM {qn('alter_bottle')} WHERE {qn('id')} = 3") == [(None,)]


def test_not_null_with_database_default_fills_existing_nulls(cellar):
    conn = cellar
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('alter_bottle')} ({qn('id')}, {qn('name')}) VALUES (2, 'x')")
    old = Bottle._meta.get_field("volume")
    required = new_field(models.IntegerField(db_default=33), "volume", Bottle)
    with conn.schema_editor() as editor:
        editor.alter_field(Bottle, old, required, strict=True)
    assert run(conn, f"SELECT {qn('volume')} FROM {qn('alter_bottle')} ORDER BY {qn('id')}") == [(75,), (33,)]
    assert describe(conn, "alter_bottle")["volume"].null_ok is False


def test_unique_target_column_type_change_keeps_incoming_foreign_keys(cellar, connection, create_tables):
    conn = cellar

    class Label(models.Model):
        crate = models.ForeignKey(Crate, models.CASCADE, to_field="code")

        class Meta:
            app_label = "flushapp"
            db_table = "alter_label"

    try:
        create_tables(Label)
        qn = conn.ops.quote_name
        run(conn, f"INSERT INTO {qn('alter_label')} ({qn('id')}, {qn('crate_id')}) VALUES (1, 'c1')")
        old = Crate._meta.get_field("code")
        wider = new_field(models.CharField(max_length=60, unique=True), "code", Crate)
        with conn.schema_editor() as editor:
            editor.alter_field(Crate, old, wider, strict=True)
        assert describe(conn, "alter_crate")["code"].display_size == 60
        assert any(
            c["foreign_key"] == ("alter_crate", "code") for c in constraints(conn, "alter_label").values()
        )
        assert run(conn, f"SELECT {qn('crate_id')} FROM {qn('alter_label')}") == [("c1",)]
    finally:
        from django.apps import apps

        apps.all_models["flushapp"].pop("label", None)
        apps.clear_cache()
