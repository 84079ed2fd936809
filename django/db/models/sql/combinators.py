"""UNION / INTERSECT / EXCEPT of several SELECTs (QuerySet.union() and friends)."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet


def _part_sql(compiler, part, features):
    query = compiler.query
    if not part.query.values_select and query.values_select:
        # Every part must select the same columns as the combined query.
        part.query = part.query.clone()
        part.query.set_values((*query.extra_select, *query.values_select, *query.annotation_select))
    sql, params = part.as_sql(with_col_aliases=True)
    if part.query.combinator:
        if not features.supports_parentheses_in_compound:
            sql = f"SELECT * FROM ({sql})"
        elif query.subquery or not features.supports_slicing_ordering_in_compound:
            sql = f"({sql})"
    elif query.subquery and features.supports_slicing_ordering_in_compound:
        sql = f"({sql})"
    return sql, params


def _without_default_ordering(part):
    # A model's Meta.ordering means nothing inside a compound statement.
    if part.order_by or part.extra_order_by or not part.default_ordering:
        return part
    part = part.clone()
    part.default_ordering = False
    return part


def combinator_sql(compiler, combinator: str, all: bool):
    """Return ([sql], params) for the combined statement."""
    from django.db import DatabaseError

    features = compiler.connection.features
    query = compiler.query
    parts_compilers = [
        _without_default_ordering(part).get_compiler(
            using=compiler.using, connection=compiler.connection, elide_empty=compiler.elide_empty
        )
        for part in query.combined_queries
    ]
    if not features.supports_slicing_ordering_in_compound:
        for part in parts_compilers:
            if part.query.is_sliced:
                raise DatabaseError("LIMIT/OFFSET not allowed in subqueries of compound statements.")
            if part.get_order_by():
                raise DatabaseError("ORDER BY not allowed in subqueries of compound statements.")
    elif query.is_sliced and combinator == "union":
        for part in parts_compilers:
            part.elide_empty = False
    parts = []
    for part in parts_compilers:
        try:
            parts.append(_part_sql(compiler, part, features))
        except EmptyResultSet:
            # An empty part can be dropped from a UNION, and from EXCEPT after the first.
            if combinator == "union" or (combinator == "difference" and parts):
                continue
            raise
    if not parts:
        raise EmptyResultSet
    operator = compiler.connection.ops.set_operators[combinator]
    if all and combinator == "union":
        operator += " ALL"
    braces = "({})" if not query.subquery and features.supports_slicing_ordering_in_compound else "{}"
    sql = f" {operator} ".join(braces.format(sql) for sql, _ in parts)
    params = []
    for _, part_params in parts:
        params.extend(part_params)
    return [sql], params
