"""Operations on whole models: create, delete, rename, and their Meta options, indexes and constraints."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.migrations.operations.base import Operation, OperationCategory
from django.db.migrations.operations.fields import (
    AddField,
    AlterField,
    FieldOperation,
    RemoveField,
    RenameField,
)
from django.db.migrations.state import ModelState
from django.db.migrations.utils import field_references, resolve_relation
from django.utils.functional import cached_property


def _check_for_duplicates(arg_name: str, objs: Any) -> None:
    used = set()
    for val in objs:
        if val in used:
            raise ValueError("Found duplicate value %s in CreateModel %s argument." % (val, arg_name))
        used.add(val)


class ModelOperation(Operation):
    def __init__(self, name: str) -> None:
        self.name = name

    @cached_property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.name_lower

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        return super().reduce(operation, app_label) or self.can_reduce_through(operation, app_label)

    def can_reduce_through(self, operation: Operation, app_label: str) -> bool:
        return not operation.references_model(self.name, app_label)


class CreateModel(ModelOperation):
    """Create a model's table (and its state)."""

    category = OperationCategory.ADDITION
    serialization_expand_args = ["fields", "options", "managers"]

    def __init__(
        self,
        name: str,
        fields: list,
        options: dict | None = None,
        bases: tuple | None = None,
        managers: list | None = None,
    ) -> None:
        self.fields = fields
        self.options = options or {}
        self.bases = bases or (models.Model,)
        self.managers = managers or []
        super().__init__(name)
        _check_for_duplicates("fields", (name for name, _ in self.fields))
        _check_for_duplicates(
            "bases",
            (
                base._meta.label_lower
                if hasattr(base, "_meta")
                else base.lower()
                if isinstance(base, str)
                else base
                for base in self.bases
            ),
        )
        _check_for_duplicates("managers", (name for name, _ in self.managers))

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"name": self.name, "fields": self.fields}
        if self.options:
            kwargs["options"] = self.options
        if self.bases and self.bases != (models.Model,):
            kwargs["bases"] = self.bases
        if self.managers and self.managers != [("objects", models.Manager())]:
            kwargs["managers"] = self.managers
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_model(
            ModelState(
                app_label,
                self.name,
                list(self.fields),
                dict(self.options),
                tuple(self.bases),
                list(self.managers),
            )
        )

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.name):
            schema_editor.create_model(model)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.name):
            schema_editor.delete_model(model)

    def describe(self) -> str:
        return "Create %smodel %s" % ("proxy " if self.options.get("proxy", False) else "", self.name)

    @property
    def migration_name_fragment(self) -> str:
        return self.name_lower

    def references_model(self, name: str, app_label: str) -> bool:
        name_lower = name.lower()
        if name_lower == self.name_lower:
            return True
        reference = (app_label, name_lower)
        for base in self.bases:
            if base is not models.Model and isinstance(base, (models.base.ModelBase, str)):
                if resolve_relation(base, app_label) == reference:
                    return True
        return any(
            field_references((app_label, self.name_lower), field, reference) for _, field in self.fields
        )

    def _replace(self, **changes: Any) -> CreateModel:
        kwargs = {
            "name": self.name,
            "fields": self.fields,
            "options": self.options,
            "bases": self.bases,
            "managers": self.managers,
            **changes,
        }
        return CreateModel(**kwargs)

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, DeleteModel) and self.name_lower == operation.name_lower:
            if not self.options.get("proxy", False):
                return []
        if isinstance(operation, RenameModel) and self.name_lower == operation.old_name_lower:
            return [self._replace(name=operation.new_name)]
        if isinstance(operation, AlterModelOptions) and self.name_lower == operation.name_lower:
            options = {**self.options, **operation.options}
            for key in operation.ALTER_OPTION_KEYS:
                if key not in operation.options:
                    options.pop(key, None)
            return [self._replace(options=options)]
        if isinstance(operation, AlterModelManagers) and self.name_lower == operation.name_lower:
            return [self._replace(managers=operation.managers)]
        if isinstance(operation, AlterModelTable) and self.name_lower == operation.name_lower:
            return [self._replace(options={**self.options, "db_table": operation.table})]
        if isinstance(operation, AlterModelTableComment) and self.name_lower == operation.name_lower:
            return [self._replace(options={**self.options, "db_table_comment": operation.table_comment})]
        if isinstance(operation, AlterTogetherOptionOperation) and self.name_lower == operation.name_lower:
            return [self._replace(options={**self.options, operation.option_name: operation.option_value})]
        if isinstance(operation, AlterOrderWithRespectTo) and self.name_lower == operation.name_lower:
            return [
                self._replace(
                    options={**self.options, "order_with_respect_to": operation.order_with_respect_to}
                )
            ]
        if isinstance(operation, FieldOperation) and self.name_lower == operation.model_name_lower:
            return self._reduce_field_operation(operation)
        if isinstance(operation, AddIndex) and self.name_lower == operation.model_name_lower:
            indexes = [*self.options.get("indexes", []), operation.index]
            return [self._replace(options={**self.options, "indexes": indexes})]
        if isinstance(operation, AddConstraint) and self.name_lower == operation.model_name_lower:
            constraints = [*self.options.get("constraints", []), operation.constraint]
            return [self._replace(options={**self.options, "constraints": constraints})]
        return super().reduce(operation, app_label)

    def _reduce_field_operation(self, operation: FieldOperation) -> list | bool:
        if isinstance(operation, AddField):
            return [self._replace(fields=[*self.fields, (operation.name, operation.field)])]
        if isinstance(operation, AlterField):
            fields = [(n, operation.field if n == operation.name else v) for n, v in self.fields]
            return [self._replace(fields=fields)]
        if isinstance(operation, RemoveField):
            lower = operation.name_lower
            options = dict(self.options)
            if options.get("unique_together"):
                together = {tuple(f for f in fs if f.lower() != lower) for fs in options["unique_together"]}
                options["unique_together"] = {fs for fs in together if fs}
            if str(options.get("order_with_respect_to", "")).lower() == lower:
                del options["order_with_respect_to"]
            fields = [(n, v) for n, v in self.fields if n.lower() != lower]
            return [self._replace(fields=fields, options=options)]
        if isinstance(operation, RenameField):
            old, new = operation.old_name, operation.new_name
            options = dict(self.options)
            if options.get("unique_together"):
                options["unique_together"] = {
                    tuple(new if f == old else f for f in fs) for fs in options["unique_together"]
                }
            if options.get("order_with_respect_to") == old:
                options["order_with_respect_to"] = new
            fields = [(new if n == old else n, v) for n, v in self.fields]
            return [self._replace(fields=fields, options=options)]
        return False


