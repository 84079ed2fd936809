"""Shortcuts for the hottest QuerySet calls, taken only when the general path would build the same SQL.

``Model.objects.get(pk=value)`` on a plain queryset compiles to one statement
per (model, database alias): the first call goes the general way and records
the SQL text, the selected attribute names and the column converters; later
calls bind the new key value to that text and build the instance directly.
Anything unusual about the queryset (filters, select_related, only/defer,
annotations, slicing, prefetching, values(), a custom iterable) takes the
general path, so behaviour and query counts stay those of the general path.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections

__all__ = ["NOT_TAKEN", "get_by_pk"]

NOT_TAKEN = object()

# (model, alias, vendor) -> (sql, attnames, converters)
_GET_BY_PK: dict = {}


# The QuerySet methods get() would go through; a subclass overriding one keeps the general path.
_GET_PATH_METHODS = ("filter", "_filter_or_exclude", "order_by", "_chain", "_clone", "_fetch_all", "__len__")
_overrides_get_path: dict[type, bool] = {}


def _general_path_overridden(queryset_class: type) -> bool:
    overridden = _overrides_get_path.get(queryset_class)
    if overridden is None:
        from django.db.models.query import QuerySet

        overridden = any(
            getattr(queryset_class, name, None) is not getattr(QuerySet, name, None)
            for name in _GET_PATH_METHODS
        )
        _overrides_get_path[queryset_class] = overridden
    return overridden


def _plain(queryset: Any) -> bool:
    """Whether the queryset is ``Model.objects.all()`` with nothing added (ordering aside)."""
    from django.db.models.query_iterables import ModelIterable

    if (
        _general_path_overridden(type(queryset))
        or queryset._iterable_class is not ModelIterable
        or queryset._fields is not None
        or queryset._deferred_filter is not None
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
    ):
        return False
    query = queryset._query
    return not (
        query.where
        or query.select
        or not query.default_cols
        or query.select_related
        or query.deferred_loading != (frozenset(), True)
        or query.annotations
        or query.extra
        or query.extra_tables
        or query.low_mark
        or query.high_mark is not None
        or query.distinct
        or query.select_for_update
        or query.combinator
        or query._filtered_relations
        or len(query.alias_map) > 1
    )


def get_by_pk(queryset: Any, kwargs: dict) -> Any:
    """The instance for ``get(pk=value)``, or NOT_TAKEN when the general path must run."""
    ((name, value),) = kwargs.items()
    model = queryset.model
    pk = model._meta.pk
    if name not in ("pk", pk.name) or pk.remote_field is not None or not getattr(pk, "column", None):
        return NOT_TAKEN
    if value is None or hasattr(value, "resolve_expression") or not _plain(queryset):
        return NOT_TAKEN
    db = queryset.db
    connection = connections[db]
    entry = _GET_BY_PK.get((model, db, connection.vendor))
    if entry is None:
        _remember_statement(queryset, kwargs, db, connection)
        return NOT_TAKEN
    sql, attnames, converters = entry
    param = pk.get_db_prep_value(pk.get_prep_value(value), connection, prepared=True)
    if isinstance(param, int) and _outside_column_range(pk, param, connection):
        return _does_not_exist(model)  # as the general path's exact lookup: nothing can match
    with connection.cursor() as cursor:
        cursor.execute(sql, (param,))
        rows = cursor.fetchall()
    if len(rows) != 1:
        return NOT_TAKEN if rows else _does_not_exist(model)
    row = rows[0]
    if converters:
        row = list(row)
        for pos, (convs, expression) in converters:
            value = row[pos]
            for converter in convs:
                value = converter(value, expression, connection)
            row[pos] = value
    return model._row_builder(db, attnames)(row)


def _outside_column_range(pk: Any, value: int, connection: Any) -> bool:
    low, high = connection.ops.integer_field_ranges.get(pk.get_internal_type(), (None, None))
    return (low is not None and value < low) or (high is not None and value > high)


def _does_not_exist(model: Any) -> Any:
    raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")


def _remember_statement(queryset: Any, kwargs: dict, db: str, connection: Any) -> None:
    """Compile ``get(pk=...)``'s query the general way and keep it when its only parameter is the key."""
    from django.db.models.query import MAX_GET_RESULTS

    clone = queryset.filter(**kwargs).order_by()
    clone.query.set_limits(high=MAX_GET_RESULTS)
    compiler = clone.query.get_compiler(using=db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # e.g. a key outside the column's range: the general path answers
        return
    if len(params) != 1 or compiler.klass_info is None or compiler.annotation_col_map:
        return
    klass_info = compiler.klass_info
    if klass_info.get("related_klass_infos") or compiler.has_extra_select:
        return
    select = compiler.select[: compiler.col_count]
    attnames = tuple(item[0].target.attname for item in select)
    converters = tuple(compiler.get_converters([item[0] for item in select]).items())
    _GET_BY_PK[(queryset.model, db, connection.vendor)] = (sql, attnames, converters)
