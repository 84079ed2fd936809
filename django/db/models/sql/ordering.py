"""ORDER BY for the SELECT compiler: order_by() items, Meta.ordering, related orderings."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import FieldError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import F, OrderBy, RawSQL, Ref, Value

_DIRECTION = re.compile(r"^(.*)\s(?:ASC|DESC).*", re.MULTILINE | re.DOTALL)


def strip_direction(sql: str) -> str:
    """``"x" DESC NULLS LAST`` -> ``"x"`` (to spot duplicate ORDER BY terms)."""
    match = _DIRECTION.search(sql)
    return match[1] if match else sql


def get_order_dir(field: str, default: str = "ASC") -> tuple[str, str]:
    from django.db.models.sql.constants import ORDER_DIR

    dirn = ORDER_DIR[default]
    if field[0] == "-":
        return field[1:], dirn[1]
    return field, dirn[0]


def _ordering_source(compiler):
    query = compiler.query
    if query.extra_order_by:
        return query.extra_order_by
    if not query.default_ordering:
        return query.order_by
    if query.order_by:
        return query.order_by
    meta = query.get_meta()
    if meta is not None and meta.ordering:
        compiler._meta_ordering = meta.ordering
        return meta.ordering
    return ()


def _expression_item(compiler, field):
    from django.db.models.functions import Cast

    query = compiler.query
    if isinstance(field, Value):
        field = Cast(field, field.output_field)
    if not isinstance(field, OrderBy):
        field = field.asc()
    if not query.standard_ordering:
        field = field.copy()
        field.reverse_ordering()
    inner = field.expression
    if isinstance(inner, F) and inner.name in query.annotation_select:
        field = field.copy()
        field.expression = Ref(inner.name, query.annotation_select[inner.name])
        return [(field, True)]
    return [(field, False)]


def _order_items(compiler, field, default_order):
    from django.db.models.functions import Cast, Random

    query = compiler.query
    if hasattr(field, "resolve_expression"):
        return _expression_item(compiler, field)
    if field == "?":
        return [(OrderBy(Random()), False)]
    col, order = get_order_dir(field, default_order)
    descending = order == "DESC"
    if col in query.annotation_select:
        return [(OrderBy(Ref(col, query.annotation_select[col]), descending=descending), True)]
    if col in query.annotations:
        expr: Any
        if query.combinator and compiler.select:
            expr = F(col)
        else:
            expr = query.annotations[col]
            if isinstance(expr, Value):
                expr = Cast(expr, expr.output_field)
        return [(OrderBy(expr, descending=descending), False)]
    if "." in field:
        table, column = col.split(".", 1)
        raw = RawSQL(f"{compiler.quote_name_unless_alias(table)}.{column}", [])
        return [(OrderBy(raw, descending=descending), False)]
    if query.extra and col in query.extra:
        if col in query.extra_select:
            return [(OrderBy(Ref(col, RawSQL(*query.extra[col])), descending=descending), True)]
        return [(OrderBy(RawSQL(*query.extra[col]), descending=descending), False)]
    if query.combinator and compiler.select:
        return [(OrderBy(F(col), descending=descending), False)]
    return find_ordering_name(compiler, field, query.get_meta(), default_order=default_order)


def _point_to_select_column(compiler, original, resolved):
    """In a UNION etc., ORDER BY must name a column of the combined result."""
    from django.db import DatabaseError

    src = resolved.expression
    original_src = original.expression
    for sel_expr, _, col_alias in compiler.select:
        if src == sel_expr or (isinstance(original_src, F) and col_alias == original_src.name):
            column = col_alias if col_alias else src.target.column
            resolved = resolved.copy()
            resolved.set_source_expressions([Ref(column, src)])
            return resolved
    raise DatabaseError("ORDER BY term does not match any column in the result set.")


def get_order_by(compiler) -> list:
    """[(OrderBy expression, (sql, params, is_ref))] without duplicate terms."""
    query = compiler.query
    default_order = "ASC" if query.standard_ordering else "DESC"
    items = []
    for field in _ordering_source(compiler):
        items.extend(_order_items(compiler, field, default_order))
    result = []
    seen = set()
    for expr, is_ref in items:
        resolved = expr.resolve_expression(query, allow_joins=True, reuse=None)
        if not is_ref and query.combinator and compiler.select:
            resolved = _point_to_select_column(compiler, expr, resolved)
        for term in _per_column(resolved):
            sql, params = compiler.compile(term)
            key = (strip_direction(sql), tuple(params))
            if key in seen:
                continue
            seen.add(key)
            result.append((term, (sql, params, is_ref)))
    return result


def _per_column(order_by):
    """A composite pk sorts as its columns, one ORDER BY term each (DISTINCT may select them)."""
    get_cols = getattr(order_by.expression, "get_cols", None)
    if get_cols is None:
        return (order_by,)
    terms = []
    for col in get_cols():
        term = order_by.copy()
        term.expression = col
        terms.append(term)
    return terms


def find_ordering_name(compiler, name, opts, alias=None, default_order="ASC", already_seen=None):
    """OrderBy terms for a field name; a relation expands to the related model's ordering."""
    name, order = get_order_dir(name, default_order)
    descending = order == "DESC"
    pieces = name.split(LOOKUP_SEP)
    field, targets, alias, joins, path, opts, transform_function = compiler._setup_joins(pieces, opts, alias)
    if (
        field.is_relation
        and opts.ordering
        and getattr(field, "attname", None) != pieces[-1]
        and name != "pk"
        and not getattr(transform_function, "has_transforms", False)
    ):
        already_seen = already_seen or set()
        join_tuple = tuple(getattr(compiler.query.alias_map[j], "join_cols", None) for j in joins)
        if join_tuple in already_seen:
            raise FieldError("Infinite loop caused by ordering.")
        already_seen.add(join_tuple)
        results = []
        for item in opts.ordering:
            if hasattr(item, "resolve_expression") and not isinstance(item, OrderBy):
                item = item.desc() if descending else item.asc()
            if isinstance(item, OrderBy):
                results.append((item.prefix_references(f"{name}{LOOKUP_SEP}"), False))
                continue
            results.extend(find_ordering_name(compiler, item, opts, alias, order, already_seen))
        return results
    targets, alias, _ = compiler.query.trim_joins(targets, joins, path)
    return [(OrderBy(transform_function(t, alias), descending=descending), False) for t in targets]