class DeleteModel(ModelOperation):
    """Drop a model's table."""

    category = OperationCategory.REMOVAL

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_model(app_label, self.name_lower)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.name):
            schema_editor.delete_model(model)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.name):
            schema_editor.create_model(model)

    def references_model(self, name: str, app_label: str) -> bool:
        # The model is gone afterwards, so nothing can be optimized across a deletion.
        return True

    def describe(self) -> str:
        return f"Delete model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"delete_{self.name_lower}"


class RenameModel(ModelOperation):
    """Rename a model (and its table and auto-created m2m tables)."""

    category = OperationCategory.ALTERATION

    def __init__(self, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name
        super().__init__(old_name)

    @cached_property
    def old_name_lower(self) -> str:
        return self.old_name.lower()

    @cached_property
    def new_name_lower(self) -> str:
        return self.new_name.lower()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"old_name": self.old_name, "new_name": self.new_name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.rename_model(app_label, self.old_name, self.new_name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        new_model = to_state.apps.get_model(app_label, self.new_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, new_model):
            return
        old_model = from_state.apps.get_model(app_label, self.old_name)
        schema_editor.alter_db_table(new_model, old_model._meta.db_table, new_model._meta.db_table)
        self._rename_m2m_tables(schema_editor, old_model, new_model)
        self._alter_references(schema_editor, from_state, to_state, old_model, new_model)

    def _alter_references(
        self, schema_editor: Any, from_state: Any, to_state: Any, old_model: Any, new_model: Any
    ) -> None:
        """Re-point foreign keys of other models (their constraints name the renamed table)."""
        for related in old_model._meta.related_objects:
            if related.related_model == old_model:
                continue
            related_key = (related.related_model._meta.app_label, related.related_model._meta.model_name)
            to_related = to_state.apps.get_model(*related_key)
            new_field = to_related._meta.get_field(related.field.name)
            if related.field.many_to_many:
                self._rename_m2m_target_column(schema_editor, related.field, new_field, old_model, new_model)
                continue
            schema_editor.alter_field(related.related_model, related.field, new_field)

    @staticmethod
    def _rename_m2m_target_column(
        schema_editor: Any, old_field: Any, new_field: Any, old_model: Any, new_model: Any
    ) -> None:
        """An auto-created M2M table names its column after the target model: follow the rename."""
        old_through = old_field.remote_field.through
        new_through = new_field.remote_field.through
        if not (old_through._meta.auto_created and new_through._meta.auto_created):
            return

        def pointing_at(through: Any, model: Any) -> Any:
            label = model._meta.label_lower
            return next(
                f
                for f in through._meta.local_fields
                if f.remote_field is not None and f.remote_field.model._meta.label_lower == label
            )

        schema_editor.alter_field(
            new_through, pointing_at(old_through, old_model), pointing_at(new_through, new_model)
        )

    @staticmethod
    def _rename_m2m_tables(schema_editor: Any, old_model: Any, new_model: Any) -> None:
        for old_field, new_field in zip(
            old_model._meta.local_many_to_many, new_model._meta.local_many_to_many
        ):
            old_through = old_field.remote_field.through
            new_through = new_field.remote_field.through
            if not (old_through._meta.auto_created and new_through._meta.auto_created):
                continue
            schema_editor.alter_db_table(new_through, old_through._meta.db_table, new_through._meta.db_table)
            schema_editor.alter_field(
                new_through,
                old_through._meta.get_field(old_model._meta.model_name),
                new_through._meta.get_field(new_model._meta.model_name),
            )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._swap()
        try:
            self.database_forwards(app_label, schema_editor, from_state, to_state)
        finally:
            self._swap()

    def _swap(self) -> None:
        self.new_name, self.old_name = self.old_name, self.new_name
        for key in ("new_name_lower", "old_name_lower", "name_lower"):
            self.__dict__.pop(key, None)
        self.name = self.old_name

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() in (self.old_name_lower, self.new_name_lower)

    def describe(self) -> str:
        return f"Rename model {self.old_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name_lower}_{self.new_name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, RenameModel) and self.new_name_lower == operation.old_name_lower:
            return [RenameModel(self.old_name, operation.new_name)]
        return super(ModelOperation, self).reduce(operation, app_label) or not operation.references_model(
            self.new_name, app_label
        )


class ModelOptionOperation(ModelOperation):
    category = OperationCategory.ALTERATION

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, (self.__class__, DeleteModel)) and self.name_lower == operation.name_lower:
            return [operation]
        return super().reduce(operation, app_label)


class AlterModelTable(ModelOptionOperation):
    """Rename a model's table (Meta.db_table)."""

    def __init__(self, name: str, table: str | None) -> None:
        self.table = table
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, "table": self.table}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, {"db_table": self.table})

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if new_model := self._routed(app_label, schema_editor, to_state, self.name):
            old_model = from_state.apps.get_model(app_label, self.name)
            schema_editor.alter_db_table(new_model, old_model._meta.db_table, new_model._meta.db_table)
            RenameModel._rename_m2m_tables(schema_editor, old_model, new_model)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "Rename table for %s to %s" % (
            self.name,
            self.table if self.table is not None else "(default)",
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table"


class AlterModelTableComment(ModelOptionOperation):
    def __init__(self, name: str, table_comment: str) -> None:
        self.table_comment = table_comment
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, "table_comment": self.table_comment}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, {"db_table_comment": self.table_comment})

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if new_model := self._routed(app_label, schema_editor, to_state, self.name):
            old_model = from_state.apps.get_model(app_label, self.name)
            schema_editor.alter_db_table_comment(
                new_model, old_model._meta.db_table_comment, new_model._meta.db_table_comment
            )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Alter {self.name} table comment"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table_comment"


