"""Managers returned by reverse foreign key and many-to-many descriptors."""

from __future__ import annotations

import builtins
from typing import Any

from asgiref.sync import sync_to_async

from django.db.models import signals
from django.db.models.utils import AltersData, resolve_callables


def _router():
    from django.db import router

    return router


def _atomic(using: str):
    from django.db import transaction

    return transaction.atomic(using=using, savepoint=False)


def _add_async_methods(cls: type, names: tuple[str, ...]) -> None:
    """Derive a* coroutine methods from the sync ones (one implementation for both)."""
    for name in names:
        sync_method = getattr(cls, name)

        def make(method_name: str):
            async def method(self, *args: Any, **kwargs: Any) -> Any:
                return await sync_to_async(getattr(self, method_name))(*args, **kwargs)

            method.__name__ = "a" + method_name
            method.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function
            return method

        setattr(cls, "a" + name, make(name))
        sync_method.alters_data = True


def create_reverse_many_to_one_manager(superclass: type, rel: Any) -> type:
    """A manager for ``parent.child_set``: filtered to the parent, with add/remove/set/clear."""

    class RelatedManager(superclass, AltersData):
        def __init__(self, instance: Any) -> None:
            super().__init__()
            self.instance = instance
            self.model = rel.related_model
            self.field = rel.field
            self.core_filters = {self.field.name: instance}

        def __call__(self, *, manager: str) -> Any:
            manager = getattr(self.model, manager)
            return create_reverse_many_to_one_manager(manager.__class__, rel)(self.instance)

        do_not_call_in_templates = True

        def _check_fk_val(self) -> None:
            for field in self.field.foreign_related_fields:
                if getattr(self.instance, field.attname) is None:
                    raise ValueError(
                        f'"{self.instance!r}" needs to have a value for field "{field.attname}" before this '
                        "relationship can be used."
                    )

        def _apply_rel_filters(self, queryset: Any) -> Any:
            from django.db import connections

            db = self._db or _router().db_for_read(self.model, instance=self.instance)
            empty_strings_as_null = connections[db].features.interprets_empty_strings_as_nulls
            queryset._add_hints(instance=self.instance)
            if self._db:
                queryset = queryset.using(self._db)
            queryset._defer_next_filter = True
            queryset = queryset.filter(**self.core_filters)
            for field in self.field.foreign_related_fields:
                val = getattr(self.instance, field.attname)
                if val is None or (val == "" and empty_strings_as_null):
                    return queryset.none()
            rel_obj_id = self.field.get_foreign_related_value(self.instance)
            if len(rel_obj_id) == 1:
                rel_obj_id = rel_obj_id[0]
            queryset._known_related_objects = {self.field: {rel_obj_id: self.instance}}
            return queryset

        def _remove_prefetched_objects(self) -> None:
            try:
                self.instance._prefetched_objects_cache.pop(self.field.remote_field.cache_name)
            except (AttributeError, KeyError):
                pass

        def get_queryset(self) -> Any:
            if self.instance.pk is None:
                raise ValueError(
                    f"{self.instance.__class__.__name__!r} instance needs to have a primary key value before "
                    "this relationship can be used."
                )
            try:
                return self.instance._prefetched_objects_cache[self.field.remote_field.cache_name]
            except (AttributeError, KeyError):
                return self._apply_rel_filters(super().get_queryset())

        def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
            if querysets and len(querysets) != 1:
                raise ValueError("querysets argument of get_prefetch_querysets() should have a length of 1.")
            queryset = querysets[0] if querysets else super().get_queryset()
            queryset._add_hints(instance=instances[0])
            queryset = queryset.using(queryset._db or self._db)
            rel_obj_attr = self.field.get_local_related_value
            instance_attr = self.field.get_foreign_related_value
            instances_dict = {instance_attr(inst): inst for inst in instances}
            queryset = queryset.filter(**{"%s__in" % self.field.name: instances})
            # The reverse FK's forward cache points back at the instance already in hand.
            # The key values already agree and both came from this database, so the cache
            # is filled directly rather than through the descriptor's checks.
            field = self.field
            for rel_obj in queryset:
                if not field.is_cached(rel_obj):
                    field.set_cached_value(rel_obj, instances_dict[rel_obj_attr(rel_obj)])
            cache_name = self.field.remote_field.cache_name
            return queryset, rel_obj_attr, instance_attr, False, cache_name, False

        def add(self, *objs: Any, bulk: bool = True) -> None:
            self._check_fk_val()
            self._remove_prefetched_objects()
            db = _router().db_for_write(self.model, instance=self.instance)

            def check_and_update_obj(obj: Any) -> None:
                if not isinstance(obj, self.model):
                    raise TypeError("'%s' instance expected, got %r" % (self.model._meta.object_name, obj))
                setattr(obj, self.field.name, self.instance)

            if bulk:
                pks = []
                for obj in objs:
                    check_and_update_obj(obj)
                    if obj._state.adding or obj._state.db != db:
                        raise ValueError(
                            "%r instance isn't saved. Use bulk=False or save the object first." % obj
                        )
                    pks.append(obj.pk)
                self.model._base_manager.using(db).filter(pk__in=pks).update(
                    **{self.field.name: self.instance}
                )
            else:
                with _atomic(db):
                    for obj in objs:
                        check_and_update_obj(obj)
                        obj.save()

        def create(self, **kwargs: Any) -> Any:
            self._check_fk_val()
            self._remove_prefetched_objects()
            kwargs[self.field.name] = self.instance
            db = _router().db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).create(**kwargs)

        def get_or_create(self, **kwargs: Any) -> Any:
            self._check_fk_val()
            kwargs[self.field.name] = self.instance
            db = _router().db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).get_or_create(**kwargs)

        def update_or_create(self, **kwargs: Any) -> Any:
            self._check_fk_val()
            kwargs[self.field.name] = self.instance
            db = _router().db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).update_or_create(**kwargs)

        # remove() and clear() exist only when the foreign key is nullable.
        if rel.field.null:

            def remove(self, *objs: Any, bulk: bool = True) -> None:
                if not objs:
                    return
                self._check_fk_val()
                val = self.field.get_foreign_related_value(self.instance)
                old_ids = set()
                for obj in objs:
                    if not isinstance(obj, self.model):
                        raise TypeError(
                            "'%s' instance expected, got %r" % (self.model._meta.object_name, obj)
                        )
                    if self.field.get_local_related_value(obj) == val:
                        old_ids.add(obj.pk)
                    else:
                        raise self.field.remote_field.model.DoesNotExist(
                            "%r is not related to %r." % (obj, self.instance)
                        )
                self._clear(self.filter(pk__in=old_ids), bulk)

            def clear(self, *, bulk: bool = True) -> None:
                self._check_fk_val()
                self._clear(self, bulk)

            def _clear(self, queryset: Any, bulk: bool) -> None:
                self._remove_prefetched_objects()
                db = _router().db_for_write(self.model, instance=self.instance)
                queryset = queryset.using(db)
                if bulk:
                    queryset.update(**{self.field.name: None})
                else:
                    with _atomic(db):
                        for obj in queryset:
                            setattr(obj, self.field.name, None)
                            obj.save(update_fields=[self.field.name])

        def set(self, objs: Any, *, bulk: bool = True, clear: bool = False) -> None:
            self._check_fk_val()
            objs = tuple(objs)
            if not self.field.null:
                self.add(*objs, bulk=bulk)
                return
            db = _router().db_for_write(self.model, instance=self.instance)
            with _atomic(db):
                if clear:
                    self.clear(bulk=bulk)
                    self.add(*objs, bulk=bulk)
                    return
                old_objs = set(self.using(db).all())
                new_objs = []
                for obj in objs:
                    if obj in old_objs:
                        old_objs.remove(obj)
                    else:
                        new_objs.append(obj)
                self.remove(*old_objs, bulk=bulk)
                self.add(*new_objs, bulk=bulk)

    names: tuple[str, ...] = ("add", "create", "get_or_create", "update_or_create", "set")
    if rel.field.null:
        names += ("remove", "clear")
    _add_async_methods(RelatedManager, names)
    return RelatedManager


