"""PostgreSQL-only migration operations: extensions, collations, concurrent indexes, NOT VALID constraints."""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError, router
from django.db.migrations.operations import AddConstraint, AddIndex, RemoveIndex
from django.db.migrations.operations.base import Operation, OperationCategory
from django.db.models.constraints import CheckConstraint


def _is_postgresql(schema_editor: Any) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class CreateExtension(Operation):
    """CREATE EXTENSION IF NOT EXISTS <name>; dropped again on the way back."""

    reversible = True
    category = OperationCategory.ADDITION

    def __init__(self, name: str, hints: dict | None = None) -> None:
        self.name = name
        self.hints = hints or {}

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"name": self.name}
        if self.hints:
            kwargs["hints"] = self.hints
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _applies(self, app_label: str, schema_editor: Any) -> bool:
        alias = schema_editor.connection.alias
        return _is_postgresql(schema_editor) and router.allow_migrate(alias, app_label, **self.hints)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        # An existing extension is left alone: creating it may need rights the user lacks.
        if self._applies(app_label, schema_editor) and not self.extension_exists(schema_editor):
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {schema_editor.quote_name(self.name)}")

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if self._applies(app_label, schema_editor) and self.extension_exists(schema_editor):
            schema_editor.execute(f"DROP EXTENSION IF EXISTS {schema_editor.quote_name(self.name)}")

    def extension_exists(self, schema_editor: Any) -> bool:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [self.name])
            return cursor.fetchone() is not None

    def describe(self) -> str:
        return f"Creates extension {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"create_extension_{self.name}"


def _named_extension(class_name: str, extension: str) -> type[CreateExtension]:
    """A CreateExtension subclass for one extension, taking no arguments (as in migration files)."""

    def __init__(self: CreateExtension, hints: dict | None = None) -> None:
        CreateExtension.__init__(self, extension, hints)

    def deconstruct(self: CreateExtension) -> tuple[str, tuple, dict]:
        return class_name, (), {"hints": self.hints} if self.hints else {}

    namespace = {"__init__": __init__, "deconstruct": deconstruct, "__module__": __name__}
    namespace["__doc__"] = f"CREATE EXTENSION {extension}."
    return type(class_name, (CreateExtension,), namespace)


BloomExtension = _named_extension("BloomExtension", "bloom")
BtreeGinExtension = _named_extension("BtreeGinExtension", "btree_gin")
BtreeGistExtension = _named_extension("BtreeGistExtension", "btree_gist")
CITextExtension = _named_extension("CITextExtension", "citext")
CryptoExtension = _named_extension("CryptoExtension", "pgcrypto")
HStoreExtension = _named_extension("HStoreExtension", "hstore")
TrigramExtension = _named_extension("TrigramExtension", "pg_trgm")
UnaccentExtension = _named_extension("UnaccentExtension", "unaccent")


class NotInTransactionMixin:
    """Refuse to run inside a transaction (CONCURRENTLY cannot)."""

    def _ensure_not_in_transaction(self, schema_editor: Any) -> None:
        if schema_editor.connection.in_atomic_block:
            raise NotSupportedError(
                f"The {self.__class__.__name__} operation cannot be executed inside a transaction "
                "(set atomic = False on the migration)."
            )


class AddIndexConcurrently(NotInTransactionMixin, AddIndex):
    """CREATE INDEX CONCURRENTLY: no write lock on the table; needs a non-atomic migration."""

    atomic = False
    category = OperationCategory.ADDITION

    def describe(self) -> str:
        return "Concurrently create index %s on field(s) %s of model %s" % (
            self.index.name,
            ", ".join(self.index.fields),
            self.model_name,
        )

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            schema_editor.add_index(model, self.index, concurrently=True)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            schema_editor.remove_index(model, self.index, concurrently=True)


