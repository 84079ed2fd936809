"""Index, constraint and key DDL of the schema editor: names and statement builders.

Split from schema.py; BaseDatabaseSchemaEditor inherits these methods, and backends override
them there as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.backends.ddl_references import (
    Columns,
    Expressions,
    ForeignKeyName,
    IndexName,
    Statement,
    Table,
)
from django.db.backends.utils import names_digest, split_identifier


class IndexConstraintSQL:
    """Builders for CREATE/DROP INDEX, UNIQUE, CHECK, FOREIGN KEY and PRIMARY KEY statements."""

    connection: Any
    deferred_sql: list

    if TYPE_CHECKING:  # statement templates and helpers of BaseDatabaseSchemaEditor
        sql_check_constraint: str
        sql_constraint: str
        sql_create_check: str
        sql_create_fk: str
        sql_create_index: str
        sql_create_pk: str
        sql_create_unique: str
        sql_create_unique_index: str
        sql_delete_check: str
        sql_delete_fk: str
        sql_delete_index: str
        sql_delete_pk: str
        sql_delete_procedure: str
        sql_delete_unique: str
        sql_rename_index: str
        sql_unique_constraint: str

        def execute(self, sql: Any, params: Any = ()) -> None: ...
        def quote_name(self, name: str) -> str: ...
        def quote_value(self, value: Any) -> str: ...

    # Names.

    def _create_index_name(self, table_name: str, column_names: list[str], suffix: str = "") -> str:
        """A deterministic name for an index or constraint, shortened to the database's limit."""
        _, table_name = split_identifier(table_name)
        hash_part = f"{names_digest(table_name, *column_names, length=8)}{suffix}"
        max_length = self.connection.ops.max_name_length() or 200
        name = f"{table_name}_{'_'.join(column_names)}_{hash_part}"
        if len(name) <= max_length:
            return name
        if len(hash_part) > max_length / 3:
            hash_part = hash_part[: max_length // 3]
        part_length = (max_length - len(hash_part)) // 2 - 1
        name = f"{table_name[:part_length]}_{'_'.join(column_names)[:part_length]}_{hash_part}"
        # Identifiers may not start with an underscore or a digit everywhere.
        if name[0] == "_" or name[0].isdigit():
            name = f"D{name[:-1]}"
        return name

    def _fk_constraint_name(self, model: Any, field: Any, suffix: str) -> ForeignKeyName:
        def create_fk_name(*args: Any, **kwargs: Any) -> str:
            return self.quote_name(self._create_index_name(*args, **kwargs))

        return ForeignKeyName(
            model._meta.db_table,
            [field.column],
            split_identifier(field.target_field.model._meta.db_table)[1],
            [field.target_field.column],
            suffix,
            create_fk_name,
        )

    def _unique_constraint_name(self, table: str, columns: list[str], quote: bool = True) -> Any:
        if quote:

            def create_unique_name(*args: Any, **kwargs: Any) -> str:
                return self.quote_name(self._create_index_name(*args, **kwargs))

        else:
            create_unique_name = self._create_index_name
        return IndexName(table, columns, "_uniq", create_unique_name)

    def _constraint_names(
        self,
        model: Any,
        column_names: list[str] | None = None,
        unique: bool | None = None,
        primary_key: bool | None = None,
        index: bool | None = None,
        foreign_key: bool | None = None,
        check: bool | None = None,
        type_: str | None = None,
        exclude: Any = None,
    ) -> list[str]:
        """Names of the table's constraints that match every given criterion (introspected)."""
        if column_names is not None:
            column_names = [self.connection.introspection.identifier_converter(c) for c in column_names]
        with self.connection.cursor() as cursor:
            constraints = self.connection.introspection.get_constraints(cursor, model._meta.db_table)
        wanted = {"unique": unique, "primary_key": primary_key, "index": index, "check": check}
        result = []
        for name, info in constraints.items():
            if column_names is not None and column_names != info["columns"]:
                continue
            if any(value is not None and info[key] != value for key, value in wanted.items()):
                continue
            if foreign_key is not None and not info["foreign_key"]:
                continue
            if type_ is not None and info.get("type") != type_:
                continue
            if exclude and name in exclude:
                continue
            result.append(name)
        return result

    # SQL builders for indexes and constraints.

    def _index_condition_sql(self, condition: Any) -> str:
        return f" WHERE {condition}" if condition else ""

    def _index_include_sql(self, model: Any, columns: Any) -> Any:
        if not columns or not self.connection.features.supports_covering_indexes:
            return ""
        return Statement(
            " INCLUDE (%(columns)s)", columns=Columns(model._meta.db_table, columns, self.quote_name)
        )

    def _create_index_sql(
        self,
        model: Any,
        *,
        fields: Any = None,
        name: Any = None,
        suffix: str = "",
        using: str = "",
        db_tablespace: str | None = None,
        col_suffixes: Any = (),
        sql: str | None = None,
        opclasses: Any = (),
        condition: Any = None,
        include: Any = None,
        expressions: Any = None,
    ) -> Statement:
        """CREATE INDEX for fields or expressions (the Index API and db_index)."""
        fields = fields or []
        expressions = expressions or []
        compiler = self._query_compiler(model)
        tablespace_sql = self._get_index_tablespace_sql(model, fields, db_tablespace=db_tablespace)
        columns = [field.column for field in fields]
        table = model._meta.db_table

        def create_index_name(*args: Any, **kwargs: Any) -> str:
            nonlocal name
            if name is None:
                name = self._create_index_name(*args, **kwargs)
            return self.quote_name(name)

        if columns:
            columns_part: Any = self._index_columns(table, columns, col_suffixes, opclasses)
        else:
            columns_part = Expressions(table, expressions, compiler, self.quote_value)
        return Statement(
            sql or self.sql_create_index,
            table=Table(table, self.quote_name),
            name=IndexName(table, columns, suffix, create_index_name),
            using=using,
            columns=columns_part,
            extra=tablespace_sql,
            condition=self._index_condition_sql(condition),
            include=self._index_include_sql(model, include),
        )

    def _query_compiler(self, model: Any) -> Any:
        from django.db.models.sql import Query

        return Query(model, alias_cols=False).get_compiler(connection=self.connection)

    def _index_columns(self, table: str, columns: list[str], col_suffixes: Any, opclasses: Any) -> Any:
        return Columns(table, columns, self.quote_name, col_suffixes=col_suffixes)

    def _get_index_tablespace_sql(self, model: Any, fields: Any, db_tablespace: str | None = None) -> str:
        if db_tablespace is None:
            if len(fields) == 1 and getattr(fields[0], "db_tablespace", None):
                db_tablespace = fields[0].db_tablespace
            elif getattr(model._meta, "db_tablespace", None):
                db_tablespace = model._meta.db_tablespace
        if db_tablespace is not None:
            return " " + self.connection.ops.tablespace_sql(db_tablespace)
        return ""

    def _delete_index_sql(self, model: Any, name: str, sql: str | None = None) -> Statement:
        return Statement(
            sql or self.sql_delete_index,
            table=Table(model._meta.db_table, self.quote_name),
            name=self.quote_name(name),
        )

    def _rename_index_sql(self, model: Any, old_name: str, new_name: str) -> Statement:
        return Statement(
            self.sql_rename_index,
            table=Table(model._meta.db_table, self.quote_name),
            old_name=self.quote_name(old_name),
            new_name=self.quote_name(new_name),
        )

    def _model_indexes_sql(self, model: Any) -> list:
        """CREATE INDEX statements for a model's db_index fields and Meta.indexes."""
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            return []
        output = []
        for field in meta.local_fields:
            output.extend(self._field_indexes_sql(model, field))
        for index in meta.indexes:
            if (
                not getattr(index, "contains_expressions", False)
                or self.connection.features.supports_expression_indexes
            ):
                output.append(index.create_sql(model, self))
        return output

    def _field_indexes_sql(self, model: Any, field: Any) -> list:
        if self._field_should_be_indexed(model, field):
            return [self._create_index_sql(model, fields=[field])]
        return []

    def _field_should_be_indexed(self, model: Any, field: Any) -> bool:
        return bool(field.db_index) and not field.unique

    def _deferrable_constraint_sql(self, deferrable: Any) -> str:
        from django.db.models.constraints import Deferrable

        if deferrable is None:
            return ""
        if deferrable == Deferrable.DEFERRED:
            return " DEFERRABLE INITIALLY DEFERRED"
        if deferrable == Deferrable.IMMEDIATE:
            return " DEFERRABLE INITIALLY IMMEDIATE"
        return ""

    def _on_delete_db_sql(self, field: Any) -> str:
        """' ON DELETE ...' for database-level on_delete (6.0's DB_CASCADE & co)."""
        on_delete = getattr(field.remote_field, "on_delete", None)
        clause = getattr(on_delete, "on_delete_sql", None)
        if clause is None:
            return ""
        return f" ON DELETE {clause}" if isinstance(clause, str) else f" ON DELETE {clause(self)}"

    def _create_fk_sql(self, model: Any, field: Any, suffix: str) -> Statement:
        table = Table(model._meta.db_table, self.quote_name)
        to_table = Table(field.target_field.model._meta.db_table, self.quote_name)
        return Statement(
            self.sql_create_fk,
            table=table,
            name=self._fk_constraint_name(model, field, suffix),
            column=Columns(model._meta.db_table, [field.column], self.quote_name),
            to_table=to_table,
            to_column=Columns(
                field.target_field.model._meta.db_table, [field.target_field.column], self.quote_name
            ),
            deferrable=self.connection.ops.deferrable_sql(),
            on_delete_db=self._on_delete_db_sql(field),
        )

    def _delete_fk_sql(self, model: Any, name: str) -> Statement:
        return self._delete_constraint_sql(self.sql_delete_fk, model, name)

    def _unique_supported(
        self,
        condition: Any = None,
        deferrable: Any = None,
        include: Any = None,
        expressions: Any = None,
        nulls_distinct: Any = None,
    ) -> bool:
        features = self.connection.features
        return (
            (not condition or features.supports_partial_indexes)
            and (not deferrable or features.supports_deferrable_unique_constraints)
            and (not include or features.supports_covering_indexes)
            and (not expressions or features.supports_expression_indexes)
            and (nulls_distinct is None or features.supports_nulls_distinct_unique_constraints)
        )

    def _nulls_distinct_sql(self, nulls_distinct: Any) -> str:
        if nulls_distinct is None:
            return ""
        return " NULLS DISTINCT" if nulls_distinct else " NULLS NOT DISTINCT"

    def _unique_sql(
        self,
        model: Any,
        fields: Any,
        name: str,
        condition: Any = None,
        deferrable: Any = None,
        include: Any = None,
        opclasses: Any = None,
        expressions: Any = None,
        nulls_distinct: Any = None,
    ) -> Any:
        """The inline ``CONSTRAINT ... UNIQUE`` of a UniqueConstraint, or None when it needs an index."""
        if not self._unique_supported(condition, deferrable, include, expressions, nulls_distinct):
            return None
        if _unique_needs_index(condition, include, opclasses, expressions):
            # Only an index can express these; it is created after the table.
            sql = self._create_unique_sql(
                model,
                fields,
                name=name,
                condition=condition,
                include=include,
                opclasses=opclasses,
                expressions=expressions,
                nulls_distinct=nulls_distinct,
            )
            if sql:
                self.deferred_sql.append(sql)
            return None
        constraint = self.sql_unique_constraint % {
            "columns": ", ".join(self.quote_name(field.column) for field in fields),
            "deferrable": self._deferrable_constraint_sql(deferrable),
        }
        if nulls_distinct is not None:
            constraint = constraint.replace("UNIQUE", "UNIQUE" + self._nulls_distinct_sql(nulls_distinct), 1)
        return self.sql_constraint % {"name": self.quote_name(name), "constraint": constraint}

    def _create_unique_sql(
        self,
        model: Any,
        fields: Any,
        name: Any = None,
        condition: Any = None,
        deferrable: Any = None,
        include: Any = None,
        opclasses: Any = None,
        expressions: Any = None,
        nulls_distinct: Any = None,
    ) -> Any:
        """ALTER TABLE ADD CONSTRAINT UNIQUE, or CREATE UNIQUE INDEX when options require one."""
        if not self._unique_supported(condition, deferrable, include, expressions, nulls_distinct):
            return None
        compiler = self._query_compiler(model)
        table = model._meta.db_table
        columns = [field.column for field in fields]
        if name is None:
            name = self._unique_constraint_name(table, columns, quote=True)
        else:
            name = self.quote_name(name)
        if _unique_needs_index(condition, include, opclasses, expressions):
            sql = self.sql_create_unique_index
        else:
            sql = self.sql_create_unique
        if columns:
            columns_part: Any = self._index_columns(
                table, columns, col_suffixes=(), opclasses=opclasses or ()
            )
        else:
            columns_part = Expressions(table, expressions, compiler, self.quote_value)
        statement = Statement(
            sql,
            table=Table(table, self.quote_name),
            name=name,
            columns=columns_part,
            condition=self._index_condition_sql(condition),
            deferrable=self._deferrable_constraint_sql(deferrable),
            include=self._index_include_sql(model, include),
        )
        if nulls_distinct is not None:
            statement.template = (
                statement.template.replace("UNIQUE", "UNIQUE" + self._nulls_distinct_sql(nulls_distinct), 1)
                if sql is self.sql_create_unique
                else statement.template.replace(
                    "(%(columns)s)", "(%(columns)s)" + self._nulls_distinct_sql(nulls_distinct), 1
                )
            )
        return statement

    def _delete_unique_sql(
        self,
        model: Any,
        name: str,
        condition: Any = None,
        deferrable: Any = None,
        include: Any = None,
        opclasses: Any = None,
        expressions: Any = None,
        nulls_distinct: Any = None,
    ) -> Any:
        if not self._unique_supported(condition, deferrable, include, expressions, nulls_distinct):
            return None
        if _unique_needs_index(condition, include, opclasses, expressions):
            return self._delete_index_sql(model, name)
        return self._delete_constraint_sql(self.sql_delete_unique, model, name)

    def _check_sql(self, name: str, check: str) -> Any:
        if not self.connection.features.supports_table_check_constraints:
            return None
        return self.sql_constraint % {
            "name": self.quote_name(name),
            "constraint": self.sql_check_constraint % {"check": check},
        }

    def _create_check_sql(self, model: Any, name: str, check: str) -> Any:
        if not self.connection.features.supports_table_check_constraints:
            return None
        return Statement(
            self.sql_create_check,
            table=Table(model._meta.db_table, self.quote_name),
            name=self.quote_name(name),
            check=check,
        )

    def _delete_check_sql(self, model: Any, name: str) -> Any:
        if not self.connection.features.supports_table_check_constraints:
            return None
        return self._delete_constraint_sql(self.sql_delete_check, model, name)

    def _delete_constraint_sql(self, template: str, model: Any, name: str) -> Statement:
        return Statement(
            template, table=Table(model._meta.db_table, self.quote_name), name=self.quote_name(name)
        )

    def _create_primary_key_sql(self, model: Any, field: Any) -> Statement:
        table = model._meta.db_table
        return Statement(
            self.sql_create_pk,
            table=Table(table, self.quote_name),
            name=self.quote_name(self._create_index_name(table, [field.column], suffix="_pk")),
            columns=Columns(table, [field.column], self.quote_name),
        )

    def _delete_primary_key(self, model: Any, strict: bool = False) -> None:
        names = self._constraint_names(model, primary_key=True)
        if strict and len(names) != 1:
            raise ValueError(
                f"Found wrong number ({len(names)}) of PK constraints for {model._meta.db_table}"
            )
        for name in names:
            self.execute(self._delete_primary_key_sql(model, name))

    def _delete_primary_key_sql(self, model: Any, name: str) -> Statement:
        return self._delete_constraint_sql(self.sql_delete_pk, model, name)

    def _collate_sql(
        self, collation: str | None, old_collation: str | None = None, table_name: str | None = None
    ) -> str:
        return "COLLATE " + self.quote_name(collation) if collation else ""

    def _comment_sql(self, comment: str | None) -> str:
        return self.quote_value(comment or "")

    def remove_procedure(self, procedure_name: str, param_types: Any = ()) -> None:
        sql = self.sql_delete_procedure % {
            "procedure": self.quote_name(procedure_name),
            "param_types": ",".join(param_types),
        }
        self.execute(sql)


def _unique_needs_index(condition: Any, include: Any, opclasses: Any, expressions: Any) -> bool:
    """A UniqueConstraint with any of these is a UNIQUE INDEX, not a table constraint."""
    return bool(condition or include or opclasses or expressions)