class AlterTogetherOptionOperation(ModelOptionOperation):
    option_name: str = ""

    def __init__(self, name: str, option_value: Any) -> None:
        if option_value:
            option_value = {tuple(v) for v in _normalize(option_value)}
        setattr(self, self.option_name, option_value)
        super().__init__(name)

    @cached_property
    def option_value(self) -> Any:
        return getattr(self, self.option_name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, self.option_name: self.option_value}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, {self.option_name: self.option_value})

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if new_model := self._routed(app_label, schema_editor, to_state, self.name):
            old_model = from_state.apps.get_model(app_label, self.name)
            alter = getattr(schema_editor, f"alter_{self.option_name}")
            alter(
                new_model,
                getattr(old_model._meta, self.option_name, set()),
                getattr(new_model._meta, self.option_name, set()),
            )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label) and (
            not self.option_value or any(name in fields for fields in self.option_value)
        )

    def describe(self) -> str:
        return "Alter %s for %s (%s constraint(s))" % (
            self.option_name,
            self.name,
            len(self.option_value or ""),
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_{self.option_name}"

    def can_reduce_through(self, operation: Operation, app_label: str) -> bool:
        return super().can_reduce_through(operation, app_label) or (
            isinstance(operation, AlterTogetherOptionOperation) and type(operation) is not type(self)
        )


def _normalize(value: Any) -> Any:
    from django.db.models.options import normalize_together

    return normalize_together(value)


class AlterUniqueTogether(AlterTogetherOptionOperation):
    """Change Meta.unique_together."""

    option_name = "unique_together"

    def __init__(self, name: str, unique_together: Any) -> None:
        super().__init__(name, unique_together)


class AlterIndexTogether(AlterTogetherOptionOperation):
    """Change the removed Meta.index_together; kept so that old migration files still load."""

    option_name = "index_together"

    def __init__(self, name: str, index_together: Any) -> None:
        super().__init__(name, index_together)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if hasattr(schema_editor, "alter_index_together"):
            super().database_forwards(app_label, schema_editor, from_state, to_state)


class AlterOrderWithRespectTo(ModelOptionOperation):
    """Set Meta.order_with_respect_to, adding or dropping the _order column."""

    option_name = "order_with_respect_to"

    def __init__(self, name: str, order_with_respect_to: str | None) -> None:
        self.order_with_respect_to = order_with_respect_to
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {"name": self.name, "order_with_respect_to": self.order_with_respect_to}
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, {self.option_name: self.order_with_respect_to})

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        to_model = to_state.apps.get_model(app_label, self.name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        from_model = from_state.apps.get_model(app_label, self.name)
        had = from_model._meta.order_with_respect_to
        has = to_model._meta.order_with_respect_to
        if had and not has:
            schema_editor.remove_field(from_model, from_model._meta.get_field("_order"))
        elif has and not had:
            field = to_model._meta.get_field("_order")
            if not field.has_default():
                field.default = 0
            schema_editor.add_field(from_model, field)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label) and (
            self.order_with_respect_to is None or name == self.order_with_respect_to
        )

    def describe(self) -> str:
        return f"Set order_with_respect_to on {self.name} to {self.order_with_respect_to}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_order_with_respect_to"


