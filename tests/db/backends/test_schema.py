"""connection.schema_editor(): DDL executed on real databases and checked by introspection."""

from __future__ import annotations

import pytest

from django.db import IntegrityError, models, transaction
from django.db.models import Q


class Author(models.Model):
    name = models.CharField(max_length=50, db_index=True)
    email = models.CharField(max_length=80, unique=True, null=True)
    age = models.IntegerField(null=True)

    class Meta:
        app_label = "backends_schema"
        db_table = "schema_author"


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    pages = models.PositiveIntegerField(default=1)

    class Meta:
        app_label = "backends_schema"
        db_table = "schema_book"
        unique_together = [("title", "author")]
        indexes = [models.Index(fields=["title", "-pages"], name="schema_book_title_pages")]
        constraints = [models.CheckConstraint(condition=Q(pages__lt=10000), name="schema_book_pages_lt")]


class Tag(models.Model):
    label = models.CharField(max_length=20)
    books = models.ManyToManyField(Book, related_name="tags")

    class Meta:
        app_label = "backends_schema"
        db_table = "schema_tag"


def columns(connection, table):
    with connection.cursor() as cursor:
        return {c.name: c for c in connection.introspection.get_table_description(cursor, table)}


def constraints(connection, table):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def run(connection, sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        if cursor.description:
            return [tuple(row) for row in cursor.fetchall()]
    return None


def make_field(field, name, model):
    field.set_attributes_from_name(name)
    field.model = model
    return field


@pytest.fixture
def authors(connection, create_tables):
    create_tables(Author)
    return connection


@pytest.fixture
def library(connection, create_tables):
    create_tables(Author, Book, Tag)
    return connection


def test_create_model_makes_columns_keys_and_indexes(library):
    conn = library
    assert {"schema_author", "schema_book", "schema_tag", "schema_tag_books"} <= set(
        conn.introspection.table_names()
    )
    book = constraints(conn, "schema_book")
    assert any(c["foreign_key"] == ("schema_author", "id") for c in book.values())
    assert any(c["unique"] and c["columns"] == ["title", "author_id"] for c in book.values())
    assert book["schema_book_title_pages"]["index"] is True
    assert any(c["index"] and c["columns"] == ["author_id"] for c in book.values()), "FK columns are indexed"
    author = constraints(conn, "schema_author")
    assert any(c["index"] and not c["unique"] and c["columns"] == ["name"] for c in author.values())
    assert any(c["unique"] and c["columns"] == ["email"] for c in author.values())
    assert columns(conn, "schema_author")["age"].null_ok is True
    assert columns(conn, "schema_author")["name"].null_ok is False


def test_created_constraints_are_enforced(library):
    conn = library
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('id')}, {qn('name')}) VALUES (1, 'a')")
    with pytest.raises(IntegrityError):
        run(
            conn,
            f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES ('t', 1, 20000)",
        )
    run(
        conn,
        f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES ('t', 1, 5)",
    )
    with pytest.raises(IntegrityError):
        run(
            conn,
            f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES ('t', 1, 6)",
        )


def test_collect_sql_gathers_statements_without_running_them(connection):
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(Author)
        editor.create_model(Book)
    assert "schema_author" not in connection.introspection.table_names()
    sql = "\n".join(editor.collected_sql)
    assert sql.count("CREATE TABLE") == 2
    assert "CREATE INDEX" in sql
    assert all(statement.endswith(";") for statement in editor.collected_sql)


def test_delete_model_drops_the_table_and_its_m2m_table(connection):
    with connection.schema_editor() as editor:
        editor.create_model(Author)
        editor.create_model(Book)
        editor.create_model(Tag)
    with connection.schema_editor() as editor:
        editor.delete_model(Tag)
        editor.delete_model(Book)
        editor.delete_model(Author)
    names = set(connection.introspection.table_names())
    assert not names & {"schema_author", "schema_book", "schema_tag", "schema_tag_books"}


