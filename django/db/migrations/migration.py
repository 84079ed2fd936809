"""The Migration class that migration files subclass, and swappable dependencies."""

from __future__ import annotations

import re
from contextlib import nullcontext
from typing import Any

from django.db.migrations.utils import get_migration_name_timestamp
from django.db.transaction import atomic


class Migration:
    """A set of operations plus where it sits in the graph.

    Subclasses set ``operations``, ``dependencies``, ``run_before``, ``replaces``, ``initial`` and
    ``atomic``; the loader instantiates them with their name and app label.
    """

    operations: list = []
    dependencies: list = []
    run_before: list = []
    replaces: list = []
    initial: bool | None = None
    atomic = True

    def __init__(self, name: str, app_label: str) -> None:
        self.name = name
        self.app_label = app_label
        # Copies, so that the loader and squashing can change them per instance.
        self.operations = list(self.__class__.operations)
        self.dependencies = list(self.__class__.dependencies)
        self.run_before = list(self.__class__.run_before)
        self.replaces = list(self.__class__.replaces)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Migration) and self.name == other.name and self.app_label == other.app_label

    def __repr__(self) -> str:
        return f"<Migration {self.app_label}.{self.name}>"

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"

    def __hash__(self) -> int:
        return hash(f"{self.app_label}.{self.name}")

    def mutate_state(self, project_state: Any, preserve: bool = True) -> Any:
        """Return the state after this migration (a copy unless preserve is False)."""
        new_state = project_state.clone() if preserve else project_state
        for operation in self.operations:
            operation.state_forwards(self.app_label, new_state)
        return new_state

    def apply(self, project_state: Any, schema_editor: Any, collect_sql: bool = False) -> Any:
        """Run the operations forwards on the database; return the new project state."""
        for operation in self.operations:
            if self._has_no_sql(operation, schema_editor, collect_sql):
                continue
            old_state = project_state.clone()
            operation.state_forwards(self.app_label, project_state)
            self._run(operation.database_forwards, operation, schema_editor, old_state, project_state)
        return project_state

    @staticmethod
    def _has_no_sql(operation: Any, schema_editor: Any, collect_sql: bool) -> bool:
        """With collect_sql, head the operation's SQL with its description; True when it has none
        (the operation is then skipped, its state change included)."""
        if not collect_sql:
            return False
        schema_editor.collected_sql.extend(["--", f"-- {operation.formatted_description()}", "--"])
        if operation.reduces_to_sql:
            return False
        schema_editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
        return True

    def _run(self, step: Any, operation: Any, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        """Run one database step; an atomic operation in a non-atomic migration gets its own transaction."""
        own_transaction = not schema_editor.atomic_migration and operation.atomic
        with atomic(schema_editor.connection.alias) if own_transaction else nullcontext():
            step(self.app_label, schema_editor, from_state, to_state)

    def unapply(self, project_state: Any, schema_editor: Any, collect_sql: bool = False) -> Any:
        """Run the operations backwards; return the state from before this migration."""
        to_run: list = []
        new_state = project_state
        for operation in self.operations:
            if not operation.reversible:
                from django.db.migrations.exceptions import IrreversibleError

                raise IrreversibleError(f"Operation {operation} in {self} is not reversible")
            new_state = new_state.clone()
            old_state = new_state.clone()
            operation.state_forwards(self.app_label, new_state)
            to_run.insert(0, (operation, old_state, new_state))
        for operation, to_state, from_state in to_run:
            if self._has_no_sql(operation, schema_editor, collect_sql):
                continue
            self._run(operation.database_backwards, operation, schema_editor, from_state, to_state)
        return project_state

    def suggest_name(self) -> str:
        """A file name fragment describing the operations, as makemigrations names files."""
        if self.initial:
            return "initial"
        fragments = [op.migration_name_fragment for op in self.operations]
        if not fragments or any(f is None for f in fragments):
            return f"auto_{get_migration_name_timestamp()}"
        cleaned = [re.sub(r"\W+", "_", f) for f in fragments]
        # Fragments join in operation order while the name stays within 52 characters.
        name = cleaned[0]
        for extra in cleaned[1:]:
            if len(name) + 1 + len(extra) > 52:
                return f"{name}_and_more"
            name = f"{name}_{extra}"
        return name


class SwappableTuple(tuple):
    """A dependency tuple that remembers the setting (e.g. AUTH_USER_MODEL) it came from."""

    setting: str | None

    def __new__(cls, value: tuple, setting: str | None) -> SwappableTuple:
        self = tuple.__new__(cls, value)
        self.setting = setting
        return self


def swappable_dependency(value: str) -> SwappableTuple:
    """A dependency on the first migration of the app holding a swappable model.

    ``value`` is the setting's value (e.g. ``settings.AUTH_USER_MODEL``, "auth.User"); the
    tuple remembers which setting it came from so that the writer can write it back.
    """
    from django.apps import apps

    app_label = value.split(".", 1)[0]
    setting = apps.get_swappable_settings_name(value.lower()) if apps.ready else None
    return SwappableTuple((app_label, "__first__"), setting)
