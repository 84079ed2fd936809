"""Compile the parts of a SELECT that depend only on the query's shape once.

For plain model queries (no annotations, extra(), grouping, combinators or
locking) the SELECT list, FROM clause and ORDER BY are pure functions of the
query's structure: model, joins, selected columns, deferred fields,
select_related(), ordering and limits. Those parts are cached per connection
alias under a structural key; only the WHERE clause, which carries the
values, is compiled on every run. The SQL text is identical on every hit, so
the driver's statement cache hits too.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

MAX_ENTRIES = 512

_caches: dict[str, OrderedDict] = {}
_lock = Lock()
stats = {"hits": 0, "misses": 0}


def _join_key(alias, join, refcount):
    return (
        alias,
        join.table_name,
        join.parent_alias,
        join.join_type,
        getattr(join, "join_field", None),
        refcount > 0,
    )


def _ordering_key(items):
    if any(not isinstance(item, str) for item in items):
        return None
    return tuple(items)


def _select_related_key(value):
    if isinstance(value, dict):
        return tuple(sorted((name, _select_related_key(nested)) for name, nested in value.items()))
    return value


def shape_key(query):
    """A hashable description of everything but the WHERE values, or None if not cacheable."""
    if (
        query.annotations
        or query.extra
        or query.extra_tables
        or query.extra_order_by
        or query.combinator
        or query.group_by is not None
        or query.distinct_fields
        or query.select_for_update
        or query.explain_info
        or query._filtered_relations
        or query.model is None
    ):
        return None
    if any(getattr(join, "filtered_relation", None) is not None for join in query.alias_map.values()):
        return None
    order_by = _ordering_key(query.order_by)
    meta_ordering = _ordering_key(query.get_meta().ordering)
    if order_by is None or meta_ordering is None:
        return None
    joins = tuple(
        _join_key(alias, join, query.alias_refcount.get(alias, 0)) for alias, join in query.alias_map.items()
    )
    field_names, defer = query.deferred_loading
    return (
        query.model,
        joins,
        query.default_cols,
        tuple((col.alias, getattr(col, "target", None) or col.targets) for col in query.select),
        query.values_select,
        (tuple(sorted(field_names)), defer),
        _select_related_key(query.select_related),
        order_by,
        query.default_ordering,
        query.standard_ordering,
        query.distinct,
        query.low_mark,
        query.high_mark,
        query.subquery,
        query.alias_prefix,
        tuple(sorted(query.external_aliases.items())),
    )


def get(alias: str, key):
    cache = _caches.get(alias)
    if cache is None:
        stats["misses"] += 1
        return None
    with _lock:
        entry = cache.get(key)
        if entry is None:
            stats["misses"] += 1
            return None
        cache.move_to_end(key)
    stats["hits"] += 1
    return entry


def put(alias: str, key, entry) -> None:
    with _lock:
        cache = _caches.setdefault(alias, OrderedDict())
        cache[key] = entry
        if len(cache) > MAX_ENTRIES:
            cache.popitem(last=False)


def clear() -> None:
    with _lock:
        _caches.clear()
    stats["hits"] = stats["misses"] = 0
