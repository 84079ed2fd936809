"""Small building blocks of the query layer that fields and models also need.

Q objects, the lookup registry mixin, the deferred-field descriptor, PathInfo and
FilteredRelation live here because fields import them and must not pull in the
whole QuerySet machinery.
"""

from __future__ import annotations

import functools
import inspect
from collections import namedtuple
from typing import Any

from django.core.exceptions import FieldError
from django.db.models.constants import LOOKUP_SEP
from django.utils import tree

# One hop of a relation path: the join between from_opts and to_opts.
PathInfo = namedtuple(
    "PathInfo",
    "from_opts to_opts target_fields join_field m2m direct filtered_relation",
)


def subclasses(cls: type[Any]):
    yield cls
    for subclass in cls.__subclasses__():
        yield from subclasses(subclass)


class Q(tree.Node):
    """A filter condition: keyword lookups and expressions joined by AND/OR/XOR."""

    AND = "AND"
    OR = "OR"
    XOR = "XOR"
    default = AND
    conditional = True

    def __init__(self, *args: Any, _connector: Any = None, _negated: Any = False, **kwargs: Any):
        super().__init__(
            children=[*args, *sorted(kwargs.items())],
            connector=_connector,
            negated=_negated,
        )

    def _combine(self, other: Any, conn: str) -> Q:
        if getattr(other, "conditional", False) is False:
            raise TypeError(other)
        if not self:
            return other.copy()
        if not other and isinstance(other, Q):
            return self.copy()
        combined = self.create(connector=conn)
        combined.add(self, conn)
        combined.add(other, conn)
        return combined

    def __or__(self, other: Any) -> Q:
        return self._combine(other, self.OR)

    def __and__(self, other: Any) -> Q:
        return self._combine(other, self.AND)

    def __xor__(self, other: Any) -> Q:
        return self._combine(other, self.XOR)

    def __invert__(self) -> Q:
        inverted = self.copy()
        inverted.negate()
        return inverted

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        # Only Query knows how to turn keyword lookups into a where clause.
        clause, joins = query._add_q(
            self,
            reuse,
            allow_joins=allow_joins,
            split_subq=False,
            check_filterable=False,
            summarize=summarize,
        )
        query.promote_joins(joins)
        return clause

    def flatten(self):
        """Yield this Q, its nested Qs, and every expression found in them."""
        yield self
        for child in self.children:
            if isinstance(child, tuple):
                child = child[1]
            if hasattr(child, "flatten"):
                yield from child.flatten()
            else:
                yield child

    def check(self, against: dict, using: str = "default") -> bool:
        """Evaluate this condition in the database against a mapping of field values.

        A NULL (unknown) result passes, like a database CHECK constraint. A database
        error is logged and counts as passing: the database will have the last word.
        """
        import logging

        from django.db import DatabaseError
        from django.db.models import BooleanField, Value
        from django.db.models.functions import Coalesce
        from django.db.models.sql import Query
        from django.db.models.sql.constants import SINGLE

        query = Query(None)
        for name, value in against.items():
            if not hasattr(value, "resolve_expression"):
                value = Value(value)
            query.add_annotation(value, name, select=False)
        query.add_annotation(Value(1), "_check")
        query.add_q(Q(Coalesce(self, True, output_field=BooleanField())))
        try:
            return query.get_compiler(using=using).execute_sql(SINGLE) is not None
        except DatabaseError as exc:
            logging.getLogger("django.db.models").warning(
                "Got a database error calling check() on %r: %s", self, exc
            )
            return True

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path = f"{self.__class__.__module__}.{self.__class__.__name__}"
        if path.startswith("django.db.models.query_utils"):
            path = path.replace("django.db.models.query_utils", "django.db.models")
        args = tuple(self.children)
        kwargs: dict[str, Any] = {}
        if self.connector != self.default:
            kwargs["_connector"] = self.connector
        if self.negated:
            kwargs["_negated"] = True
        return path, args, kwargs

    @property
    def identity(self) -> tuple:
        parts: list[Any] = [self.__class__, self.connector, self.negated]
        for child in self.children:
            if isinstance(child, tuple):
                key, value = child
                parts.append((key, _make_hashable(value)))
            else:
                parts.append(child)
        return tuple(parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Q):
            return NotImplemented
        return other.identity == self.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    @functools.cached_property
    def referenced_base_fields(self) -> set[str]:
        """The first component of every field name this condition mentions."""
        names = set()
        for item in self.flatten():
            if isinstance(item, Q):
                for child in item.children:
                    if isinstance(child, tuple):
                        names.add(child[0].split(LOOKUP_SEP, 1)[0])
            elif hasattr(item, "name") and item.__class__.__name__ == "F":
                names.add(item.name.split(LOOKUP_SEP, 1)[0])
        return names


