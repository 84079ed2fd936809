"""SQLCompiler: turns a Query into ``SELECT`` SQL and params, and runs it.

The compiler knows no database vendor: every difference goes through
``connection.ops`` / ``connection.features`` or an expression's ``as_<vendor>()``.
The INSERT/UPDATE/DELETE/aggregate compilers live in sibling modules and are
re-exported here, where ``connection.ops.compiler(name)`` finds them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import chain
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import ColPairs, F, OrderBy, RawSQL, Ref, Value
from django.db.models.sql import ordering as ordering_mod
from django.db.models.sql import related_selection, shape_cache
from django.db.models.sql.constants import (
    CURSOR,
    GET_ITERATOR_CHUNK_SIZE,
    MULTI,
    NO_RESULTS,
    ROW_COUNT,
    SINGLE,
)

# (expression class, vendor) -> name of the method compiling it.
_COMPILE_METHOD_CACHE: dict[tuple[type, str], str] = {}


def cursor_iter(cursor, sentinel, col_count, itersize, widths=None):
    """Yield chunks of rows from the cursor, closing it at the end."""
    try:
        for rows in iter((lambda: cursor.fetchmany(itersize)), sentinel):
            if widths is not None:
                yield [pack_columns(r, widths) for r in rows]
            else:
                yield rows if col_count is None else [r[:col_count] for r in rows]
    finally:
        cursor.close()


def column_widths(select) -> list[int] | None:
    """SQL columns per selected expression, or None when each is one column (the usual case)."""
    widths = [len(expr) if isinstance(expr, ColPairs) else 1 for expr, _, _ in select]
    return widths if any(width != 1 for width in widths) else None


def pack_columns(row, widths) -> tuple:
    """Group a multi-column expression's values (a composite pk) into one tuple in the row."""
    packed = []
    pos = 0
    for width in widths:
        packed.append(row[pos] if width == 1 else tuple(row[pos : pos + width]))
        pos += width
    return tuple(packed)


