"""Operations forwards, backwards and forwards again on every database, with the rows kept."""

from __future__ import annotations

import pytest

from django.db import IntegrityError, migrations, models, transaction

from .helpers import applier_leaving_no_tables

APP = "mig_rt"


@pytest.fixture
def applier(connection):
    yield from applier_leaving_no_tables(connection, APP)


def rows(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(tuple(row) for row in cursor.fetchall())


def execute(connection, sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def round_trip(applier, operation, after_check, before_check):
    """Apply, check; unapply, check; apply again, check."""
    applier.apply(operation)
    after_check()
    applier.unapply_last()
    before_check()
    applier.apply(operation)
    after_check()


def rejects(connection, sql):
    with pytest.raises(IntegrityError), transaction.atomic(using=connection.alias):
        execute(connection, sql)


def create_authors(applier, connection):
    applier.apply(
        migrations.CreateModel(
            "Author",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=10, null=True)),
            ],
        )
    )
    execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (1, 'ann'), (2, 'bob')")


def create_books(applier, connection):
    create_authors(applier, connection)
    applier.apply(
        migrations.CreateModel(
            "Book",
            [
                ("id", models.AutoField(primary_key=True)),
                ("author", models.ForeignKey("mig_rt.Author", models.CASCADE)),
                ("fans", models.ManyToManyField("mig_rt.Author", related_name="liked")),
            ],
        )
    )
    execute(connection, "INSERT INTO mig_rt_book (id, author_id) VALUES (10, 1)")
    execute(connection, "INSERT INTO mig_rt_book_fans (book_id, author_id) VALUES (10, 2)")


def fk_targets(applier, table):
    return {info["foreign_key"][0] for info in applier.constraints(table).values() if info["foreign_key"]}


def test_rename_model_carries_foreign_keys_and_m2m_tables(applier, connection):
    create_books(applier, connection)
    features = connection.features

    def renamed():
        assert "mig_rt_writer" in applier.tables() and "mig_rt_author" not in applier.tables()
        assert rows(connection, "SELECT id, name FROM mig_rt_writer") == [(1, "ann"), (2, "bob")]
        assert rows(connection, "SELECT id, author_id FROM mig_rt_book") == [(10, 1)]
        fans = rows(connection, "SELECT book_id, writer_id FROM mig_rt_book_fans")
        assert fans == [(10, 2)]
        if features.supports_foreign_keys:
            assert fk_targets(applier, "mig_rt_book") == {"mig_rt_writer"}

    def original():
        assert "mig_rt_author" in applier.tables() and "mig_rt_writer" not in applier.tables()
        assert rows(connection, "SELECT book_id, author_id FROM mig_rt_book_fans") == [(10, 2)]
        if features.supports_foreign_keys:
            assert fk_targets(applier, "mig_rt_book") == {"mig_rt_author"}

    round_trip(applier, migrations.RenameModel("Author", "Writer"), renamed, original)


def test_alter_field_int_to_bigint_keeps_values(applier, connection):
    applier.apply(
        migrations.CreateModel(
            "Counter", [("id", models.AutoField(primary_key=True)), ("n", models.IntegerField())]
        )
    )
    execute(connection, "INSERT INTO mig_rt_counter (n) VALUES (2147483647)")
    big = 2**40

    def widened():
        execute(connection, "INSERT INTO mig_rt_counter (n) VALUES (%s)", [big])
        assert rows(connection, "SELECT n FROM mig_rt_counter") == [(2147483647,), (big,)]
        execute(connection, "DELETE FROM mig_rt_counter WHERE n = %s", [big])

    def narrow():
        assert rows(connection, "SELECT n FROM mig_rt_counter") == [(2147483647,)]

    round_trip(applier, migrations.AlterField("counter", "n", models.BigIntegerField()), widened, narrow)


def test_alter_field_char_length_keeps_text(applier, connection):
    create_authors(applier, connection)
    long_name = "a" * 40

    def longer():
        execute(connection, "UPDATE mig_rt_author SET name = %s WHERE id = 2", [long_name])
        assert rows(connection, "SELECT name FROM mig_rt_author") == [("a" * 40,), ("ann",)]
        execute(connection, "UPDATE mig_rt_author SET name = 'bob' WHERE id = 2")

    def shorter():
        assert rows(connection, "SELECT name FROM mig_rt_author") == [("ann",), ("bob",)]

    round_trip(
        applier,
        migrations.AlterField("author", "name", models.CharField(max_length=50, null=True)),
        longer,
        shorter,
    )


def test_alter_field_null_to_not_null_fills_existing_nulls(applier, connection):
    create_authors(applier, connection)
    execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (3, NULL)")
    operation = migrations.AlterField(
        "author", "name", models.CharField(max_length=10, default="anon"), preserve_default=False
    )

    def not_null():
        assert rows(connection, "SELECT id, name FROM mig_rt_author") == [(1, "ann"), (2, "bob"), (3, "anon")]
        rejects(connection, "INSERT INTO mig_rt_author (id, name) VALUES (4, NULL)")

    def nullable():
        execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (5, NULL)")
        execute(connection, "DELETE FROM mig_rt_author WHERE id = 5")

    round_trip(applier, operation, not_null, nullable)


