"""manage.py migrate: bring the database schema in line with the migrations."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, router


class Command(BaseCommand):
    help = "Updates database schema. Manages both apps with migrations and those without."
    requires_system_checks: list = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")
        parser.add_argument(
            "app_label", nargs="?", help="App label of an application to synchronize the state."
        )
        parser.add_argument(
            "migration_name",
            nargs="?",
            help='Database state will be brought to the state after that migration. Use the name "zero" to '
            "unapply all migrations.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to synchronize. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--fake", action="store_true", help="Mark migrations as run without actually running them."
        )
        parser.add_argument(
            "--fake-initial",
            action="store_true",
            help="Detect if tables already exist and fake-apply initial migrations if so. Make sure that the "
            "current database schema matches your initial migration before using this flag.",
        )
        parser.add_argument(
            "--plan",
            action="store_true",
            help="Shows a list of the migration actions that will be performed.",
        )
        parser.add_argument(
            "--run-syncdb", action="store_true", help="Creates tables for apps without migrations."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_unapplied",
            help="Exits with a non-zero status if unapplied migrations exist and does not actually "
            "apply migrations.",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            dest="prune",
            help="Delete nonexistent migrations from the django_migrations table.",
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        from django.db.migrations.executor import MigrationExecutor

        database = options["database"]
        if database not in connections:
            raise CommandError(f"The connection '{database}' doesn't exist.")
        if not options["skip_checks"]:
            self.check(databases=[database])
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        connection = connections[database]
        connection.prepare_database()
        executor = MigrationExecutor(connection, self.migration_progress_callback)
        executor.loader.check_consistent_history(connection)
        conflicts = executor.loader.detect_conflicts()
        if conflicts:
            names = "; ".join("%s in %s" % (", ".join(n), app) for app, n in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: (%s).\n"
                "To fix them run 'python manage.py makemigrations --merge'" % names
            )
        run_syncdb = options["run_syncdb"]
        targets, target_app_labels_only = self._targets(executor, options, run_syncdb)
        if options["prune"]:
            self._prune(executor, options, connection)
            return
        plan = executor.migration_plan(targets)
        if options["plan"]:
            self._print_plan(plan, executor, connection)
            return
        if options["check_unapplied"]:
            if plan:
                sys.exit(1)
            return
        self._migrate(executor, connection, targets, plan, options, run_syncdb, target_app_labels_only)

    # ---------------------------------------------------------------- arguments
    def _targets(self, executor: Any, options: Any, run_syncdb: bool) -> tuple[list, bool]:
        app_label = options["app_label"]
        if app_label:
            try:
                apps.get_app_config(app_label)
            except LookupError as err:
                raise CommandError(
                    str(err)
                    if "No installed app" in str(err)
                    else f"No installed app with label '{app_label}'."
                )
            if run_syncdb:
                if app_label in executor.loader.migrated_apps:
                    raise CommandError(f"Can't use run_syncdb with app '{app_label}' as it has migrations.")
            elif app_label not in executor.loader.migrated_apps:
                raise CommandError(f"App '{app_label}' does not have migrations.")
        if app_label and options["migration_name"]:
            name = options["migration_name"]
            if name == "zero":
                return [(app_label, None)], False
            from django.db.migrations.exceptions import AmbiguityError

            try:
                migration = executor.loader.get_migration_by_prefix(app_label, name)
            except AmbiguityError:
                raise CommandError(
                    f"More than one migration matches '{name}' in app '{app_label}'. Please be more specific."
                )
            except KeyError:
                raise CommandError(f"Cannot find a migration matching '{name}' from app '{app_label}'.")
            target = (app_label, migration.name)
            if target not in executor.loader.graph.nodes and target in executor.loader.replacements:
                incomplete = executor.loader.replacements[target]
                target = incomplete.replaces[-1]
            return [target], False
        if app_label:
            return [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label], True
        return executor.loader.graph.leaf_nodes(), True

    def _prune(self, executor: Any, options: Any, connection: Any) -> None:
        if not options["app_label"]:
            raise CommandError("Migrations can be pruned only when an app is specified.")
        if self.verbosity > 0:
            self.stdout.write("Pruning migrations:", self.style.MIGRATE_HEADING)
        to_prune = sorted(
            key
            for key in set(executor.loader.applied_migrations) - set(executor.loader.disk_migrations)
            if key[0] == options["app_label"]
        )
        squashed = {key for m in executor.loader.replacements.values() for key in map(tuple, m.replaces)}
        to_prune = [key for key in to_prune if key not in squashed]
        if not to_prune:
            if self.verbosity > 0:
                self.stdout.write("  No migrations to prune.")
            return
        for app, name in to_prune:
            executor.recorder.record_unapplied(app, name)
            if self.verbosity > 0:
                self.stdout.write(f"  Pruning {app}.{name}", ending="")
                self.stdout.write(self.style.SUCCESS(" OK"))

    def _print_plan(self, plan: list, executor: Any, connection: Any) -> None:
        from django.db.migrations.locking import format_warning, lock_warnings

        self.stdout.write("Planned operations:", self.style.MIGRATE_LABEL)
        if not plan:
            self.stdout.write("  No planned migration operations.")
            return
        created: set = set()  # Tables made earlier in this plan are empty: nothing to lock.
        for migration, backwards in plan:
            self.stdout.write(str(migration), self.style.MIGRATE_HEADING)
            for operation in migration.operations:
                message, irreversible = self.describe_operation(operation, backwards)
                style = self.style.WARNING if irreversible else None
                self.stdout.write("    " + message, style)
            if backwards or connection.vendor != "postgresql":
                continue
            state = executor.loader.project_state((migration.app_label, migration.name), at_end=False)
            for warning in lock_warnings(migration, state, created):
                self.stdout.write("    " + format_warning(warning), self.style.WARNING)

    # ---------------------------------------------------------------- running
    def _migrate(
        self,
        executor: Any,
        connection: Any,
        targets: list,
        plan: list,
        options: Any,
        run_syncdb: bool,
        target_app_labels_only: bool,
    ) -> None:
        exit_dry = plan and options["check_unapplied"]
        if self.verbosity >= 1:
            self._print_heading(executor, targets, run_syncdb, target_app_labels_only, options)
        pre_migrate_state = executor._create_project_state(with_applied_migrations=True)
        pre_migrate_apps = pre_migrate_state.apps
        emit_pre_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=pre_migrate_apps,
            plan=plan,
        )
        if run_syncdb:
            if self.verbosity >= 1:
                self.stdout.write("Synchronizing apps without migrations:", self.style.MIGRATE_HEADING)
            if options["app_label"]:
                self.sync_apps(connection, [options["app_label"]])
            else:
                self.sync_apps(connection, executor.loader.unmigrated_apps)
        if self.verbosity >= 1:
            self.stdout.write("Running migrations:", self.style.MIGRATE_HEADING)
        if not plan:
            if self.verbosity >= 1:
                self.stdout.write("  No migrations to apply.")
                self._warn_model_changes(executor, connection)
        fake = options["fake"]
        fake_initial = options["fake_initial"]
        post_migrate_state = executor.migrate(
            targets, plan=plan, state=pre_migrate_state.clone(), fake=fake, fake_initial=fake_initial
        )
        post_migrate_state.real_apps = set(post_migrate_state.real_apps)
        post_migrate_apps = post_migrate_state.apps
        emit_post_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=post_migrate_apps,
            plan=plan,
        )
        if exit_dry:
            sys.exit(1)

    def _print_heading(
        self, executor: Any, targets: list, run_syncdb: bool, labels_only: bool, options: Any
    ) -> None:
        self.stdout.write("Operations to perform:", self.style.MIGRATE_HEADING)
        if run_syncdb:
            if options["app_label"]:
                self.stdout.write(
                    self.style.MIGRATE_LABEL(f"  Synchronize unmigrated app: {options['app_label']}")
                )
            else:
                self.stdout.write(
                    self.style.MIGRATE_LABEL("  Synchronize unmigrated apps: ")
                    + ", ".join(sorted(executor.loader.unmigrated_apps))
                )
        if labels_only:
            self.stdout.write(
                self.style.MIGRATE_LABEL("  Apply all migrations: ")
                + (", ".join(sorted({a for a, _ in targets})) or "(none)")
            )
        elif targets[0][1] is None:
            self.stdout.write(self.style.MIGRATE_LABEL("  Unapply all migrations: ") + str(targets[0][0]))
        else:
            self.stdout.write(
                self.style.MIGRATE_LABEL("  Target specific migration: ")
                + "%s, from %s" % (targets[0][1], targets[0][0])
            )

    def _warn_model_changes(self, executor: Any, connection: Any) -> None:
        from django.db.migrations.autodetector import MigrationAutodetector
        from django.db.migrations.state import ProjectState

        autodetector = MigrationAutodetector(executor.loader.project_state(), ProjectState.from_apps(apps))
        changes = autodetector.changes(graph=executor.loader.graph)
        if changes:
            self.stdout.write(
                self.style.NOTICE(
                    "  Your models in app(s): %s have changes that are not yet reflected in a new "
                    "migration, and so won't be applied." % ", ".join(repr(app) for app in sorted(changes))
                )
            )
            self.stdout.write(
                self.style.NOTICE(
                    "  Run 'manage.py makemigrations' to make new migrations, and then re-run "
                    "'manage.py migrate' to apply them."
                )
            )

    def migration_progress_callback(self, action: str, migration: Any = None, fake: bool = False) -> None:
        if self.verbosity < 1:
            return
        compute_time = self.verbosity > 1
        if action in ("apply_start", "unapply_start"):
            if compute_time:
                self.start = time.monotonic()
            verb = "Applying" if action == "apply_start" else "Unapplying"
            self.stdout.write(f"  {verb} {migration}...", ending="")
            self.stdout.flush()
        elif action in ("apply_success", "unapply_success"):
            elapsed = " (%.3fs)" % (time.monotonic() - self.start) if compute_time else ""
            self.stdout.write(self.style.SUCCESS((" FAKED" if fake else " OK") + elapsed))
        elif action == "render_start":
            if compute_time:
                self.start = time.monotonic()
            if self.verbosity > 1:
                self.stdout.write("  Rendering model states...", ending="")
                self.stdout.flush()
        elif action == "render_success":
            if self.verbosity > 1:
                elapsed = " (%.3fs)" % (time.monotonic() - self.start)
                self.stdout.write(self.style.SUCCESS(" DONE" + elapsed))

    def sync_apps(self, connection: Any, app_labels: Any) -> None:
        """Create the tables of unmigrated apps' models that do not exist yet."""
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        all_models = [
            (
                app_config.label,
                router.get_migratable_models(app_config, connection.alias, include_auto_created=False),
            )
            for app_config in apps.get_app_configs()
            if app_config.models_module is not None and app_config.label in app_labels
        ]

        def should_create(model: Any) -> bool:
            converter = connection.introspection.identifier_converter
            return not (
                (converter(model._meta.db_table) in tables)
                or (model._meta.auto_created and converter(model._meta.auto_created._meta.db_table) in tables)
            )

        manifest = {label: [m for m in models if should_create(m)] for label, models in all_models}
        if self.verbosity >= 1:
            self.stdout.write("  Creating tables...")
        with connection.schema_editor() as editor:
            for app_name, model_list in manifest.items():
                for model in model_list:
                    if not model._meta.can_migrate(connection):
                        continue
                    if self.verbosity >= 3:
                        self.stdout.write(f"    Processing {app_name}.{model._meta.object_name} model")
                    if self.verbosity >= 1:
                        self.stdout.write(f"    Creating table {model._meta.db_table}")
                    editor.create_model(model)
            if self.verbosity >= 1:
                self.stdout.write("    Running deferred SQL...")

    @staticmethod
    def describe_operation(operation: Any, backwards: bool) -> tuple[str, bool]:
        """(description, whether it is irreversible) for --plan output."""
        prefix = ""
        is_error = False
        if hasattr(operation, "code"):
            code = operation.reverse_code if backwards else operation.code
            action = (code.__doc__ or "") if code else None
        elif hasattr(operation, "sql"):
            action = operation.reverse_sql if backwards else operation.sql
        else:
            action = None
            if backwards:
                prefix = "Undo "
        if action is not None:
            action = str(action).replace("\n", "")
        elif backwards:
            action = "IRREVERSIBLE"
            is_error = True
        if action:
            action = " -> " + action
        truncated = len(action or "") > 200 if action else False
        return prefix + operation.formatted_description() + (
            action[:200] + "..." if action and truncated else action or ""
        ), is_error