class AlterModelOptions(ModelOptionOperation):
    """Change Meta options that need no database change (ordering, verbose names, permissions...)."""

    ALTER_OPTION_KEYS = [
        "base_manager_name",
        "default_manager_name",
        "default_related_name",
        "get_latest_by",
        "managed",
        "ordering",
        "permissions",
        "default_permissions",
        "select_on_save",
        "verbose_name",
        "verbose_name_plural",
    ]

    def __init__(self, name: str, options: dict) -> None:
        self.options = options
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, "options": self.options}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, self.options, self.ALTER_OPTION_KEYS)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def describe(self) -> str:
        return f"Change Meta options on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_options"


class AlterModelManagers(ModelOptionOperation):
    """Change the managers available to RunPython code."""

    serialization_expand_args = ["managers"]

    def __init__(self, name: str, managers: list) -> None:
        self.managers = managers
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (self.name, self.managers), {}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_managers(app_label, self.name_lower, self.managers)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def describe(self) -> str:
        return f"Change managers on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_managers"


class IndexOperation(Operation):
    option_name = "indexes"
    model_name: str  # set by each subclass's __init__

    @cached_property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.model_name_lower


class AddIndex(IndexOperation):
    """Create an index (Meta.indexes)."""

    category = OperationCategory.ADDITION

    def __init__(self, model_name: str, index: Any) -> None:
        self.model_name = model_name
        if not index.name:
            raise ValueError(
                "Indexes passed to AddIndex operations require a name argument. %r doesn't have one." % index
            )
        self.index = index

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"model_name": self.model_name, "index": self.index}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_index(app_label, self.model_name_lower, self.index)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            schema_editor.remove_index(model, self.index)

    def describe(self) -> str:
        if getattr(self.index, "expressions", None):
            return "Create index %s on %s on model %s" % (
                self.index.name,
                ", ".join(str(e) for e in self.index.expressions),
                self.model_name,
            )
        return "Create index %s on field(s) %s of model %s" % (
            self.index.name,
            ", ".join(self.index.fields),
            self.model_name,
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.index.name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, RemoveIndex) and self.index.name == operation.name:
            return []
        if isinstance(operation, RenameIndex) and self.index.name == operation.old_name:
            index = self.index.clone()
            index.name = operation.new_name
            return [AddIndex(model_name=self.model_name, index=index)]
        return super().reduce(operation, app_label)


