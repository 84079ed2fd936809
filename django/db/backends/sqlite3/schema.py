"""SQLite schema editor: most column changes rebuild the table ("remake") keeping its data."""

from __future__ import annotations

import decimal
from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.base.schema_alter import has_db_default
from django.db.backends.ddl_references import Statement
from django.db.utils import NotSupportedError


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_delete_table = "DROP TABLE %(table)s"
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s"
    sql_create_fk = None  # type: ignore[assignment]
    sql_create_inline_fk = (
        "REFERENCES %(to_table)s (%(to_column)s)%(on_delete_db)s DEFERRABLE INITIALLY DEFERRED"
    )
    sql_create_column_inline_fk = sql_create_inline_fk
    sql_create_unique = "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)"
    sql_delete_unique = "DROP INDEX %(name)s"
    sql_alter_table_comment = None  # type: ignore[assignment]
    sql_alter_column_comment = None  # type: ignore[assignment]

    def __enter__(self) -> DatabaseSchemaEditor:
        # A table remake drops tables that others reference: foreign key enforcement must be
        # off, and SQLite ignores that pragma inside a transaction.
        if not self.connection.disable_constraint_checking():
            raise NotSupportedError(
                "SQLite schema editor cannot be used while foreign key constraint checks are enabled. Make sure "
                "to disable them before entering a transaction.atomic() context because SQLite does not support "
                "disabling them in the middle of a multi-statement transaction."
            )
        return super().__enter__()  # type: ignore[return-value]

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        try:
            if exc_type is None:
                self.connection.check_constraints()
        finally:
            try:
                super().__exit__(exc_type, exc_value, traceback)
            finally:
                self.connection.enable_constraint_checking()

    def quote_value(self, value: Any) -> str:
        if isinstance(value, bool):
            return str(int(value))
        if isinstance(value, int | float | decimal.Decimal):
            return str(value)
        if isinstance(value, str):
            return "'%s'" % value.replace("'", "''")
        if value is None:
            return "NULL"
        if isinstance(value, bytes | bytearray | memoryview):
            return f"X'{bytes(value).hex()}'"
        raise ValueError(f"Cannot quote parameter value {value!r} of type {type(value)}")

    def prepare_default(self, value: Any) -> str:
        return self.quote_value(value)

    def _collate_sql(
        self, collation: str | None, old_collation: str | None = None, table_name: str | None = None
    ) -> str:
        return f"COLLATE {collation}" if collation else ""

    # Changes SQLite can make in place, or by rebuilding.

    def add_field(self, model: Any, field: Any) -> None:
        if field.many_to_many and field.remote_field.through._meta.auto_created:
            self.create_model(field.remote_field.through)
            return
        needs_remake = (
            field.primary_key
            or field.unique
            or not field.null
            or self.effective_default(field) is not None
            or has_db_default(field)
            or (getattr(field, "generated", False) and field.db_persist)
        )
        if needs_remake:
            self._remake_table(model, create_field=field)
        else:
            super().add_field(model, field)

    def remove_field(self, model: Any, field: Any) -> None:
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                self.delete_model(field.remote_field.through)
            return
        if field.db_parameters(connection=self.connection)["type"] is None:
            return
        simple = (
            self.connection.features.can_alter_table_drop_column
            and not field.primary_key
            and not field.unique
            and not field.db_index
            and not (field.remote_field and field.db_constraint)
            and not self._column_in_constraints(model, field)
        )
        if simple:
            super().remove_field(model, field)
        else:
            self._remake_table(model, delete_field=field)

    def _column_in_constraints(self, model: Any, field: Any) -> bool:
        with self.connection.cursor() as cursor:
            constraints = self.connection.introspection.get_constraints(cursor, model._meta.db_table)
        return any(field.column in info["columns"] for info in constraints.values()) or bool(
            field.db_parameters(connection=self.connection).get("check")
        )

    def _alter_field(
        self,
        model: Any,
        old_field: Any,
        new_field: Any,
        old_type: str,
        new_type: str,
        old_db_params: dict,
        new_db_params: dict,
        strict: bool = False,
    ) -> None:
        only_renamed = (
            old_field.column != new_field.column
            and old_type == new_type
            and old_db_params.get("collation") == new_db_params.get("collation")
            and self._same_apart_from_column(old_field, new_field)
        )
        if only_renamed:
            self.execute(self._rename_field_sql(model._meta.db_table, old_field, new_field, new_type))
            for sql in self.deferred_sql:
                if isinstance(sql, Statement):
                    sql.rename_column_references(model._meta.db_table, old_field.column, new_field.column)
            return
        self._remake_table(model, alter_fields=[(old_field, new_field)])

    def _same_apart_from_column(self, old_field: Any, new_field: Any) -> bool:
        _, old_path, old_args, old_kwargs = old_field.deconstruct()
        _, new_path, new_args, new_kwargs = new_field.deconstruct()
        for kwargs in (old_kwargs, new_kwargs):
            for attr in ("db_column", *getattr(new_field, "non_db_attrs", ())):
                kwargs.pop(attr, None)
        return (old_path, old_args, old_kwargs) == (new_path, new_args, new_kwargs)

    def _alter_many_to_many(self, model: Any, old_field: Any, new_field: Any, strict: bool) -> None:
        old_through = old_field.remote_field.through
        new_through = new_field.remote_field.through
        if old_through._meta.db_table == new_through._meta.db_table:
            # Only the target model changed: rebuild the through table's foreign key.
            self._remake_table(
                old_through,
                alter_fields=[
                    (
                        old_through._meta.get_field(old_field.m2m_reverse_field_name()),
                        new_through._meta.get_field(new_field.m2m_reverse_field_name()),
                    ),
                    (
                        old_through._meta.get_field(old_field.m2m_field_name()),
                        new_through._meta.get_field(new_field.m2m_field_name()),
                    ),
                ],
            )
            return
        # Renamed through table: create the new one, copy the rows, drop the old one.
        self.create_model(new_through)
        old_columns = [
            old_through._meta.get_field(old_field.m2m_field_name()).column,
            old_through._meta.get_field(old_field.m2m_reverse_field_name()).column,
        ]
        new_columns = [
            new_through._meta.get_field(new_field.m2m_field_name()).column,
            new_through._meta.get_field(new_field.m2m_reverse_field_name()).column,
        ]
        self.execute(
            "INSERT INTO %s (%s) SELECT %s FROM %s"
            % (
                self.quote_name(new_through._meta.db_table),
                ", ".join(["id", *map(self.quote_name, new_columns)]),
                ", ".join(["id", *map(self.quote_name, old_columns)]),
                self.quote_name(old_through._meta.db_table),
            )
        )
        self.delete_model(old_through)

    def add_constraint(self, model: Any, constraint: Any) -> None:
        if self._needs_index(constraint):
            super().add_constraint(model, constraint)
        else:
            # The model may come from a state that has the constraint already (AddConstraint).
            others = [c for c in model._meta.constraints if c.name != constraint.name]
            self._remake_table(model, constraints=[*others, constraint])

    def remove_constraint(self, model: Any, constraint: Any) -> None:
        if self._needs_index(constraint):
            super().remove_constraint(model, constraint)
        else:
            remaining = [c for c in model._meta.constraints if c.name != constraint.name]
            self._remake_table(model, constraints=remaining)

    @staticmethod
    def _needs_index(constraint: Any) -> bool:
        from django.db.models import UniqueConstraint

        return isinstance(constraint, UniqueConstraint) and bool(
            constraint.condition
            or constraint.contains_expressions
            or constraint.include
            or constraint.deferrable
        )

    # The table remake.

    def _remake_table(
        self,
        model: Any,
        create_field: Any = None,
        delete_field: Any = None,
        alter_fields: list[tuple[Any, Any]] | None = None,
        constraints: list | None = None,
    ) -> None:
        """Rebuild a table with a changed field list, copying every row across.

        1. CREATE TABLE "new__<table>" with the new definition; 2. INSERT ... SELECT the data;
        3. DROP the old table; 4. rename the new one; 5. recreate the indexes.
        """
        meta = model._meta
        table = meta.db_table
        fields = [
            f for f in meta.local_concrete_fields if f.db_parameters(connection=self.connection)["type"]
        ]
        mapping = {f.column: self.quote_name(f.column) for f in fields if not getattr(f, "generated", False)}
        renames: list[tuple[str, str]] = []
        for old_field, new_field in alter_fields or ():
            fields = [new_field if f.name == old_field.name else f for f in fields]
            mapping.pop(old_field.column, None)
            if not getattr(new_field, "generated", False):
                mapping[new_field.column] = self._copy_expression(old_field, new_field)
            if old_field.column != new_field.column:
                renames.append((old_field.column, new_field.column))
        if create_field is not None and not create_field.many_to_many:
            fields.append(create_field)
            if not has_db_default(create_field) and not getattr(create_field, "generated", False):
                default = self.effective_default(create_field)
                if default is not None:
                    mapping[create_field.column] = self.prepare_default(default)
        unique_together = [tuple(names) for names in meta.unique_together]
        indexes = list(meta.indexes)
        if constraints is None:
            constraints = list(meta.constraints)
        if delete_field is not None:
            fields = [f for f in fields if f.name != delete_field.name]
            mapping.pop(delete_field.column, None)
            unique_together = [names for names in unique_together if delete_field.name not in names]
            indexes = [index for index in indexes if delete_field.name not in getattr(index, "fields", ())]
        temp_table = f"new__{table}"
        sql, params = self._table_sql_for(model, temp_table, fields, constraints, unique_together=())
        self.execute(sql, params or None)
        self._copy_rows(table, temp_table, mapping)
        self.execute(self.sql_delete_table % {"table": self.quote_name(table)})
        self.execute(
            self.sql_rename_table
            % {"old_table": self.quote_name(temp_table), "new_table": self.quote_name(table)}
        )
        self._recreate_indexes(model, fields, indexes, unique_together, renames)

    def _copy_expression(self, old_field: Any, new_field: Any) -> str:
        source = self.quote_name(old_field.column)
        if old_field.null and not new_field.null:
            if has_db_default(new_field):
                default_sql, params = self.db_default_sql(new_field)
                return f"coalesce({source}, {default_sql % tuple(map(self.quote_value, params))})"
            default = self.effective_default(new_field)
            if default is not None:
                return f"coalesce({source}, {self.prepare_default(default)})"
        return source

    def _copy_rows(self, table: str, temp_table: str, mapping: dict[str, str]) -> None:
        if not mapping:
            return
        targets = ", ".join(self.quote_name(column) for column in mapping)
        sources = ", ".join(mapping.values())
        self.execute(
            f"INSERT INTO {self.quote_name(temp_table)} ({targets}) SELECT {sources} FROM {self.quote_name(table)}"
        )

    def _recreate_indexes(
        self, model: Any, fields: list, indexes: list, unique_together: list, renames: list[tuple[str, str]]
    ) -> None:
        table = model._meta.db_table
        statements: list[Any] = []
        for field in fields:
            statements.extend(self._field_indexes_sql(model, field))
        for index in indexes:
            if (
                not getattr(index, "contains_expressions", False)
                or self.connection.features.supports_expression_indexes
            ):
                statements.append(index.create_sql(model, self))
        for names in unique_together:
            statements.append(
                self._create_unique_sql(model, [self._field_by_name(model, fields, n) for n in names])
            )
        for statement in statements:
            if isinstance(statement, Statement):
                for old_column, new_column in renames:
                    statement.rename_column_references(table, old_column, new_column)
            self.execute(statement)

    @staticmethod
    def _field_by_name(model: Any, fields: list, name: str) -> Any:
        for field in fields:
            if field.name == name:
                return field
        return model._meta.get_field(name)

    def alter_unique_together(self, model: Any, old_unique_together: Any, new_unique_together: Any) -> None:
        # unique_together are separate unique indexes here, so the generic path works.
        super().alter_unique_together(model, old_unique_together, new_unique_together)