def test_add_nullable_field(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('a')")
    field = make_field(models.CharField(max_length=10, null=True), "nickname", Author)
    with conn.schema_editor() as editor:
        editor.add_field(Author, field)
    assert columns(conn, "schema_author")["nickname"].null_ok is True
    assert run(conn, f"SELECT {qn('name')}, {qn('nickname')} FROM {qn('schema_author')}") == [("a", None)]


def test_add_field_with_default_fills_existing_rows_without_a_database_default(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('a')")
    field = make_field(models.IntegerField(default=7), "rank", Author)
    with conn.schema_editor() as editor:
        editor.add_field(Author, field)
    assert run(conn, f"SELECT {qn('rank')} FROM {qn('schema_author')}") == [(7,)]
    assert columns(conn, "schema_author")["rank"].null_ok is False
    if conn.features.can_introspect_default:
        assert columns(conn, "schema_author")["rank"].default is None


def test_add_field_with_db_default_keeps_the_database_default(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('a')")
    field = make_field(models.IntegerField(db_default=3), "level", Author)
    with conn.schema_editor() as editor:
        editor.add_field(Author, field)
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('b')")
    assert run(conn, f"SELECT {qn('level')} FROM {qn('schema_author')} ORDER BY {qn('id')}") == [(3,), (3,)]


def test_add_and_remove_foreign_key(library):
    conn = library
    field = make_field(
        models.ForeignKey(Author, models.SET_NULL, null=True, related_name="+"), "editor", Book
    )
    with conn.schema_editor() as editor:
        editor.add_field(Book, field)
    assert any(
        c["foreign_key"] == ("schema_author", "id") and c["columns"] == ["editor_id"]
        for c in constraints(conn, "schema_book").values()
    )
    with conn.schema_editor() as editor:
        editor.remove_field(Book, field)
    assert "editor_id" not in columns(conn, "schema_book")


def test_remove_field_keeps_other_data(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}, {qn('age')}) VALUES ('a', 3)")
    with conn.schema_editor() as editor:
        editor.remove_field(Author, Author._meta.get_field("age"))
    assert "age" not in columns(conn, "schema_author")
    assert run(conn, f"SELECT {qn('name')} FROM {qn('schema_author')}") == [("a",)]


@pytest.mark.parametrize("name", ["email", "name"])
def test_remove_unique_or_indexed_field(authors, name):
    conn = authors
    with conn.schema_editor() as editor:
        editor.remove_field(Author, Author._meta.get_field(name))
    assert name not in columns(conn, "schema_author")
    assert not any(name in c["columns"] for c in constraints(conn, "schema_author").values())


def test_alter_field_type_keeps_data(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}, {qn('age')}) VALUES ('a', 41)")
    old = Author._meta.get_field("age")
    new = make_field(models.BigIntegerField(null=True), "age", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, new, strict=True)
    description = columns(conn, "schema_author")["age"]
    assert conn.introspection.get_field_type(description.type_code, description) == "BigIntegerField"
    assert run(conn, f"SELECT {qn('age')} FROM {qn('schema_author')}") == [(41,)]


def test_alter_char_to_text_and_back_keeps_data_and_index(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('hello')")
    old = Author._meta.get_field("name")
    text = make_field(models.TextField(db_index=True), "name", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, text, strict=True)
    assert run(conn, f"SELECT {qn('name')} FROM {qn('schema_author')}") == [("hello",)]
    wider = make_field(models.CharField(max_length=200, db_index=True), "name", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, text, wider, strict=True)
    assert columns(conn, "schema_author")["name"].display_size == 200
    assert any(c["index"] and c["columns"] == ["name"] for c in constraints(conn, "schema_author").values())


def test_alter_null_to_not_null_fills_nulls_with_the_default(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}) VALUES ('a')")
    old = Author._meta.get_field("age")
    new = make_field(models.IntegerField(default=18), "age", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, new, strict=True)
    assert columns(conn, "schema_author")["age"].null_ok is False
    assert run(conn, f"SELECT {qn('age')} FROM {qn('schema_author')}") == [(18,)]
    with pytest.raises(IntegrityError):
        run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}, {qn('age')}) VALUES ('b', NULL)")


def test_rename_column(authors):
    conn = authors
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('name')}, {qn('age')}) VALUES ('a', 5)")
    old = Author._meta.get_field("age")
    new = make_field(models.IntegerField(null=True, db_column="years"), "age", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, new, strict=True)
    assert "years" in columns(conn, "schema_author") and "age" not in columns(conn, "schema_author")
    assert run(conn, f"SELECT {qn('years')} FROM {qn('schema_author')}") == [(5,)]


