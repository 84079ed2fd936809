"""Descriptors giving model instances access to related objects.

``book.author`` (ForwardManyToOneDescriptor), ``place.restaurant`` (ReverseOneToOneDescriptor),
``author.book_set`` (ReverseManyToOneDescriptor) and both sides of a many-to-many
(ManyToManyDescriptor). Fetched objects are cached in ``instance._state.fields_cache``.
"""

from __future__ import annotations

from typing import Any

from django.db.models.query_utils import DeferredAttribute
from django.utils.functional import cached_property


class ForeignKeyDeferredAttribute(DeferredAttribute):
    """Setting ``book.author_id`` drops a cached ``book.author`` that no longer matches."""

    def __set__(self, instance: Any, value: Any) -> None:
        if instance.__dict__.get(self.field.attname) != value and self.field.is_cached(instance):
            self.field.delete_cached_value(instance)
        instance.__dict__[self.field.attname] = value


def _check_assignment_db(instance: Any, value: Any) -> None:
    from django.db import router

    if instance._state.db is None:
        instance._state.db = router.db_for_write(instance.__class__, instance=value)
    if value._state.db is None:
        value._state.db = router.db_for_write(value.__class__, instance=instance)
    if not router.allow_relation(value, instance):
        raise ValueError('Cannot assign "%r": the current database router prevents this relation.' % value)


def _does_not_exist_class(base: type, owner: type, name: str) -> type:
    return type(
        "RelatedObjectDoesNotExist",
        (base, AttributeError),
        {
            "__module__": owner.__module__,
            "__qualname__": "%s.%s.RelatedObjectDoesNotExist" % (owner.__qualname__, name),
        },
    )


class ForwardManyToOneDescriptor:
    """``child.parent`` for a ForeignKey ``parent`` on ``child``."""

    def __init__(self, field_with_rel: Any) -> None:
        self.field = field_with_rel

    @cached_property
    def RelatedObjectDoesNotExist(self) -> type:
        return _does_not_exist_class(
            self.field.remote_field.model.DoesNotExist, self.field.model, self.field.name
        )

    def is_cached(self, instance: Any) -> bool:
        return self.field.is_cached(instance)

    def get_queryset(self, **hints: Any) -> Any:
        return self.field.remote_field.model._base_manager.db_manager(hints=hints).all()

    def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
        if querysets and len(querysets) != 1:
            raise ValueError("querysets argument of get_prefetch_querysets() should have a length of 1.")
        queryset = querysets[0] if querysets else self.get_queryset()
        queryset._add_hints(instance=instances[0])
        rel_obj_attr = self.field.get_foreign_related_value
        instance_attr = self.field.get_local_related_value
        instances_dict = {instance_attr(inst): inst for inst in instances}
        related_field = self.field.foreign_related_fields[0]
        remote_field = self.field.remote_field
        query: dict[str, Any]
        if remote_field.is_hidden() or len(self.field.foreign_related_fields) == 1:
            query = {"%s__in" % related_field.name: {instance_attr(inst)[0] for inst in instances}}
        else:
            query = {"%s__in" % self.field.related_query_name(): instances}
        queryset = queryset.filter(**query)
        # A one-to-one's reverse cache can be filled here for free.
        if not remote_field.multiple:
            for rel_obj in queryset:
                instance = instances_dict[rel_obj_attr(rel_obj)]
                remote_field.set_cached_value(rel_obj, instance)
        return queryset, rel_obj_attr, instance_attr, True, self.field.cache_name, False

    def get_object(self, instance: Any) -> Any:
        qs = self.get_queryset(instance=instance)
        return qs.get(self.field.get_reverse_related_filter(instance))

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        try:
            rel_obj = self.field.get_cached_value(instance)
        except KeyError:
            rel_obj = None
            if None not in self.field.get_local_related_value(instance):
                try:
                    rel_obj = self.get_object(instance)
                except self.field.remote_field.model.DoesNotExist:
                    rel_obj = None
                else:
                    if not self.field.remote_field.multiple:
                        self.field.remote_field.set_cached_value(rel_obj, instance)
            self.field.set_cached_value(instance, rel_obj)
        if rel_obj is None and not self.field.null:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (self.field.model.__name__, self.field.name)
            )
        return rel_obj

    def __set__(self, instance: Any, value: Any) -> None:
        field = self.field
        remote_model = field.remote_field.model
        if value is not None and not isinstance(value, remote_model._meta.concrete_model):
            raise ValueError(
                'Cannot assign "%r": "%s.%s" must be a "%s" instance.'
                % (value, instance._meta.object_name, field.name, remote_model._meta.object_name)
            )
        if value is not None:
            _check_assignment_db(instance, value)
        remote_field = field.remote_field
        if value is None:
            # Clear the other side's cache of a one-to-one that pointed here.
            related = field.get_cached_value(instance, default=None)
            if related is not None and not remote_field.multiple:
                remote_field.set_cached_value(related, None)
            for lh_field, _rh in field.related_fields:
                setattr(instance, lh_field.attname, None)
        else:
            for lh_field, rh_field in field.related_fields:
                setattr(instance, lh_field.attname, getattr(value, rh_field.attname))
        field.set_cached_value(instance, value)
        if value is not None and not remote_field.multiple:
            remote_field.set_cached_value(value, instance)

    def __reduce__(self):
        return getattr, (self.field.model, self.field.name)


