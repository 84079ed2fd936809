"""django.contrib.postgres.operations on the real PostgreSQL server."""

from __future__ import annotations

import pytest

from django.contrib.postgres import operations as pg
from django.db import NotSupportedError, connections, migrations, models
from django.db.utils import IntegrityError
from tests.db_fixtures import DATABASE_ALIASES

from .helpers import Applier

APP = "mig_pg"

pytestmark = pytest.mark.skipif("postgresql" not in DATABASE_ALIASES, reason="PostgreSQL does not answer")


@pytest.fixture
def pg_connection(test_databases):
    test_databases("postgresql")
    return connections["postgresql"]


@pytest.fixture
def applier(pg_connection):
    a = Applier(pg_connection, APP)
    yield a
    a.history = [h for h in a.history if not isinstance(h[0], (pg.CreateExtension, pg.ValidateConstraint))]
    while a.history:
        concurrent = isinstance(a.history[-1][0], (pg.AddIndexConcurrently, pg.RemoveIndexConcurrently))
        a.unapply_last(atomic=not concurrent)


def create_book(applier):
    applier.apply(
        migrations.CreateModel(
            "Book",
            [("id", models.AutoField(primary_key=True)), ("pages", models.IntegerField(default=1))],
        )
    )


def index_names(applier):
    return {name for name, info in applier.constraints("mig_pg_book").items() if info["index"]}


def extension_installed(connection, name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
        return cursor.fetchone() is not None


@pytest.mark.parametrize(
    "operation_class,extension",
    [
        (pg.HStoreExtension, "hstore"),
        (pg.TrigramExtension, "pg_trgm"),
        (pg.UnaccentExtension, "unaccent"),
        (pg.BtreeGinExtension, "btree_gin"),
        (pg.BtreeGistExtension, "btree_gist"),
        (pg.CITextExtension, "citext"),
        (pg.CryptoExtension, "pgcrypto"),
    ],
)
def test_named_extensions_create_and_drop(applier, pg_connection, operation_class, extension):
    operation = operation_class()
    assert operation.name == extension and operation.deconstruct() == (operation_class.__name__, (), {})
    assert operation.describe() == f"Creates extension {extension}"
    applier.apply(operation)
    assert extension_installed(pg_connection, extension)
    applier.apply(operation)  # A second run leaves the existing extension alone.
    applier.unapply_last()
    applier.unapply_last()
    assert not extension_installed(pg_connection, extension)


def test_create_extension_does_nothing_on_sqlite():
    sqlite = Applier(connections["default"], APP)
    sqlite.apply(pg.CreateExtension("hstore"))
    assert pg.CreateExtension("hstore").migration_name_fragment == "create_extension_hstore"


def test_add_index_concurrently_refuses_an_atomic_migration(applier):
    create_book(applier)
    operation = pg.AddIndexConcurrently("Book", models.Index(fields=["pages"], name="book_pages_idx"))
    with pytest.raises(NotSupportedError) as caught:
        applier.apply(operation)
    assert str(caught.value) == (
        "The AddIndexConcurrently operation cannot be executed inside a transaction "
        "(set atomic = False on the migration)."
    )
    applier.state = applier.history[-1][2]
    assert "book_pages_idx" not in index_names(applier)


def test_add_and_remove_index_concurrently_round_trip(applier):
    create_book(applier)
    index = models.Index(fields=["pages"], name="book_pages_idx")
    add = pg.AddIndexConcurrently("Book", index)
    assert add.atomic is False
    assert add.describe() == "Concurrently create index book_pages_idx on field(s) pages of model Book"
    sql = "\n".join(applier.sql(add, atomic=False))
    assert "CREATE INDEX CONCURRENTLY" in sql
    applier.apply(add, atomic=False)
    assert "book_pages_idx" in index_names(applier)
    remove = pg.RemoveIndexConcurrently("Book", "book_pages_idx")
    applier.apply(remove, atomic=False)
    assert "book_pages_idx" not in index_names(applier)
    applier.unapply_last(atomic=False)
    assert "book_pages_idx" in index_names(applier)
    applier.unapply_last(atomic=False)
    assert "book_pages_idx" not in index_names(applier)


def test_collation_created_used_and_removed(applier, pg_connection):
    create = pg.CreateCollation("mig_nocase", "und-u-ks-level2", provider="icu", deterministic=False)
    assert create.deconstruct() == (
        "CreateCollation",
        (),
        {"name": "mig_nocase", "locale": "und-u-ks-level2", "provider": "icu", "deterministic": False},
    )
    applier.apply(create)
    with pg_connection.cursor() as cursor:
        cursor.execute("SELECT 'ABC' = 'abc' COLLATE mig_nocase")
        assert cursor.fetchone()[0] is True
    remove = pg.RemoveCollation("mig_nocase", "und-u-ks-level2", provider="icu", deterministic=False)
    applier.apply(remove)
    with pg_connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_collation WHERE collname = 'mig_nocase'")
        assert cursor.fetchone()[0] == 0
    applier.unapply_last()
    applier.unapply_last()
    with pg_connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_collation WHERE collname = 'mig_nocase'")
        assert cursor.fetchone()[0] == 0


def test_constraint_added_not_valid_then_validated(applier, pg_connection):
    create_book(applier)
    with pg_connection.cursor() as cursor:
        cursor.execute("INSERT INTO mig_pg_book (pages) VALUES (0)")
    check = models.CheckConstraint(condition=models.Q(pages__gt=0), name="book_has_pages")
    add = pg.AddConstraintNotValid("Book", check)
    assert add.migration_name_fragment == "book_book_has_pages_not_valid"
    applier.apply(add)  # The existing bad row does not stop it...
    with pytest.raises(IntegrityError), pg_connection.cursor() as cursor:
        cursor.execute("INSERT INTO mig_pg_book (pages) VALUES (-1)")  # ...but new rows are checked.
    validate = pg.ValidateConstraint("Book", "book_has_pages")
    assert validate.describe() == "Validate constraint book_has_pages on model Book"
    with pytest.raises(IntegrityError):
        applier.apply(validate)
    with pg_connection.cursor() as cursor:
        cursor.execute("UPDATE mig_pg_book SET pages = 3")
    applier.apply(validate)
    with pg_connection.cursor() as cursor:
        cursor.execute("SELECT convalidated FROM pg_constraint WHERE conname = 'book_has_pages'")
        assert cursor.fetchone()[0] is True


def test_add_constraint_not_valid_takes_only_check_constraints():
    with pytest.raises(TypeError, match="must be a check constraint"):
        pg.AddConstraintNotValid("Book", models.UniqueConstraint(fields=["pages"], name="u"))
