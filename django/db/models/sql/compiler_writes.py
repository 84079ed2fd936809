"""Compilers for INSERT, UPDATE, DELETE and aggregate-over-subquery statements."""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.constants import CURSOR, MULTI, ROW_COUNT
from django.utils.functional import cached_property


class SQLInsertCompiler(SQLCompiler):
    returning_fields = None
    returning_params: tuple = ()

    def field_as_sql(self, field, get_placeholder, value):
        """(placeholder sql, params) for one value of one row."""
        if field is None:
            sql, params = value, []
        elif hasattr(value, "as_sql"):
            sql, params = self.compile(value)
        elif get_placeholder is not None:
            sql, params = get_placeholder(value, self, self.connection), [value]
        else:
            sql, params = "%s", [value]
        modify = getattr(self.connection.ops, "modify_insert_params", None)
        if modify is not None:
            params = modify(sql, params)
        return sql, params

    def prepare_value(self, field, value):
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(self.query, allow_joins=False, for_save=True)
            if value.contains_column_references:
                raise ValueError(
                    f'Failed to insert expression "{value}" on {field}. F() expressions can only be '
                    "used to update, not to insert."
                )
            if value.contains_aggregate:
                raise FieldError(
                    f"Aggregate functions are not allowed in this query ({field.name}={value!r})."
                )
            if value.contains_over_clause:
                raise FieldError(
                    f"Window expressions are not allowed in this query ({field.name}={value!r})."
                )
            return value
        return field.get_db_prep_save(value, connection=self.connection)

    def pre_save_val(self, field, obj):
        if self.query.raw:
            return getattr(obj, field.attname)
        return field.pre_save(obj, add=True)

    def assemble_as_sql(self, fields, value_rows):
        """([placeholders per row], [params per row])."""
        if not value_rows:
            return [], []
        get_placeholders = [getattr(field, "get_placeholder", None) for field in fields]
        placeholder_rows = []
        param_rows = []
        for row in value_rows:
            placeholders = []
            params = []
            for field, get_placeholder, value in zip(fields, get_placeholders, row):
                sql, value_params = self.field_as_sql(field, get_placeholder, value)
                placeholders.append(sql)
                params.extend(value_params)
            placeholder_rows.append(placeholders)
            param_rows.append(params)
        return placeholder_rows, param_rows

    def as_sql(self):  # type: ignore[override]  # a write compiler takes no SELECT options
        """A list of (sql, params): one statement, or one per row without bulk insert."""
        ops = self.connection.ops
        features = self.connection.features
        qn = ops.quote_name
        opts = self.query.get_meta()
        insert_statement = ops.insert_statement(on_conflict=self.query.on_conflict)
        result = [f"{insert_statement} {qn(opts.db_table)}"]
        fields = self.query.fields or [opts.pk]
        result.append("({})".format(", ".join(qn(f.column) for f in fields)))
        if self.query.fields:
            value_rows = [
                [self.prepare_value(field, self.pre_save_val(field, obj)) for field in fields]
                for obj in self.query.objs
            ]
        else:
            # No fields to set: insert a row of defaults.
            value_rows = [[ops.pk_default_value()] for _ in self.query.objs]
            fields = [None]
        can_bulk = not self.returning_fields and features.has_bulk_insert
        placeholder_rows, param_rows = self.assemble_as_sql(fields, value_rows)
        conflict_sql = ops.on_conflict_suffix_sql(
            fields,
            self.query.on_conflict,
            [f.column for f in self.query.update_fields],
            [f.column for f in self.query.unique_fields],
        )
        if self.returning_fields and features.can_return_columns_from_insert:
            if features.can_return_rows_from_bulk_insert:
                result.append(ops.bulk_insert_sql(fields, placeholder_rows))
                params = param_rows
            else:
                result.append("VALUES ({})".format(", ".join(placeholder_rows[0])))
                params = [param_rows[0]]
            if conflict_sql:
                result.append(conflict_sql)
            returning_sql, self.returning_params = ops.return_insert_columns(self.returning_fields)
            if returning_sql:
                result.append(returning_sql)
                params = [*params, list(self.returning_params)]
            return [(" ".join(result), tuple(chain.from_iterable(params)))]
        if can_bulk:
            result.append(ops.bulk_insert_sql(fields, placeholder_rows))
            if conflict_sql:
                result.append(conflict_sql)
            return [(" ".join(result), tuple(p for row in param_rows for p in row))]
        if conflict_sql:
            result.append(conflict_sql)
        return [
            (
                " ".join([*result[:2], "VALUES ({})".format(", ".join(placeholders)), *result[2:]]),
                tuple(values),
            )
            for placeholders, values in zip(placeholder_rows, param_rows)
        ]

    def execute_sql(self, returning_fields=None):  # type: ignore[override]  # a write compiler takes no SELECT options
        """Insert; return rows of the returning fields' values (converted)."""
        features = self.connection.features
        ops = self.connection.ops
        opts = self.query.get_meta()
        self.returning_fields = returning_fields
        with self.connection.cursor() as cursor:
            for sql, params in self.as_sql():
                cursor.execute(sql, params)
            if not self.returning_fields:
                return []
            if features.can_return_rows_from_bulk_insert and len(self.query.objs) > 1:
                rows = ops.fetch_returned_insert_rows(cursor)
                cols = [field.get_col(opts.db_table) for field in self.returning_fields]
            elif features.can_return_columns_from_insert:
                rows = [ops.fetch_returned_insert_columns(cursor, self.returning_params)]
                cols = [field.get_col(opts.db_table) for field in self.returning_fields]
            else:
                cols = [opts.pk.get_col(opts.db_table)]
                rows = [(ops.last_insert_id(cursor, opts.db_table, opts.pk.column),)]
        converters = self.get_converters(cols)
        if converters:
            rows = list(self.apply_converters(rows, converters))
        return [tuple(row) for row in rows]


