"""prefetch_related(): one extra query per relation, joined up in Python.

Import these from django.db.models.query (or django.db.models).
"""

from __future__ import annotations

import copy

from asgiref.sync import sync_to_async

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import cached_property


class Prefetch:
    """A prefetch_related() lookup with an optional custom queryset and target attribute."""

    def __init__(self, lookup: str, queryset=None, to_attr: str | None = None):
        from django.db.models.query import RawQuerySet
        from django.db.models.query_iterables import ModelIterable

        # Where to traverse, and where to store the result (differs with to_attr).
        self.prefetch_through = lookup
        self.prefetch_to = lookup
        if queryset is not None and (
            isinstance(queryset, RawQuerySet)
            or (
                hasattr(queryset, "_iterable_class")
                and not issubclass(queryset._iterable_class, ModelIterable)
            )
        ):
            raise ValueError("Prefetch querysets cannot use raw(), values(), and values_list().")
        if to_attr:
            self.prefetch_to = LOOKUP_SEP.join([*lookup.split(LOOKUP_SEP)[:-1], to_attr])
        self.queryset = queryset
        self.to_attr = to_attr

    def __getstate__(self):
        state = self.__dict__.copy()
        if self.queryset is not None:
            queryset = self.queryset._chain()
            # Pickle the queryset, not its results.
            queryset._result_cache = []
            queryset._prefetch_done = True
            state["queryset"] = queryset
        return state

    def add_prefix(self, prefix: str) -> None:
        self.prefetch_through = f"{prefix}{LOOKUP_SEP}{self.prefetch_through}"
        self.prefetch_to = f"{prefix}{LOOKUP_SEP}{self.prefetch_to}"

    def get_current_prefetch_to(self, level: int) -> str:
        return LOOKUP_SEP.join(self.prefetch_to.split(LOOKUP_SEP)[: level + 1])

    def get_current_to_attr(self, level: int) -> tuple[str, bool]:
        parts = self.prefetch_to.split(LOOKUP_SEP)
        to_attr = parts[level]
        as_attr = bool(self.to_attr) and level == len(parts) - 1
        return to_attr, as_attr

    def get_current_querysets(self, level: int):
        if self.get_current_prefetch_to(level) == self.prefetch_to and self.queryset is not None:
            return [self.queryset]
        return None

    def __eq__(self, other):
        if not isinstance(other, Prefetch):
            return NotImplemented
        return self.prefetch_to == other.prefetch_to

    def __hash__(self):
        return hash((self.__class__, self.prefetch_to))

    def __repr__(self):
        return f"<Prefetch: {self.prefetch_to}>"


def normalize_prefetch_lookups(lookups, prefix: str | None = None) -> list[Prefetch]:
    """Turn strings into Prefetch objects, adding ``prefix`` to each."""
    result = []
    for lookup in lookups:
        if not isinstance(lookup, Prefetch):
            lookup = Prefetch(lookup)
        if prefix:
            lookup.add_prefix(prefix)
        result.append(lookup)
    return result


def _objects_at(obj_list, through_attr: str) -> list:
    """Follow an already-fetched attribute on every object."""
    found = []
    for obj in obj_list:
        if through_attr in getattr(obj, "_prefetched_objects_cache", ()):
            value = list(obj._prefetched_objects_cache.get(through_attr))
        else:
            try:
                value = getattr(obj, through_attr)
            except ObjectDoesNotExist:
                continue
        if value is None:
            continue
        if isinstance(value, list):
            found.extend(value)
        else:
            found.append(value)
    return found


def _ensure_caches(obj_list) -> bool:
    for obj in obj_list:
        if not hasattr(obj, "_prefetched_objects_cache"):
            try:
                obj._prefetched_objects_cache = {}
            except (AttributeError, TypeError):
                # Not a model instance (e.g. a values() dict): cannot prefetch onto it.
                return False
    return True


def prefetch_related_objects(model_instances, *related_lookups) -> None:
    """Populate prefetched relations on a list of instances of one model."""
    if not model_instances:
        return
    done_queries: dict[str, list] = {}
    auto_lookups: set = set()
    followed_descriptors: set = set()
    all_lookups = normalize_prefetch_lookups(reversed(related_lookups))
    while all_lookups:
        lookup = all_lookups.pop()
        if lookup.prefetch_to in done_queries:
            if lookup.queryset is not None:
                raise ValueError(
                    f"'{lookup.prefetch_to}' lookup was already seen with a different queryset. You may "
                    "need to adjust the ordering of your lookups."
                )
            continue
        obj_list = model_instances
        through_attrs = lookup.prefetch_through.split(LOOKUP_SEP)
        for level, through_attr in enumerate(through_attrs):
            if not obj_list:
                break
            prefetch_to = lookup.get_current_prefetch_to(level)
            if prefetch_to in done_queries:
                obj_list = done_queries[prefetch_to]
                continue
            if not _ensure_caches(obj_list):
                break
            first_obj = obj_list[0]
            to_attr = lookup.get_current_to_attr(level)[0]
            prefetcher, descriptor, attr_found, is_fetched = get_prefetcher(first_obj, through_attr, to_attr)
            if not attr_found:
                raise AttributeError(
                    f"Cannot find '{through_attr}' on {first_obj.__class__.__name__} object, "
                    f"'{lookup.prefetch_through}' is an invalid parameter to prefetch_related()"
                )
            if level == len(through_attrs) - 1 and prefetcher is None:
                raise ValueError(
                    f"'{lookup.prefetch_through}' does not resolve to an item that supports prefetching - "
                    "this is an invalid parameter to prefetch_related()."
                )
            obj_to_fetch = (
                [obj for obj in obj_list if not is_fetched(obj)] if prefetcher is not None else None
            )
            if obj_to_fetch:
                obj_list, additional_lookups = prefetch_one_level(obj_to_fetch, prefetcher, lookup, level)
                if not (
                    prefetch_to in done_queries
                    and lookup in auto_lookups
                    and descriptor in followed_descriptors
                ):
                    done_queries[prefetch_to] = obj_list
                    new_lookups = normalize_prefetch_lookups(reversed(additional_lookups), prefetch_to)
                    auto_lookups.update(new_lookups)
                    all_lookups.extend(new_lookups)
                followed_descriptors.add(descriptor)
            else:
                obj_list = _objects_at(obj_list, through_attr)