def test_add_and_drop_unique_and_index_by_altering(authors):
    conn = authors
    old = Author._meta.get_field("age")
    unique = make_field(models.IntegerField(null=True, unique=True), "age", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, unique, strict=True)
    assert any(c["unique"] and c["columns"] == ["age"] for c in constraints(conn, "schema_author").values())
    indexed = make_field(models.IntegerField(null=True, db_index=True), "age", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, unique, indexed, strict=True)
    found = [c for c in constraints(conn, "schema_author").values() if c["columns"] == ["age"]]
    assert found and not any(c["unique"] for c in found)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, indexed, old, strict=True)
    assert not [c for c in constraints(conn, "schema_author").values() if c["columns"] == ["age"]]


def test_only_python_side_options_change_nothing(connection, authors):
    old = Author._meta.get_field("name")
    new = make_field(
        models.CharField(max_length=50, db_index=True, verbose_name="Full name", help_text="x"),
        "name",
        Author,
    )
    with connection.schema_editor(collect_sql=True) as editor:
        editor.alter_field(Author, old, new)
    assert editor.collected_sql == []


def test_alter_db_table_and_deferred_statements_follow(connection):
    with connection.schema_editor() as editor:
        editor.create_model(Author)  # its index is deferred to the end of the block
        editor.alter_db_table(Author, "schema_author", "schema_writer")
    try:
        assert "schema_writer" in connection.introspection.table_names()
        assert any(
            c["index"] and c["columns"] == ["name"] for c in constraints(connection, "schema_writer").values()
        )
    finally:
        with connection.schema_editor() as editor:
            editor.alter_db_table(Author, "schema_writer", "schema_author")
            editor.delete_model(Author)


def test_indexes_add_remove_rename(library):
    conn = library
    index = models.Index(fields=["pages"], name="schema_book_pages_idx")
    with conn.schema_editor() as editor:
        editor.add_index(Book, index)
    assert "schema_book_pages_idx" in constraints(conn, "schema_book")
    renamed = models.Index(fields=["pages"], name="schema_book_pages_new")
    with conn.schema_editor() as editor:
        editor.rename_index(Book, index, renamed)
    found = constraints(conn, "schema_book")
    assert "schema_book_pages_new" in found and "schema_book_pages_idx" not in found
    with conn.schema_editor() as editor:
        editor.remove_index(Book, renamed)
    assert "schema_book_pages_new" not in constraints(conn, "schema_book")


def test_partial_index_where_supported(library):
    conn = library
    if not conn.features.supports_partial_indexes:
        pytest.skip("no partial indexes")
    index = models.Index(fields=["title"], condition=Q(pages__gt=100), name="schema_book_long_titles")
    with conn.schema_editor() as editor:
        editor.add_index(Book, index)
    assert "schema_book_long_titles" in constraints(conn, "schema_book")


@pytest.mark.parametrize(
    "constraint, bad_row",
    [
        (models.CheckConstraint(condition=Q(pages__gte=1), name="schema_book_pages_gte_1"), ("t", 0)),
        (models.UniqueConstraint(fields=["pages"], name="schema_book_pages_uniq"), ("u", 5)),
    ],
    ids=["check", "unique"],
)
def test_add_and_remove_constraints(library, constraint, bad_row):
    conn = library
    qn = conn.ops.quote_name
    insert = f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES (%s, 1, %s)"
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('id')}, {qn('name')}) VALUES (1, 'a')")
    run(conn, insert, ["s", 5])
    with conn.schema_editor() as editor:
        editor.add_constraint(Book, constraint)
    assert constraint.name in constraints(conn, "schema_book")
    with pytest.raises(IntegrityError), transaction.atomic(using=conn.alias):
        run(conn, insert, list(bad_row))
    with conn.schema_editor() as editor:
        editor.remove_constraint(Book, constraint)
    assert constraint.name not in constraints(conn, "schema_book")
    run(conn, insert, list(bad_row))


def test_conditional_unique_constraint(library):
    conn = library
    if not conn.features.supports_partial_indexes:
        pytest.skip("no partial indexes")
    qn = conn.ops.quote_name
    constraint = models.UniqueConstraint(
        fields=["title"], condition=Q(pages__gt=500), name="schema_book_big_title"
    )
    with conn.schema_editor() as editor:
        editor.add_constraint(Book, constraint)
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('id')}, {qn('name')}) VALUES (1, 'a'), (2, 'b')")
    insert = f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES (%s, %s, %s)"
    run(conn, insert, ["t", 1, 10])
    run(conn, insert, ["t", 2, 10])  # small books may share a title
    run(conn, insert, ["u", 1, 600])
    with pytest.raises(IntegrityError):
        run(conn, insert, ["u", 2, 700])