class SQLDeleteCompiler(SQLCompiler):
    @cached_property
    def single_alias(self) -> bool:
        self.query.get_initial_alias()
        return sum(self.query.alias_refcount[t] > 0 for t in self.query.alias_map) == 1

    @classmethod
    def _expr_refs_base_model(cls, expr, base_model) -> bool:
        from django.db.models.sql.query import Query

        if isinstance(expr, Query):
            return expr.model == base_model
        if not hasattr(expr, "get_source_expressions"):
            return False
        return any(cls._expr_refs_base_model(source, base_model) for source in expr.get_source_expressions())

    @cached_property
    def contains_self_reference_subquery(self) -> bool:
        return any(
            self._expr_refs_base_model(expr, self.query.model)
            for expr in chain(self.query.annotations.values(), self.query.where.children)
        )

    def _as_sql(self, query):  # type: ignore[override]  # a write compiler takes no SELECT options
        delete = f"DELETE FROM {self.quote_name_unless_alias(query.base_table)}"
        try:
            where, params = self.compile(query.where)
        except FullResultSet:
            return delete, ()
        return f"{delete} WHERE {where}", tuple(params)

    def as_sql(self):  # type: ignore[override]  # a write compiler takes no SELECT options
        from django.db.models.sql.query import Query

        features = self.connection.features
        if self.single_alias and (
            getattr(features, "delete_can_self_reference_subquery", True)
            or not self.contains_self_reference_subquery
        ):
            return self._as_sql(self.query)
        # Joins in a DELETE: delete WHERE pk IN (the filtered SELECT).
        inner = self.query.clone()
        inner.__class__ = Query
        inner.clear_select_clause()
        pk = self.query.model._meta.pk
        inner.select = (pk.get_col(self.query.get_initial_alias()),)
        outer = Query(self.query.model)
        if not features.update_can_self_select:
            sql, params = inner.get_compiler(connection=self.connection).as_sql()
            inner = RawSQL(f"SELECT * FROM ({sql}) subquery", params)
        outer.add_filter("pk__in", inner)
        return self._as_sql(outer)

    def execute_sql(self, result_type=ROW_COUNT, *args, **kwargs):
        try:
            sql, params = self.as_sql()
        except EmptyResultSet:
            return 0 if result_type == ROW_COUNT else None
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, params)
            if result_type == CURSOR:
                return cursor
            return cursor.rowcount
        finally:
            if result_type != CURSOR:
                cursor.close()