def _make_hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _make_hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_make_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return id(value)
    return value


class DeferredAttribute:
    """Descriptor for a concrete field: loads a deferred value on first access."""

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        data = instance.__dict__
        attname = self.field.attname
        if attname not in data:
            value = self._value_from_parent_link(instance)
            if value is None:
                if instance.pk is None and getattr(self.field, "generated", False):
                    raise AttributeError("Cannot read a generated field from an unsaved model.")
                instance.refresh_from_db(fields=[attname])
            else:
                data[attname] = value
        return data[attname]

    def _value_from_parent_link(self, instance):
        # A child's primary key equals its parent link: read it without a query.
        opts = instance._meta
        link_field = opts.get_ancestor_link(self.field.model)
        if self.field.primary_key and self.field != link_field and link_field is not None:
            return getattr(instance, link_field.attname)
        return None


class class_or_instance_method:
    """Dispatch to one function on the class and another on an instance."""

    def __init__(self, class_method, instance_method):
        self.class_method = class_method
        self.instance_method = instance_method

    def __get__(self, instance, owner):
        if instance is None:
            return functools.partial(self.class_method, owner)
        return functools.partial(self.instance_method, instance)


# Merged class lookups per class; cleared whenever any registration changes.
_class_lookup_cache: dict[type, dict[str, type]] = {}


def _merged_class_lookups(cls: type) -> dict[str, type]:
    cached = _class_lookup_cache.get(cls)
    if cached is None:
        cached = {}
        for parent in reversed(inspect.getmro(cls)):
            cached.update(parent.__dict__.get("class_lookups", {}))
        _class_lookup_cache[cls] = cached
    return cached


def _get_instance_lookups(self) -> dict[str, type]:
    merged = _merged_class_lookups(type(self))
    own = self.__dict__.get("instance_lookups")
    if own:
        return {**merged, **own}
    return merged


def _register_class_lookup(cls, lookup, lookup_name=None):
    if lookup_name is None:
        lookup_name = lookup.lookup_name
    if "class_lookups" not in cls.__dict__:
        cls.class_lookups = {}
    cls.class_lookups[lookup_name] = lookup
    _class_lookup_cache.clear()
    return lookup


def _register_instance_lookup(self, lookup, lookup_name=None):
    if lookup_name is None:
        lookup_name = lookup.lookup_name
    if "instance_lookups" not in self.__dict__:
        self.instance_lookups = {}
    self.instance_lookups[lookup_name] = lookup
    return lookup


def _unregister_class_lookup(cls, lookup, lookup_name=None):
    if lookup_name is None:
        lookup_name = lookup.lookup_name
    del cls.class_lookups[lookup_name]
    _class_lookup_cache.clear()


def _unregister_instance_lookup(self, lookup, lookup_name=None):
    if lookup_name is None:
        lookup_name = lookup.lookup_name
    del self.instance_lookups[lookup_name]


