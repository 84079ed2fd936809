"""manage.py sqlmigrate: print the SQL that migrate would run for one migration."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Prints the SQL statements for the named migration."
    output_transaction = True

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("app_label", help="App label of the application containing the migration.")
        parser.add_argument("migration_name", help="Migration name to print the SQL for.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to create SQL for. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--backwards",
            action="store_true",
            help="Creates SQL to unapply the migration, rather than to apply it",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        # sqlmigrate prints SQL: keep colour codes out of it unless forced.
        options["no_color"] = not options.get("force_color", False) or options.get("no_color", False)
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> str:
        from django.db.migrations.exceptions import AmbiguityError
        from django.db.migrations.loader import MigrationLoader

        database = options["database"]
        if database not in connections:
            raise CommandError(f"The connection '{database}' doesn't exist.")
        connection = connections[database]
        loader = MigrationLoader(connection, replace_migrations=False)
        app_label, name = options["app_label"], options["migration_name"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err))
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations")
        try:
            migration = loader.get_migration_by_prefix(app_label, name)
        except AmbiguityError:
            raise CommandError(
                f"More than one migration matches '{name}' in app '{app_label}'. Please be more specific."
            )
        except KeyError:
            raise CommandError(
                f"Cannot find a migration matching '{name}' from app '{app_label}'. Is it in INSTALLED_APPS?"
            )
        target = (app_label, migration.name)
        # The transaction wrapper shows only where the migration really runs in one.
        self.output_transaction = migration.atomic and connection.features.can_rollback_ddl
        plan = [(loader.graph.nodes[target], options["backwards"])]
        sql_statements = loader.collect_sql(plan)
        if not sql_statements and options["verbosity"] >= 1:
            self.stderr.write("No operations found.")
        return "\n".join(sql_statements)