class RemoveIndexConcurrently(NotInTransactionMixin, RemoveIndex):
    """DROP INDEX CONCURRENTLY; needs a non-atomic migration."""

    atomic = False
    category = OperationCategory.REMOVAL

    def describe(self) -> str:
        return f"Concurrently remove index {self.name} from {self.model_name}"

    def _index(self, state: Any, app_label: str) -> Any:
        return state.models[app_label, self.model_name_lower].get_index_by_name(self.name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            schema_editor.remove_index(model, self._index(from_state, app_label), concurrently=True)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            schema_editor.add_index(model, self._index(to_state, app_label), concurrently=True)


class CollationOperation(Operation):
    """Shared by CreateCollation and RemoveCollation: a named collation and how it is defined."""

    creates: bool  # True: forwards creates the collation; False: forwards drops it.

    def __init__(self, name: str, locale: str, *, provider: str = "libc", deterministic: bool = True) -> None:
        self.name = name
        self.locale = locale
        self.provider = provider
        self.deterministic = deterministic

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"name": self.name, "locale": self.locale}
        if self.provider != "libc":
            kwargs["provider"] = self.provider
        if self.deterministic is False:
            kwargs["deterministic"] = self.deterministic
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _applies(self, app_label: str, schema_editor: Any) -> bool:
        return _is_postgresql(schema_editor) and router.allow_migrate(
            schema_editor.connection.alias, app_label
        )

    def create_collation(self, schema_editor: Any) -> None:
        quote = schema_editor.quote_name
        parts = [f"locale={quote(self.locale)}"]
        if self.provider != "libc":
            parts.append(f"provider={quote(self.provider)}")
        if self.deterministic is False:
            parts.append("deterministic=false")
        schema_editor.execute(f"CREATE COLLATION {quote(self.name)} ({', '.join(parts)})")

    def remove_collation(self, schema_editor: Any) -> None:
        schema_editor.execute(f"DROP COLLATION {schema_editor.quote_name(self.name)}")

    def _run(self, app_label: str, schema_editor: Any, create: bool) -> None:
        if self._applies(app_label, schema_editor):
            (self.create_collation if create else self.remove_collation)(schema_editor)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._run(app_label, schema_editor, self.creates)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._run(app_label, schema_editor, not self.creates)


class CreateCollation(CollationOperation):
    """CREATE COLLATION with a locale, a provider (libc or icu) and determinism."""

    category = OperationCategory.ADDITION
    creates = True

    def describe(self) -> str:
        return f"Create collation {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"create_collation_{self.name.lower()}"


class RemoveCollation(CollationOperation):
    """DROP COLLATION; recreated from its arguments on the way back."""

    category = OperationCategory.REMOVAL
    creates = False

    def describe(self) -> str:
        return f"Remove collation {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_collation_{self.name.lower()}"


class AddConstraintNotValid(AddConstraint):
    """A check constraint added NOT VALID: existing rows are not scanned (see ValidateConstraint)."""

    category = OperationCategory.ADDITION

    def __init__(self, model_name: str, constraint: Any) -> None:
        if not isinstance(constraint, CheckConstraint):
            raise TypeError("AddConstraintNotValid.constraint must be a check constraint.")
        super().__init__(model_name, constraint)

    def describe(self) -> str:
        return f"Create not valid constraint {self.constraint.name} on model {self.model_name}"

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            sql = self.constraint.create_sql(model, schema_editor)
            if sql:
                schema_editor.execute(f"{sql} NOT VALID", params=None)

    @property
    def migration_name_fragment(self) -> str:
        return f"{super().migration_name_fragment}_not_valid"


class ValidateConstraint(Operation):
    """ALTER TABLE ... VALIDATE CONSTRAINT: scans existing rows without blocking writes."""

    category = OperationCategory.ALTERATION

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"ALTER TABLE {quote(model._meta.db_table)} VALIDATE CONSTRAINT {quote(self.name)}"
            )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass  # Validation cannot be undone, and need not be.

    def describe(self) -> str:
        return f"Validate constraint {self.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_validate_{self.name.lower()}"