class RemoveIndex(IndexOperation):
    """Drop an index."""

    category = OperationCategory.REMOVAL

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_index(app_label, self.model_name_lower, self.name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, from_state, self.model_name):
            index = from_state.models[app_label, self.model_name_lower].get_index_by_name(self.name)
            schema_editor.remove_index(model, index)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            index = to_state.models[app_label, self.model_name_lower].get_index_by_name(self.name)
            schema_editor.add_index(model, index)

    def describe(self) -> str:
        return f"Remove index {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class RenameIndex(IndexOperation):
    """Rename an index, given its old name (or, for old unnamed ones, its fields)."""

    category = OperationCategory.ALTERATION

    def __init__(self, model_name: str, new_name: str, old_name: str | None = None, old_fields: Any = None):
        if not old_name and not old_fields:
            raise ValueError("RenameIndex requires one of old_name and old_fields arguments to be set.")
        if old_name and old_fields:
            raise ValueError("RenameIndex.old_name and old_fields are mutually exclusive.")
        self.model_name = model_name
        self.new_name = new_name
        self.old_name = old_name
        self.old_fields = old_fields

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"model_name": self.model_name, "new_name": self.new_name}
        if self.old_name:
            kwargs["old_name"] = self.old_name
        if self.old_fields:
            kwargs["old_fields"] = self.old_fields
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        if self.old_fields:
            index = models.Index(fields=self.old_fields, name=self.new_name)
            state.add_index(app_label, self.model_name_lower, index)
        else:
            state.rename_index(app_label, self.model_name_lower, self.old_name, self.new_name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if self.old_fields:
            from_model = from_state.apps.get_model(app_label, self.model_name)
            columns = [from_model._meta.get_field(f).column for f in self.old_fields]
            names = schema_editor._constraint_names(from_model, columns, index=True)
            if len(names) != 1:
                raise ValueError(
                    "Found wrong number (%s) of indexes for %s(%s)."
                    % (len(names), from_model._meta.db_table, ", ".join(columns))
                )
            old_index = models.Index(fields=self.old_fields, name=names[0])
        else:
            old_index = from_state.models[app_label, self.model_name_lower].get_index_by_name(self.old_name)
        new_index = to_state.models[app_label, self.model_name_lower].get_index_by_name(self.new_name)
        schema_editor.rename_index(model, old_index, new_index)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if self.old_fields:
            return  # the old index had no name to return to
        self.new_name, self.old_name = self.old_name, self.new_name  # type: ignore[assignment]  # old_name is set
        try:
            self.database_forwards(app_label, schema_editor, from_state, to_state)
        finally:
            self.new_name, self.old_name = self.old_name, self.new_name

    def describe(self) -> str:
        if self.old_name:
            return f"Rename index {self.old_name} on {self.model_name} to {self.new_name}"
        return "Rename unnamed index for %s on %s to %s" % (self.old_fields, self.model_name, self.new_name)

    @property
    def migration_name_fragment(self) -> str:
        if self.old_name:
            return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"
        return "rename_%s_%s_%s" % (self.model_name_lower, "_".join(self.old_fields), self.new_name.lower())

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, RenameIndex)
            and self.model_name_lower == operation.model_name_lower
            and operation.old_name
            and self.new_name.lower() == operation.old_name.lower()
        ):
            return [
                RenameIndex(
                    self.model_name,
                    new_name=operation.new_name,
                    old_name=self.old_name,
                    old_fields=self.old_fields,
                )
            ]
        return super().reduce(operation, app_label)


