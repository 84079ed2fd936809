"""BaseDatabaseSchemaEditor: DDL for models, fields, indexes and constraints.

``with connection.schema_editor() as editor:`` runs the statements (in a transaction where DDL
is transactional) and the deferred ones (foreign keys, indexes) at the end of the block. With
``collect_sql=True`` statements are gathered in ``collected_sql`` instead (sqlmigrate).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.backends.base.schema_alter import AlterFieldMixin, has_db_default
from django.db.backends.base.schema_indexes import IndexConstraintSQL
from django.db.backends.ddl_references import (
    Statement,
)
from django.db.backends.utils import truncate_name

logger = logging.getLogger("django.db.backends.schema")

AUTO_FIELD_TYPES = ("AutoField", "BigAutoField", "SmallAutoField")


class BaseDatabaseSchemaEditor(AlterFieldMixin, IndexConstraintSQL):
    """The backend-neutral schema editor; backends override templates and a few methods."""

    sql_create_table = "CREATE TABLE %(table)s (%(definition)s)"
    sql_rename_table = "ALTER TABLE %(old_table)s RENAME TO %(new_table)s"
    sql_retablespace_table = "ALTER TABLE %(table)s SET TABLESPACE %(new_tablespace)s"
    sql_delete_table = "DROP TABLE %(table)s CASCADE"

    sql_create_column = "ALTER TABLE %(table)s ADD COLUMN %(column)s %(definition)s"
    sql_alter_column = "ALTER TABLE %(table)s %(changes)s"
    sql_alter_column_type = "ALTER COLUMN %(column)s TYPE %(type)s%(collation)s"
    sql_alter_column_null = "ALTER COLUMN %(column)s DROP NOT NULL"
    sql_alter_column_not_null = "ALTER COLUMN %(column)s SET NOT NULL"
    sql_alter_column_default = "ALTER COLUMN %(column)s SET DEFAULT %(default)s"
    sql_alter_column_no_default = "ALTER COLUMN %(column)s DROP DEFAULT"
    sql_alter_column_no_default_null = sql_alter_column_no_default
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s CASCADE"
    sql_rename_column = "ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s"
    sql_update_with_default = "UPDATE %(table)s SET %(column)s = %(default)s WHERE %(column)s IS NULL"

    sql_unique_constraint = "UNIQUE (%(columns)s)%(deferrable)s"
    sql_check_constraint = "CHECK (%(check)s)"
    sql_delete_constraint = "ALTER TABLE %(table)s DROP CONSTRAINT %(name)s"
    sql_constraint = "CONSTRAINT %(name)s %(constraint)s"
    sql_pk_constraint = "PRIMARY KEY (%(columns)s)"

    sql_create_check = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s CHECK (%(check)s)"
    sql_delete_check = sql_delete_constraint
    sql_create_unique = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s UNIQUE (%(columns)s)%(deferrable)s"
    sql_delete_unique = sql_delete_constraint

    sql_create_fk = (
        "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s FOREIGN KEY (%(column)s) "
        "REFERENCES %(to_table)s (%(to_column)s)%(on_delete_db)s%(deferrable)s"
    )
    sql_create_inline_fk: str | None = None
    sql_create_column_inline_fk: str | None = None
    sql_delete_fk = sql_delete_constraint

    sql_create_index = "CREATE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(extra)s%(condition)s"
    sql_create_unique_index = (
        "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(condition)s"
    )
    sql_rename_index = "ALTER INDEX %(old_name)s RENAME TO %(new_name)s"
    sql_delete_index = "DROP INDEX %(name)s"

    sql_create_pk = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s PRIMARY KEY (%(columns)s)"
    sql_delete_pk = sql_delete_constraint
    sql_delete_procedure = "DROP PROCEDURE %(procedure)s"

    sql_alter_table_comment = "COMMENT ON TABLE %(table)s IS %(comment)s"
    sql_alter_column_comment = "COMMENT ON COLUMN %(table)s.%(column)s IS %(comment)s"

    def __init__(self, connection: Any, collect_sql: bool = False, atomic: bool = True) -> None:
        self.connection = connection
        self.collect_sql = collect_sql
        if self.collect_sql:
            self.collected_sql: list[str] = []
        self.atomic_migration = self.connection.features.can_rollback_ddl and atomic
        self.deferred_sql: list[Any] = []

    # Context manager.

    def __enter__(self) -> BaseDatabaseSchemaEditor:
        self.deferred_sql = []
        if self.atomic_migration:
            from django.db.transaction import atomic

            self.atomic = atomic(self.connection.alias)
            self.atomic.__enter__()
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        if exc_type is None:
            for sql in self.deferred_sql:
                self.execute(sql)
        if self.atomic_migration:
            self.atomic.__exit__(exc_type, exc_value, traceback)

    # Executing.

    def execute(self, sql: Any, params: Any = ()) -> None:
        """Run (or collect) one statement; ``sql`` may be a Statement."""
        if (
            not self.collect_sql
            and self.connection.in_atomic_block
            and not self.connection.features.can_rollback_ddl
        ):
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError(
                "Executing DDL statements while in a transaction on databases that can't perform a "
                "rollback is prohibited."
            )
        sql = str(sql)
        # Without parameters the statement is sent as is: no %-formatting, so literals made by
        # quote_value() need no escaping of '%'.
        params = params or None
        logger.debug("%s; (params %r)", sql, params, extra={"params": params, "sql": sql})
        if self.collect_sql:
            ending = "" if sql.rstrip().endswith(";") else ";"
            if params is not None:
                self.collected_sql.append((sql % tuple(map(self.quote_value, params))) + ending)
            else:
                self.collected_sql.append(sql + ending)
            return
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    def quote_name(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def quote_value(self, value: Any) -> str:
        """A literal for SQL that cannot take parameters (DDL); backends must escape properly."""
        raise NotImplementedError()

    # Columns.

    def table_sql(self, model: Any) -> tuple[str, list]:
        """The CREATE TABLE statement of a model and its parameters."""
        return self._table_sql_for(model, model._meta.db_table, model._meta.local_fields)

    def _table_sql_for(
        self,
        model: Any,
        db_table: str,
        fields: list,
        constraints: list | None = None,
        unique_together: Any = None,
    ) -> tuple[str, list]:
        meta = model._meta
        definitions: list[str] = []
        params: list = []
        for field in fields:
            column = self._table_column_sql(model, db_table, field, params)
            if column:
                definitions.append(column)
        if unique_together is None:
            unique_together = meta.unique_together
        for field_names in unique_together:
            # A separately named constraint, so alter_unique_together can drop it by name.
            self.deferred_sql.append(
                self._create_unique_sql(model, [meta.get_field(name) for name in field_names])
            )
        pk = meta.pk
        if pk is not None and getattr(pk, "column", "") is None and hasattr(pk, "fields"):
            # A CompositePrimaryKey has no column of its own.
            pk_columns = ", ".join(self.quote_name(f.column) for f in pk.fields)
            definitions.append(self.sql_pk_constraint % {"columns": pk_columns})
        for constraint in meta.constraints if constraints is None else constraints:
            sql = constraint.constraint_sql(model, self)
            if sql:
                definitions.append(str(sql))
        sql = self.sql_create_table % {
            "table": self.quote_name(db_table),
            "definition": ", ".join(definitions),
        }
        if meta.db_tablespace:
            tablespace_sql = self.connection.ops.tablespace_sql(meta.db_tablespace)
            if tablespace_sql:
                sql += " " + tablespace_sql
        return sql, params

    def _table_column_sql(self, model: Any, db_table: str, field: Any, params: list) -> str | None:
        definition, extra_params = self.column_sql(model, field)
        if definition is None or extra_params is None:
            return None
        params.extend(extra_params)
        db_params = field.db_parameters(connection=self.connection)
        if db_params.get("check"):
            definition += " " + self.sql_check_constraint % db_params
        type_suffix = field.db_type_suffix(connection=self.connection)
        if type_suffix:
            definition += f" {type_suffix}"
        if field.remote_field and field.db_constraint:
            to_table = field.remote_field.model._meta.db_table
            to_column = field.remote_field.model._meta.get_field(field.remote_field.field_name).column
            if self.sql_create_inline_fk:
                definition += " " + self.sql_create_inline_fk % {
                    "to_table": self.quote_name(to_table),
                    "to_column": self.quote_name(to_column),
                    "on_delete_db": self._on_delete_db_sql(field),
                }
            elif self.connection.features.supports_foreign_keys:
                self.deferred_sql.append(self._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s"))
        if field.get_internal_type() in AUTO_FIELD_TYPES:
            autoinc_sql = self.connection.ops.autoinc_sql(db_table, field.column)
            if autoinc_sql:
                self.deferred_sql.extend(autoinc_sql)
        return f"{self.quote_name(field.column)} {definition}"

    def _iter_column_sql(
        self,
        column_db_type: str,
        params: list,
        model: Any,
        field: Any,
        field_db_params: dict,
        include_default: bool,
    ) -> Any:
        yield column_db_type
        collation = field_db_params.get("collation")
        if collation:
            yield self._collate_sql(collation)
        if self.connection.features.supports_comments_inline and getattr(field, "db_comment", None):
            yield self._comment_sql(field.db_comment)
        if getattr(field, "generated", False):
            generated_sql, generated_params = self._column_generated_sql(field)
            params.extend(generated_params)
            yield generated_sql
            return
        if has_db_default(field):
            default_sql, default_params = self.db_default_sql(field)
            params.extend(default_params)
            yield f"DEFAULT {default_sql}"
        elif include_default:
            default_value = self.effective_default(field)
            if default_value is not None:
                column_default = "DEFAULT " + self._column_default_sql(field)
                if self.connection.features.requires_literal_defaults:
                    yield column_default % self.prepare_default(default_value)
                else:
                    params.append(default_value)
                    yield column_default
        if not field.null:
            yield "NOT NULL"
        elif not self.connection.features.implied_column_null:
            yield "NULL"
        if field.primary_key:
            yield "PRIMARY KEY"
        elif field.unique:
            yield "UNIQUE"
        tablespace = getattr(field, "db_tablespace", None) or model._meta.db_tablespace
        if tablespace and self.connection.features.supports_tablespaces and field.unique:
            yield self.connection.ops.tablespace_sql(tablespace, inline=True)

    def column_sql(
        self, model: Any, field: Any, include_default: bool = False
    ) -> tuple[str | None, list | None]:
        """The column definition of a field (without its name) and parameters; (None, None) for M2M."""
        field_db_params = field.db_parameters(connection=self.connection)
        column_db_type = field_db_params["type"]
        if column_db_type is None:
            return None, None
        params: list = []
        sql = " ".join(
            self._iter_column_sql(column_db_type, params, model, field, field_db_params, include_default)
        )
        return sql, params

    def skip_default(self, field: Any) -> bool:
        """True where a field's default cannot be a column default (e.g. BLOB/TEXT on MySQL)."""
        return False

    def skip_default_on_alter(self, field: Any) -> bool:
        return False

    def prepare_default(self, value: Any) -> str:
        raise NotImplementedError(
            "subclasses of BaseDatabaseSchemaEditor for backends which have requires_literal_defaults must "
            "provide a prepare_default() method"
        )

    def _column_default_sql(self, field: Any) -> str:
        return "%s"

    def db_default_sql(self, field: Any) -> tuple[str, list]:
        """The SQL of a field's db_default expression, compiled for this connection."""
        from django.db.models.expressions import Value
        from django.db.models.sql import Query

        db_default = getattr(field, "_db_default_expression", None) or field.db_default
        if not hasattr(db_default, "resolve_expression"):
            db_default = Value(db_default)
        template = self._column_default_sql(field) if isinstance(db_default, Value) else "(%s)"
        query = Query(model=field.model)
        compiler = query.get_compiler(connection=self.connection)
        default_sql, params = compiler.compile(db_default)
        if self.connection.features.requires_literal_defaults:
            default_sql %= tuple(self.prepare_default(p) for p in params)
            params = []
        return template % default_sql, list(params)

    def _column_generated_sql(self, field: Any) -> tuple[str, list]:
        expression_sql, params = field.generated_sql(self.connection)
        persistency = "STORED" if field.db_persist else "VIRTUAL"
        if self.connection.features.requires_literal_defaults:
            expression_sql %= tuple(self.quote_value(p) for p in params)
            params = ()
        return f"GENERATED ALWAYS AS ({expression_sql}) {persistency}", list(params)

    @staticmethod
    def _effective_default(field: Any) -> Any:
        import datetime

        from django.utils import timezone

        if field.has_default():
            return field.get_default()
        if not field.null and field.blank and getattr(field, "empty_strings_allowed", False):
            return b"" if field.get_internal_type() == "BinaryField" else ""
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            internal = field.get_internal_type()
            if internal == "DateTimeField":
                return timezone.now()
            now = datetime.datetime.now()
            if internal == "DateField":
                return now.date()
            if internal == "TimeField":
                return now.time()
            return now
        return None

    def effective_default(self, field: Any) -> Any:
        """The value existing rows get when a column is added: the default, prepared for the DB."""
        return field.get_db_prep_save(self._effective_default(field), self.connection)

    # Tables.

    def create_model(self, model: Any) -> None:
        """CREATE TABLE for a model, its indexes (deferred) and its automatic M2M tables."""
        sql, params = self.table_sql(model)
        self.execute(sql, params or None)
        if (
            self.connection.features.supports_comments
            and not self.connection.features.supports_comments_inline
        ):
            if model._meta.db_table_comment:
                self.alter_db_table_comment(model, None, model._meta.db_table_comment)
            for field in model._meta.local_fields:
                if getattr(field, "db_comment", None):
                    self.execute(*self._alter_column_comment_sql(model, field, None, field.db_comment))
        self.deferred_sql.extend(self._model_indexes_sql(model))
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                self.create_model(field.remote_field.through)

    def delete_model(self, model: Any) -> None:
        """DROP TABLE for a model and its automatic M2M tables; pending SQL on it is dropped."""
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                self.delete_model(field.remote_field.through)
        self.execute(self.sql_delete_table % {"table": self.quote_name(model._meta.db_table)})
        self._forget_deferred_for_table(model._meta.db_table)

    def _forget_deferred_for_table(self, table: str) -> None:
        self.deferred_sql = [
            sql
            for sql in self.deferred_sql
            if not (isinstance(sql, Statement) and sql.references_table(table))
        ]

    def alter_db_table(self, model: Any, old_db_table: str, new_db_table: str) -> None:
        if old_db_table == new_db_table or (
            self.connection.features.ignores_table_name_case and old_db_table.lower() == new_db_table.lower()
        ):
            return
        self.execute(
            self.sql_rename_table
            % {"old_table": self.quote_name(old_db_table), "new_table": self.quote_name(new_db_table)}
        )
        for sql in self.deferred_sql:
            if isinstance(sql, Statement):
                sql.rename_table_references(old_db_table, new_db_table)

    def alter_db_table_comment(
        self, model: Any, old_db_table_comment: str | None, new_db_table_comment: str | None
    ) -> None:
        if not self.connection.features.supports_comments:
            return
        self.execute(
            self.sql_alter_table_comment
            % {
                "table": self.quote_name(model._meta.db_table),
                "comment": self.quote_value(new_db_table_comment or ""),
            }
        )

    def alter_db_tablespace(self, model: Any, old_db_tablespace: str, new_db_tablespace: str) -> None:
        self.execute(
            self.sql_retablespace_table
            % {
                "table": self.quote_name(model._meta.db_table),
                "old_tablespace": self.quote_name(old_db_tablespace),
                "new_tablespace": self.quote_name(new_db_tablespace),
            }
        )

    def alter_unique_together(self, model: Any, old_unique_together: Any, new_unique_together: Any) -> None:
        """Drop and create the unique constraints of ``unique_together``."""
        olds = {tuple(fields) for fields in old_unique_together}
        news = {tuple(fields) for fields in new_unique_together}
        for fields in olds.difference(news):
            self._delete_composed_index(
                model, fields, {"unique": True, "primary_key": False}, self.sql_delete_unique
            )
        for field_names in news.difference(olds):
            unique_fields = [model._meta.get_field(name) for name in field_names]
            self.execute(self._create_unique_sql(model, unique_fields))

    def _delete_composed_index(self, model: Any, fields: Any, constraint_kwargs: dict, sql: str) -> None:
        meta_constraint_names = {constraint.name for constraint in model._meta.constraints}
        meta_index_names = {index.name for index in model._meta.indexes}
        columns = [model._meta.get_field(name).column for name in fields]
        names = self._constraint_names(
            model, columns, exclude=meta_constraint_names | meta_index_names, **constraint_kwargs
        )
        if constraint_kwargs.get("unique") and len(names) > 1:
            # Prefer the constraint itself over an index that merely backs it.
            default_name = str(self._unique_constraint_name(model._meta.db_table, columns, quote=False))
            if default_name in names:
                names = [default_name]
        if len(names) != 1:
            raise ValueError(
                f"Found wrong number ({len(names)}) of constraints for {model._meta.db_table}"
                f"({', '.join(columns)})"
            )
        self.execute(self._delete_constraint_sql(sql, model, names[0]))

    # Fields.

    def add_field(self, model: Any, field: Any) -> None:
        """ALTER TABLE ADD COLUMN, plus its constraint, index and M2M table as needed."""
        if field.many_to_many and field.remote_field.through._meta.auto_created:
            return self.create_model(field.remote_field.through)
        definition, params = self.column_sql(model, field, include_default=True)
        if definition is None:
            return None
        db_params = field.db_parameters(connection=self.connection)
        if db_params.get("check"):
            definition += " " + self.sql_check_constraint % db_params
        if field.remote_field and self.connection.features.supports_foreign_keys and field.db_constraint:
            self._add_field_fk(model, field)
        sql = self.sql_create_column % {
            "table": self.quote_name(model._meta.db_table),
            "column": self.quote_name(field.column),
            "definition": definition,
        }
        if (
            self.sql_create_column_inline_fk
            and field.remote_field
            and field.db_constraint
            and self.connection.features.supports_foreign_keys
        ):
            sql += " " + self._inline_fk_sql(model, field)
        self.execute(sql, params or None)
        if (
            not has_db_default(field)
            and not self.skip_default_on_alter(field)
            and self.effective_default(field) is not None
        ):
            changes_sql, changes_params = self._alter_column_default_sql(model, None, field, drop=True)
            self.execute(
                self.sql_alter_column
                % {"table": self.quote_name(model._meta.db_table), "changes": changes_sql},
                changes_params,
            )
        if (
            getattr(field, "db_comment", None)
            and self.connection.features.supports_comments
            and not self.connection.features.supports_comments_inline
        ):
            self.execute(*self._alter_column_comment_sql(model, field, None, field.db_comment))
        self.deferred_sql.extend(self._field_indexes_sql(model, field))
        if self.connection.features.connection_persists_old_columns:
            self.connection.close()
        return None

    def _add_field_fk(self, model: Any, field: Any) -> None:
        if not self.sql_create_column_inline_fk:
            self.deferred_sql.append(self._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s"))

    def _inline_fk_sql(self, model: Any, field: Any) -> str:
        to_table = field.remote_field.model._meta.db_table
        to_column = field.remote_field.model._meta.get_field(field.remote_field.field_name).column
        name = self._fk_constraint_name(model, field, "_fk_%(to_table)s_%(to_column)s")
        return self.sql_create_column_inline_fk % {  # type: ignore[operator]  # only called when the backend has one
            "name": name,
            "namespace": "",
            "column": self.quote_name(field.column),
            "to_table": self.quote_name(to_table),
            "to_column": self.quote_name(to_column),
            "deferrable": self.connection.ops.deferrable_sql(),
            "on_delete_db": self._on_delete_db_sql(field),
        }

    def remove_field(self, model: Any, field: Any) -> None:
        """ALTER TABLE DROP COLUMN (its FK constraint first); M2M: drop the through table."""
        if field.many_to_many and field.remote_field.through._meta.auto_created:
            return self.delete_model(field.remote_field.through)
        if field.db_parameters(connection=self.connection)["type"] is None:
            return None
        if field.remote_field and self.connection.features.supports_foreign_keys:
            for name in self._constraint_names(model, [field.column], foreign_key=True):
                self.execute(self._delete_fk_sql(model, name))
        self.execute(
            self.sql_delete_column
            % {"table": self.quote_name(model._meta.db_table), "column": self.quote_name(field.column)}
        )
        if self.connection.features.connection_persists_old_columns:
            self.connection.close()
        table = model._meta.db_table
        self.deferred_sql = [
            sql
            for sql in self.deferred_sql
            if not (isinstance(sql, Statement) and sql.references_column(table, field.column))
        ]
        return None

    # Indexes and constraints.

    def add_index(self, model: Any, index: Any) -> None:
        if (
            getattr(index, "contains_expressions", False)
            and not self.connection.features.supports_expression_indexes
        ):
            return
        self.execute(index.create_sql(model, self), params=None)

    def remove_index(self, model: Any, index: Any) -> None:
        if (
            getattr(index, "contains_expressions", False)
            and not self.connection.features.supports_expression_indexes
        ):
            return
        self.execute(index.remove_sql(model, self))

    def rename_index(self, model: Any, old_index: Any, new_index: Any) -> None:
        if self.connection.features.can_rename_index:
            self.execute(self._rename_index_sql(model, old_index.name, new_index.name), params=None)
        else:
            self.remove_index(model, old_index)
            self.add_index(model, new_index)

    def add_constraint(self, model: Any, constraint: Any) -> None:
        sql = constraint.create_sql(model, self)
        if sql:
            self.execute(sql, params=None)

    def remove_constraint(self, model: Any, constraint: Any) -> None:
        sql = constraint.remove_sql(model, self)
        if sql:
            self.execute(sql)


__all__ = ["BaseDatabaseSchemaEditor", "truncate_name"]