def test_alter_unique_together(library):
    conn = library
    with conn.schema_editor() as editor:
        editor.alter_unique_together(Book, [("title", "author")], [("title", "pages")])
    found = constraints(conn, "schema_book")
    assert any(c["unique"] and c["columns"] == ["title", "pages"] for c in found.values())
    assert not any(c["unique"] and c["columns"] == ["title", "author_id"] for c in found.values())


def test_m2m_field_remove_and_add_manage_the_through_table(library):
    conn = library
    field = Tag._meta.get_field("books")
    with conn.schema_editor() as editor:
        editor.remove_field(Tag, field)
    assert "schema_tag_books" not in conn.introspection.table_names()
    with conn.schema_editor() as editor:
        editor.add_field(Tag, field)
    assert "schema_tag_books" in conn.introspection.table_names()
    through = constraints(conn, "schema_tag_books")
    assert {c["foreign_key"] for c in through.values() if c["foreign_key"]} == {
        ("schema_tag", "id"),
        ("schema_book", "id"),
    }
    assert any(c["unique"] and c["columns"] == ["tag_id", "book_id"] for c in through.values())


def test_foreign_key_data_survives_a_table_rebuild(library):
    """Altering the referenced table keeps rows, the FK and the referencing rows intact."""
    conn = library
    qn = conn.ops.quote_name
    run(conn, f"INSERT INTO {qn('schema_author')} ({qn('id')}, {qn('name')}) VALUES (1, 'a')")
    run(
        conn,
        f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES ('t', 1, 5)",
    )
    old = Author._meta.get_field("name")
    new = make_field(models.CharField(max_length=70, db_index=True), "name", Author)
    with conn.schema_editor() as editor:
        editor.alter_field(Author, old, new, strict=True)
    assert run(conn, f"SELECT {qn('title')} FROM {qn('schema_book')} WHERE {qn('author_id')} = 1") == [("t",)]
    assert any(c["foreign_key"] == ("schema_author", "id") for c in constraints(conn, "schema_book").values())
    with pytest.raises(IntegrityError):
        with conn.cursor() as cursor:
            from django.db import transaction

            with transaction.atomic(using=conn.alias):
                cursor.execute(
                    f"INSERT INTO {qn('schema_book')} ({qn('title')}, {qn('author_id')}, {qn('pages')}) VALUES ('x', 99, 5)"
                )


@pytest.mark.parametrize("value", ["it's", "100%", "50%% off", "back\\slash", 'dq"', "", "ünï", None])
def test_quote_value_literals_round_trip_through_execute(connection, raw_table, value):
    """What quote_value() makes is stored unchanged when run through the editor (as DDL is)."""
    table = raw_table("quoted_values", "s VARCHAR(40)")
    with connection.schema_editor() as editor:
        editor.execute(f"INSERT INTO {table} (s) VALUES ({editor.quote_value(value)})")
    assert run(connection, f"SELECT s FROM {table}") == [(value,)]


def test_quote_value_numbers(connection):
    with connection.schema_editor(collect_sql=True) as editor:
        assert run(connection, f"SELECT {editor.quote_value(12)}, {editor.quote_value(2.5)}") == [(12, 2.5)]


def test_ddl_in_a_transaction_needs_a_backend_that_can_roll_it_back(connection):
    if connection.features.can_rollback_ddl:
        pytest.skip("DDL is transactional here")
    from django.db import transaction
    from django.db.transaction import TransactionManagementError

    with transaction.atomic(using=connection.alias), pytest.raises(TransactionManagementError):
        with connection.schema_editor() as editor:
            editor.create_model(Author)


def test_db_default_expression_in_create_table(connection, create_tables):
    class Stamp(models.Model):
        label = models.CharField(max_length=10, db_default="none")
        created = models.DateTimeField(db_default=models.functions.Now())

        class Meta:
            app_label = "backends_schema"
            db_table = "schema_stamp"

    try:
        create_tables(Stamp)
        qn = connection.ops.quote_name
        run(connection, f"INSERT INTO {qn('schema_stamp')} ({qn('id')}) VALUES (1)")
        label, created = run(connection, f"SELECT {qn('label')}, {qn('created')} FROM {qn('schema_stamp')}")[
            0
        ]
        assert label == "none" and created is not None
    finally:
        from django.apps import apps

        apps.all_models["backends_schema"].pop("stamp", None)
        apps.clear_cache()
