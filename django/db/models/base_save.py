"""Saving model instances: Model.save() and the INSERT/UPDATE machinery behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db.models import signals

if TYPE_CHECKING:
    from django.db.models.base import ModelState
    from django.db.models.options import Options


class ModelSaving:
    """Mixed into Model; the saving half of the instance API."""

    if TYPE_CHECKING:  # provided by Model and ModelBase
        _meta: ClassVar[Options]
        _state: ModelState
        NotUpdated: ClassVar[type[Exception]]

        def _get_pk_val(self, meta: Any = None) -> Any: ...
        def _is_pk_set(self, meta: Any = None) -> bool: ...

    def save(
        self,
        *,
        force_insert: bool | tuple = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Any = None,
    ) -> None:
        """Save the instance: UPDATE if it exists, otherwise INSERT."""
        from django.db import router

        self._prepare_related_fields_for_save(operation_name="save")
        using = using or router.db_for_write(self.__class__, instance=self)
        if force_insert and (force_update or update_fields):
            raise ValueError("Cannot force both insert and updating in model saving.")
        deferred_non_generated = {
            f.attname
            for f in self._meta.concrete_fields
            if f.attname not in self.__dict__ and not f.generated
        }
        if update_fields is not None:
            # An empty update_fields means: save nothing, run no query.
            if not update_fields:
                return
            update_fields = frozenset(update_fields)
            not_updatable = update_fields.difference(self._meta._non_pk_concrete_field_names)
            if not_updatable:
                raise ValueError(
                    "The following fields do not exist in this model, are m2m fields, primary keys, or are "
                    "non-concrete fields: %s" % ", ".join(sorted(not_updatable))
                )
        elif not force_insert and deferred_non_generated and using == self._state.db:
            # A deferred-loaded instance saves only its loaded fields.
            pk_fields = self._meta.pk_fields
            loaded = {
                f.attname
                for f in self._meta.concrete_fields
                if f not in pk_fields and not hasattr(f, "through")
            }.difference(deferred_non_generated)
            if loaded:
                update_fields = frozenset(loaded)
        self.save_base(
            using=using, force_insert=force_insert, force_update=force_update, update_fields=update_fields
        )

    save.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    async def asave(self, **kwargs: Any) -> None:
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.save)(**kwargs)

    asave.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def _prepare_related_fields_for_save(self, operation_name: str, fields: Any = None) -> None:
        """Refuse to save with an unsaved related object; pick up pks assigned since."""
        for field in self._meta.concrete_fields:
            if fields and field not in fields:
                continue
            if not (field.is_relation and field.is_cached(self)):
                continue
            obj = getattr(self, field.name, None)
            if not obj:
                continue
            if obj.pk is None:
                if not field.remote_field.multiple:
                    field.remote_field.delete_cached_value(obj)
                raise ValueError(
                    "%s() prohibited to prevent data loss due to unsaved related object '%s'."
                    % (operation_name, field.name)
                )
            if getattr(self, field.attname) in field.empty_values:
                # The related object was saved after being assigned: copy its pk now.
                setattr(self, field.name, obj)
            if getattr(obj, field.target_field.attname) != getattr(self, field.attname):
                field.delete_cached_value(self)
        for field in self._meta.private_fields:
            if fields and field not in fields:
                continue
            if field.is_relation and hasattr(field, "is_cached") and field.is_cached(self):
                obj = field.get_cached_value(self, default=None)
                if obj and obj.pk is None:
                    raise ValueError(
                        f"{operation_name}() prohibited to prevent data loss due to unsaved related object "
                        f"'{field.name}'."
                    )

    def save_base(
        self,
        raw: bool = False,
        force_insert: Any = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Any = None,
    ) -> None:
        """Save parents and this model's table, sending pre_save/post_save (raw is for fixtures)."""
        from django.db import router, transaction

        using = using or router.db_for_write(self.__class__, instance=self)
        cls = origin = self.__class__
        if cls._meta.proxy:
            cls = cls._meta.concrete_model
        meta = cls._meta
        if not meta.auto_created:
            signals.pre_save.send(
                sender=origin, instance=self, raw=raw, using=using, update_fields=update_fields
            )
        if meta.parents:
            context_manager = transaction.atomic(using=using, savepoint=False)
        else:
            context_manager = transaction.mark_for_rollback_on_error(using=using)
        with context_manager:
            parent_inserted = False
            if not raw:
                force_insert = self._validate_force_insert(force_insert)
                parent_inserted = self._save_parents(cls, using, update_fields, force_insert)
            updated = self._save_table(
                raw, cls, bool(force_insert) or parent_inserted, force_update, using, update_fields
            )
        self._state.db = using
        self._state.adding = False
        if not meta.auto_created:
            signals.post_save.send(
                sender=origin,
                instance=self,
                created=(not updated),
                update_fields=update_fields,
                raw=raw,
                using=using,
            )

    save_base.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    @classmethod
    def _validate_force_insert(cls, force_insert: Any) -> tuple:
        if force_insert is False:
            return ()
        if force_insert is True:
            return (cls,)
        if not isinstance(force_insert, tuple):
            raise TypeError("force_insert must be a bool or tuple.")
        from django.db.models.base import ModelBase

        for member in force_insert:
            if not isinstance(member, ModelBase):
                raise TypeError(f"Invalid force_insert member. {member!r} must be a model subclass.")
            if not issubclass(cls, member):
                raise TypeError(
                    f"Invalid force_insert member. {member.__qualname__} must be a base of {cls.__qualname__}."
                )
        return force_insert

    def _save_parents(
        self, cls: Any, using: str, update_fields: Any, force_insert: tuple, updated_parents: Any = None
    ) -> bool:
        """Save every multi-table parent first; return whether any parent row was inserted."""
        meta = cls._meta
        inserted = False
        if updated_parents is None:
            updated_parents = {}
        for parent, field in meta.parents.items():
            if (
                field
                and getattr(self, parent._meta.pk.attname) is None
                and getattr(self, field.attname) is not None
            ):
                setattr(self, parent._meta.pk.attname, getattr(self, field.attname))
            parent_updated = updated_parents.get(parent)
            if parent_updated is None:
                parent_inserted = self._save_parents(
                    parent, using, update_fields, force_insert, updated_parents
                )
                updated = self._save_table(
                    cls=parent,
                    using=using,
                    update_fields=update_fields,
                    force_insert=parent_inserted or issubclass(parent, force_insert),
                )
                if not updated:
                    inserted = True
                updated_parents[parent] = updated
            elif not parent_updated:
                inserted = True
            if field:
                setattr(self, field.attname, self._get_pk_val(parent._meta))
                if field.is_cached(self):
                    field.delete_cached_value(self)
        return inserted

    def _save_table(
        self,
        raw: bool = False,
        cls: Any = None,
        force_insert: bool = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Any = None,
    ) -> bool:
        """Save this instance's row of cls's table; return True if it was an UPDATE."""
        meta = cls._meta
        pk_fields = meta.pk_fields
        non_pks = [f for f in meta.local_concrete_fields if f not in pk_fields and not f.generated]
        if update_fields:
            non_pks = [f for f in non_pks if f.name in update_fields or f.attname in update_fields]
        if not self._is_pk_set(meta):
            setattr(self, meta.pk.attname, meta.pk.get_pk_value_on_save(self))
        pk_set = self._is_pk_set(meta)
        if not pk_set and (force_update or update_fields):
            raise ValueError("Cannot force an update in save() with no primary key.")
        updated = False
        # A new instance whose pk comes from a default can't exist yet: skip the UPDATE.
        if (
            not raw
            and not force_insert
            and not force_update
            and self._state.adding
            and (meta.pk.has_default() or meta.pk.has_db_default())
        ):
            force_insert = True
        if pk_set and not force_insert:
            base_qs = cls._base_manager.using(using)
            values = [
                (f, None, (getattr(self, f.attname) if raw else f.pre_save(self, False))) for f in non_pks
            ]
            forced_update = bool(update_fields or force_update)
            updated = self._do_update(
                base_qs, using, self._get_pk_val(meta), values, update_fields, forced_update
            )
            if force_update and not updated:
                raise self.NotUpdated("Forced update did not affect any rows.")
            if update_fields and not updated:
                raise self.NotUpdated("Save with update_fields did not affect any rows.")
            if updated:
                self._forget_generated_values(meta)
        if not updated:
            self._do_insert_row(cls, using, raw, pk_set)
        return updated

    def _do_insert_row(self, cls: Any, using: str | None, raw: bool, pk_set: bool) -> None:
        meta = cls._meta
        if meta.order_with_respect_to:
            self._order = self._next_order_value(cls, using)
        fields = [f for f in meta.local_concrete_fields if not f.generated]
        if not pk_set:
            fields = [f for f in fields if f is not meta.auto_field]
        returning_fields = list(meta.db_returning_fields)
        results = self._do_insert(cls._base_manager, using, fields, returning_fields, raw)
        if results:
            for value, field in zip(results[0], returning_fields):
                setattr(self, field.attname, value)
        self._forget_generated_values(meta, returned=returning_fields)

    def _forget_generated_values(self, meta: Any, returned: Any = ()) -> None:
        # Generated columns are computed by the database: reload them on next access.
        for field in meta.local_concrete_fields:
            if field.generated and field not in returned:
                self.__dict__.pop(field.attname, None)

    def _next_order_value(self, cls: Any, using: str | None) -> int:
        from django.db.models.aggregates import Max

        filter_args = self._meta.order_with_respect_to.get_filter_kwargs_for_object(self)
        current = cls._base_manager.using(using).filter(**filter_args).aggregate(_order__max=Max("_order"))
        value = current["_order__max"]
        return 0 if value is None else value + 1

    def _do_update(
        self,
        base_qs: Any,
        using: str | None,
        pk_val: Any,
        values: list,
        update_fields: Any,
        forced_update: bool,
    ) -> bool:
        """UPDATE the row; return whether a row matched."""
        select_first = self._meta.select_on_save and not forced_update
        if values and not select_first:
            rows = self._update_row_fast(base_qs, pk_val, values)
            if rows is not None:
                return rows > 0
        filtered = base_qs.filter(pk=pk_val)
        if not values:
            # Nothing to write: the row exists (or update_fields says so).
            return update_fields is not None or filtered.exists()
        if select_first:
            return filtered.exists() and (filtered._update(values) > 0 or filtered.exists())
        return filtered._update(values) > 0

    def _update_row_fast(self, base_qs: Any, pk_val: Any, values: list) -> int | None:
        """The row count of a direct UPDATE by pk, or None where the QuerySet path is needed."""
        from django.db.models.query import QuerySet
        from django.db.models.sql.compiler_writes import update_row_by_pk

        query = base_qs.query
        if query.where or query.is_sliced or type(base_qs)._update is not QuerySet._update:
            return None
        if any(model is not None for _field, model, _value in values):
            return None
        from django.db import connections

        return update_row_by_pk(query.model, connections[base_qs.db], pk_val, values)

    def _do_insert(
        self, manager: Any, using: str | None, fields: list, returning_fields: list, raw: bool
    ) -> Any:
        return manager._insert([self], fields=fields, returning_fields=returning_fields, using=using, raw=raw)
