"""manage.py makemigrations: write migration files for model changes."""

from __future__ import annotations

import os
import sys
import warnings
from itertools import takewhile
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router


class Command(BaseCommand):
    help = "Creates new migration(s) for apps."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "args", metavar="app_label", nargs="*", help="Specify the app label(s) to create migrations for."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Just show what migrations would be made; don't actually write them.",
        )
        parser.add_argument("--merge", action="store_true", help="Enable fixing of migration conflicts.")
        parser.add_argument("--empty", action="store_true", help="Create an empty migration.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("-n", "--name", help="Use this name for migration file(s).")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add header comments to new migration file(s).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_changes",
            help="Exit with a non-zero status if model changes are missing migrations and don't "
            "actually write them.",
        )
        parser.add_argument(
            "--scriptable",
            action="store_true",
            dest="scriptable",
            help="Divert log output and input prompts to stderr, writing only paths of generated "
            "migration files to stdout.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            dest="update",
            help="Merge model changes into the latest migration and optimize the resulting operations.",
        )

    @property
    def log_output(self) -> Any:
        return self.stderr if self.scriptable else self.stdout

    def log(self, msg: str) -> None:
        self.log_output.write(msg)

    @no_translations
    def handle(self, *labels: str, **options: Any) -> None:
        from django.db.migrations.autodetector import MigrationAutodetector
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.questioner import (
            InteractiveMigrationQuestioner,
            MigrationQuestioner,
            NonInteractiveMigrationQuestioner,
        )
        from django.db.migrations.state import ProjectState

        self.written_files: list[str] = []
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        self.dry_run = options["dry_run"]
        self.merge = options["merge"]
        self.empty = options["empty"]
        self.migration_name = options["name"]
        if self.migration_name and not self.migration_name.isidentifier():
            raise CommandError("The migration name must be a valid Python identifier.")
        self.include_header = options["include_header"]
        check_changes = options["check_changes"]
        if check_changes:
            self.dry_run = True
        self.scriptable = options["scriptable"]
        self.update = options["update"]
        if self.scriptable:
            self.stderr.style_func = None
        app_labels = set(labels)
        self._validate_app_labels(app_labels)

        loader = MigrationLoader(None, ignore_no_migrations=True)
        self._check_history(loader)
        conflicts = loader.detect_conflicts()
        if app_labels:
            conflicts = {app: names for app, names in conflicts.items() if app in app_labels}
        if conflicts and not self.merge:
            names = "; ".join("%s in %s" % (", ".join(n), app) for app, n in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: (%s).\n"
                "To fix them run 'python manage.py makemigrations --merge'" % names
            )
        if self.merge and not conflicts:
            self.log("No conflicts detected to merge.")
            return
        if self.merge and conflicts:
            return self.handle_merge(loader, conflicts)

        if self.interactive:
            questioner: MigrationQuestioner = InteractiveMigrationQuestioner(
                specified_apps=app_labels, dry_run=self.dry_run, prompt_output=self.log_output
            )
        else:
            questioner = NonInteractiveMigrationQuestioner(
                specified_apps=app_labels, dry_run=self.dry_run, verbosity=self.verbosity, log=self.log
            )
        autodetector = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps), questioner)
        self._lock_state = autodetector.from_state

        if self.empty:
            self._write_empty(autodetector, loader, app_labels)
            return
        changes = autodetector.changes(
            graph=loader.graph,
            trim_to_apps=app_labels or None,
            convert_apps=app_labels or None,
            migration_name=self.migration_name,
        )
        if not changes:
            if self.verbosity >= 1:
                if app_labels:
                    if len(app_labels) == 1:
                        self.log("No changes detected in app '%s'" % app_labels.pop())
                    else:
                        self.log("No changes detected in apps '%s'" % ("', '".join(sorted(app_labels))))
                else:
                    self.log("No changes detected")
            return
        if self.update:
            self.write_to_last_migration_files(changes, loader)
        else:
            self.write_migration_files(changes)
        if check_changes:
            sys.exit(1)

    def _validate_app_labels(self, app_labels: set[str]) -> None:
        has_bad = False
        for app_label in sorted(app_labels):
            try:
                apps.get_app_config(app_label)
            except LookupError as err:
                self.stderr.write(str(err))
                has_bad = True
        if has_bad:
            sys.exit(2)

    def _check_history(self, loader: Any) -> None:
        aliases = sorted({DEFAULT_DB_ALIAS} | set(settings.DATABASES))
        for alias in aliases:
            if alias not in settings.DATABASES:
                continue
            connection = connections[alias]
            if connection.settings_dict["ENGINE"] == "django.db.backends.dummy":
                continue
            if not any(
                router.allow_migrate(alias, app_label, model_name=model._meta.object_name)
                for app_label in {c.label for c in apps.get_app_configs()}
                for model in apps.get_app_config(app_label).get_models()
            ):
                continue
            try:
                loader.check_consistent_history(connection)
            except OperationalError as error:
                warnings.warn(
                    "Got an error checking a consistent migration history performed for database connection "
                    f"'{alias}': {error}",
                    RuntimeWarning,
                    stacklevel=2,
                )

    def _write_empty(self, autodetector: Any, loader: Any, app_labels: set[str]) -> None:
        from django.db.migrations import Migration

        if not app_labels:
            raise CommandError("You must supply at least one app label when using --empty.")
        changes = {app: [Migration("custom", app)] for app in app_labels}
        changes = autodetector.arrange_for_graph(
            changes=changes, graph=loader.graph, migration_name=self.migration_name
        )
        self.write_migration_files(changes)

    def _log_lock_warnings(self, migration: Any) -> None:
        """Operations that would lock or rewrite a big table on PostgreSQL (migrations.W00x)."""
        from django.db.migrations.locking import format_warning, lock_warnings, uses_postgresql

        state = getattr(self, "_lock_state", None)
        if state is None or not uses_postgresql():
            return
        for warning in lock_warnings(migration, state):
            self.log(self.style.WARNING(format_warning(warning)))

    def write_migration_files(
        self, changes: dict, update_previous_migration_paths: dict | None = None
    ) -> None:
        from django.db.migrations.writer import MigrationWriter

        directory_created: dict[str, bool] = {}
        for app_label, app_migrations in changes.items():
            if self.verbosity >= 1:
                self.log(self.style.MIGRATE_HEADING("Migrations for '%s':" % app_label))
            for migration in app_migrations:
                writer = MigrationWriter(migration, self.include_header)
                if self.verbosity >= 1:
                    path = writer.path
                    try:
                        shown = os.path.relpath(path)
                    except ValueError:
                        shown = path
                    if shown.startswith(".."):
                        shown = path
                    self.log("  %s" % self.style.MIGRATE_LABEL(shown))
                    for operation in migration.operations:
                        self.log("    %s" % operation.formatted_description())
                    self._log_lock_warnings(migration)
                    if self.scriptable:
                        self.stdout.write(shown)
                if not self.dry_run:
                    migrations_directory = os.path.dirname(writer.path)
                    if not directory_created.get(app_label):
                        os.makedirs(migrations_directory, exist_ok=True)
                        init_path = os.path.join(migrations_directory, "__init__.py")
                        if not os.path.isfile(init_path):
                            open(init_path, "w").close()
                        directory_created[app_label] = True
                    source = writer.as_string()
                    with open(writer.path, "w", encoding="utf-8") as fh:
                        fh.write(source)
                    self.written_files.append(writer.path)
                    if update_previous_migration_paths:
                        prev_path = update_previous_migration_paths[app_label]
                        if self.verbosity >= 1:
                            self.log(f"Deleted {prev_path}")
                        os.remove(prev_path)
                elif self.verbosity == 3:
                    self.log(self.style.MIGRATE_HEADING("Full migrations file '%s':" % writer.filename))
                    self.log(writer.as_string())

    def write_to_last_migration_files(self, changes: dict, loader: Any) -> None:
        """--update: fold the new operations into each app's latest (unapplied) migration."""
        from django.db.migrations.optimizer import MigrationOptimizer
        from django.db.migrations.writer import MigrationWriter

        leaves = dict(loader.graph.leaf_nodes())
        previous_paths: dict[str, str] = {}
        for app_label, app_migrations in changes.items():
            leaf_name = leaves.get(app_label)
            if leaf_name is None:
                raise CommandError(f"App {app_label} has no migration, cannot update last migration.")
            leaf = loader.graph.nodes[(app_label, leaf_name)]
            if leaf.replaces:
                raise CommandError(f"Cannot update squash migration '{leaf}'.")
            if (app_label, leaf_name) in loader.applied_migrations:
                raise CommandError(f"Cannot update applied migration '{leaf}'.")
            dependants = [
                str(m)
                for m in loader.disk_migrations.values()
                if (app_label, leaf_name) in map(tuple, m.dependencies)
            ]
            if dependants:
                raise CommandError(
                    f"Cannot update migration '{leaf}' that migrations '{', '.join(dependants)}' depend on."
                )
            for migration in app_migrations:
                leaf.operations.extend(migration.operations)
                for dependency in migration.dependencies:
                    if dependency[0] != app_label and dependency not in leaf.dependencies:
                        leaf.dependencies.append(dependency)
            leaf.operations = MigrationOptimizer().optimize(leaf.operations, app_label)
            previous_path = MigrationWriter(leaf).path
            number = leaf.name.split("_", 1)[0]
            leaf.name = f"{number}_{self.migration_name or leaf.suggest_name()}"
            if MigrationWriter(leaf).path != previous_path:
                previous_paths[app_label] = previous_path
            changes[app_label] = [leaf]
        self._lock_state = None  # The leaf's own operations are already in the loaded state.
        self.write_migration_files(changes, previous_paths)

    def handle_merge(self, loader: Any, conflicts: dict) -> None:
        """Write a merge migration depending on every leaf of each conflicting app."""
        from django.db.migrations import Migration
        from django.db.migrations.writer import MigrationWriter

        questioner_cls = None
        for app_label, migration_names in conflicts.items():
            merge_migrations = [loader.get_migration(app_label, name) for name in migration_names]
            common_ancestor = None
            plans = [loader.graph.forwards_plan((m.app_label, m.name)) for m in merge_migrations]
            for level in zip(*plans):
                if level.count(level[0]) == len(level):
                    common_ancestor = level[0]
                else:
                    break
            if common_ancestor is None:
                raise ValueError(f"Could not find common ancestor of {migration_names}")
            for migration in merge_migrations:
                plan = loader.graph.forwards_plan((migration.app_label, migration.name))
                branch = list(takewhile(lambda key, stop=common_ancestor: key != stop, reversed(plan)))  # type: ignore[misc]
                migration.branch = [loader.get_migration(*key) for key in reversed(branch)]
            if self.verbosity > 0:
                self.log(self.style.MIGRATE_HEADING("Merging %s" % app_label))
                for migration in merge_migrations:
                    self.log(self.style.MIGRATE_LABEL("  Branch %s" % migration.name))
                    for branch_migration in migration.branch:
                        for operation in branch_migration.operations:
                            self.log("    %s" % operation.formatted_description())
            if self.interactive:
                from django.db.migrations.questioner import InteractiveMigrationQuestioner

                questioner_cls = InteractiveMigrationQuestioner(prompt_output=self.log_output)
                if not questioner_cls.ask_merge(app_label):
                    continue
            numbers = [int(n) for n in (m.name.split("_", 1)[0] for m in merge_migrations) if n.isdigit()]
            biggest = max(numbers) if numbers else 0
            name = self.migration_name or "merge_%s" % "_".join(sorted(m.name for m in merge_migrations))
            if len(name) > 47 and not self.migration_name:
                from django.db.migrations.utils import get_migration_name_timestamp

                name = "merge_%s" % get_migration_name_timestamp()
            new_migration = Migration("%04i_%s" % (biggest + 1, name), app_label)
            new_migration.dependencies = [(app_label, m.name) for m in merge_migrations]
            writer = MigrationWriter(new_migration, self.include_header)
            if not self.dry_run:
                with open(writer.path, "w", encoding="utf-8") as fh:
                    fh.write(writer.as_string())
                self.written_files.append(writer.path)
                if self.verbosity > 0:
                    self.log("\nCreated new merge migration %s" % writer.path)
                    if self.scriptable:
                        self.stdout.write(writer.path)
            elif self.verbosity == 3:
                self.log(self.style.MIGRATE_HEADING("Full merge migrations file '%s':" % writer.filename))
                self.log(writer.as_string())