class ForwardOneToOneDescriptor(ForwardManyToOneDescriptor):
    """``restaurant.place`` for a OneToOneField; parent links are built without a query."""

    def get_object(self, instance: Any) -> Any:
        if self.field.remote_field.parent_link:
            deferred = instance.get_deferred_fields()
            rel_model = self.field.remote_field.model
            fields = [f.attname for f in rel_model._meta.concrete_fields]
            if not any(f in deferred for f in fields):
                obj = rel_model(**{f: getattr(instance, f) for f in fields})
                obj._state.adding = instance._state.adding
                obj._state.db = instance._state.db
                return obj
        return super().get_object(instance)

    def __set__(self, instance: Any, value: Any) -> None:
        super().__set__(instance, value)
        if self.field.primary_key and self.field.remote_field.parent_link:
            opts = instance._meta
            inherited_pk_fields = [f for f in opts.concrete_fields if f.primary_key and f.remote_field]
            for field in inherited_pk_fields:
                pk_name = field.remote_field.model._meta.pk.attname
                setattr(instance, pk_name, getattr(value, pk_name) if value is not None else None)


class ReverseOneToOneDescriptor:
    """``place.restaurant`` for a OneToOneField ``place`` on Restaurant."""

    def __init__(self, related: Any) -> None:
        self.related = related

    @cached_property
    def RelatedObjectDoesNotExist(self) -> type:
        return _does_not_exist_class(
            self.related.related_model.DoesNotExist, self.related.model, self.related.name
        )

    def is_cached(self, instance: Any) -> bool:
        return self.related.is_cached(instance)

    def get_queryset(self, **hints: Any) -> Any:
        return self.related.related_model._base_manager.db_manager(hints=hints).all()

    def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
        if querysets and len(querysets) != 1:
            raise ValueError("querysets argument of get_prefetch_querysets() should have a length of 1.")
        queryset = querysets[0] if querysets else self.get_queryset()
        queryset._add_hints(instance=instances[0])
        rel_obj_attr = self.related.field.get_local_related_value
        instance_attr = self.related.field.get_foreign_related_value
        instances_dict = {instance_attr(inst): inst for inst in instances}
        queryset = queryset.filter(**{"%s__in" % self.related.field.name: instances})
        for rel_obj in queryset:
            instance = instances_dict[rel_obj_attr(rel_obj)]
            self.related.field.set_cached_value(rel_obj, instance)
        return queryset, rel_obj_attr, instance_attr, True, self.related.cache_name, False

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        try:
            rel_obj = self.related.get_cached_value(instance)
        except KeyError:
            if instance.pk is None:
                rel_obj = None
            else:
                filter_args = self.related.field.get_forward_related_filter(instance)
                try:
                    rel_obj = self.get_queryset(instance=instance).get(**filter_args)
                except self.related.related_model.DoesNotExist:
                    rel_obj = None
                else:
                    self.related.field.set_cached_value(rel_obj, instance)
            self.related.set_cached_value(instance, rel_obj)
        if rel_obj is None:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (instance.__class__.__name__, self.related.accessor_name)
            )
        return rel_obj

    def __set__(self, instance: Any, value: Any) -> None:
        if value is None:
            rel_obj = self.related.get_cached_value(instance, default=None)
            if rel_obj is not None:
                self.related.delete_cached_value(instance)
                setattr(rel_obj, self.related.field.name, None)
            return
        if not isinstance(value, self.related.related_model):
            raise ValueError(
                'Cannot assign "%r": "%s.%s" must be a "%s" instance.'
                % (
                    value,
                    instance._meta.object_name,
                    self.related.accessor_name,
                    self.related.related_model._meta.object_name,
                )
            )
        _check_assignment_db(instance, value)
        related_pk = tuple(getattr(instance, f.attname) for f in self.related.field.foreign_related_fields)
        for index, field in enumerate(self.related.field.local_related_fields):
            setattr(value, field.attname, related_pk[index])
        self.related.set_cached_value(instance, value)
        self.related.field.set_cached_value(value, instance)

    def __reduce__(self):
        return getattr, (self.related.model, self.related.name)


class ReverseManyToOneDescriptor:
    """``parent.children`` (a related manager) for a ForeignKey ``parent`` on Child."""

    def __init__(self, rel: Any) -> None:
        self.rel = rel
        self.field = rel.field

    @cached_property
    def related_manager_cls(self) -> type:
        from django.db.models.fields.related_managers import create_reverse_many_to_one_manager

        related_model = self.rel.related_model
        return create_reverse_many_to_one_manager(related_model._default_manager.__class__, self.rel)

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        return self.related_manager_cls(instance)

    def _get_set_deprecation_msg_params(self) -> tuple[str, str]:
        return "reverse side of a related set", self.rel.accessor_name

    def __set__(self, instance: Any, value: Any) -> None:
        raise TypeError(
            "Direct assignment to the %s is prohibited. Use %s.set() instead."
            % self._get_set_deprecation_msg_params()
        )


class ManyToManyDescriptor(ReverseManyToOneDescriptor):
    """Both sides of a many-to-many: ``pizza.toppings`` and ``topping.pizza_set``."""

    def __init__(self, rel: Any, reverse: bool = False) -> None:
        super().__init__(rel)
        self.reverse = reverse

    @property
    def through(self) -> Any:
        # Resolved lazily: the through model may be a string until the app registry is ready.
        return self.rel.through

    @cached_property
    def related_manager_cls(self) -> type:
        from django.db.models.fields.related_managers import create_forward_many_to_many_manager

        related_model = self.rel.related_model if self.reverse else self.rel.model
        return create_forward_many_to_many_manager(
            related_model._default_manager.__class__, self.rel, reverse=self.reverse
        )

    def _get_set_deprecation_msg_params(self) -> tuple[str, str]:
        return (
            "%s side of a many-to-many set" % ("reverse" if self.reverse else "forward"),
            self.rel.accessor_name if self.reverse else self.field.name,
        )
