"""Building the where tree: keyword lookups and Q objects -> Lookups and joins.

Functions take the Query as their first argument (Query has the Django-named
methods that delegate here).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from django.core.exceptions import FieldError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Col, Exists, F, OuterRef
from django.db.models.lookups import Lookup
from django.db.models.query_utils import Q, refs_expression
from django.db.models.sql.constants import INNER, LOUTER
from django.db.models.sql.datastructures import MultiJoin
from django.db.models.sql.joins import JoinPromoter
from django.db.models.sql.where import AND, OR, WhereNode


def try_transform(lhs, name: str):
    """Wrap ``lhs`` in the transform ``name`` or raise FieldError with suggestions."""
    transform_class = lhs.get_transform(name)
    if transform_class:
        return transform_class(lhs)
    output_field = lhs.output_field.__class__
    suggested = difflib.get_close_matches(name, list(lhs.output_field.get_lookups()))
    suggestion = f", perhaps you meant {' or '.join(suggested)}?" if suggested else "."
    raise FieldError(
        f"Unsupported lookup '{name}' for {output_field.__name__} or join on the field not permitted{suggestion}"
    )


def build_lookup(query, lookups, lhs, rhs):
    """Apply the transforms in ``lookups`` to lhs and build the final Lookup."""
    *transforms, lookup_name = lookups or ["exact"]
    for name in transforms:
        lhs = try_transform(lhs, name)
    lookup_class = lhs.get_lookup(lookup_name)
    if not lookup_class:
        # A trailing transform means "exact": date__year=2005.
        lhs = try_transform(lhs, lookup_name)
        lookup_name = "exact"
        lookup_class = lhs.get_lookup(lookup_name)
        if not lookup_class:
            return None
    lookup = lookup_class(lhs, rhs)
    if lookup.rhs is None and not lookup.can_use_none_as_rhs:
        if lookup_name not in ("exact", "iexact"):
            raise ValueError("Cannot use None as a query value")
        return lhs.get_lookup("isnull")(lhs, True)
    return lookup


def solve_lookup_type(query, lookup: str, summarize: bool = False):
    """Split ``lookup`` into (lookup parts, field parts, annotation or False)."""
    parts = lookup.split(LOOKUP_SEP)
    if query.annotations:
        annotation, expression_lookups = refs_expression(parts, query.annotations)
        if annotation:
            expression = query.annotations[annotation]
            if summarize:
                from django.db.models.expressions import Ref

                expression = Ref(annotation, expression)
            return expression_lookups, (), expression
    _, field, _, lookup_parts = query.names_to_path(parts, query.get_meta())
    field_parts = parts[0 : len(parts) - len(lookup_parts)]
    if len(lookup_parts) > 1 and not field_parts:
        raise FieldError(f'Invalid lookup "{lookup}" for model {query.get_meta().model.__name__}".')
    return lookup_parts, field_parts, False


def resolve_lookup_value(query, value, can_reuse, allow_joins, summarize=False):
    if hasattr(value, "resolve_expression"):
        return (
            value.resolve_expression(query, reuse=can_reuse, allow_joins=allow_joins, summarize=summarize)
            if isinstance(value, F)
            else value.resolve_expression(query, reuse=can_reuse, allow_joins=allow_joins)
        )
    if isinstance(value, (list, tuple)):
        values = (resolve_lookup_value(query, item, can_reuse, allow_joins, summarize) for item in value)
        value_type = type(value)
        if hasattr(value_type, "_make"):  # namedtuple
            return value_type(*values)
        return value_type(values)
    return value


def check_filterable(expression) -> None:
    from django.db import NotSupportedError

    if hasattr(expression, "resolve_expression") and not getattr(expression, "filterable", True):
        raise NotSupportedError(f"{expression.__class__.__name__} is disallowed in the filter clause.")
    if hasattr(expression, "get_source_expressions"):
        for expr in expression.get_source_expressions():
            if expr is not None:
                check_filterable(expr)


# Filter values of these exact types are data, never expressions (subclasses may be anything).
_PLAIN_VALUE_TYPES = frozenset({str, int, float, bool, type(None), bytes})


def _build_expression_filter(query, filter_expr, allow_joins, can_reuse, summarize):
    if not getattr(filter_expr, "conditional", False):
        raise TypeError("Cannot filter against a non-conditional expression.")
    condition = filter_expr.resolve_expression(
        query, allow_joins=allow_joins, reuse=can_reuse, summarize=summarize
    )
    if not isinstance(condition, Lookup):
        condition = build_lookup(query, ["exact"], condition, True)
    return WhereNode([condition], connector=AND), []


def build_filter(query, filter_expr, branch_negated=False, current_negated=False, can_reuse=None,
                 allow_joins=True, split_subq=True, check=True, summarize=False,
                 update_join_types=True):  # fmt: skip
    """Turn one filter (a (name, value) pair, a Q or a boolean expression) into a WhereNode.

    Return (clause, joins that must stay INNER for this clause to hold).
    """
    if isinstance(filter_expr, dict):
        raise FieldError("Cannot parse keyword query as dict")
    if isinstance(filter_expr, Q):
        return add_q_node(
            query, filter_expr, can_reuse, branch_negated, current_negated, allow_joins,
            split_subq, check, summarize, update_join_types,
        )  # fmt: skip
    if hasattr(filter_expr, "resolve_expression"):
        return _build_expression_filter(query, filter_expr, allow_joins, can_reuse, summarize)
    arg, value = filter_expr
    if not arg:
        raise FieldError(f"Cannot parse keyword query {arg!r}")
    lookups, parts, reffed_expression = solve_lookup_type(query, arg, summarize)
    if check and reffed_expression is not False:
        check_filterable(reffed_expression)
    if not allow_joins and len(parts) > 1:
        raise FieldError("Joined field references are not permitted in this query")
    if value.__class__ in _PLAIN_VALUE_TYPES:
        # Nothing to resolve or check, and no join can come from a plain value.
        used_joins = set()
    else:
        pre_joins = query.alias_refcount.copy()
        value = resolve_lookup_value(query, value, can_reuse, allow_joins, summarize)
        used_joins = {k for k, v in query.alias_refcount.items() if v > pre_joins.get(k, 0)}
        if check:
            check_filterable(value)
    if reffed_expression:
        condition = build_lookup(query, lookups, reffed_expression, value)
        return WhereNode([condition], connector=AND), []
    opts = query.get_meta()
    alias = query.get_initial_alias()
    allow_many = not branch_negated or not split_subq
    try:
        join_info = query.setup_joins(parts, opts, alias, can_reuse=can_reuse, allow_many=allow_many)
        if isinstance(value, Iterator):
            value = list(value)
        query.check_related_objects(join_info.final_field, value, join_info.opts)
    except MultiJoin as e:
        return split_exclude(query, filter_expr, can_reuse, e.names_with_path)
    used_joins.update(join_info.joins)
    targets, alias, join_list = query.trim_joins(join_info.targets, join_info.joins, join_info.path)
    if can_reuse is not None:
        can_reuse.update(join_list)
    if join_info.final_field.is_relation and len(targets) > 1:
        from django.db.models.fields.related_lookups import MultiColSource

        col = MultiColSource(alias, targets, join_info.targets, join_info.final_field)
    else:
        col = query._get_col(targets[0], join_info.final_field, alias)
    condition = build_lookup(query, lookups, col, value)
    if condition is None:
        raise FieldError(f"Related Field got invalid lookup: {lookups[-1]}")
    lookup_type = condition.lookup_name
    clause = WhereNode([condition], connector=AND)
    require_outer = lookup_type == "isnull" and condition.rhs is True and not current_negated
    if current_negated and (lookup_type != "isnull" or condition.rhs is False) and condition.rhs is not None:
        require_outer = True
        if lookup_type != "isnull":
            # NOT (col = x) must also keep rows where col IS NULL: SQL's NOT drops them.
            if query.is_nullable(targets[0]) or query.alias_map[join_list[-1]].join_type == LOUTER:
                lookup_class = targets[0].get_lookup("isnull")
                null_col = query._get_col(targets[0], join_info.targets[0], alias)
                clause.add(lookup_class(null_col, False), AND)
            if isinstance(value, Col) and query.is_nullable(value.target):
                lookup_class = value.target.get_lookup("isnull")
                clause.add(lookup_class(value, False), AND)
    return clause, used_joins if not require_outer else ()


def add_q_node(query, q_object, used_aliases, branch_negated=False, current_negated=False, allow_joins=True,
               split_subq=True, check=True, summarize=False, update_join_types=True):  # fmt: skip
    """Build the WhereNode for a Q, deciding join types for its children."""
    connector = q_object.connector
    current_negated ^= q_object.negated
    branch_negated = branch_negated or q_object.negated
    target_clause = WhereNode(connector=connector, negated=q_object.negated)
    promoter = JoinPromoter(q_object.connector, len(q_object.children), current_negated)
    for child in q_object.children:
        child_clause, needed_inner = build_filter(
            query, child, branch_negated, current_negated, used_aliases, allow_joins,
            split_subq, check, summarize, update_join_types,
        )  # fmt: skip
        promoter.add_votes(needed_inner)
        if child_clause:
            target_clause.add(child_clause, connector)
    needed_inner = promoter.update_join_types(query) if update_join_types else []
    return target_clause, needed_inner


def split_exclude(query, filter_expr, can_reuse, names_with_path):
    """Exclude across a multi-valued relation as ``NOT EXISTS(correlated subquery)``.

    ``exclude(entries__headline="x")`` drops every object having at least one
    matching entry and keeps objects with no entries at all.
    """
    from django.db.models.sql.query import Query

    filter_lhs, filter_rhs = filter_expr
    if isinstance(filter_rhs, OuterRef):
        filter_rhs = OuterRef(filter_rhs)  # type: ignore[arg-type]  # one more level out
    elif isinstance(filter_rhs, F):
        filter_rhs = OuterRef(filter_rhs.name)
    inner = Query(query.model)
    inner._filtered_relations = query._filtered_relations
    inner.add_filter(filter_lhs, filter_rhs)
    inner.add_filter("pk", OuterRef("pk"))
    inner.clear_ordering(force=True)
    return build_filter(query, Exists(inner))


def combine(query, rhs, connector: str) -> None:
    """Merge rhs's joins and conditions into ``query`` (``qs1 & qs2``, ``|``, ``^``)."""
    if query.model != rhs.model:
        raise TypeError("Cannot combine queries on two different base models.")
    if query.is_sliced:
        raise TypeError("Cannot combine queries once a slice has been taken.")
    if query.distinct != rhs.distinct:
        raise TypeError("Cannot combine a unique query with a non-unique query.")
    if query.distinct_fields != rhs.distinct_fields:
        raise TypeError("Cannot combine queries with different distinct fields.")
    query.get_initial_alias()
    rhs = rhs.clone()
    rhs.get_initial_alias()
    conjunction = connector == AND
    # Under AND, two filters on a multi-valued relation keep separate joins.
    reuse = set() if conjunction else set(query.alias_map)
    promoter = JoinPromoter(connector, 2, False)
    promoter.add_votes(alias for alias, join in query.alias_map.items() if join.join_type == INNER)
    change_map = {rhs.base_table: query.base_table}
    rhs_votes = set()
    for alias in list(rhs.alias_map)[1:]:
        join = rhs.alias_map[alias].relabeled_clone(change_map)
        new_alias = query.join(join, reuse=reuse)
        if join.join_type == INNER:
            rhs_votes.add(new_alias)
        reuse.discard(new_alias)
        if alias != new_alias:
            change_map[alias] = new_alias
        if not rhs.alias_refcount[alias]:
            query.unref_alias(new_alias)
    promoter.add_votes(rhs_votes)
    promoter.update_join_types(query)
    query.subq_aliases = query.subq_aliases | rhs.subq_aliases
    rhs_where = rhs.where.relabeled_clone(change_map)
    if connector != AND or rhs_where:
        combined = WhereNode(connector=connector)
        if query.where:
            combined.add(query.where, connector)
        else:
            combined.add(WhereNode(), connector)
        combined.add(rhs_where, connector)
        query.where = combined
    if rhs.select:
        query.set_select([col.relabeled_clone(change_map) for col in rhs.select])
    if connector == OR and query.extra and rhs.extra:
        raise ValueError(
            "When merging querysets using 'or', you cannot have extra(select=...) on both sides."
        )
    query.extra.update(rhs.extra)
    query.extra_tables += rhs.extra_tables
    query.order_by = rhs.order_by or query.order_by
    query.extra_order_by = rhs.extra_order_by or query.extra_order_by
