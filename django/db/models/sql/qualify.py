"""Filtering against window functions (a QUALIFY emulation).

A condition on a window expression cannot go in WHERE. The query runs as an
inner SELECT that also selects each window expression the condition needs;
the outer SELECT filters on those columns, orders and slices.
"""

from __future__ import annotations

from django.db.models.expressions import Col, Ref, Window
from django.db.models.sql.where import AND, WhereNode


def _replace(node, replacements: list, make_alias):
    """Copy ``node`` with windows (and bare columns) swapped for Refs to inner columns."""
    if isinstance(node, (Window, Col)):
        for original, ref in replacements:
            if original is node:
                return ref
        ref = Ref(make_alias(), node)
        replacements.append((node, ref))
        return ref
    if isinstance(node, WhereNode):
        clone = node.create(connector=node.connector, negated=node.negated)
        clone.children = [_replace(child, replacements, make_alias) for child in node.children]
        return clone
    sources = node.get_source_expressions() if hasattr(node, "get_source_expressions") else []
    if not sources:
        return node
    clone = node.copy()
    clone.set_source_expressions(
        [_replace(source, replacements, make_alias) if source is not None else None for source in sources]
    )
    return clone


def qualify_sql(compiler, order_by, with_limit_offset: bool):
    """Return ([sql parts], params) for ``SELECT ... FROM (inner) qualify WHERE ...``."""
    query = compiler.query
    counter = iter(range(1_000_000))
    replacements: list = []

    def make_alias():
        return f"qual{next(counter)}"

    qualify = _replace(compiler.qualify, replacements, make_alias)
    order_refs = []
    for expr, (_, _, _) in order_by:
        alias = make_alias()
        order_refs.append((alias, expr))
    inner = query.clone()
    inner.subquery = True
    inner.where = WhereNode([part for part in (compiler.where, compiler.having) if part is not None], AND)
    inner.clear_ordering(force=True)
    inner.clear_limits()
    inner.select_for_update = False
    hidden = set()
    for original, ref in replacements:
        inner.annotations[ref.refs] = original
        hidden.add(ref.refs)
    for alias, order_expr in order_refs:
        inner.annotations[alias] = order_expr.expression
        hidden.add(alias)
    if inner.annotation_select_mask is not None:
        inner.append_annotation_mask(list(hidden))
    inner._annotation_select_cache = None
    inner_compiler = inner.get_compiler(using=compiler.using, connection=compiler.connection)
    inner_sql, inner_params = inner_compiler.as_sql(with_col_aliases=True)
    qn = compiler.connection.ops.quote_name
    outer_cols = [qn(alias) for _, _, alias in inner_compiler.select if alias not in hidden]
    where_sql, where_params = compiler.compile(qualify)
    result = ["SELECT", ", ".join(outer_cols), "FROM", f"({inner_sql})", "qualify", "WHERE", where_sql]
    params = [*inner_params, *where_params]
    if order_refs:
        terms = [
            f"{qn(alias)} {'DESC' if order_expr.descending else 'ASC'}" for alias, order_expr in order_refs
        ]
        result.append(f"ORDER BY {', '.join(terms)}")
    if with_limit_offset:
        result.append(compiler.connection.ops.limit_offset_sql(query.low_mark, query.high_mark))
    return result, params