def create_forward_many_to_many_manager(superclass: type, rel: Any, reverse: bool) -> type:
    """A manager for either side of a many-to-many relation."""

    class ManyRelatedManager(superclass, AltersData):
        def __init__(self, instance: Any = None) -> None:
            super().__init__()
            self.instance = instance
            if not reverse:
                self.model = rel.model
                self.query_field_name = rel.field.related_query_name()
                self.prefetch_cache_name = rel.field.name
                self.source_field_name = rel.field.m2m_field_name()
                self.target_field_name = rel.field.m2m_reverse_field_name()
                self.symmetrical = rel.symmetrical
            else:
                self.model = rel.related_model
                self.query_field_name = rel.field.name
                self.prefetch_cache_name = rel.field.related_query_name()
                self.source_field_name = rel.field.m2m_reverse_field_name()
                self.target_field_name = rel.field.m2m_field_name()
                self.symmetrical = False
            self.through = rel.through
            self.reverse = reverse
            self.source_field = self.through._meta.get_field(self.source_field_name)
            self.target_field = self.through._meta.get_field(self.target_field_name)
            self.core_filters = {}
            self.pk_field_names = {}
            for lh_field, rh_field in self.source_field.related_fields:
                key = "%s__%s" % (self.query_field_name, rh_field.name)
                self.core_filters[key] = getattr(instance, rh_field.attname)
                self.pk_field_names[lh_field.name] = rh_field.name
            self.related_val = self.source_field.get_foreign_related_value(instance)
            if None in self.related_val:
                raise ValueError(
                    '"%r" needs to have a value for field "%s" before this many-to-many relationship can be used.'
                    % (instance, self.pk_field_names[self.source_field_name])
                )
            if instance.pk is None:
                raise ValueError(
                    "%r instance needs to have a primary key value before a many-to-many relationship can be used."
                    % instance.__class__.__name__
                )

        def __call__(self, *, manager: str) -> Any:
            manager = getattr(self.model, manager)
            return create_forward_many_to_many_manager(manager.__class__, rel, reverse)(
                instance=self.instance
            )

        do_not_call_in_templates = True

        def _build_remove_filters(self, removed_vals: Any) -> Any:
            from django.db.models.query_utils import Q

            filters = Q(**{self.source_field_name: self.related_val[0]})
            if removed_vals is not None:
                filters &= Q(**{"%s__in" % self.target_field_name: removed_vals})
            if self.symmetrical:
                symmetrical = Q(**{self.target_field_name: self.related_val[0]})
                if removed_vals is not None:
                    symmetrical &= Q(**{"%s__in" % self.source_field_name: removed_vals})
                filters |= symmetrical
            return filters

        def _apply_rel_filters(self, queryset: Any) -> Any:
            queryset._add_hints(instance=self.instance)
            if self._db:
                queryset = queryset.using(self._db)
            queryset._defer_next_filter = True
            return queryset._next_is_sticky().filter(**self.core_filters)

        def _remove_prefetched_objects(self) -> None:
            try:
                self.instance._prefetched_objects_cache.pop(self.prefetch_cache_name)
            except (AttributeError, KeyError):
                pass

        def get_queryset(self) -> Any:
            try:
                return self.instance._prefetched_objects_cache[self.prefetch_cache_name]
            except (AttributeError, KeyError):
                return self._apply_rel_filters(super().get_queryset())

        def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
            if querysets and len(querysets) != 1:
                raise ValueError("querysets argument of get_prefetch_querysets() should have a length of 1.")
            from django.db.models.expressions import F

            queryset = querysets[0] if querysets else super().get_queryset()
            queryset._add_hints(instance=instances[0])
            queryset = queryset.using(queryset._db or self._db)
            queryset = queryset.filter(**{"%s__in" % self.query_field_name: instances})
            # Select the source ids through the join so each row can be matched to its instance.
            fk = self.through._meta.get_field(self.source_field_name)
            annotations = {
                "_prefetch_related_val_%s" % f.attname: F("%s__%s" % (self.query_field_name, rh.name))
                for f, rh in fk.related_fields
            }
            queryset = queryset.annotate(**annotations)
            return (
                queryset,
                lambda result: tuple(
                    getattr(result, "_prefetch_related_val_%s" % f.attname) for f, _rh in fk.related_fields
                ),
                lambda inst: tuple(getattr(inst, rh.attname) for _f, rh in fk.related_fields),
                False,
                self.prefetch_cache_name,
                False,
            )

        def add(self, *objs: Any, through_defaults: dict | None = None) -> None:
            self._remove_prefetched_objects()
            db = _router().db_for_write(self.through, instance=self.instance)
            with _atomic(db):
                self._add_items(
                    self.source_field_name, self.target_field_name, *objs, through_defaults=through_defaults
                )
                # A symmetrical relation stores both directions.
                if self.symmetrical:
                    self._add_items(
                        self.target_field_name,
                        self.source_field_name,
                        *objs,
                        through_defaults=through_defaults,
                    )

        def remove(self, *objs: Any) -> None:
            self._remove_prefetched_objects()
            self._remove_items(self.source_field_name, self.target_field_name, *objs)

        def clear(self) -> None:
            db = _router().db_for_write(self.through, instance=self.instance)
            with _atomic(db):
                self._send_changed("pre_clear", None, db)
                self._remove_prefetched_objects()
                filters = self._build_remove_filters(None)
                self.through._default_manager.using(db).filter(filters).delete()
                self._send_changed("post_clear", None, db)

        def set(self, objs: Any, *, clear: bool = False, through_defaults: dict | None = None) -> None:
            objs = tuple(objs)
            db = _router().db_for_write(self.through, instance=self.instance)
            with _atomic(db):
                if clear:
                    self.clear()
                    self.add(*objs, through_defaults=through_defaults)
                    return
                target_attname = self.target_field.target_field.attname
                old_ids = set(self.using(db).values_list(target_attname, flat=True))
                new_objs = []
                for obj in objs:
                    if isinstance(obj, self.model):
                        fk_val = self.target_field.get_foreign_related_value(obj)[0]
                    else:
                        fk_val = self.target_field.get_prep_value(obj)
                    if fk_val in old_ids:
                        old_ids.remove(fk_val)
                    else:
                        new_objs.append(obj)
                self.remove(*old_ids)
                self.add(*new_objs, through_defaults=through_defaults)

        def create(self, *, through_defaults: dict | None = None, **kwargs: Any) -> Any:
            db = _router().db_for_write(self.instance.__class__, instance=self.instance)
            new_obj = super(ManyRelatedManager, self.db_manager(db)).create(**kwargs)
            self.add(new_obj, through_defaults=through_defaults)
            return new_obj

        def get_or_create(self, *, through_defaults: dict | None = None, **kwargs: Any) -> Any:
            db = _router().db_for_write(self.instance.__class__, instance=self.instance)
            obj, created = super(ManyRelatedManager, self.db_manager(db)).get_or_create(**kwargs)
            if created:
                self.add(obj, through_defaults=through_defaults)
            return obj, created

        def update_or_create(self, *, through_defaults: dict | None = None, **kwargs: Any) -> Any:
            db = _router().db_for_write(self.instance.__class__, instance=self.instance)
            obj, created = super(ManyRelatedManager, self.db_manager(db)).update_or_create(**kwargs)
            if created:
                self.add(obj, through_defaults=through_defaults)
            return obj, created

        def _send_changed(self, action: str, pk_set: Any, db: str, model: Any = None) -> None:
            signals.m2m_changed.send(
                sender=self.through,
                action=action,
                instance=self.instance,
                reverse=self.reverse,
                model=model or self.model,
                pk_set=pk_set,
                using=db,
            )

        def _get_target_ids(self, target_field_name: str, objs: tuple) -> builtins.set:
            from django.db.models.base import Model

            target_ids = set()
            target_field = self.through._meta.get_field(target_field_name)
            for obj in objs:
                if isinstance(obj, self.model):
                    if not _router().allow_relation(obj, self.instance):
                        raise ValueError(
                            'Cannot add "%r": instance is on database "%s", value is on database "%s"'
                            % (obj, self.instance._state.db, obj._state.db)
                        )
                    target_id = target_field.get_foreign_related_value(obj)[0]
                    if target_id is None:
                        raise ValueError(
                            'Cannot add "%r": the value for field "%s" is None' % (obj, target_field_name)
                        )
                    target_ids.add(target_id)
                elif isinstance(obj, Model):
                    raise TypeError("'%s' instance expected, got %r" % (self.model._meta.object_name, obj))
                else:
                    target_ids.add(target_field.get_prep_value(obj))
            return target_ids

        def _add_items(
            self,
            source_field_name: str,
            target_field_name: str,
            *objs: Any,
            through_defaults: dict | None = None,
        ) -> None:
            if not objs:
                return
            through_defaults = dict(resolve_callables(through_defaults or {}))
            target_ids = self._get_target_ids(target_field_name, objs)
            db = _router().db_for_write(self.through, instance=self.instance)
            source_attname = self.through._meta.get_field(source_field_name).attname
            target_attname = self.through._meta.get_field(target_field_name).attname
            existing = (
                self.through._default_manager.using(db)
                .filter(**{source_field_name: self.related_val[0], "%s__in" % target_field_name: target_ids})
                .values_list(target_field_name, flat=True)
            )
            missing = target_ids.difference(existing)
            self._send_changed("pre_add", missing, db)
            self.through._default_manager.using(db).bulk_create(
                [
                    self.through(
                        **through_defaults, **{source_attname: self.related_val[0], target_attname: target_id}
                    )
                    for target_id in missing
                ]
            )
            self._send_changed("post_add", missing, db)

        def _remove_items(self, source_field_name: str, target_field_name: str, *objs: Any) -> None:
            if not objs:
                return
            old_ids = set()
            for obj in objs:
                if isinstance(obj, self.model):
                    old_ids.add(self.target_field.get_foreign_related_value(obj)[0])
                else:
                    old_ids.add(obj)
            db = _router().db_for_write(self.through, instance=self.instance)
            with _atomic(db):
                self._send_changed("pre_remove", old_ids, db)
                filters = self._build_remove_filters(list(old_ids))
                self.through._default_manager.using(db).filter(filters).delete()
                self._send_changed("post_remove", old_ids, db)

    _add_async_methods(
        ManyRelatedManager, ("add", "remove", "clear", "set", "create", "get_or_create", "update_or_create")
    )
    return ManyRelatedManager
