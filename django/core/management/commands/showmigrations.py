"""manage.py showmigrations: list migrations and whether each is applied."""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Shows all available migrations for the current project"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("app_label", nargs="*", help="App labels of applications to limit the output to.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to show migrations for. Defaults to the "default" database.',
        )
        formats = parser.add_mutually_exclusive_group()
        formats.add_argument(
            "--list",
            "-l",
            action="store_const",
            dest="format",
            const="list",
            help="Shows a list of all migrations and which are applied. With a verbosity level of "
            "2 or above, the applied datetimes will be included.",
        )
        formats.add_argument(
            "--plan",
            "-p",
            action="store_const",
            dest="format",
            const="plan",
            help="Shows all migrations in the order they will be applied. With a verbosity level "
            "of 2 or above all direct migration dependencies and reverse dependencies "
            "(run_before) will be included.",
        )
        parser.set_defaults(format="list")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        connection = connections[options["database"]]
        if options["format"] == "plan":
            return self.show_plan(connection, options["app_label"])
        return self.show_list(connection, options["app_label"])

    def _validate_app_names(self, loader: Any, app_names: list[str]) -> None:
        has_bad = False
        for app_name in app_names:
            try:
                apps.get_app_config(app_name)
            except LookupError as err:
                self.stderr.write(str(err))
                has_bad = True
        if has_bad:
            sys.exit(2)

    def show_list(self, connection: Any, app_names: list[str]) -> None:
        from django.db.migrations.loader import MigrationLoader

        loader = MigrationLoader(connection, ignore_no_migrations=True)
        recorder_applied = loader.applied_migrations
        graph = loader.graph
        if app_names:
            self._validate_app_names(loader, app_names)
        else:
            app_names = sorted(loader.migrated_apps)
        for app_name in app_names:
            self.stdout.write(app_name, self.style.MIGRATE_LABEL)
            shown: set = set()
            for node in graph.leaf_nodes(app_name):
                for plan_node in graph.forwards_plan(node):
                    if plan_node in shown or plan_node[0] != app_name:
                        continue
                    title = plan_node[1]
                    migration = graph.nodes[plan_node]
                    if migration.replaces:
                        title += " (%s squashed migrations)" % len(migration.replaces)
                    applied = recorder_applied.get(plan_node)
                    if applied:
                        if plan_node in loader.replacements and not all(
                            tuple(r) in recorder_applied for r in migration.replaces
                        ):
                            self.stdout.write(" [-] %s" % title)
                        elif self.verbosity >= 2 and hasattr(applied, "applied"):
                            self.stdout.write(
                                " [X] %s (applied at %s)"
                                % (title, applied.applied.strftime("%Y-%m-%d %H:%M:%S"))
                            )
                        else:
                            self.stdout.write(" [X] %s" % title)
                    else:
                        self.stdout.write(" [ ] %s" % title)
                    shown.add(plan_node)
            if not shown:
                self.stdout.write(" (no migrations)", self.style.ERROR)

    def show_plan(self, connection: Any, app_names: list[str] | None = None) -> None:
        from django.db.migrations.loader import MigrationLoader

        loader = MigrationLoader(connection)
        graph = loader.graph
        if app_names:
            self._validate_app_names(loader, app_names)
            targets = [key for key in graph.leaf_nodes() if key[0] in app_names]
        else:
            targets = graph.leaf_nodes()
        plan: list = []
        seen: set = set()
        for target in targets:
            for migration in graph.forwards_plan(target):
                if migration not in seen:
                    node = graph.node_map[migration]
                    plan.append(node)
                    seen.add(migration)

        def print_deps(node: Any) -> str:
            out = sorted("%s.%s" % parent.key for parent in node.parents)
            return " ... (%s)" % ", ".join(out) if out else ""

        for node in plan:
            deps = print_deps(node) if self.verbosity >= 2 else ""
            if node.key in loader.applied_migrations:
                self.stdout.write("[X]  %s.%s%s" % (node.key[0], node.key[1], deps))
            else:
                self.stdout.write("[ ]  %s.%s%s" % (node.key[0], node.key[1], deps))
        if not plan:
            self.stdout.write("(no migrations)", self.style.ERROR)
