"""The manager behind ``bookmark.tags`` for a GenericRelation.

Rows are selected by two columns (content type and object id), so adding an object sets
both, and removing one deletes it: a generic related object cannot exist unattached.
"""

from __future__ import annotations

from typing import Any

from django.db import router, transaction
from django.db.models.fields.related_managers import _add_async_methods
from django.db.models.query_utils import Q
from django.db.models.utils import AltersData
from django.utils.functional import cached_property

_ALTERING = ("add", "remove", "clear", "set", "create", "get_or_create", "update_or_create")


def create_generic_related_manager(superclass: type, rel: Any) -> type:
    """A manager class for one GenericRelation, subclassing the target's default manager class."""

    class GenericRelatedObjectManager(superclass, AltersData):
        def __init__(self, instance: Any) -> None:
            super().__init__()
            self.instance = instance
            self.model = rel.model
            self.field = rel.field
            self.content_type_field_name = self.field.content_type_field_name
            self.object_id_field_name = self.field.object_id_field_name
            self.prefetch_cache_name = self.field.attname
            self.pk_val = instance.pk

        @cached_property
        def content_type(self) -> Any:
            # Looked up on first use, so reaching the manager in async code runs no query.
            return _content_type_getter(self.field)(self.instance)

        @property
        def core_filters(self) -> dict:
            return {
                f"{self.content_type_field_name}__pk": self.content_type.id,
                self.object_id_field_name: self.pk_val,
            }

        def __call__(self, *, manager: str) -> Any:
            manager_class = getattr(self.model, manager).__class__
            return create_generic_related_manager(manager_class, rel)(self.instance)

        do_not_call_in_templates = True

        def __str__(self) -> str:
            return repr(self)

        def _check_saved(self) -> None:
            if self.pk_val is None:
                raise ValueError(
                    f"{self.instance.__class__.__name__!r} instance needs a primary key value before "
                    "this relationship can be used."
                )

        def _apply_rel_filters(self, queryset: Any) -> Any:
            db = self._db or router.db_for_read(self.model, instance=self.instance)
            return queryset.using(db).filter(**self.core_filters)

        def _remove_prefetched_objects(self) -> None:
            try:
                self.instance._prefetched_objects_cache.pop(self.prefetch_cache_name)
            except (AttributeError, KeyError):
                pass

        def get_queryset(self) -> Any:
            self._check_saved()
            try:
                return self.instance._prefetched_objects_cache[self.prefetch_cache_name]
            except (AttributeError, KeyError):
                return self._apply_rel_filters(super().get_queryset())

        def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
            if querysets and len(querysets) != 1:
                raise ValueError("querysets argument of get_prefetch_querysets() should have a length of 1.")
            queryset = querysets[0] if querysets else super().get_queryset()
            queryset._add_hints(instance=instances[0])
            queryset = queryset.using(queryset._db or self._db)
            # Instances of several proxies may share the list: one condition per content type.
            by_ct: dict[Any, set] = {}
            ct_of = _content_type_getter(self.field)
            for obj in instances:
                by_ct.setdefault(ct_of(obj).pk, set()).add(obj.pk)
            condition = Q()
            for ct_id, pks in by_ct.items():
                condition |= Q(
                    **{f"{self.content_type_field_name}__pk": ct_id, f"{self.object_id_field_name}__in": pks}
                )
            ct_attname = self.model._meta.get_field(self.content_type_field_name).attname
            to_pk = self.field.object_id_to_python

            def rel_obj_key(rel_obj: Any) -> tuple:
                return (to_pk(getattr(rel_obj, self.object_id_field_name)), getattr(rel_obj, ct_attname))

            def instance_key(obj: Any) -> tuple:
                return (obj.pk, ct_of(obj).pk)

            return (
                queryset.filter(condition),
                rel_obj_key,
                instance_key,
                False,
                self.prefetch_cache_name,
                False,
            )

        def _attach(self, obj: Any) -> None:
            if not isinstance(obj, self.model):
                raise TypeError(f"'{self.model._meta.object_name}' instance expected, got {obj!r}")
            setattr(obj, self.content_type_field_name, self.content_type)
            setattr(obj, self.object_id_field_name, self.pk_val)

        def add(self, *objs: Any, bulk: bool = True) -> None:
            self._check_saved()
            self._remove_prefetched_objects()
            db = router.db_for_write(self.model, instance=self.instance)
            for obj in objs:
                self._attach(obj)
                if bulk and (obj._state.adding or obj._state.db != db):
                    raise ValueError(
                        f"{obj!r} instance isn't saved. Use bulk=False or save the object first."
                    )
            with transaction.atomic(using=db, savepoint=False):
                if bulk:
                    self.model._base_manager.using(db).filter(pk__in=[obj.pk for obj in objs]).update(
                        **{
                            self.content_type_field_name: self.content_type,
                            self.object_id_field_name: self.pk_val,
                        }
                    )
                else:
                    for obj in objs:
                        obj.save()

        def remove(self, *objs: Any, bulk: bool = True) -> None:
            if not objs:
                return
            self._check_saved()
            self._clear(self.filter(pk__in=[obj.pk for obj in objs]), bulk)

        def clear(self, *, bulk: bool = True) -> None:
            self._check_saved()
            self._clear(self, bulk)

        def _clear(self, queryset: Any, bulk: bool) -> None:
            self._remove_prefetched_objects()
            db = router.db_for_write(self.model, instance=self.instance)
            queryset = queryset.using(db)
            if bulk:
                # QuerySet.delete() keeps cascades and signals for what it deletes.
                queryset.delete()
                return
            with transaction.atomic(using=db, savepoint=False):
                for obj in queryset:
                    obj.delete()

        def set(self, objs: Any, *, bulk: bool = True, clear: bool = False) -> None:
            self._check_saved()
            objs = tuple(objs)
            db = router.db_for_write(self.model, instance=self.instance)
            with transaction.atomic(using=db, savepoint=False):
                if clear:
                    self.clear()
                    self.add(*objs, bulk=bulk)
                    return
                old_objs = set(self.using(db).all())
                new_objs = []
                for obj in objs:
                    if obj.pk is not None and obj in old_objs:
                        old_objs.remove(obj)
                    else:
                        new_objs.append(obj)
                self.remove(*old_objs)
                self.add(*new_objs, bulk=bulk)

        def _with_link(self, kwargs: dict) -> dict:
            self._check_saved()
            self._remove_prefetched_objects()
            return {
                **kwargs,
                self.content_type_field_name: self.content_type,
                self.object_id_field_name: self.pk_val,
            }

        def create(self, **kwargs: Any) -> Any:
            kwargs = self._with_link(kwargs)
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).create(**kwargs)

        def get_or_create(self, **kwargs: Any) -> Any:
            kwargs = self._with_link(kwargs)
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).get_or_create(**kwargs)

        def update_or_create(self, **kwargs: Any) -> Any:
            kwargs = self._with_link(kwargs)
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).update_or_create(**kwargs)

    _add_async_methods(GenericRelatedObjectManager, _ALTERING)
    return GenericRelatedObjectManager


def _content_type_getter(field: Any) -> Any:
    from .models import ContentType

    def content_type_of(obj: Any) -> Any:
        return ContentType.objects.db_manager(obj._state.db).get_for_model(
            obj, for_concrete_model=field.for_concrete_model
        )

    return content_type_of
