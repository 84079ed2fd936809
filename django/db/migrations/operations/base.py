"""Operation: one change to the project state and to the database schema."""

from __future__ import annotations

import enum
from typing import Any

from django.db import router


class OperationCategory(enum.StrEnum):
    """The symbol shown before an operation in makemigrations and migrate --plan output."""

    ADDITION = "+"
    REMOVAL = "-"
    ALTERATION = "~"
    PYTHON = "p"
    SQL = "s"
    MIXED = "?"


class Operation:
    """Base class of migration operations.

    Each operation changes the in-memory ProjectState (``state_forwards``) and the database
    (``database_forwards``/``database_backwards``), describes itself, and can merge with a later
    operation (``reduce``) so that the optimizer can shorten a list of operations.
    """

    reversible = True
    reduces_to_sql = True
    atomic = False
    elidable = False
    serialization_expand_args: list[str] = []
    category: OperationCategory | None = None
    _constructor_args: tuple[tuple, dict]  # set by __new__

    def __new__(cls, *args: Any, **kwargs: Any) -> Operation:
        # Remember how the operation was built: the writer and deconstruct() replay it.
        self = object.__new__(cls)
        self._constructor_args = (args, kwargs)
        return self

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, self._constructor_args[0], self._constructor_args[1]

    def state_forwards(self, app_label: str, state: Any) -> None:
        raise NotImplementedError("subclasses of Operation must provide a state_forwards() method")

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        raise NotImplementedError("subclasses of Operation must provide a database_forwards() method")

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        raise NotImplementedError("subclasses of Operation must provide a database_backwards() method")

    def describe(self) -> str:
        return f"{self.__class__.__name__}: {self._constructor_args}"

    def formatted_description(self) -> str:
        description = self.describe()
        if self.category is None:
            return f"{OperationCategory.MIXED.value} {description}"
        return f"{self.category.value} {description}"

    @property
    def migration_name_fragment(self) -> str | None:
        """A short name for this operation in a migration file name, or None."""
        return None

    def references_model(self, name: str, app_label: str) -> bool:
        """Whether the operation may touch the model; True unless a subclass knows better."""
        return True

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label)

    def allow_migrate_model(self, connection_alias: str, model: Any) -> bool:
        """Whether the routers allow this model's schema on ``connection_alias``."""
        if not model._meta.can_migrate(connection_alias):
            return False
        return router.allow_migrate_model(connection_alias, model)

    def _routed(self, app_label: str, schema_editor: Any, state: Any, model_name: str) -> Any:
        """The model as of ``state``, or None when the routers keep it off this database."""
        model = state.apps.get_model(app_label, model_name)
        return model if self.allow_migrate_model(schema_editor.connection.alias, model) else None

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        """A list of operations that stand for self followed by ``operation``; True if they are
        independent (the optimizer may reorder across), False if it must not."""
        if self.elidable:
            return [operation]
        if operation.elidable:
            return [self]
        return False

    def __repr__(self) -> str:
        args, kwargs = self._constructor_args
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
        return f"<{self.__class__.__name__} {', '.join(parts)}>"

    def __eq__(self, other: Any) -> bool:
        return type(self) is type(other) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return id(self)
