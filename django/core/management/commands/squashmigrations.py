"""manage.py squashmigrations: fold a range of an app's migrations into one."""

from __future__ import annotations

import os
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Squashes an existing set of migrations (from first until specified) into a single new one."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("app_label", help="App label of the application to squash migrations for.")
        parser.add_argument(
            "start_migration_name",
            nargs="?",
            help="Migrations will be squashed starting from and including this migration.",
        )
        parser.add_argument(
            "migration_name", help="Migrations will be squashed until and including this migration."
        )
        parser.add_argument(
            "--no-optimize", action="store_true", help="Do not try to optimize the squashed operations."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("--squashed-name", help="Sets the name of the new squashed migration.")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add a header comment to the new squashed migration.",
        )

    def handle(self, **options: Any) -> None:
        from django.db.migrations import Migration
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.optimizer import MigrationOptimizer
        from django.db.migrations.writer import MigrationWriter

        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        app_label = options["app_label"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err))
        loader = MigrationLoader(connections[DEFAULT_DB_ALIAS])
        if app_label not in loader.migrated_apps:
            raise CommandError(
                f"App '{app_label}' does not have migrations (so squashmigrations on it makes no sense)"
            )
        migration = self.find_migration(loader, app_label, options["migration_name"])
        plan = [
            loader.get_migration(al, mn)
            for al, mn in loader.graph.forwards_plan((migration.app_label, migration.name))
            if al == migration.app_label
        ]
        start = None
        if options["start_migration_name"]:
            start = self.find_migration(loader, app_label, options["start_migration_name"])
            if start not in plan:
                raise CommandError(
                    f"The migration '{start}' cannot be found. Maybe it comes after the migration '{migration}'?\n"
                    f"Have a look at:\n  python manage.py showmigrations {app_label}\nto debug this issue."
                )
            plan = plan[plan.index(start) :]
        if self.verbosity > 0 or self.interactive:
            self.stdout.write(self.style.MIGRATE_HEADING("Will squash the following migrations:"))
            for m in plan:
                self.stdout.write(f" - {m.name}")
        if self.interactive:
            answer = None
            while not answer or answer not in "yn":
                answer = input("Do you wish to proceed? [y/N] ")
                answer = answer[0].lower() if answer else "n"
            if answer != "y":
                return
        operations, dependencies = self._collect(plan, app_label, loader)
        if not options["no_optimize"]:
            optimized = MigrationOptimizer().optimize(operations, app_label)
            if self.verbosity > 0:
                if len(optimized) == len(operations):
                    self.stdout.write("  No optimizations possible.")
                else:
                    self.stdout.write(
                        f"  Optimized from {len(operations)} operations to {len(optimized)} operations."
                    )
            operations = optimized
        replaces: list = []
        for m in plan:
            replaces.extend(map(tuple, m.replaces) if m.replaces else [(m.app_label, m.name)])
        name = self._name(plan, start, options["squashed_name"])
        new_migration = type(
            "Migration",
            (Migration,),
            {
                "dependencies": dependencies,
                "operations": operations,
                "replaces": replaces,
                "initial": any(m.initial for m in plan),
            },
        )(name, app_label)
        writer = MigrationWriter(new_migration, options["include_header"])
        if os.path.exists(writer.path):
            raise CommandError(f"Migration {new_migration.name} already exists. Use a different name.")
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(writer.as_string())
        if self.verbosity > 0:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Created new squashed migration {writer.path}"))
            self.stdout.write(
                "  You should commit this migration but leave the old ones in place;\n"
                "  the new migration will be used for new installs. Once you are sure\n"
                "  all instances of the codebase have applied the migrations you squashed,\n"
                "  you can delete them."
            )

    @staticmethod
    def _collect(plan: list, app_label: str, loader: Any) -> tuple[list, list]:
        operations: list = []
        dependencies: list = []
        squashed = {(m.app_label, m.name) for m in plan}
        for m in plan:
            operations.extend(op for op in m.operations if not op.elidable)
            for dependency in m.dependencies:
                dependency = tuple(dependency) if not getattr(dependency, "setting", None) else dependency
                if dependency[0] == app_label and dependency in squashed:
                    continue
                if dependency not in dependencies:
                    dependencies.append(dependency)
        return operations, dependencies

    @staticmethod
    def _name(plan: list, start: Any, squashed_name: str | None) -> str:
        first, last = plan[0], plan[-1]
        if squashed_name:
            return "%s_%s" % (first.name.split("_", 1)[0], squashed_name)
        if start is not None:
            return "%s_squashed_%s" % (first.name, last.name)
        return "0001_squashed_%s" % last.name

    @staticmethod
    def find_migration(loader: Any, app_label: str, name: str) -> Any:
        from django.db.migrations.exceptions import AmbiguityError

        try:
            return loader.get_migration_by_prefix(app_label, name)
        except AmbiguityError:
            raise CommandError(
                f"More than one migration matches '{name}' in app '{app_label}'. Please be more specific."
            )
        except KeyError:
            raise CommandError(f"Cannot find a migration matching '{name}' from app '{app_label}'.")
