"""Warnings for operations that lock or rewrite big tables on PostgreSQL, each with a safer way.

``makemigrations`` and ``migrate --plan`` show them; they are system-check messages, so
SILENCED_SYSTEM_CHECKS silences them by id.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.migrations import operations

NOT_NULL_COLUMN = "migrations.W001"
COLUMN_TYPE_CHANGE = "migrations.W002"
BLOCKING_INDEX = "migrations.W003"
VALIDATED_FOREIGN_KEY = "migrations.W004"

_HINTS = {
    NOT_NULL_COLUMN: "Give the field a db_default, or add it with null=True, fill it in batches, "
    "then make it NOT NULL in a later migration.",
    COLUMN_TYPE_CHANGE: "Add a new column of the new type, copy the data in batches, then switch "
    "the code to it and remove the old column.",
    BLOCKING_INDEX: "Use django.contrib.postgres.operations.AddIndexConcurrently in a migration "
    "with atomic = False.",
    VALIDATED_FOREIGN_KEY: "Add the field with db_constraint=False, then add the constraint with "
    "NOT VALID and VALIDATE CONSTRAINT in a later migration (RunSQL).",
}


def _warning(check_id: str, label: str, text: str) -> Any:
    from django.core import checks

    return checks.Warning(f"{label}: {text}", hint=_HINTS[check_id], obj=label, id=check_id)


def _model_key(app_label: str, operation: Any) -> tuple[str, str]:
    name = getattr(operation, "model_name", None) or operation.name
    return app_label, name.lower()


def _type_of(field_obj: Any) -> tuple:
    """What decides the column type, without asking a connection."""
    return (
        field_obj.get_internal_type(),
        getattr(field_obj, "max_length", None),
        getattr(field_obj, "max_digits", None),
        getattr(field_obj, "decimal_places", None),
    )


def _adds_validated_fk(field_obj: Any) -> bool:
    return bool(
        getattr(field_obj, "remote_field", None) is not None
        and not field_obj.many_to_many
        and getattr(field_obj, "db_constraint", False)
    )


def _field_warnings(app_label: str, operation: Any, state: Any, label: str) -> list:
    field_obj = operation.field
    where = f"{operation.model_name}.{operation.name}"
    found = []
    if isinstance(operation, operations.AddField):
        if not field_obj.null and not field_obj.many_to_many and field_obj.db_default is models.NOT_PROVIDED:
            found.append(
                _warning(NOT_NULL_COLUMN, label, f"adding the NOT NULL column {where} locks the table.")
            )
        if field_obj.db_index or field_obj.unique:
            found.append(_warning(BLOCKING_INDEX, label, f"indexing {where} blocks writes to the table."))
        if _adds_validated_fk(field_obj):
            found.append(
                _warning(VALIDATED_FOREIGN_KEY, label, f"the foreign key {where} is checked under lock.")
            )
        return found
    model_state = state.models.get(_model_key(app_label, operation))
    old = model_state.fields.get(operation.name) if model_state is not None else None
    if old is None or old.many_to_many or field_obj.many_to_many:
        return found
    if _type_of(old) != _type_of(field_obj):
        found.append(_warning(COLUMN_TYPE_CHANGE, label, f"changing the type of {where} rewrites the table."))
    if _adds_validated_fk(field_obj) and not _adds_validated_fk(old):
        found.append(
            _warning(VALIDATED_FOREIGN_KEY, label, f"the foreign key {where} is checked under lock.")
        )
    return found


def lock_warnings(migration: Any, state: Any, created: set | None = None) -> list:
    """Warnings for ``migration`` applied on top of ``state`` (neither is changed).

    ``created`` holds the models made earlier in the same run: their tables are empty, so
    nothing on them is worth a warning; it is updated with this migration's new models.
    """
    from django.contrib.postgres.operations import AddIndexConcurrently

    created = set() if created is None else created
    state = state.clone()
    label = f"{migration.app_label}.{migration.name}"
    found: list = []
    for operation in migration.operations:
        if isinstance(operation, operations.CreateModel):
            created.add((migration.app_label, operation.name_lower))
        elif _touches_existing(migration.app_label, operation, created):
            if isinstance(operation, (operations.AddField, operations.AlterField)):
                found.extend(_field_warnings(migration.app_label, operation, state, label))
            elif isinstance(operation, operations.AddIndex) and not isinstance(
                operation, AddIndexConcurrently
            ):
                text = f"creating the index {operation.index.name} blocks writes to the table."
                found.append(_warning(BLOCKING_INDEX, label, text))
        operation.state_forwards(migration.app_label, state)
    return [warning for warning in found if not warning.is_silenced()]


def _touches_existing(app_label: str, operation: Any, created: set) -> bool:
    if not hasattr(operation, "model_name"):
        return False
    return _model_key(app_label, operation) not in created


def uses_postgresql(aliases: Any = None) -> bool:
    """Whether any (or any of the given) configured database is PostgreSQL."""
    from django.db import connections

    return any(connections[alias].vendor == "postgresql" for alias in (aliases or connections))


def format_warning(warning: Any) -> str:
    return f"{warning.id} {warning.msg}\n\tHINT: {warning.hint}"
