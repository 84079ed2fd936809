"""QuerySet: the lazy, chainable, public face of a Query.

Every method that returns a QuerySet clones (cheaply: see Query.clone); the
ones that run SQL hand the Query to a compiler. The async ``a*`` methods are
derived from the sync ones at the bottom of this module.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from asgiref.sync import sync_to_async

import django
from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections, router
from django.db.models import query_writes, sql
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import F
from django.db.models.query_fastpaths import NOT_TAKEN, get_by_pk
from django.db.models.query_iterables import (
    BaseIterable,
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    RawModelIterable,
    RelatedPopulator,
    ResultCacheMixin,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.query_prefetch import (
    Prefetch,
    aprefetch_related_objects,
    get_prefetcher,
    normalize_prefetch_lookups,
    prefetch_one_level,
    prefetch_related_objects,
)
from django.db.models.query_raw import RawQuerySet
from django.db.models.query_utils import FilteredRelation, Q
from django.db.models.sql.constants import ROW_COUNT
from django.db.models.utils import AltersData

__all__ = [
    "QuerySet",
    "EmptyQuerySet",
    "RawQuerySet",
    "Prefetch",
    "prefetch_related_objects",
    "aprefetch_related_objects",
    "get_prefetcher",
    "prefetch_one_level",
    "normalize_prefetch_lookups",
    "BaseIterable",
    "ModelIterable",
    "RawModelIterable",
    "ValuesIterable",
    "ValuesListIterable",
    "NamedValuesListIterable",
    "FlatValuesListIterable",
    "RelatedPopulator",
    "get_related_populators",
]

# The maximum number of results to fetch in a get() query.
MAX_GET_RESULTS = 21
# The maximum number of items to display in a QuerySet.__repr__
REPR_OUTPUT_SIZE = 20
DJANGO_VERSION_PICKLE_KEY = "_django_version"


def _partition(predicate, values):
    falsy: list = []
    truthy: list = []
    for value in values:
        (truthy if predicate(value) else falsy).append(value)
    return falsy, truthy


class QuerySet(ResultCacheMixin, AltersData):
    """Represent a lazy database lookup for a set of objects."""

    def __init__(self, model=None, query=None, using=None, hints=None):
        self.model = model
        self._db = using
        self._hints = hints or {}
        self._query = query or sql.Query(self.model)
        self._result_cache = None
        self._sticky_filter = False
        self._for_write = False
        self._prefetch_related_lookups = ()
        self._prefetch_done = False
        self._known_related_objects = {}  # {rel_field: {pk: rel_obj}}
        self._iterable_class: type[BaseIterable] = ModelIterable
        self._fields = None
        self._defer_next_filter = False
        self._deferred_filter = None

    @property
    def query(self):
        if self._deferred_filter:
            negate, args, kwargs = self._deferred_filter
            self._filter_or_exclude_inplace(negate, args, kwargs)
            self._deferred_filter = None
        return self._query

    @query.setter
    def query(self, value):
        if value.values_select:
            self._iterable_class = ValuesIterable
        self._query = value

    def as_manager(cls):
        from django.db.models.manager import Manager

        manager = Manager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True  # type: ignore[attr-defined]  # flag attribute on a function
    as_manager = classmethod(as_manager)  # type: ignore[assignment, arg-type]  # wrapped after flagging

    # ----- Python protocols ------------------------------------------------------------

    def __deepcopy__(self, memo):
        obj = self.__class__()
        for key, value in self.__dict__.items():
            obj.__dict__[key] = None if key == "_result_cache" else copy.deepcopy(value, memo)
        return obj

    def __getstate__(self):
        # Pickling a QuerySet pickles its results.
        self._fetch_all()
        return {**self.__dict__, DJANGO_VERSION_PICKLE_KEY: django.__version__}

    def __setstate__(self, state):
        pickled_version = state.get(DJANGO_VERSION_PICKLE_KEY)
        if pickled_version != django.__version__:
            warnings.warn(
                f"Pickled queryset instance's Django version {pickled_version} does not match the "
                f"current version {django.__version__}.",
                RuntimeWarning,
                stacklevel=2,
            )
        state.pop(DJANGO_VERSION_PICKLE_KEY, None)
        self.__dict__.update(state)

    def __repr__(self):
        data = list(self[: REPR_OUTPUT_SIZE + 1])
        if len(data) > REPR_OUTPUT_SIZE:
            data[-1] = "...(remaining elements truncated)..."
        return f"<{self.__class__.__name__} {data!r}>"

    def __getitem__(self, k):
        """Index or slice: a slice stays lazy (LIMIT/OFFSET), an index runs the query."""
        if not isinstance(k, (int, slice)):
            raise TypeError(f"QuerySet indices must be integers or slices, not {type(k).__name__}.")
        if (isinstance(k, int) and k < 0) or (
            isinstance(k, slice)
            and ((k.start is not None and k.start < 0) or (k.stop is not None and k.stop < 0))
        ):
            raise ValueError("Negative indexing is not supported.")
        if self._result_cache is not None:
            return self._result_cache[k]
        if isinstance(k, slice):
            qs = self._chain()
            start = int(k.start) if k.start is not None else None
            stop = int(k.stop) if k.stop is not None else None
            qs.query.set_limits(start, stop)
            return list(qs)[:: k.step] if k.step else qs
        qs = self._chain()
        qs.query.set_limits(k, k + 1)
        qs._fetch_all()
        return qs._result_cache[0]

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def __and__(self, other):
        self._check_operator_queryset(other, "&")
        self._merge_sanity_check(other)
        if isinstance(other, EmptyQuerySet):
            return other
        if isinstance(self, EmptyQuerySet):
            return self
        combined = self._chain()
        combined._merge_known_related_objects(other)
        combined.query.combine(other.query, sql.AND)
        return combined

    def _combine_or_xor(self, other, operator_symbol: str, connector: str):
        self._check_operator_queryset(other, operator_symbol)
        self._merge_sanity_check(other)
        if isinstance(self, EmptyQuerySet):
            return other
        if isinstance(other, EmptyQuerySet):
            return self
        query = self if self.query.can_filter() else self.model._base_manager.filter(pk__in=self.values("pk"))
        combined = query._chain()
        combined._merge_known_related_objects(other)
        if not other.query.can_filter():
            other = other.model._base_manager.filter(pk__in=other.values("pk"))
        combined.query.combine(other.query, connector)
        return combined

    def __or__(self, other):
        return self._combine_or_xor(other, "|", sql.OR)

    def __xor__(self, other):
        return self._combine_or_xor(other, "^", sql.XOR)

    # ----- methods that do database queries ------------------------------------------

    def _iterator(self, use_chunked_fetch, chunk_size):
        iterable = self._iterable_class(self, chunked_fetch=use_chunked_fetch, chunk_size=chunk_size or 2000)
        if not self._prefetch_related_lookups or chunk_size is None:
            yield from iterable
            return
        iterator = iter(iterable)
        while results := list(islice(iterator, chunk_size)):
            prefetch_related_objects(results, *self._prefetch_related_lookups)
            yield from results

    def iterator(self, chunk_size=None) -> Iterator[Any]:
        """Stream results without caching them (server-side cursors where available)."""
        if chunk_size is None:
            if self._prefetch_related_lookups:
                raise ValueError(
                    "chunk_size must be provided when using QuerySet.iterator() after prefetch_related()."
                )
        elif chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        use_chunked_fetch = not connections[self.db].settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
        return self._iterator(use_chunked_fetch, chunk_size)

    async def aiterator(self, chunk_size=2000):
        if chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        use_chunked_fetch = not connections[self.db].settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
        iterable = self._iterable_class(self, chunked_fetch=use_chunked_fetch, chunk_size=chunk_size)
        if self._prefetch_related_lookups:
            results = []
            async for item in iterable:
                results.append(item)
                if len(results) >= chunk_size:
                    await aprefetch_related_objects(results, *self._prefetch_related_lookups)
                    for result in results:
                        yield result
                    results.clear()
            if results:
                await aprefetch_related_objects(results, *self._prefetch_related_lookups)
                for result in results:
                    yield result
        else:
            async for item in iterable:
                yield item

    def aggregate(self, *args, **kwargs) -> dict:
        """Return a dict of aggregate values over the QuerySet."""
        if self.query.distinct_fields:
            raise NotImplementedError("aggregate() + distinct(fields) not implemented.")
        self._validate_values_are_expressions((*args, *kwargs.values()), method_name="aggregate")
        for arg in args:
            try:
                kwargs[arg.default_alias] = arg
            except (AttributeError, TypeError):
                raise TypeError("Complex aggregates require an alias")
        return self.query.chain().get_aggregation(self.db, kwargs)

    def count(self) -> int:
        if self._result_cache is not None:
            return len(self._result_cache)
        return self.query.get_count(using=self.db)

    def get(self, *args, **kwargs) -> Any:
        """Return the one object matching the lookups; raise DoesNotExist or MultipleObjectsReturned."""
        if self.query.combinator and (args or kwargs):
            raise NotSupportedError(
                f"Calling QuerySet.get(...) with filters after {self.query.combinator}() is not supported."
            )
        if not args and len(kwargs) == 1 and self._result_cache is None:
            obj = get_by_pk(self, kwargs)
            if obj is not NOT_TAKEN:
                return obj
        clone = self._chain() if self.query.combinator else self.filter(*args, **kwargs)
        if self.query.can_filter() and not self.query.distinct_fields:
            clone = clone.order_by()
        limit = None
        if (
            not clone.query.select_for_update
            or connections[clone.db].features.supports_select_for_update_with_limit
        ):
            limit = MAX_GET_RESULTS
            clone.query.set_limits(high=limit)
        num = len(clone)
        if num == 1:
            return clone._result_cache[0]
        object_name = self.model._meta.object_name
        if not num:
            raise self.model.DoesNotExist(f"{object_name} matching query does not exist.")
        count = num if not limit or num < limit else f"more than {limit - 1}"
        raise self.model.MultipleObjectsReturned(
            f"get() returned more than one {object_name} -- it returned {count}!"
        )

    def create(self, **kwargs) -> Any:
        reverse_one_to_one = frozenset(kwargs).intersection(
            rel.get_accessor_name()
            for rel in self.model._meta.related_objects
            if getattr(rel, "one_to_one", False) and hasattr(rel, "get_accessor_name")
        )
        if reverse_one_to_one:
            raise ValueError(
                "The following fields do not exist in this model: " + ", ".join(sorted(reverse_one_to_one))
            )
        obj = self.model(**kwargs)
        self._for_write = True
        obj.save(force_insert=True, using=self.db)
        return obj

    create.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False, update_conflicts=False,
                    update_fields=None, unique_fields=None):  # fmt: skip
        """Insert objects in batches; set primary keys where the database returns them."""
        return query_writes.bulk_create(
            self, objs, batch_size, ignore_conflicts, update_conflicts, update_fields, unique_fields
        )

    bulk_create.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def bulk_update(self, objs, fields, batch_size=None) -> int:
        """Update the given fields of each object, in batches of one UPDATE ... CASE each."""
        return query_writes.bulk_update(self, objs, fields, batch_size)

    bulk_update.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def get_or_create(self, defaults=None, **kwargs) -> tuple[Any, bool]:
        """Return (object, created), creating it from kwargs + defaults if needed."""
        return query_writes.get_or_create(self, defaults, kwargs)

    get_or_create.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs) -> tuple[Any, bool]:
        """Update the matching object with defaults, or create it with create_defaults."""
        return query_writes.update_or_create(self, defaults, create_defaults, kwargs)

    update_or_create.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def _earliest(self, *fields):
        order_by: Any
        if fields:
            order_by = fields
        else:
            order_by = getattr(self.model._meta, "get_latest_by", None)
            if order_by and not isinstance(order_by, (tuple, list)):
                order_by = (order_by,)
        if order_by is None:
            raise ValueError(
                "earliest() and latest() require either fields as positional arguments or "
                "'get_latest_by' in the model's Meta."
            )
        obj = self._chain()
        obj.query.set_limits(high=1)
        obj.query.clear_ordering(force=True)
        obj.query.add_ordering(*order_by)
        return obj.get()

    def earliest(self, *fields) -> Any:
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self._earliest(*fields)

    def latest(self, *fields) -> Any:
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self.reverse()._earliest(*fields)

    def _check_ordering_first_last_queryset_aggregation(self, method):
        if isinstance(self.query.group_by, tuple) and not any(
            getattr(col, "output_field", None) is self.model._meta.pk for col in self.query.group_by
        ):
            raise TypeError(
                f"Cannot use QuerySet.{method}() on an unordered queryset performing aggregation. "
                "Add an ordering with order_by()."
            )

    def first(self) -> Any:
        if self.ordered:
            queryset = self
        else:
            self._check_ordering_first_last_queryset_aggregation(method="first")
            queryset = self.order_by("pk")
        for obj in queryset[:1]:
            return obj
        return None

    def last(self) -> Any:
        if self.ordered:
            queryset = self.reverse()
        else:
            self._check_ordering_first_last_queryset_aggregation(method="last")
            queryset = self.order_by("-pk")
        for obj in queryset[:1]:
            return obj
        return None

    def in_bulk(self, id_list=None, *, field_name="pk") -> dict:
        """Return {field value: object} for the given values (or all objects)."""
        return query_writes.in_bulk(self, id_list, field_name)

    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete the records (and cascades) through the deletion Collector."""
        self._not_support_combined_queries("delete")
        if self.query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with delete().")
        if self.query.distinct_fields:
            raise TypeError("Cannot call delete() after .distinct(*fields).")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after .values() or .values_list()")
        from django.db.models.deletion import Collector

        del_query = self._chain()
        del_query._for_write = True
        del_query.query.select_for_update = False
        del_query.query.select_related = False
        del_query.query.clear_ordering(force=True)
        collector = Collector(using=del_query.db, origin=self)
        collector.collect(del_query)
        num_deleted, num_deleted_per_model = collector.delete()
        self._result_cache = None
        return num_deleted, num_deleted_per_model

    delete.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function
    delete.queryset_only = True  # type: ignore[attr-defined]  # flag attribute on a function

    def _raw_delete(self, using):
        """Delete without signals or cascades (the collector's fast path)."""
        query = self.query.clone()
        query.__class__ = sql.DeleteQuery
        return query.get_compiler(using).execute_sql(ROW_COUNT)

    _raw_delete.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def update(self, **kwargs) -> int:
        """Update all rows with the given values; return the number of rows matched."""
        return query_writes.update(self, kwargs)

    update.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def _update(self, values):
        """Update with (field, model, value) triples, bypassing field-name lookups (Model.save())."""
        if self.query.is_sliced:
            raise TypeError("Cannot update a query once a slice has been taken.")
        query = self.query.chain(sql.UpdateQuery)
        query.add_update_fields(values)
        query.annotations = {}
        self._result_cache = None
        return query.get_compiler(self.db).execute_sql(ROW_COUNT)

    _update.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function
    _update.queryset_only = False  # type: ignore[attr-defined]  # flag attribute on a function

    def exists(self) -> bool:
        if self._result_cache is None:
            return self.query.has_results(using=self.db)
        return bool(self._result_cache)

    def contains(self, obj) -> bool:
        """Whether ``obj`` (a saved instance) is in the QuerySet."""
        self._not_support_combined_queries("contains")
        if self._fields is not None:
            raise TypeError("Cannot call QuerySet.contains() after .values() or .values_list().")
        try:
            if obj._meta.concrete_model != self.model._meta.concrete_model:
                return False
        except AttributeError:
            raise TypeError("'obj' must be a model instance.")
        if obj.pk is None:
            raise ValueError("QuerySet.contains() cannot be used on unsaved objects.")
        if self._result_cache is not None:
            return obj in self._result_cache
        return self.filter(pk=obj.pk).exists()

    def _prefetch_related_objects(self):
        prefetch_related_objects(self._result_cache, *self._prefetch_related_lookups)
        self._prefetch_done = True

    def explain(self, *, format=None, **options) -> str:
        return self.query.explain(using=self.db, format=format, **options)

    # ----- methods that return a QuerySet ------------------------------------------------

    def raw(self, raw_query, params=(), translations=None, using=None) -> RawQuerySet:
        if using is None:
            using = self.db
        qs = RawQuerySet(raw_query, model=self.model, params=params, translations=translations, using=using)
        qs._prefetch_related_lookups = self._prefetch_related_lookups[:]
        return qs

    def _values(self, *fields, **expressions):
        clone = self._chain()
        if expressions:
            clone = clone.annotate(**expressions)
        clone._fields = fields
        clone.query.set_values(fields)
        return clone

    def values(self, *fields, **expressions) -> QuerySet:
        fields += tuple(expressions)
        clone = self._values(*fields, **expressions)
        clone._iterable_class = ValuesIterable
        return clone

    def values_list(self, *fields, flat=False, named=False) -> QuerySet:
        if flat and named:
            raise TypeError("'flat' and 'named' can't be used together.")
        if flat and len(fields) > 1:
            raise TypeError("'flat' is not valid when values_list is called with more than one field.")
        field_names = {f for f in fields if not hasattr(f, "resolve_expression")}
        names = []
        expressions = {}
        counter = 1
        for field in fields:
            if hasattr(field, "resolve_expression"):
                prefix = getattr(field, "default_alias", field.__class__.__name__.lower())
                while True:
                    field_id = f"{prefix}{counter}"
                    counter += 1
                    if field_id not in field_names:
                        break
                expressions[field_id] = field
                names.append(field_id)
            else:
                names.append(field)
        clone = self._values(*names, **expressions)
        if named:
            clone._iterable_class = NamedValuesListIterable
        elif flat:
            clone._iterable_class = FlatValuesListIterable
        else:
            clone._iterable_class = ValuesListIterable
        return clone

    def dates(self, field_name, kind, order="ASC") -> QuerySet:
        """Distinct dates (truncated to ``kind``) of a date field, as date objects."""
        from django.db.models.fields import DateField
        from django.db.models.functions import Trunc

        if kind not in ("year", "month", "week", "day"):
            raise ValueError("'kind' must be one of 'year', 'month', 'week', or 'day'.")
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        return (
            self.annotate(
                datefield=Trunc(field_name, kind, output_field=DateField()), plain_field=F(field_name)
            )
            .values_list("datefield", flat=True)
            .distinct()
            .filter(plain_field__isnull=False)
            .order_by(("-" if order == "DESC" else "") + "datefield")
        )

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None) -> QuerySet:
        """Distinct datetimes (truncated to ``kind``) of a datetime field."""
        from django.conf import settings
        from django.db.models.fields import DateTimeField
        from django.db.models.functions import Trunc
        from django.utils import timezone

        if kind not in ("year", "month", "week", "day", "hour", "minute", "second"):
            raise ValueError(
                "'kind' must be one of 'year', 'month', 'week', 'day', 'hour', 'minute', or 'second'."
            )
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        if settings.USE_TZ:
            if tzinfo is None:
                tzinfo = timezone.get_current_timezone()
        else:
            tzinfo = None
        return (
            self.annotate(
                datetimefield=Trunc(field_name, kind, output_field=DateTimeField(), tzinfo=tzinfo),
                plain_field=F(field_name),
            )
            .values_list("datetimefield", flat=True)
            .distinct()
            .filter(plain_field__isnull=False)
            .order_by(("-" if order == "DESC" else "") + "datetimefield")
        )

    def none(self) -> QuerySet:
        clone = self._chain()
        clone.query.set_empty()
        return clone

    def all(self) -> QuerySet:
        return self._chain()

    def filter(self, *args, **kwargs) -> QuerySet:
        self._not_support_combined_queries("filter")
        return self._filter_or_exclude(False, args, kwargs)

    def exclude(self, *args, **kwargs) -> QuerySet:
        self._not_support_combined_queries("exclude")
        return self._filter_or_exclude(True, args, kwargs)

    def _filter_or_exclude(self, negate, args, kwargs):
        if (args or kwargs) and self.query.is_sliced:
            raise TypeError("Cannot filter a query once a slice has been taken.")
        clone = self._chain()
        if self._defer_next_filter:
            self._defer_next_filter = False
            clone._deferred_filter = negate, args, kwargs
        else:
            clone._filter_or_exclude_inplace(negate, args, kwargs)
        return clone

    def _filter_or_exclude_inplace(self, negate, args, kwargs):
        if negate:
            self._query.add_q(~Q(*args, **kwargs))
        else:
            self._query.add_q(Q(*args, **kwargs))

    def complex_filter(self, filter_obj) -> QuerySet:
        if isinstance(filter_obj, Q):
            clone = self._chain()
            clone.query.add_q(filter_obj)
            return clone
        return self._filter_or_exclude(False, args=(), kwargs=filter_obj)

    def _combinator_query(self, combinator, *other_qs, all=False):
        clone = self._chain()
        clone.query.clear_ordering(force=True)
        clone.query.clear_limits()
        clone.query.combined_queries = (self.query, *(qs.query for qs in other_qs))
        clone.query.combinator = combinator
        clone.query.combinator_all = all
        return clone

    def union(self, *other_qs, all=False) -> QuerySet:
        if isinstance(self, EmptyQuerySet):
            others = [q for q in other_qs if not isinstance(q, EmptyQuerySet)]
            if not others:
                return self
            if len(others) == 1:
                return others[0]
            return others[0]._combinator_query("union", *others[1:], all=all)
        return self._combinator_query("union", *other_qs, all=all)

    def intersection(self, *other_qs: QuerySet) -> QuerySet:
        if isinstance(self, EmptyQuerySet):
            return self
        for other in other_qs:
            if isinstance(other, EmptyQuerySet):
                return other
        return self._combinator_query("intersection", *other_qs)

    def difference(self, *other_qs) -> QuerySet:
        if isinstance(self, EmptyQuerySet):
            return self
        return self._combinator_query("difference", *other_qs)

    def select_for_update(self, nowait=False, skip_locked=False, of=(), no_key=False) -> QuerySet:
        if nowait and skip_locked:
            raise ValueError("The nowait option cannot be used with skip_locked.")
        obj = self._chain()
        obj._for_write = True
        obj.query.select_for_update = True
        obj.query.select_for_update_nowait = nowait
        obj.query.select_for_update_skip_locked = skip_locked
        obj.query.select_for_update_of = tuple(of)
        obj.query.select_for_no_key_update = no_key
        return obj

    def select_related(self, *fields) -> QuerySet:
        self._not_support_combined_queries("select_related")
        if self._fields is not None:
            raise TypeError("Cannot call select_related() after .values() or .values_list()")
        obj = self._chain()
        if fields == (None,):
            obj.query.select_related = False
        elif fields:
            obj.query.add_select_related(fields)
        else:
            obj.query.select_related = True
        return obj

    def prefetch_related(self, *lookups) -> QuerySet:
        self._not_support_combined_queries("prefetch_related")
        clone = self._chain()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
            return clone
        for lookup in lookups:
            name = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
            if name.split(LOOKUP_SEP, 1)[0] in self.query._filtered_relations:
                raise ValueError("prefetch_related() is not supported with FilteredRelation.")
        clone._prefetch_related_lookups = clone._prefetch_related_lookups + lookups
        return clone

    def annotate(self, *args, **kwargs) -> QuerySet:
        self._not_support_combined_queries("annotate")
        return self._annotate(args, kwargs, select=True)

    def alias(self, *args, **kwargs) -> QuerySet:
        self._not_support_combined_queries("alias")
        return self._annotate(args, kwargs, select=False)

    def _annotate(self, args, kwargs, select=True):
        self._validate_values_are_expressions(args + tuple(kwargs.values()), method_name="annotate")
        annotations = {}
        for arg in args:
            try:
                if arg.default_alias in kwargs:
                    raise ValueError(
                        f"The named annotation '{arg.default_alias}' conflicts with the default name for "
                        "another annotation."
                    )
            except (AttributeError, TypeError):
                raise TypeError("Complex annotations require an alias")
            annotations[arg.default_alias] = arg
        annotations.update(kwargs)
        clone = self._chain()
        names = self._fields
        if names is None:
            names = set(
                chain.from_iterable(
                    (field.name, field.attname) if hasattr(field, "attname") else (field.name,)
                    for field in self.model._meta.get_fields()
                )
            )
        for alias, annotation in annotations.items():
            if alias in names:
                raise ValueError(f"The annotation '{alias}' conflicts with a field on the model.")
            if isinstance(annotation, FilteredRelation):
                clone.query.add_filtered_relation(annotation, alias)
            else:
                clone.query.add_annotation(annotation, alias, select=select)
        for alias, annotation in clone.query.annotations.items():
            if alias in annotations and annotation.contains_aggregate:
                if clone._fields is None:
                    clone.query.group_by = True
                else:
                    clone.query.set_group_by()
                break
        return clone

    def order_by(self, *field_names) -> QuerySet:
        if self.query.is_sliced:
            raise TypeError("Cannot reorder a query once a slice has been taken.")
        obj = self._chain()
        obj.query.clear_ordering(force=True, clear_default=False)
        obj.query.add_ordering(*field_names)
        return obj

    def distinct(self, *field_names) -> QuerySet:
        self._not_support_combined_queries("distinct")
        if self.query.is_sliced:
            raise TypeError("Cannot create distinct fields once a slice has been taken.")
        obj = self._chain()
        obj.query.add_distinct_fields(*field_names)
        return obj

    def extra(
        self, select=None, where=None, params=None, tables=None, order_by=None, select_params=None
    ) -> QuerySet:
        self._not_support_combined_queries("extra")
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        clone = self._chain()
        clone.query.add_extra(select, select_params, where, params, tables, order_by)
        return clone

    def reverse(self) -> QuerySet:
        if self.query.is_sliced:
            raise TypeError("Cannot reverse a query once a slice has been taken.")
        clone = self._chain()
        clone.query.standard_ordering = not clone.query.standard_ordering
        return clone

    def defer(self, *fields) -> QuerySet:
        self._not_support_combined_queries("defer")
        if self._fields is not None:
            raise TypeError("Cannot call defer() after .values() or .values_list()")
        clone = self._chain()
        if fields == (None,):
            clone.query.clear_deferred_loading()
        else:
            clone.query.add_deferred_loading(fields)
        return clone

    def only(self, *fields) -> QuerySet:
        self._not_support_combined_queries("only")
        if self._fields is not None:
            raise TypeError("Cannot call only() after .values() or .values_list()")
        if fields == (None,):
            raise TypeError("Cannot pass None as an argument to only().")
        for field in fields:
            if field.split(LOOKUP_SEP, 1)[0] in self.query._filtered_relations:
                raise ValueError("only() is not supported with FilteredRelation.")
        clone = self._chain()
        clone.query.add_immediate_loading(fields)
        return clone

    def using(self, alias) -> QuerySet:
        clone = self._chain()
        clone._db = alias
        return clone

    # ----- public introspection ---------------------------------------------------------

    @property
    def ordered(self) -> bool:
        """Whether the results come in a defined order (order_by() or Meta.ordering)."""
        if isinstance(self, EmptyQuerySet):
            return True
        if self.query.extra_order_by or self.query.order_by:
            return True
        meta = self.query.get_meta()
        return bool(
            self.query.default_ordering and meta is not None and meta.ordering and not self.query.group_by
        )

    @property
    def db(self):
        if self._for_write:
            return self._db or router.db_for_write(self.model, **self._hints)
        return self._db or router.db_for_read(self.model, **self._hints)

    # ----- private helpers ------------------------------------------------------------------

    def _insert(self, objs, fields, returning_fields=None, raw=False, using=None, on_conflict=None,
                update_fields=None, unique_fields=None):  # fmt: skip
        """Insert objects (Model.save() and bulk_create() go through here)."""
        self._for_write = True
        if using is None:
            using = self.db
        query = sql.InsertQuery(
            self.model, on_conflict=on_conflict, update_fields=update_fields, unique_fields=unique_fields
        )
        query.insert_values(fields, objs, raw=raw)
        return query.get_compiler(using=using).execute_sql(returning_fields)

    _insert.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function
    _insert.queryset_only = False  # type: ignore[attr-defined]  # flag attribute on a function

    def _chain(self):
        """A copy ready for the next operation (keeps a sticky filter for related managers)."""
        obj = self._clone()
        if obj._sticky_filter:
            obj.query.filter_is_sticky = True
            obj._sticky_filter = False
        return obj

    def _clone(self):
        c = self.__class__(model=self.model, query=self.query.chain(), using=self._db, hints=self._hints)
        c._sticky_filter = self._sticky_filter
        c._for_write = self._for_write
        c._prefetch_related_lookups = self._prefetch_related_lookups[:]
        c._known_related_objects = self._known_related_objects
        c._iterable_class = self._iterable_class
        c._fields = self._fields
        return c

    def _fetch_all(self):
        if self._result_cache is None:
            self._result_cache = list(self._iterable_class(self))
        if self._prefetch_related_lookups and not self._prefetch_done:
            self._prefetch_related_objects()

    def _next_is_sticky(self):
        """The next filter() reuses this one's multi-valued joins (related managers)."""
        self._sticky_filter = True
        return self

    def _merge_sanity_check(self, other):
        if self._fields is not None and (
            set(self.query.values_select) != set(other.query.values_select)
            or set(self.query.extra_select) != set(other.query.extra_select)
            or set(self.query.annotation_select) != set(other.query.annotation_select)
        ):
            raise TypeError(
                f"Merging '{self.__class__.__name__}' classes must involve the same values in each case."
            )

    def _merge_known_related_objects(self, other):
        for field, objects in other._known_related_objects.items():
            self._known_related_objects.setdefault(field, {}).update(objects)

    def resolve_expression(self, *args, **kwargs):
        if self._fields and len(self._fields) > 1:
            # values() with several fields cannot be compared with one column.
            raise TypeError("Cannot use multi-field values as a filter value.")
        query = self.query.resolve_expression(*args, **kwargs)
        query._db = self._db
        return query

    resolve_expression.queryset_only = True  # type: ignore[attr-defined]  # flag attribute on a function

    def _add_hints(self, **hints):
        self._hints.update(hints)

    def _has_filters(self):
        return bool(self.query.where)

    @staticmethod
    def _validate_values_are_expressions(values, method_name):
        invalid = sorted(str(arg) for arg in values if not hasattr(arg, "resolve_expression"))
        if invalid:
            raise TypeError(f"QuerySet.{method_name}() received non-expression(s): {', '.join(invalid)}.")

    def _not_support_combined_queries(self, operation_name):
        if self.query.combinator:
            raise NotSupportedError(
                f"Calling QuerySet.{operation_name}() after {self.query.combinator}() is not supported."
            )

    def _check_operator_queryset(self, other, operator_):
        if self.query.combinator or other.query.combinator:
            raise TypeError(f"Cannot use {operator_} operator with combined queryset.")