class SQLCompiler:
    def __init__(self, query, connection, using, elide_empty: bool = True):
        self.query = query
        self.connection = connection
        self.using = using
        # Some queries (e.g. aggregates over nothing) must not be elided to no query.
        self.elide_empty = elide_empty
        self.quote_cache = {"*": "*"}
        self.select: Any = None
        self.annotation_col_map = None
        self.klass_info: Any = None
        self._meta_ordering = None
        self.has_extra_select = False
        self.column_widths: Any = None
        self._where_marks: Any = None
        self._where_slot: Any = None

    def __repr__(self):
        return f"<{self.__class__.__qualname__} model={self.query.model.__qualname__ if self.query.model else None} connection={self.connection!r} using={self.using!r}>"

    # ----- compiling nodes ------------------------------------------------------------

    def compile(self, node):
        """Compile any node, preferring its ``as_<vendor>()`` (looked up once per class)."""
        key = (node.__class__, self.connection.vendor)
        method_name = _COMPILE_METHOD_CACHE.get(key)
        if method_name is None:
            vendor_method = f"as_{self.connection.vendor}"
            method_name = vendor_method if hasattr(node, vendor_method) else "as_sql"
            _COMPILE_METHOD_CACHE[key] = method_name
        sql, params = getattr(node, method_name)(self, self.connection)
        return sql, params

    def quote_name_unless_alias(self, name: str) -> str:
        """Quote table names; leave generated aliases (T1, U0) as they are."""
        cached = self.quote_cache.get(name)
        if cached is not None:
            return cached
        query = self.query
        if (
            (name in query.alias_map and name not in query.table_map)
            or name in query.extra_select
            or (query.external_aliases.get(name) and name not in query.table_map)
        ):
            self.quote_cache[name] = name
            return name
        quoted = self.connection.ops.quote_name(name)
        self.quote_cache[name] = quoted
        return quoted

    # ----- SELECT parts -----------------------------------------------------------------

    def setup_query(self, with_col_aliases: bool = False) -> None:
        if all(self.query.alias_refcount[a] == 0 for a in self.query.alias_map):
            self.query.get_initial_alias()
        self.select, self.klass_info, self.annotation_col_map = self.get_select(
            with_col_aliases=with_col_aliases
        )
        self.col_count = len(self.select)
        self.column_widths = column_widths(self.select)

    def pre_sql_setup(self, with_col_aliases: bool = False):
        """Compute select, ordering and grouping; return (extra_select, order_by, group_by)."""
        self.setup_query(with_col_aliases=with_col_aliases)
        order_by = self.get_order_by()
        self.where, self.having, self.qualify = self.query.where.split_having_qualify(
            must_group_by=self.query.group_by is not None
        )
        extra_select = self.get_extra_select(order_by, self.select)
        self.has_extra_select = bool(extra_select)
        group_by = self.get_group_by(self.select + extra_select, order_by)
        return extra_select, order_by, group_by

    def get_select(self, with_col_aliases: bool = False):
        """Return ([(expression, (sql, params), alias)], klass_info, annotation positions)."""
        select: list = []
        klass_info: Any = None
        annotations = {}
        for alias, (sql, params) in self.query.extra_select.items():
            annotations[alias] = len(select)
            select.append((RawSQL(sql, params), alias))
        select_mask = self.query.get_select_mask()
        cols = self.get_default_columns(select_mask) if self.query.default_cols else self.query.select
        if cols:
            select_list = []
            for col in cols:
                select_list.append(len(select))
                select.append((col, None))
            klass_info = {"model": self.query.model, "select_fields": select_list}
        for alias, annotation in self.query.annotation_select.items():
            annotations[alias] = len(select)
            select.append((annotation, alias))
        if self.query.select_related:
            related_klass_infos = related_selection.get_related_selections(self, select, select_mask)
            klass_info["related_klass_infos"] = related_klass_infos
            related_selection.add_parent_select_fields(klass_info, select)
        compiled = []
        col_idx = 1
        for col, alias in select:
            try:
                sql, params = self.compile(col)
            except EmptyResultSet:
                empty_value = getattr(col, "empty_result_set_value", NotImplemented)
                if empty_value is NotImplemented:
                    # A condition that matches nothing: select a false predicate.
                    sql, params = "0", ()
                else:
                    sql, params = self.compile(Value(empty_value))
            except FullResultSet:
                sql, params = self.compile(Value(True))
            else:
                sql, params = col.select_format(self, sql, params)
            if alias is None and with_col_aliases:
                alias = f"col{col_idx}"
                col_idx += 1
            compiled.append((col, (sql, params), alias))
        return compiled, klass_info, annotations

    def get_default_columns(self, select_mask, start_alias=None, opts=None, from_parent=None) -> list:
        """The model's concrete columns (joining parents for inherited fields)."""
        result: list = []
        if opts is None:
            opts = self.query.get_meta()
            if opts is None:
                return result
        start_alias = start_alias or self.query.get_initial_alias()
        seen_models = {None: start_alias}
        for field in opts.concrete_fields:
            model = field.model._meta.concrete_model
            if model == opts.model or model == opts.concrete_model:
                model = None
            if (
                from_parent
                and model is not None
                and issubclass(from_parent._meta.concrete_model, model._meta.concrete_model)
            ):
                # The parent's columns were already selected by the parent's own entry.
                continue
            if select_mask and field not in select_mask:
                continue
            alias = self.query.join_parent_model(opts, model, start_alias, seen_models)
            result.append(field.get_col(alias))
        return result

    def get_order_by(self) -> list:
        return ordering_mod.get_order_by(self)

    def find_ordering_name(self, name, opts, alias=None, default_order="ASC", already_seen=None):
        return ordering_mod.find_ordering_name(self, name, opts, alias, default_order, already_seen)

    def _setup_joins(self, pieces, opts, alias):
        alias = alias or self.query.get_initial_alias()
        join_info = self.query.setup_joins(pieces, opts, alias)
        alias = join_info.joins[-1]
        return (
            join_info.final_field,
            join_info.targets,
            alias,
            join_info.joins,
            join_info.path,
            join_info.opts,
            join_info.transform_function,
        )

    def get_extra_select(self, order_by, select) -> list:
        """ORDER BY terms that SELECT DISTINCT needs in the select list."""
        extra_select = []
        if self.query.distinct and not self.query.distinct_fields:
            select_sql = [s[1] for s in select]
            for expr, (sql, params, is_ref) in order_by:
                without_ordering = ordering_mod.strip_direction(sql)
                if not is_ref and (without_ordering, params) not in select_sql:
                    extra_select.append((expr, (without_ordering, params), None))
        return extra_select

    def get_group_by(self, select, order_by) -> list:
        """The GROUP BY terms as [(sql, params)]."""
        if self.query.group_by is None:
            return []
        expressions = []
        group_by_refs = set()
        if self.query.group_by is not True:
            for expr in self.query.group_by:
                if not hasattr(expr, "as_sql"):
                    expr = self.query.resolve_ref(expr)
                if isinstance(expr, Ref):
                    if expr.refs not in group_by_refs:
                        group_by_refs.add(expr.refs)
                        expressions.append(expr.source)
                else:
                    expressions.append(expr)
        selected_positions = {}
        for ordinal, (expr, _, alias) in enumerate(select, start=1):
            if alias:
                selected_positions[expr] = ordinal
            if alias in group_by_refs:
                continue
            expressions.extend(expr.get_group_by_cols())
        if not self._meta_ordering:
            for expr, (_, _, is_ref) in order_by:
                if not is_ref:
                    expressions.extend(expr.get_group_by_cols())
        having_group_by = self.having.get_group_by_cols() if self.having else ()
        expressions.extend(having_group_by)
        expressions = self.collapse_group_by(expressions, having_group_by)
        by_index = getattr(self.connection.features, "allows_group_by_select_index", False)
        result = []
        seen = set()
        for expr in expressions:
            try:
                sql, params = self.compile(expr)
            except (EmptyResultSet, FullResultSet):
                continue
            position = selected_positions.get(expr) if by_index else None
            if position is not None:
                sql, params = str(position), ()
            else:
                sql, params = expr.select_format(self, sql, params)
            key = (sql, tuple(params))
            if key not in seen:
                seen.add(key)
                result.append((sql, params))
        return result

    def collapse_group_by(self, expressions, having) -> list:
        """Group by a model's primary key alone where the database allows it."""
        features = self.connection.features
        if not getattr(features, "allows_group_by_selected_pks", False):
            return expressions
        allows_on_model = getattr(features, "allows_group_by_selected_pks_on_model", lambda model: True)
        pks = {
            expr
            for expr in expressions
            if hasattr(expr, "target") and expr.target.primary_key and allows_on_model(expr.target.model)
        }
        aliases = {expr.alias for expr in pks}
        return [
            expr
            for expr in expressions
            if expr in pks or expr in having or getattr(expr, "alias", None) not in aliases
        ]

    def get_distinct(self):
        """DISTINCT ON terms: ([sql], [params])."""
        result = []
        params = []
        opts = self.query.get_meta()
        for name in self.query.distinct_fields:
            if name in self.query.annotation_select:
                result.append(self.connection.ops.quote_name(name))
                continue
            parts = name.split(LOOKUP_SEP)
            _, targets, alias, joins, path, _, transform_function = self._setup_joins(parts, opts, None)
            targets, alias, _ = self.query.trim_joins(targets, joins, path)
            for target in targets:
                sql, target_params = self.compile(transform_function(target, alias))
                result.append(sql)
                params.extend(target_params)
        return result, params

    def get_from_clause(self):
        result = []
        params: list = []
        for alias in tuple(self.query.alias_map):
            if not self.query.alias_refcount[alias]:
                continue
            clause_sql, clause_params = self.compile(self.query.alias_map[alias])
            result.append(clause_sql)
            params.extend(clause_params)
        for table in self.query.extra_tables:
            alias, _ = self.query.table_alias(table)
            # Only add the alias if it's not already present (the table_alias() call increments the refcount).
            if alias not in self.query.alias_map or self.query.alias_refcount[alias] == 1:
                result.append(f", {self.quote_name_unless_alias(alias)}")
        return result, params

    def get_combinator_sql(self, combinator: str, all: bool):
        from django.db.models.sql.combinators import combinator_sql

        return combinator_sql(self, combinator, all)

    def get_select_for_update_of_arguments(self) -> list:
        from django.db.models.sql.locking import select_for_update_of_arguments

        return select_for_update_of_arguments(self)

    # ----- the statement -----------------------------------------------------------------

    def as_sql(self, with_limits: bool = True, with_col_aliases: bool = False):
        """Return (sql, params) for this SELECT (shape-cached where the query allows)."""
        key = None
        if with_limits and not with_col_aliases:
            key = shape_cache.shape_key(self.query)
            if key is not None:
                entry = shape_cache.get(self.connection.alias, key)
                if entry is not None:
                    cached = self._as_sql_from_shape(entry)
                    if cached is not None:
                        return cached
        sql, params = self._as_sql(with_limits, with_col_aliases)
        if key is not None and self.having is None and self.qualify is None and self._where_marks:
            self._store_shape(key, sql, params)
        return sql, params

    def _store_shape(self, key, sql, params) -> None:
        prefix, suffix, params_before, where_param_count = self._where_marks
        entry = {
            "prefix": prefix,
            "suffix": f" {suffix}" if suffix else "",
            "prefix_params": params[:params_before],
            "suffix_params": params[params_before + where_param_count :],
            "select": self.select,
            "klass_info": self.klass_info,
            "annotation_col_map": self.annotation_col_map,
            "col_count": self.col_count,
            "column_widths": self.column_widths,
            "meta_ordering": self._meta_ordering,
            "has_extra_select": self.has_extra_select,
        }
        shape_cache.put(self.connection.alias, key, entry)

    def _as_sql_from_shape(self, entry):
        """Reuse the cached SELECT/FROM/ORDER BY text; compile only the WHERE clause."""
        where, having, qualify = self.query.where.split_having_qualify()
        if having is not None or qualify is not None:
            return None
        self.select = entry["select"]
        self.klass_info = entry["klass_info"]
        self.annotation_col_map = entry["annotation_col_map"]
        self.col_count = entry["col_count"]
        self.column_widths = entry["column_widths"]
        self._meta_ordering = entry["meta_ordering"]
        self.has_extra_select = entry["has_extra_select"]
        self.where, self.having, self.qualify = where, None, None
        try:
            where_sql, where_params = self.compile(where)
        except EmptyResultSet:
            if self.elide_empty:
                raise
            where_sql, where_params = "0 = 1", []
        except FullResultSet:
            where_sql, where_params = "", []
        where_part = f" WHERE {where_sql}" if where_sql else ""
        sql = f"{entry['prefix']}{where_part}{entry['suffix']}"
        return sql, (*entry["prefix_params"], *where_params, *entry["suffix_params"])

    def _split_at_where(self, result):
        index, params_before, where_param_count, has_where = self._where_slot
        prefix = " ".join(part for part in result[:index] if part)
        suffix_parts = result[index + 1 :] if has_where else result[index:]
        suffix = " ".join(part for part in suffix_parts if part)
        return prefix, suffix, params_before, where_param_count

    def _as_sql(self, with_limits: bool, with_col_aliases: bool):
        self._where_marks = None
        self._where_slot = None
        refcounts_before = self.query.alias_refcount.copy()
        try:
            combinator = self.query.combinator
            extra_select, order_by, group_by = self.pre_sql_setup(
                with_col_aliases=with_col_aliases or bool(combinator)
            )
            features = self.connection.features
            with_limit_offset = with_limits and self.query.is_sliced
            for_update_part = None
            if self.qualify:
                from django.db.models.sql.qualify import qualify_sql

                result, params = qualify_sql(self, order_by, with_limit_offset)
                return " ".join(result), tuple(params)
            if combinator:
                if not getattr(features, f"supports_select_{combinator}", True):
                    from django.db import NotSupportedError

                    raise NotSupportedError(f"{combinator} is not supported on this database backend.")
                result, params = self.get_combinator_sql(combinator, self.query.combinator_all)
            else:
                result, params, for_update_part, order_by = self._select_body(
                    extra_select, order_by, group_by, with_limit_offset
                )
            if self.query.explain_info:
                info = self.query.explain_info
                result.insert(0, self.connection.ops.explain_query_prefix(info.format, **info.options))
            if order_by:
                ordering_sql = []
                for _, (o_sql, o_params, _) in order_by:
                    ordering_sql.append(o_sql)
                    params.extend(o_params)
                order_by_sql = f"ORDER BY {', '.join(ordering_sql)}"
                if combinator and getattr(features, "requires_compound_order_by_subquery", False):
                    result = ["SELECT * FROM (", *result, ")", order_by_sql]
                else:
                    result.append(order_by_sql)
            if with_limit_offset:
                result.append(self.connection.ops.limit_offset_sql(self.query.low_mark, self.query.high_mark))
            if for_update_part and not features.for_update_after_from:
                result.append(for_update_part)
            if self._where_slot is not None and not self.query.explain_info:
                self._where_marks = self._split_at_where(result)
            return " ".join(part for part in result if part), tuple(params)
        finally:
            self.query.reset_refcounts(refcounts_before)

    def _select_body(self, extra_select, order_by, group_by, with_limit_offset):
        features = self.connection.features
        distinct_fields, distinct_params = self.get_distinct()
        # The FROM clause is computed after the other parts: they may add joins.
        from_, f_params = self.get_from_clause()
        try:
            where, w_params = self.compile(self.where) if self.where is not None else ("", [])
        except EmptyResultSet:
            if self.elide_empty:
                raise
            where, w_params = "0 = 1", []
        except FullResultSet:
            where, w_params = "", []
        try:
            having, h_params = self.compile(self.having) if self.having is not None else ("", [])
        except FullResultSet:
            having, h_params = "", []
        result = ["SELECT"]
        params: list = []
        if self.query.distinct:
            distinct_result, distinct_params = self.connection.ops.distinct_sql(
                distinct_fields, distinct_params
            )
            result += distinct_result
            params += distinct_params
        out_cols = []
        for _, (s_sql, s_params), alias in self.select + extra_select:
            if alias:
                s_sql = f"{s_sql} AS {self.connection.ops.quote_name(alias)}"
            params.extend(s_params)
            out_cols.append(s_sql)
        result.append(", ".join(out_cols))
        if from_:
            result += ["FROM", *from_]
        elif getattr(features, "bare_select_suffix", ""):
            result.append(features.bare_select_suffix)
        params.extend(f_params)
        for_update_part = None
        if self.query.select_for_update and features.has_select_for_update:
            from django.db.models.sql.locking import for_update_sql

            for_update_part = for_update_sql(self, with_limit_offset)
        if for_update_part and features.for_update_after_from:
            result.append(for_update_part)
        # Where the WHERE clause sits in the text, for the shape cache.
        self._where_slot = (len(result), len(params), len(w_params) if where else 0, bool(where))
        if where:
            result.append(f"WHERE {where}")
            params.extend(w_params)
        grouping = []
        for g_sql, g_params in group_by:
            grouping.append(g_sql)
            params.extend(g_params)
        if grouping:
            if distinct_fields:
                raise NotImplementedError("annotate() + distinct(fields) is not implemented.")
            order_by = order_by or self.connection.ops.force_no_ordering()
            result.append(f"GROUP BY {', '.join(grouping)}")
            if self._meta_ordering:
                order_by = None
        if having:
            result.append(f"HAVING {having}")
            params.extend(h_params)
        return result, params, for_update_part, order_by

    # ----- running it -----------------------------------------------------------------------

    def get_converters(self, expressions) -> dict:
        """{position: (converters, expression)} for the columns that need any."""
        converters = {}
        ops = self.connection.ops
        for i, expression in enumerate(expressions):
            if expression:
                backend_converters = ops.get_db_converters(expression)
                field_converters = expression.get_db_converters(self.connection)
                if backend_converters or field_converters:
                    converters[i] = (backend_converters + field_converters, expression)
        return converters

    def apply_converters(self, rows, converters):
        connection = self.connection
        converters = list(converters.items())
        for row in map(list, rows):
            for pos, (convs, expression) in converters:
                value = row[pos]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[pos] = value
            yield row

    def results_iter(
        self, results=None, tuple_expected=False, chunked_fetch=False, chunk_size=GET_ITERATOR_CHUNK_SIZE
    ):
        """Rows of the query, converted to Python values."""
        if results is None:
            results = self.execute_sql(MULTI, chunked_fetch=chunked_fetch, chunk_size=chunk_size)
        fields = [s[0] for s in self.select[0 : self.col_count]]
        converters = self.get_converters(fields)
        rows: Iterable[Any] = chain.from_iterable(results)
        if converters:
            rows = self.apply_converters(rows, converters)
            if tuple_expected:
                rows = map(tuple, rows)
        return rows

    def has_results(self) -> bool:
        return bool(self.execute_sql(SINGLE))

    def execute_sql(self, result_type=MULTI, chunked_fetch=False, chunk_size=GET_ITERATOR_CHUNK_SIZE):
        """Run the query. MULTI: list (or iterator) of row chunks; SINGLE: one row; CURSOR: the cursor."""
        result_type = result_type or NO_RESULTS
        try:
            sql, params = self.as_sql()
            if not sql:
                raise EmptyResultSet
        except EmptyResultSet:
            if result_type == MULTI:
                return iter([])
            return None
        cursor = self.connection.chunked_cursor() if chunked_fetch else self.connection.cursor()
        try:
            cursor.execute(sql, params)
        except Exception:
            cursor.close()
            raise
        if result_type == CURSOR:
            return cursor
        if result_type == ROW_COUNT:
            try:
                return cursor.rowcount
            finally:
                cursor.close()
        if result_type == SINGLE:
            try:
                row = cursor.fetchone()
                if row and self.column_widths is not None:
                    return pack_columns(row, self.column_widths)
                if row:
                    return row[0 : self.col_count]
                return row
            finally:
                cursor.close()
        if result_type == NO_RESULTS:
            cursor.close()
            return None
        col_count = self.col_count if self.has_extra_select else None
        widths = self.column_widths
        if not chunked_fetch or not self.connection.features.can_use_chunked_reads:
            # Read everything now (one fetchall) so the cursor is not left open across other queries.
            try:
                rows = cursor.fetchall()
            finally:
                cursor.close()
            if widths is not None:
                return [[pack_columns(r, widths) for r in rows]]
            return [rows if col_count is None else [r[:col_count] for r in rows]]
        return cursor_iter(
            cursor, self.connection.features.empty_fetchmany_value, col_count, chunk_size, widths
        )

    def as_subquery_condition(self, alias, columns, compiler):
        qn = compiler.quote_name_unless_alias
        qn2 = self.connection.ops.quote_name
        query = self.query.clone()
        for index, select_col in enumerate(query.select):
            lhs_sql, lhs_params = self.compile(select_col)
            rhs = f"{qn(alias)}.{qn2(columns[index])}"
            query.where.add(RawSQL(f"{lhs_sql} = {rhs}", lhs_params), "AND")
        sql, params = query.get_compiler(connection=self.connection).as_sql()
        return f"EXISTS ({sql})", params

    def explain_query(self):
        result = list(self.execute_sql())
        fmt = self.query.explain_info.format
        formatter = json.dumps if fmt and fmt.lower() == "json" else str
        for rows in result:
            for row in rows:
                if isinstance(row, str):
                    yield row
                else:
                    yield " ".join(formatter(value) for value in row)


from django.db.models.sql.compiler_writes import (  # noqa: E402
    SQLAggregateCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

__all__ = [
    "SQLCompiler",
    "SQLInsertCompiler",
    "SQLDeleteCompiler",
    "SQLUpdateCompiler",
    "SQLAggregateCompiler",
    "cursor_iter",
    "F",
    "FieldError",
    "OrderBy",
]