class AddConstraint(IndexOperation):
    """Add a check or unique constraint (Meta.constraints)."""

    category = OperationCategory.ADDITION
    option_name = "constraints"

    def __init__(self, model_name: str, constraint: Any) -> None:
        self.model_name = model_name
        self.constraint = constraint

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, (), {"model_name": self.model_name, "constraint": self.constraint}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_constraint(app_label, self.model_name_lower, self.constraint)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            schema_editor.remove_constraint(model, self.constraint)

    def describe(self) -> str:
        return f"Create constraint {self.constraint.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.constraint.name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, RemoveConstraint) and self.constraint.name == operation.name:
            return []
        if isinstance(operation, AlterConstraint) and self.constraint.name == operation.name:
            return [AddConstraint(self.model_name, operation.constraint)]
        return super().reduce(operation, app_label)


class RemoveConstraint(IndexOperation):
    """Drop a constraint."""

    category = OperationCategory.REMOVAL
    option_name = "constraints"

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_constraint(app_label, self.model_name_lower, self.name)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            constraint = from_state.models[app_label, self.model_name_lower].get_constraint_by_name(self.name)
            schema_editor.remove_constraint(model, constraint)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if model := self._routed(app_label, schema_editor, to_state, self.model_name):
            constraint = to_state.models[app_label, self.model_name_lower].get_constraint_by_name(self.name)
            schema_editor.add_constraint(model, constraint)

    def describe(self) -> str:
        return f"Remove constraint {self.name} from model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class AlterConstraint(IndexOperation):
    """Change a constraint's attributes that need no database change (e.g. its message)."""

    category = OperationCategory.ALTERATION
    option_name = "constraints"

    def __init__(self, model_name: str, name: str, constraint: Any) -> None:
        self.model_name = model_name
        self.name = name
        self.constraint = constraint

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {"model_name": self.model_name, "name": self.name, "constraint": self.constraint}
        return self.__class__.__name__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_constraint(app_label, self.model_name_lower, self.name, self.constraint)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def describe(self) -> str:
        return f"Alter constraint {self.name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name_lower}_{self.constraint.name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, (AlterConstraint, RemoveConstraint)) and self.name == operation.name:
            return [operation]
        return super().reduce(operation, app_label)