def test_unique_toggled_on_and_off(applier, connection):
    create_authors(applier, connection)

    def unique():
        rejects(connection, "INSERT INTO mig_rt_author (id, name) VALUES (3, 'ann')")

    def not_unique():
        execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (3, 'ann')")
        execute(connection, "DELETE FROM mig_rt_author WHERE id = 3")

    operation = migrations.AlterField(
        "author", "name", models.CharField(max_length=10, null=True, unique=True)
    )
    round_trip(applier, operation, unique, not_unique)
    assert rows(connection, "SELECT id, name FROM mig_rt_author") == [(1, "ann"), (2, "bob")]


def test_db_index_toggled_on_and_off(applier, connection):
    create_authors(applier, connection)

    def indexed_columns():
        return [info["columns"] for info in applier.constraints("mig_rt_author").values() if info["index"]]

    def indexed():
        assert ["name"] in indexed_columns()

    def not_indexed():
        assert ["name"] not in indexed_columns()

    operation = migrations.AlterField(
        "author", "name", models.CharField(max_length=10, null=True, db_index=True)
    )
    round_trip(applier, operation, indexed, not_indexed)
    assert rows(connection, "SELECT id FROM mig_rt_author") == [(1,), (2,)]


def test_foreign_key_target_changed(applier, connection):
    create_books(applier, connection)
    applier.apply(migrations.CreateModel("Publisher", [("id", models.AutoField(primary_key=True))]))
    execute(connection, "INSERT INTO mig_rt_publisher (id) VALUES (1)")
    operation = migrations.AlterField("book", "author", models.ForeignKey("mig_rt.Publisher", models.CASCADE))
    features = connection.features

    def to_publisher():
        assert rows(connection, "SELECT id, author_id FROM mig_rt_book") == [(10, 1)]
        if features.supports_foreign_keys:
            assert "mig_rt_publisher" in fk_targets(applier, "mig_rt_book")

    def to_author():
        assert rows(connection, "SELECT id, author_id FROM mig_rt_book") == [(10, 1)]
        if features.supports_foreign_keys:
            assert "mig_rt_author" in fk_targets(applier, "mig_rt_book")

    round_trip(applier, operation, to_publisher, to_author)


def test_db_default_added_to_a_column(applier, connection):
    create_authors(applier, connection)
    operation = migrations.AddField("author", "rank", models.IntegerField(db_default=7))

    def with_column():
        assert rows(connection, "SELECT id, rank FROM mig_rt_author") == [(1, 7), (2, 7)]
        execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (3, 'cy')")
        assert rows(connection, "SELECT rank FROM mig_rt_author WHERE id = 3") == [(7,)]
        execute(connection, "DELETE FROM mig_rt_author WHERE id = 3")

    def without_column():
        assert "rank" not in applier.columns("mig_rt_author")
        assert rows(connection, "SELECT id FROM mig_rt_author") == [(1,), (2,)]

    round_trip(applier, operation, with_column, without_column)


def test_db_default_altered(applier, connection):
    create_authors(applier, connection)
    applier.apply(migrations.AddField("author", "rank", models.IntegerField(db_default=7)))
    operation = migrations.AlterField("author", "rank", models.IntegerField(db_default=9))

    def inserted_rank():
        execute(connection, "INSERT INTO mig_rt_author (id, name) VALUES (3, 'cy')")
        value = rows(connection, "SELECT rank FROM mig_rt_author WHERE id = 3")[0][0]
        execute(connection, "DELETE FROM mig_rt_author WHERE id = 3")
        return value

    round_trip(
        applier, operation, lambda: assert_equal(inserted_rank(), 9), lambda: assert_equal(inserted_rank(), 7)
    )
    assert rows(connection, "SELECT rank FROM mig_rt_author") == [(7,), (7,)]


def assert_equal(actual, expected):
    assert actual == expected


def test_alter_order_with_respect_to_adds_and_drops_the_order_column(applier, connection):
    create_books(applier, connection)
    operation = migrations.AlterOrderWithRespectTo("book", "author")

    def ordered():
        assert "_order" in applier.columns("mig_rt_book")
        assert rows(connection, "SELECT id, _order FROM mig_rt_book") == [(10, 0)]

    def unordered():
        assert "_order" not in applier.columns("mig_rt_book")
        assert rows(connection, "SELECT id, author_id FROM mig_rt_book") == [(10, 1)]

    round_trip(applier, operation, ordered, unordered)
    assert applier.state.models[APP, "book"].options["order_with_respect_to"] == "author"
