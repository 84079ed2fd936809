"""Operations on one field of a model: AddField, RemoveField, AlterField, RenameField."""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation, OperationCategory
from django.db.migrations.utils import field_references
from django.db.models import NOT_PROVIDED
from django.utils.functional import cached_property


class FieldOperation(Operation):
    def __init__(self, model_name: str, name: str, field: Any = None) -> None:
        self.model_name = model_name
        self.name = name
        self.field = field

    @cached_property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    @cached_property
    def name_lower(self) -> str:
        return self.name.lower()

    def is_same_model_operation(self, operation: Any) -> bool:
        return self.model_name_lower == operation.model_name_lower

    def is_same_field_operation(self, operation: Any) -> bool:
        return self.is_same_model_operation(operation) and self.name_lower == operation.name_lower

    def references_model(self, name: str, app_label: str) -> bool:
        name_lower = name.lower()
        if name_lower == self.model_name_lower:
            return True
        if self.field is not None:
            return bool(
                field_references((app_label, self.model_name_lower), self.field, (app_label, name_lower))
            )
        return False

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        model_name_lower = model_name.lower()
        if model_name_lower == self.model_name_lower:
            if name == self.name:
                return True
            if self.field is not None and name in (getattr(self.field, "from_fields", None) or ()):
                return True
        if self.field is None:
            return False
        return bool(
            field_references(
                (app_label, self.model_name_lower), self.field, (app_label, model_name_lower), name
            )
        )

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        return super().reduce(operation, app_label) or not operation.references_field(
            self.model_name, self.name, app_label
        )


class _DefaultingFieldOperation(FieldOperation):
    """AddField and AlterField: a field plus preserve_default (False: the default is a one-off
    used to fill existing rows, and the state keeps no default)."""

    def __init__(self, model_name: str, name: str, field: Any, preserve_default: bool = True) -> None:
        self.preserve_default = preserve_default
        super().__init__(model_name, name, field)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"model_name": self.model_name, "name": self.name, "field": self.field}
        if self.preserve_default is not True:
            kwargs["preserve_default"] = self.preserve_default
        return self.__class__.__name__, (), kwargs

    def _with_one_off_default(self, field: Any, change: Any) -> None:
        """Run change() with the operation's default on the rendered field when it is one-off."""
        if self.preserve_default:
            change()
            return
        field.default = self.field.default
        try:
            change()
        finally:
            field.default = NOT_PROVIDED


class AddField(_DefaultingFieldOperation):
    """Add a field to a model."""

    category = OperationCategory.ADDITION

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_field(app_label, self.model_name_lower, self.name, self.field, self.preserve_default)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        from_model = from_state.apps.get_model(app_label, self.model_name)
        field = to_model._meta.get_field(self.name)
        self._with_one_off_default(field, lambda: schema_editor.add_field(from_model, field))

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if from_model := self._routed(app_label, schema_editor, from_state, self.model_name):
            schema_editor.remove_field(from_model, from_model._meta.get_field(self.name))

    def describe(self) -> str:
        return f"Add field {self.name} to {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, FieldOperation) and self.is_same_field_operation(operation):
            if isinstance(operation, AlterField):
                return [AddField(model_name=self.model_name, name=operation.name, field=operation.field)]
            if isinstance(operation, RemoveField):
                return []
            if isinstance(operation, RenameField):
                return [AddField(model_name=self.model_name, name=operation.new_name, field=self.field)]
        return super().reduce(operation, app_label)


class RemoveField(FieldOperation):
    """Remove a field from a model."""

    category = OperationCategory.REMOVAL

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_field(app_label, self.model_name_lower, self.name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if from_model := self._routed(app_label, schema_editor, from_state, self.model_name):
            schema_editor.remove_field(from_model, from_model._meta.get_field(self.name))

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if to_model := self._routed(app_label, schema_editor, to_state, self.model_name):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_field(from_model, to_model._meta.get_field(self.name))

    def describe(self) -> str:
        return f"Remove field {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        from django.db.migrations.operations.models import DeleteModel

        if isinstance(operation, DeleteModel) and operation.name_lower == self.model_name_lower:
            return [operation]
        return super().reduce(operation, app_label)


class AlterField(_DefaultingFieldOperation):
    """Change a field's definition (type, null, default, ...)."""

    category = OperationCategory.ALTERATION

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_field(app_label, self.model_name_lower, self.name, self.field, self.preserve_default)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        from_model = from_state.apps.get_model(app_label, self.model_name)
        from_field = from_model._meta.get_field(self.name)
        to_field = to_model._meta.get_field(self.name)
        self._with_one_off_default(
            to_field, lambda: schema_editor.alter_field(from_model, from_field, to_field)
        )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Alter field {self.name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, (AlterField, RemoveField)) and self.is_same_field_operation(operation):
            return [operation]
        if (
            isinstance(operation, RenameField)
            and self.is_same_field_operation(operation)
            and self.field.db_column is None
        ):
            return [
                operation,
                AlterField(model_name=self.model_name, name=operation.new_name, field=self.field),
            ]
        return super().reduce(operation, app_label)


class RenameField(FieldOperation):
    """Rename a field (and its column, unless db_column pins it)."""

    category = OperationCategory.ALTERATION

    def __init__(self, model_name: str, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name
        super().__init__(model_name, old_name)

    @cached_property
    def old_name_lower(self) -> str:
        return self.old_name.lower()

    @cached_property
    def new_name_lower(self) -> str:
        return self.new_name.lower()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {"model_name": self.model_name, "old_name": self.old_name, "new_name": self.new_name}
        return self.__class__.__name__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.rename_field(app_label, self.model_name_lower, self.old_name, self.new_name)

    def _alter_column(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any, old: str, new: str
    ) -> None:
        if to_model := self._routed(app_label, schema_editor, to_state, self.model_name):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.alter_field(
                from_model, from_model._meta.get_field(old), to_model._meta.get_field(new)
            )

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._alter_column(app_label, schema_editor, from_state, to_state, self.old_name, self.new_name)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._alter_column(app_label, schema_editor, from_state, to_state, self.new_name, self.old_name)

    def describe(self) -> str:
        return f"Rename field {self.old_name} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name_lower}_{self.model_name_lower}_{self.new_name_lower}"

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label) and name.lower() in (
            self.old_name_lower,
            self.new_name_lower,
        )

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, RenameField)
            and self.is_same_model_operation(operation)
            and self.new_name_lower == operation.old_name_lower
        ):
            return [RenameField(self.model_name, self.old_name, operation.new_name)]
        # Skip FieldOperation.reduce: a rename may be crossed by operations on the new name.
        return Operation.reduce(self, operation, app_label) or not (
            operation.references_field(self.model_name, self.old_name, app_label)
            or operation.references_field(self.model_name, self.new_name, app_label)
        )
