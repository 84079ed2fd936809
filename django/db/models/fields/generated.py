"""GeneratedField: a column computed by the database from other columns."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db.models.fields.base import NOT_PROVIDED, Field
from django.utils.functional import cached_property

__all__ = ["GeneratedField"]


class GeneratedField(Field):
    generated = True
    db_returning = True

    _query = None
    output_field: Any = None

    def __init__(
        self, *, expression: Any, output_field: Any, db_persist: bool | None = None, **kwargs: Any
    ) -> None:
        if kwargs.setdefault("editable", False):
            raise ValueError("GeneratedField cannot be editable.")
        if not kwargs.setdefault("blank", True):
            raise ValueError("GeneratedField must be blank.")
        if kwargs.get("default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("GeneratedField cannot have a default.")
        if kwargs.get("db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("GeneratedField cannot have a database default.")
        if db_persist not in (True, False):
            raise ValueError("GeneratedField.db_persist must be True or False.")
        self.expression = expression
        self.output_field = output_field
        self.db_persist = db_persist
        super().__init__(**kwargs)

    @cached_property
    def cached_col(self) -> Any:
        from django.db.models.expressions import Col

        return Col(self.model._meta.db_table, self, self.output_field)

    def get_col(self, alias: str, output_field: Any = None) -> Any:
        if alias != self.model._meta.db_table and output_field in (None, self):
            output_field = self.output_field
        return super().get_col(alias, output_field)

    def contribute_to_class(self, *args: Any, **kwargs: Any) -> None:
        super().contribute_to_class(*args, **kwargs)
        from django.db.models.sql.query import Query

        self._query = Query(model=self.model, alias_cols=False)
        # Register lookups from the output field class on this instance.
        for lookup_name, lookup in self.output_field.get_class_lookups().items():
            self.register_lookup(lookup, lookup_name)

    def generated_sql(self, connection: Any) -> tuple[str, Any]:
        compiler = connection.ops.compiler("SQLCompiler")(self._query, connection=connection, using=None)
        resolved = self.expression.resolve_expression(self._query, allow_joins=False)
        sql, params = compiler.compile(resolved)
        if getattr(self.expression, "conditional", False):
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params

    @cached_property
    def referenced_fields(self) -> frozenset:
        resolved = self.expression.resolve_expression(self._query, allow_joins=False)
        names = set()
        stack = [resolved]
        while stack:
            node = stack.pop()
            target = getattr(node, "target", None)
            if target is not None:
                names.add(target)
            stack.extend(s for s in node.get_source_expressions() if s is not None)
        return frozenset(names)

    def check(self, **kwargs: Any) -> list:
        databases = kwargs.get("databases") or []
        errors = [
            *super().check(**kwargs),
            *self._check_supported(databases),
            *self._check_persistence(databases),
        ]
        output_field = self.output_field.clone()
        output_field.set_attributes_from_name(self.name)
        output_field.model = self.model
        output_errors = output_field.check(databases=databases)
        if output_errors:
            errors.append(
                checks.Error(
                    "GeneratedField.output_field has errors:"
                    + "".join(f"\n    {error!r}" for error in output_errors),
                    obj=self,
                    id="fields.E224",
                )
            )
        return errors

    def _check_supported(self, databases: list) -> list:
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, self.model):
                continue
            connection = connections[db]
            if not (
                "supports_virtual_generated_columns" in self.model._meta.required_db_features
                or "supports_stored_generated_columns" in self.model._meta.required_db_features
                or connection.features.supports_virtual_generated_columns
                or connection.features.supports_stored_generated_columns
            ):
                errors.append(
                    checks.Error(
                        f"{connection.display_name} does not support GeneratedFields.",
                        obj=self,
                        id="fields.E220",
                    )
                )
        return errors

    def _check_persistence(self, databases: list) -> list:
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, self.model):
                continue
            features = connections[db].features
            name = connections[db].display_name
            if self.db_persist and not features.supports_stored_generated_columns:
                errors.append(
                    checks.Error(
                        f"{name} does not support persisted GeneratedFields.",
                        obj=self,
                        id="fields.E221",
                        hint="Set db_persist=False on the field.",
                    )
                )
            if not self.db_persist and not features.supports_virtual_generated_columns:
                errors.append(
                    checks.Error(
                        f"{name} does not support non-persisted GeneratedFields.",
                        obj=self,
                        id="fields.E222",
                        hint="Set db_persist=True on the field.",
                    )
                )
        return errors

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["blank"]
        del kwargs["editable"]
        kwargs["db_persist"] = self.db_persist
        kwargs["expression"] = self.expression
        kwargs["output_field"] = self.output_field
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return self.output_field.get_internal_type()

    def db_parameters(self, connection: Any) -> dict:
        return self.output_field.db_parameters(connection)

    def db_type_parameters(self, connection: Any) -> Any:
        return self.output_field.db_type_parameters(connection)

    def get_db_converters(self, connection: Any) -> list:
        return self.output_field.get_db_converters(connection)

    def to_python(self, value: Any) -> Any:
        return self.output_field.to_python(value)
