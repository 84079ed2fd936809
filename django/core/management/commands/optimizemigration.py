"""manage.py optimizemigration: shorten one migration's operations in place."""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Optimizes the operations for the named migration."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("app_label", help="App label of the application to optimize the migration for.")
        parser.add_argument("migration_name", help="Migration name to optimize the operations for.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with a non-zero status if the migration can be optimized.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.optimizer import MigrationOptimizer
        from django.db.migrations.writer import MigrationWriter

        from .squashmigrations import Command as Squash

        verbosity = options["verbosity"]
        app_label = options["app_label"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err))
        loader = MigrationLoader(None)
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations.")
        migration = Squash.find_migration(loader, app_label, options["migration_name"])
        optimized = MigrationOptimizer().optimize(migration.operations, migration.app_label)
        if len(optimized) == len(migration.operations):
            if verbosity > 0:
                self.stdout.write("No optimizations possible.")
            return
        if verbosity > 0:
            self.stdout.write(
                f"Optimizing from {len(migration.operations)} operations to {len(optimized)} operations."
            )
        if options["check"]:
            sys.exit(1)
        migration.operations = optimized
        writer = MigrationWriter(migration)
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(writer.as_string())
        if verbosity > 0:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Optimized migration {writer.path}"))
