"""QuerySet.aggregate() / count(): one SELECT of aggregates, wrapped in a subquery when needed."""

from __future__ import annotations

from django.db.models.expressions import Col, Ref
from django.db.models.sql.constants import SINGLE


def _inline_refs(expr, annotations: dict):
    """Replace Ref(name) to an existing annotation with the annotation itself."""
    if isinstance(expr, Ref) and expr.refs in annotations:
        return annotations[expr.refs]
    sources = expr.get_source_expressions() if hasattr(expr, "get_source_expressions") else []
    if not sources:
        return expr
    new_sources = [_inline_refs(source, annotations) if source is not None else None for source in sources]
    if all(new is old for new, old in zip(new_sources, sources)):
        return expr
    clone = expr.copy()
    clone.set_source_expressions(new_sources)
    return clone


def _select_in_inner(inner, expr, counter: list):
    """Make the inner query select every column the aggregate reads; refer to it by alias."""
    from django.db.models.expressions import Subquery

    if isinstance(expr, Ref):
        return expr
    if isinstance(expr, (Col, Subquery)) or (
        getattr(expr, "contains_aggregate", False) and not expr.is_summary
    ):
        counter[0] += 1
        alias = f"__col{counter[0]}"
        inner.annotations[alias] = expr
        inner.append_annotation_mask([alias])
        inner._annotation_select_cache = None
        return Ref(alias, expr)
    sources = expr.get_source_expressions() if hasattr(expr, "get_source_expressions") else []
    if not sources:
        return expr
    clone = expr.copy()
    clone.set_source_expressions(
        [_select_in_inner(inner, source, counter) if source is not None else None for source in sources]
    )
    return clone


def _needs_subquery(query) -> bool:
    has_existing_aggregation = any(
        getattr(annotation, "contains_aggregate", True) for annotation in query.annotations.values()
    )
    has_window = any(
        getattr(annotation, "contains_over_clause", False) for annotation in query.annotations.values()
    )
    return bool(
        isinstance(query.group_by, tuple)
        or query.is_sliced
        or has_existing_aggregation
        or has_window
        or query.distinct
        or query.combinator
    )


def _subquery_outer(query, aggregates: dict):
    from django.db.models.sql.subqueries import AggregateQuery

    inner = query.clone()
    inner.subquery = True
    outer = AggregateQuery(query.model, inner)
    inner.select_for_update = False
    inner.select_related = False
    inner.set_annotation_mask(inner.annotation_select)
    inner.clear_ordering(force=False)
    has_existing_aggregation = any(getattr(a, "contains_aggregate", True) for a in query.annotations.values())
    if not inner.distinct:
        if inner.default_cols and has_existing_aggregation:
            inner.group_by = (query.model._meta.pk.get_col(inner.get_initial_alias()),)
        inner.default_cols = False
    counter = [0]
    for alias, aggregate in aggregates.items():
        outer.annotations[alias] = _select_in_inner(inner, aggregate, counter)
    outer.set_annotation_mask(list(aggregates))
    if inner.select == () and not inner.default_cols and not inner.annotation_select_mask:
        # Keep the inner query valid: it must select something.
        inner.select = (query.model._meta.pk.get_col(inner.get_initial_alias()),)
    return outer


def get_aggregation(query, using: str, aggregate_exprs: dict) -> dict:
    """Run the aggregates over ``query``; return {alias: value}."""
    if not aggregate_exprs:
        return {}
    aggregates = {}
    for alias, aggregate_expr in aggregate_exprs.items():
        query.check_alias(alias)
        aggregate = aggregate_expr.resolve_expression(query, allow_joins=True, reuse=None, summarize=True)
        if not aggregate.contains_aggregate:
            raise TypeError(f"{alias} is not an aggregate expression")
        aggregates[alias] = aggregate
    if _needs_subquery(query):
        outer = _subquery_outer(query, aggregates)
    else:
        outer = query
        outer.select = ()
        outer.default_cols = False
        outer.extra = {}
        if outer.annotations:
            existing = dict(outer.annotations)
            aggregates = {alias: _inline_refs(aggregate, existing) for alias, aggregate in aggregates.items()}
        outer.annotations = aggregates
        outer.set_annotation_mask(list(aggregates))
    empty_results = [expression.empty_result_set_value for expression in outer.annotation_select.values()]
    elide_empty = not any(value is NotImplemented for value in empty_results)
    outer.clear_ordering(force=True)
    outer.clear_limits()
    outer.select_for_update = False
    outer.select_related = False
    compiler = outer.get_compiler(using, elide_empty=elide_empty)
    result = compiler.execute_sql(SINGLE)
    if result is None:
        result = empty_results
    else:
        converters = compiler.get_converters(outer.annotation_select.values())
        result = next(compiler.apply_converters((result,), converters))
    return dict(zip(outer.annotation_select, result))
