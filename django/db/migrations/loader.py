"""Find migration files on disk, read what a database has applied, and build the graph."""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module, reload
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    InconsistentMigrationHistory,
    NodeNotFoundError,
)
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.recorder import MigrationRecorder

MIGRATIONS_MODULE_NAME = "migrations"

Key = tuple[str, str]


class MigrationLoader:
    """Loads every installed app's migrations into a MigrationGraph.

    An app is "migrated" when it has a migrations package (or MIGRATION_MODULES names one) and
    "unmigrated" otherwise; unmigrated apps' models reach the migration state as they are.
    With a connection, ``applied_migrations`` says what that database has applied, and squashed
    migrations stand in for what they replace when that is consistent with it.
    """

    def __init__(
        self,
        connection: Any,
        load: bool = True,
        ignore_no_migrations: bool = False,
        replace_migrations: bool = True,
    ) -> None:
        self.connection = connection
        self.disk_migrations: dict[Key, Any] = {}
        self.applied_migrations: dict[Key, Any] = {}
        self.ignore_no_migrations = ignore_no_migrations
        self.replace_migrations = replace_migrations
        self.unmigrated_apps: set[str] = set()
        self.migrated_apps: set[str] = set()
        self.replacements: dict[Key, Any] = {}
        if load:
            self.build_graph()

    @classmethod
    def migrations_module(cls, app_label: str) -> tuple[str | None, bool]:
        """(module path, whether MIGRATION_MODULES named it explicitly) for an app."""
        if app_label in settings.MIGRATION_MODULES:
            return settings.MIGRATION_MODULES[app_label], True
        app_package = apps.get_app_config(app_label).name
        return f"{app_package}.{MIGRATIONS_MODULE_NAME}", False

    # ---------------------------------------------------------------- disk
    def load_disk(self) -> None:
        self.disk_migrations = {}
        self.unmigrated_apps = set()
        self.migrated_apps = set()
        for app_config in apps.get_app_configs():
            module_name, explicit = self.migrations_module(app_config.label)
            if module_name is None:
                self.unmigrated_apps.add(app_config.label)
                continue
            module = self._import_migrations_module(app_config, module_name, explicit)
            if module is None:
                self.unmigrated_apps.add(app_config.label)
                continue
            self.migrated_apps.add(app_config.label)
            for name in self._migration_names(module):
                self._load_migration(app_config.label, module_name, name)

    def _import_migrations_module(self, app_config: Any, module_name: str, explicit: bool) -> Any:
        was_loaded = module_name in sys.modules
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if (explicit and self.ignore_no_migrations) or (
                not explicit
                and exc.name
                and module_name.startswith(exc.name)
                and MIGRATIONS_MODULE_NAME in module_name
            ):
                return None
            raise
        # A namespace package (a folder with no __init__.py) or a plain module does not count.
        if getattr(module, "__file__", None) is None and not isinstance(
            getattr(module, "__path__", None), list
        ):
            return None
        if not hasattr(module, "__path__"):
            return None
        if was_loaded:
            # Files may have been added since the last import (makemigrations then migrate).
            module = reload(module)
        return module

    @staticmethod
    def _migration_names(module: Any) -> list[str]:
        return sorted(
            name
            for _, name, is_pkg in pkgutil.iter_modules(module.__path__)
            if not is_pkg and name[0] not in "_~"
        )

    def _load_migration(self, app_label: str, module_name: str, name: str) -> None:
        full_name = f"{module_name}.{name}"
        if full_name in sys.modules:
            migration_module = reload(sys.modules[full_name])
        else:
            migration_module = import_module(full_name)
        if not hasattr(migration_module, "Migration"):
            raise BadMigrationError(f"Migration {name} in app {app_label} has no Migration class")
        self.disk_migrations[app_label, name] = migration_module.Migration(name, app_label)

    def get_migration(self, app_label: str, name_prefix: str) -> Any:
        return self.graph.nodes[app_label, name_prefix]

    def get_migration_by_prefix(self, app_label: str, name_prefix: str) -> Any:
        """The one migration of app_label whose name starts with name_prefix."""
        results = [
            migration
            for (label, name), migration in self.disk_migrations.items()
            if label == app_label and name.startswith(name_prefix)
        ]
        if len(results) > 1:
            raise AmbiguityError(
                f"There is more than one migration for '{app_label}' with the prefix '{name_prefix}'"
            )
        if not results:
            raise KeyError(f"There is no migration for '{app_label}' with the prefix '{name_prefix}'")
        return results[0]

    # ---------------------------------------------------------------- graph
    def check_key(self, key: Key, current_app: str) -> Key | None:
        """Resolve __first__/__latest__ dependencies; None for a dependency on an unmigrated app."""
        app_label, name = key
        if (name not in ("__first__", "__latest__")) or app_label == current_app:
            if app_label != current_app and app_label in self.unmigrated_apps:
                return None
            return key
        if app_label in self.unmigrated_apps:
            return None
        if app_label in self.migrated_apps:
            nodes = (
                self.graph.root_nodes(app_label) if name == "__first__" else self.graph.leaf_nodes(app_label)
            )
            if nodes:
                return nodes[0]
            return None
        raise ValueError(f"Dependency on unknown app: {app_label}")

    def add_internal_dependencies(self, key: Key, migration: Any) -> None:
        for parent in migration.dependencies:
            if parent[0] == key[0] and parent[1] != "__first__":
                self.graph.add_dependency(migration, key, tuple(parent), skip_validation=True)

    def add_external_dependencies(self, key: Key, migration: Any) -> None:
        for dependency in migration.dependencies:
            if dependency[0] == key[0]:
                continue
            parent = self.check_key(tuple(dependency), key[0])
            if parent is not None:
                self.graph.add_dependency(migration, key, parent, skip_validation=True)
        for child in migration.run_before:
            child_key = self.check_key(tuple(child), key[0])
            if child_key is not None:
                self.graph.add_dependency(migration, child_key, key, skip_validation=True)

    def build_graph(self) -> None:
        self.load_disk()
        if self.connection is None:
            self.applied_migrations = {}
        else:
            self.applied_migrations = MigrationRecorder(self.connection).applied_migrations()
        self.graph = MigrationGraph()
        self.replacements = {}
        for key, migration in self.disk_migrations.items():
            self.graph.add_node(key, migration)
            if migration.replaces:
                self.replacements[key] = migration
        for key, migration in self.disk_migrations.items():
            self.add_internal_dependencies(key, migration)
        for key, migration in self.disk_migrations.items():
            self.add_external_dependencies(key, migration)
        if self.replace_migrations:
            self._apply_replacements()
        try:
            self.graph.validate_consistency()
        except NodeNotFoundError as exc:
            self._raise_missing_node(exc)
        self.graph.ensure_not_cyclic()

    def _apply_replacements(self) -> None:
        for key, migration in self.replacements.items():
            replaced = [tuple(r) for r in migration.replaces]
            applied = [r in self.applied_migrations for r in replaced]
            if all(applied):
                self.applied_migrations[key] = migration
            elif any(applied):
                # Half-applied: keep the originals, so that the rest of them can be applied.
                self.applied_migrations.pop(key, None)
                self.graph.remove_replacement_node(key, replaced)
                continue
            else:
                self.applied_migrations.pop(key, None)
            self.graph.remove_replaced_nodes(key, replaced)

    def _raise_missing_node(self, exc: NodeNotFoundError) -> None:
        reverse_replacements: dict[Key, set[Key]] = {}
        for key, migration in self.replacements.items():
            for replaced in migration.replaces:
                reverse_replacements.setdefault(tuple(replaced), set()).add(key)
        if exc.node in reverse_replacements:
            candidates = reverse_replacements[exc.node]
            if any(c in self.graph.nodes for c in candidates):
                return
            raise NodeNotFoundError(
                f"Migration {exc.origin} depends on nonexistent node ('{exc.node[0]}', '{exc.node[1]}'). "
                f"Django tried to replace migration {exc.node[0]}.{exc.node[1]} with any of "
                f"[{', '.join(f'{a}.{n}' for a, n in sorted(candidates))}] but wasn't able to because some "
                "of the replaced migrations are already applied.",
                exc.node,
            ) from exc
        raise exc

    # ---------------------------------------------------------------- checks
    def check_consistent_history(self, connection: Any) -> None:
        """Raise InconsistentMigrationHistory if an applied migration has an unapplied dependency."""
        applied = MigrationRecorder(connection).applied_migrations()
        for migration in applied:
            if migration not in self.graph.nodes:
                continue
            for parent in self.graph.node_map[migration].parents:
                if parent.key in applied:
                    continue
                if parent.key in self.replacements:
                    if all(tuple(m) in applied for m in self.replacements[parent.key].replaces):
                        continue
                raise InconsistentMigrationHistory(
                    f"Migration {migration[0]}.{migration[1]} is applied before its dependency {parent.key[0]}.{parent.key[1]} on database '{connection.alias}'."
                )

    def detect_conflicts(self) -> dict[str, list[str]]:
        """{app_label: [leaf names]} for every app with more than one leaf migration."""
        leaves: dict[str, list[str]] = {}
        for app_label, name in self.graph.leaf_nodes():
            leaves.setdefault(app_label, []).append(name)
        return {label: names for label, names in leaves.items() if len(names) > 1}

    def project_state(self, nodes: Any = None, at_end: bool = True) -> Any:
        return self.graph.make_state(nodes=nodes, at_end=at_end, real_apps=self.unmigrated_apps)

    def collect_sql(self, plan: list) -> list[str]:
        """The SQL that applying (or unapplying) ``plan`` would run, as sqlmigrate prints it."""
        statements: list[str] = []
        state = None
        for migration, backwards in plan:
            with self.connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
                if state is None:
                    state = self.project_state((migration.app_label, migration.name), at_end=False)
                if not backwards:
                    state = migration.apply(state, editor, collect_sql=True)
                else:
                    state = migration.unapply(state, editor, collect_sql=True)
            statements.extend(editor.collected_sql)
        return statements