class RegisterLookupMixin:
    """Lookups and transforms registered on a class (for all instances) or one instance."""

    get_lookups = class_or_instance_method(_merged_class_lookups, _get_instance_lookups)
    get_class_lookups: Any = classmethod(_merged_class_lookups)
    get_instance_lookups = _get_instance_lookups
    register_lookup = class_or_instance_method(_register_class_lookup, _register_instance_lookup)
    register_class_lookup = classmethod(_register_class_lookup)
    register_instance_lookup = _register_instance_lookup
    _unregister_lookup = class_or_instance_method(_unregister_class_lookup, _unregister_instance_lookup)
    _unregister_class_lookup = classmethod(_unregister_class_lookup)
    _unregister_instance_lookup = _unregister_instance_lookup

    def _get_lookup(self, lookup_name: str):
        return self.get_lookups().get(lookup_name)

    def get_lookup(self, lookup_name: str):
        from django.db.models.lookups import Lookup

        found = self._get_lookup(lookup_name)
        if found is None and hasattr(self, "output_field"):
            return self.output_field.get_lookup(lookup_name)
        if found is not None and not issubclass(found, Lookup):
            return None
        return found

    def get_transform(self, lookup_name: str):
        from django.db.models.lookups import Transform

        found = self._get_lookup(lookup_name)
        if found is None and hasattr(self, "output_field"):
            return self.output_field.get_transform(lookup_name)
        if found is not None and not issubclass(found, Transform):
            return None
        return found

    @staticmethod
    def merge_dicts(dicts):
        merged = {}
        for d in reversed(dicts):
            merged.update(d)
        return merged


def select_related_descend(field, restricted: bool, requested, select_mask, reverse: bool = False) -> bool:
    """Whether select_related() should follow ``field`` (forward, or reverse one-to-one)."""
    if not field.remote_field:
        return False
    name = field.related_query_name() if reverse else field.name
    if restricted:
        if name not in requested:
            return False
    elif reverse or field.null:
        return False
    if restricted and select_mask and name in requested and field not in select_mask:
        raise FieldError(
            f"Field {field.model._meta.object_name}.{field.name} cannot be both "
            "deferred and traversed using select_related at the same time."
        )
    return True


def refs_expression(lookup_parts: list[str], annotations: dict):
    """Find the longest prefix of lookup_parts naming an annotation.

    Return (annotation name, remaining parts) or (None, ()).
    """
    for n in range(1, len(lookup_parts) + 1):
        name = LOOKUP_SEP.join(lookup_parts[:n])
        if annotations.get(name):
            return name, lookup_parts[n:]
    return None, ()


def check_rel_lookup_compatibility(model, target_opts, field) -> bool:
    """Whether an instance of ``model`` may be used to filter on ``field``."""

    def compatible(opts):
        return (
            model._meta.concrete_model == opts.concrete_model
            or opts.concrete_model in model._meta.get_parent_list()
            or model in opts.get_parent_list()
        )

    # A primary key that is also a parent link accepts instances of the parent too.
    return compatible(target_opts) or (
        getattr(field, "primary_key", False)
        and getattr(field, "remote_field", None) is not None
        and compatible(field.model._meta)
    )


class FilteredRelation:
    """A relation joined with an extra ON condition, usable as an annotation."""

    def __init__(self, relation_name: str, *, condition=None):
        if not relation_name:
            raise ValueError("relation_name cannot be empty.")
        self.relation_name = relation_name
        self.alias: str | None = None
        if condition is None:
            condition = Q()
        if not isinstance(condition, Q):
            raise ValueError("condition argument must be a Q() instance.")
        self.condition = condition
        self.path: list[str] = []
        self.resolved_condition = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (
            self.relation_name == other.relation_name
            and self.alias == other.alias
            and self.condition == other.condition
        )

    def __hash__(self) -> int:
        return hash((self.relation_name, self.alias, self.condition))

    def clone(self) -> FilteredRelation:
        clone = FilteredRelation(self.relation_name, condition=self.condition)
        clone.alias = self.alias
        clone.path = self.path[:]
        clone.resolved_condition = self.resolved_condition
        return clone

    def relabeled_clone(self, change_map: dict) -> FilteredRelation:
        clone = self.clone()
        if clone.resolved_condition is not None:
            clone.resolved_condition = clone.resolved_condition.relabeled_clone(change_map)
        return clone

    def resolve_expression(self, query, reuse, *args, **kwargs):
        clone = self.clone()
        clone.resolved_condition = query.build_filter(
            self.condition, can_reuse=reuse, allow_joins=True, split_subq=False, update_join_types=False
        )[0]
        return clone

    def as_sql(self, compiler, connection):
        # The condition is built here, against the joins set up for this relation's path.
        query = compiler.query
        where = query.build_filtered_relation_q(self.condition, reuse=set(self.path))
        return compiler.compile(where)
