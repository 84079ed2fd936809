"""MySQL/MariaDB schema editor: MODIFY with the full column definition, non-transactional DDL."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.base.schema_alter import has_db_default


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_rename_table = "RENAME TABLE %(old_table)s TO %(new_table)s"
    sql_alter_column_null = "MODIFY %(column)s %(type)s NULL"
    sql_alter_column_not_null = "MODIFY %(column)s %(type)s NOT NULL"
    sql_alter_column_type = "MODIFY %(column)s %(type)s%(collation)s%(comment)s"
    sql_alter_column_no_default_null = "ALTER COLUMN %(column)s SET DEFAULT NULL"
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s"
    sql_delete_table = "DROP TABLE %(table)s"
    sql_delete_unique = "ALTER TABLE %(table)s DROP INDEX %(name)s"
    sql_create_column_inline_fk = ", ADD CONSTRAINT %(name)s FOREIGN KEY (%(column)s) REFERENCES %(to_table)s(%(to_column)s)%(on_delete_db)s"
    sql_delete_fk = "ALTER TABLE %(table)s DROP FOREIGN KEY %(name)s"
    sql_delete_index = "DROP INDEX %(name)s ON %(table)s"
    sql_rename_index = "ALTER TABLE %(table)s RENAME INDEX %(old_name)s TO %(new_name)s"
    sql_create_pk = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s PRIMARY KEY (%(columns)s)"
    sql_delete_pk = "ALTER TABLE %(table)s DROP PRIMARY KEY"
    sql_create_index = "CREATE INDEX %(name)s ON %(table)s (%(columns)s)%(extra)s"
    sql_alter_table_comment = "ALTER TABLE %(table)s COMMENT = %(comment)s"
    sql_alter_column_comment = None  # type: ignore[assignment]
    sql_delete_check = "ALTER TABLE %(table)s DROP CONSTRAINT %(name)s"
    sql_rename_column = "ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s"

    def quote_value(self, value: Any) -> str:
        self.connection.ensure_connection()
        quoted = self.connection.connection.escape(value, self.connection.connection.encoders)
        return quoted.decode() if isinstance(quoted, bytes) else str(quoted)

    def prepare_default(self, value: Any) -> str:
        return self.quote_value(value)

    def _is_limited_data_type(self, field: Any) -> bool:
        db_type = field.db_type(self.connection) or ""
        return db_type.lower().split("(")[0] in ("blob", "longblob", "text", "longtext", "json")

    def skip_default(self, field: Any) -> bool:
        # MariaDB accepts defaults on BLOB/TEXT/JSON; MySQL only as expressions.
        return not self.connection.mysql_is_mariadb and self._is_limited_data_type(field)

    def skip_default_on_alter(self, field: Any) -> bool:
        return self.skip_default(field)

    def _column_default_sql(self, field: Any) -> str:
        if not self.connection.mysql_is_mariadb and self._is_limited_data_type(field):
            return "(%s)"
        return super()._column_default_sql(field)

    def _field_should_be_indexed(self, model: Any, field: Any) -> bool:
        if not super()._field_should_be_indexed(model, field):
            return False
        # InnoDB makes an index for each foreign key itself.
        if field.get_internal_type() == "ForeignKey" and field.db_constraint:
            if self.connection.features._storage_engine == "InnoDB":
                return False
        return not self._is_limited_data_type(field)

    def _with_null_status(self, field: Any, new_type: str) -> str:
        """MODIFY restates the whole column: keep its default and NULL-ability."""
        if has_db_default(field):
            default_sql, params = self.db_default_sql(field)
            default_sql %= tuple(self.quote_value(p) for p in params)
            new_type += f" DEFAULT {default_sql}"
        return new_type + (" NULL" if field.null else " NOT NULL")

    def _alter_column_type_sql(
        self,
        model: Any,
        old_field: Any,
        new_field: Any,
        new_type: str,
        old_collation: Any,
        new_collation: Any,
    ) -> tuple[tuple[str, list], list]:
        new_type = self._with_null_status(new_field, new_type)
        return super()._alter_column_type_sql(
            model, old_field, new_field, new_type, old_collation, new_collation
        )

    def _rename_field_sql(self, table: str, old_field: Any, new_field: Any, new_type: str) -> str:
        return super()._rename_field_sql(
            table, old_field, new_field, self._with_null_status(new_field, new_type)
        )

    def _comment_sql(self, comment: str | None) -> str:
        return f" COMMENT {self.quote_value(comment or '')}"

    def _alter_column_comment_sql(
        self, model: Any, new_field: Any, new_type: Any, new_db_comment: Any
    ) -> tuple[str, list]:
        return "", []

    def _iter_column_sql(
        self,
        column_db_type: str,
        params: list,
        model: Any,
        field: Any,
        field_db_params: dict,
        include_default: bool,
    ) -> Any:
        for part in super()._iter_column_sql(
            column_db_type, params, model, field, field_db_params, include_default
        ):
            yield part.strip() if part.startswith(" COMMENT") else part

    def _delete_composed_index(self, model: Any, fields: Any, constraint_kwargs: dict, sql: str) -> None:
        # A foreign key needs an index on its column; give it its own before dropping a
        # composed one that starts with that column.
        first = model._meta.get_field(fields[0])
        if first.get_internal_type() == "ForeignKey":
            covering = self._constraint_names(model, [first.column], index=True)
            if not covering:
                self.execute(self._create_index_sql(model, fields=[first], suffix=""))
        super()._delete_composed_index(model, fields, constraint_kwargs, sql)

    def add_field(self, model: Any, field: Any) -> None:
        super().add_field(model, field)
        # Defaults MySQL cannot put on the column still have to reach existing rows.
        if (
            self.skip_default(field)
            and not has_db_default(field)
            and field.db_parameters(connection=self.connection)["type"]
        ):
            default = self.effective_default(field)
            if default is not None:
                self.execute(
                    "UPDATE %(table)s SET %(column)s = %%s"
                    % {
                        "table": self.quote_name(model._meta.db_table),
                        "column": self.quote_name(field.column),
                    },
                    [default],
                )