async def aprefetch_related_objects(model_instances, *related_lookups) -> None:
    return await sync_to_async(prefetch_related_objects)(model_instances, *related_lookups)


def _attr_fetched_check(model, to_attr: str):
    # hasattr() would compute a cached_property; look in __dict__ instead.
    if isinstance(getattr(model, to_attr, None), cached_property):
        return lambda instance: to_attr in instance.__dict__
    return lambda instance: hasattr(instance, to_attr)


def get_prefetcher(instance, through_attr: str, to_attr: str):
    """Return (prefetcher, descriptor, attribute found, is_fetched(obj) callable)."""
    prefetcher = None
    is_fetched = _attr_fetched_check(instance.__class__, to_attr)
    # Look on the class first: reading a single related object on the instance runs a query.
    descriptor = getattr(instance.__class__, through_attr, None)
    if descriptor is None:
        return None, None, hasattr(instance, through_attr), is_fetched
    if hasattr(descriptor, "get_prefetch_querysets") or hasattr(descriptor, "get_prefetch_queryset"):
        prefetcher = descriptor
        if through_attr == to_attr and hasattr(descriptor, "is_cached"):
            is_fetched = descriptor.is_cached
        return prefetcher, descriptor, True, is_fetched
    related = getattr(instance, through_attr)
    if hasattr(related, "get_prefetch_querysets") or hasattr(related, "get_prefetch_queryset"):
        prefetcher = related
    if through_attr == to_attr:
        is_fetched = lambda obj: through_attr in obj._prefetched_objects_cache  # noqa: E731
    return prefetcher, descriptor, True, is_fetched


def _prefetch_querysets(prefetcher, instances, querysets):
    if hasattr(prefetcher, "get_prefetch_querysets"):
        return prefetcher.get_prefetch_querysets(instances, querysets)
    return prefetcher.get_prefetch_queryset(instances, querysets[0] if querysets else None)


def _check_to_attr(instances, to_attr: str) -> None:
    model = instances[0].__class__
    try:
        model._meta.get_field(to_attr)
    except FieldDoesNotExist:
        return
    raise ValueError(f"to_attr={to_attr} conflicts with a field on the {model.__name__} model.")


def prefetch_one_level(instances, prefetcher, lookup: Prefetch, level: int):
    """Run one prefetch query and attach its results; return (objects, nested lookups)."""
    rel_qs, rel_obj_attr, instance_attr, single, cache_name, is_descriptor = _prefetch_querysets(
        prefetcher, instances, lookup.get_current_querysets(level)
    )
    # Nested prefetch_related() on the related queryset is merged into this run.
    additional_lookups = [copy.copy(extra) for extra in getattr(rel_qs, "_prefetch_related_lookups", ())]
    if additional_lookups:
        rel_qs._prefetch_related_lookups = ()
    all_related_objects = list(rel_qs)
    rel_obj_cache: dict = {}
    for rel_obj in all_related_objects:
        rel_obj_cache.setdefault(rel_obj_attr(rel_obj), []).append(rel_obj)
    to_attr, as_attr = lookup.get_current_to_attr(level)
    if as_attr and instances:
        _check_to_attr(instances, to_attr)
    leaf = len(lookup.prefetch_through.split(LOOKUP_SEP)) - 1 == level
    for obj in instances:
        vals = rel_obj_cache.get(instance_attr(obj), [])
        if single:
            val = vals[0] if vals else None
            if as_attr:
                setattr(obj, to_attr, val)
            elif is_descriptor:
                setattr(obj, cache_name, val)
            else:
                obj._state.fields_cache[cache_name] = val
        elif as_attr:
            setattr(obj, to_attr, vals)
        else:
            manager = getattr(obj, to_attr)
            if leaf and lookup.queryset is not None:
                qs = manager._apply_rel_filters(lookup.queryset)
            else:
                qs = manager.get_queryset()
            qs._result_cache = vals
            # Its own prefetches were merged into this run.
            qs._prefetch_done = True
            obj._prefetched_objects_cache[cache_name] = qs
    return all_related_objects, additional_lookups