class SQLUpdateCompiler(SQLCompiler):
    def _value_sql(self, field, value, qn):
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(self.query, allow_joins=False, for_save=True)
            if value.contains_aggregate:
                raise FieldError(
                    f"Aggregate functions are not allowed in this query ({field.name}={value!r})."
                )
            if value.contains_over_clause:
                raise FieldError(
                    f"Window expressions are not allowed in this query ({field.name}={value!r})."
                )
        elif hasattr(value, "prepare_database_save"):
            if field.remote_field:
                value = value.prepare_database_save(field)
            else:
                raise TypeError(
                    f"Tried to update field {field} with a model instance, {value!r}. Use a value "
                    f"compatible with {field.__class__.__name__}."
                )
        if not hasattr(value, "as_sql"):
            value = field.get_db_prep_save(value, connection=self.connection)
        if hasattr(field, "get_placeholder"):
            placeholder = field.get_placeholder(value, self, self.connection)
        else:
            placeholder = "%s"
        name = qn(field.column)
        if hasattr(value, "as_sql"):
            sql, params = self.compile(value)
            return f"{name} = {placeholder % sql}", list(params)
        if value is not None:
            return f"{name} = {placeholder}", [value]
        return f"{name} = NULL", []

    def as_sql(self):  # type: ignore[override]  # a write compiler takes no SELECT options
        self.pre_sql_setup()
        if not self.query.values:
            return "", ()
        qn = self.quote_name_unless_alias
        assignments = []
        params: list = []
        for field, _model, value in self.query.values:
            sql, value_params = self._value_sql(field, value, qn)
            assignments.append(sql)
            params.extend(value_params)
        result = [f"UPDATE {qn(self.query.base_table)} SET", ", ".join(assignments)]
        try:
            where, where_params = self.compile(self.query.where)
        except FullResultSet:
            where_params = []
        else:
            result.append(f"WHERE {where}")
        return " ".join(result), tuple(params + list(where_params))

    def execute_sql(self, result_type=ROW_COUNT, *args, **kwargs):
        """Run the update (and parent-model updates); return the number of rows matched."""
        try:
            sql, params = self.as_sql()
        except EmptyResultSet:
            sql = ""
        rows = 0
        is_empty = True
        if sql:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.rowcount
                is_empty = False
        for query in self.query.get_related_updates():
            aux_rows = query.get_compiler(self.using).execute_sql(result_type)
            if is_empty and aux_rows:
                rows = aux_rows
                is_empty = False
        return rows

    def pre_sql_setup(self):  # type: ignore[override]  # a write compiler takes no SELECT options
        """Rewrite a multi-table filter as ``pk IN (SELECT ...)``."""
        from django.db.models.sql.query import Query

        if getattr(self, "_pre_setup_done", False):
            return
        self._pre_setup_done = True
        refcounts_before = self.query.alias_refcount.copy()
        self.query.get_initial_alias()
        count = self.query.count_active_tables()
        if not self.query.related_updates and count == 1:
            return
        query = self.query.chain(klass=Query)
        query.select_related = False
        query.clear_ordering(force=True)
        query.extra = {}
        query.select = ()
        query.default_cols = False
        meta = query.get_meta()
        fields = [meta.pk.name]
        related_ids_index = []
        for related in self.query.related_updates:
            if all(path.join_field.primary_key for path in meta.get_path_to_parent(related)):
                related_ids_index.append((related, 0))
            else:
                related_ids_index.append((related, len(fields)))
                fields.append(related._meta.pk.name)
        query.add_fields(fields)
        must_pre_select = count > 1 and not self.connection.features.update_can_self_select
        self.query.clear_where()
        if self.query.related_updates or must_pre_select:
            idents: list = []
            related_ids: defaultdict[Any, list] = defaultdict(list)
            for rows in query.get_compiler(self.using).execute_sql(MULTI):
                idents.extend(r[0] for r in rows)
                for parent, index in related_ids_index:
                    related_ids[parent].extend(r[index] for r in rows)
            self.query.add_filter("pk__in", idents)
            self.query.related_ids = related_ids
        else:
            self.query.add_filter("pk__in", query)
        self.query.reset_refcounts(refcounts_before)


class SQLAggregateCompiler(SQLCompiler):
    def as_sql(self):  # type: ignore[override]  # a write compiler takes no SELECT options
        """``SELECT aggregates FROM (inner query) subquery``."""
        parts = []
        params: list = []
        for annotation in self.query.annotation_select.values():
            ann_sql, ann_params = self.compile(annotation)
            ann_sql, ann_params = annotation.select_format(self, ann_sql, ann_params)
            parts.append(ann_sql)
            params.extend(ann_params)
        self.col_count = len(self.query.annotation_select)
        inner_sql, inner_params = self.query.inner_query.get_compiler(
            using=self.using, connection=self.connection, elide_empty=self.elide_empty
        ).as_sql(with_col_aliases=True)
        sql = f"SELECT {', '.join(parts)} FROM ({inner_sql}) subquery"
        return sql, tuple(params) + tuple(inner_params)


# (model, alias, columns) -> the UPDATE text of Model.save() for a plain row.
_ROW_UPDATE_SQL: dict = {}


def update_row_by_pk(model, connection, pk_val, values):
    """``UPDATE table SET ... WHERE pk = %s`` for Model.save(); the row count, or None.

    None means "not a plain case": a value is an expression or a model, a field
    has its own placeholder, or the key is composite or a relation. The caller
    then takes the general QuerySet path. The SQL text is cached per shape.
    """
    meta = model._meta
    pk = meta.pk
    if pk.remote_field is not None or not getattr(pk, "column", None):
        return None
    params = []
    for field, _model, value in values:
        if (
            hasattr(value, "resolve_expression")
            or hasattr(value, "prepare_database_save")
            or hasattr(field, "get_placeholder")
        ):
            return None
        params.append(field.get_db_prep_save(value, connection=connection))
    params.append(pk.get_db_prep_value(pk.get_prep_value(pk_val), connection, prepared=True))
    key = (model, connection.alias, tuple(field.column for field, _model, _value in values))
    sql = _ROW_UPDATE_SQL.get(key)
    if sql is None:
        qn = connection.ops.quote_name
        table = qn(meta.db_table)
        assignments = ", ".join(f"{qn(column)} = %s" for column in key[2])
        sql = f"UPDATE {table} SET {assignments} WHERE {table}.{qn(pk.column)} = %s"
        _ROW_UPDATE_SQL[key] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
