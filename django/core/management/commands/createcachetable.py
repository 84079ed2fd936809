"""``manage.py createcachetable``: create the tables of the DatabaseCache backends in CACHES."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


def cache_table_sql(connection: Any, table: str) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for a cache table on ``connection``."""
    from django.db import models

    quote = connection.ops.quote_name
    columns = []
    for name, field, extra in (
        ("cache_key", models.CharField(max_length=255), "PRIMARY KEY"),
        ("value", models.TextField(), "NOT NULL"),
        ("expires", models.DateTimeField(), "NOT NULL"),
    ):
        field.set_attributes_from_name(name)
        columns.append(f"{quote(name)} {field.db_type(connection)} {extra}")
    index_name = quote(f"{table}_expires")
    return [
        f"CREATE TABLE {quote(table)} ({', '.join(columns)})",
        f"CREATE INDEX {index_name} ON {quote(table)} ({quote('expires')})",
    ]


class Command(BaseCommand):
    help = "Creates the tables needed to use the SQL cache backend."
    requires_system_checks: list = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "args",
            metavar="table_name",
            nargs="*",
            help="Optional table names. Otherwise, settings.CACHES is used.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=tuple(connections),
            help='Nominates a database onto which the cache tables will be installed. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Does not create the table, just prints the SQL that would be run.",
        )

    def handle(self, *tablenames: str, **options: Any) -> None:
        database = options["database"]
        self.verbosity = options["verbosity"]
        dry_run = options["dry_run"]
        if tablenames:
            for tablename in tablenames:
                self.create_table(database, tablename, dry_run)
            return
        from django.core.cache import caches
        from django.core.cache.backends.db import BaseDatabaseCache
        from django.db import router

        for cache_alias in caches:
            cache = caches[cache_alias]
            if isinstance(cache, BaseDatabaseCache) and router.allow_migrate_model(
                database, cache.cache_model_class
            ):
                self.create_table(database, cache._table, dry_run)

    def create_table(self, database: str, tablename: str, dry_run: bool) -> None:
        from django.db import DatabaseError, transaction

        connection = connections[database]
        if tablename in connection.introspection.table_names():
            if self.verbosity > 0:
                self.stdout.write(f"Cache table '{tablename}' already exists.")
            return
        statements = cache_table_sql(connection, tablename)
        if dry_run:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        with transaction.atomic(using=database, savepoint=connection.features.can_rollback_ddl):
            with connection.cursor() as cursor:
                try:
                    for statement in statements:
                        cursor.execute(statement)
                except DatabaseError as exc:
                    raise CommandError(
                        f"Cache table '{tablename}' could not be created.\nThe error was: {exc}."
                    ) from exc
        if self.verbosity > 1:
            self.stdout.write(f"Cache table '{tablename}' created.")