def _derive_async(name: str):
    sync_method = getattr(QuerySet, name)

    async def method(self, *args, **kwargs):
        return await sync_to_async(getattr(self, name))(*args, **kwargs)

    method.__name__ = method.__qualname__ = f"a{name}"
    method.__doc__ = f"Async version of {name}()."
    if getattr(sync_method, "alters_data", False):
        method.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function
    if getattr(sync_method, "queryset_only", None) is not None:
        method.queryset_only = sync_method.queryset_only  # type: ignore[attr-defined]  # flag attribute on a function
    return method


# The async API: each a<name>() runs the sync method in a worker thread.
for _name in (
    "aggregate", "count", "get", "create", "bulk_create", "bulk_update", "get_or_create",
    "update_or_create", "earliest", "latest", "first", "last", "in_bulk", "delete", "update",
    "exists", "contains", "explain",
):  # fmt: skip
    setattr(QuerySet, f"a{_name}", _derive_async(_name))
del _name


class InstanceCheckMeta(type):
    def __instancecheck__(self, instance):
        return isinstance(instance, QuerySet) and instance.query.is_empty()


class EmptyQuerySet(metaclass=InstanceCheckMeta):
    """Marker class: ``isinstance(qs.none(), EmptyQuerySet)`` is True."""

    def __init__(self, *args, **kwargs):
        raise TypeError("EmptyQuerySet can't be instantiated")


__all__ += ["DEFAULT_DB_ALIAS", "MAX_GET_RESULTS", "REPR_OUTPUT_SIZE", "InstanceCheckMeta"]
