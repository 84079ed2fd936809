"""The write paths of QuerySet: bulk_create, bulk_update, get_or_create, update_or_create.

QuerySet's methods of the same names delegate here; the first argument is the QuerySet.
"""

from __future__ import annotations

from typing import Any

from django.core import exceptions
from django.db import IntegrityError, NotSupportedError, connections, transaction
from django.db.models import sql
from django.db.models.constants import LOOKUP_SEP, OnConflict
from django.db.models.expressions import Case, Value, When
from django.db.models.sql.constants import ROW_COUNT
from django.db.models.utils import resolve_callables


def _partition(predicate, values):
    falsy: list = []
    truthy: list = []
    for value in values:
        (truthy if predicate(value) else falsy).append(value)
    return falsy, truthy


def prepare_for_bulk_create(objs) -> None:
    for obj in objs:
        if obj.pk is None:
            # Populate new primary keys that come from Python (e.g. UUIDs with defaults).
            obj.pk = obj._meta.pk.get_pk_value_on_save(obj)
        obj._prepare_related_fields_for_save(operation_name="bulk_create")


def check_bulk_create_options(queryset, ignore_conflicts, update_conflicts, update_fields, unique_fields):
    if ignore_conflicts and update_conflicts:
        raise ValueError("ignore_conflicts and update_conflicts are mutually exclusive.")
    features = connections[queryset.db].features
    if ignore_conflicts:
        if not features.supports_ignore_conflicts:
            raise NotSupportedError("This database backend does not support ignoring conflicts.")
        return OnConflict.IGNORE
    if not update_conflicts:
        return None
    if not features.supports_update_conflicts:
        raise NotSupportedError("This database backend does not support updating conflicts.")
    if not update_fields:
        raise ValueError(
            "Fields that will be updated when a row insertion fails on conflicts must be provided."
        )
    if unique_fields and not features.supports_update_conflicts_with_target:
        raise NotSupportedError(
            "This database backend does not support updating conflicts with specifying unique fields "
            "that can trigger the upsert."
        )
    if not unique_fields and features.supports_update_conflicts_with_target:
        raise ValueError("Unique fields that can trigger the upsert must be provided.")
    if any(not f.concrete or f.many_to_many for f in update_fields):
        raise ValueError("bulk_create() can only be used with concrete fields in update_fields.")
    if any(f.primary_key for f in update_fields):
        raise ValueError("bulk_create() cannot be used with primary keys in update_fields.")
    if unique_fields and any(not f.concrete or f.many_to_many for f in unique_fields):
        raise ValueError("bulk_create() can only be used with concrete fields in unique_fields.")
    return OnConflict.UPDATE


def bulk_create(queryset, objs, batch_size=None, ignore_conflicts=False, update_conflicts=False,
                update_fields=None, unique_fields=None):  # fmt: skip
    """Insert objects in batches; set primary keys where the database returns them."""
    if batch_size is not None and batch_size <= 0:
        raise ValueError("Batch size must be a positive integer.")
    opts = queryset.model._meta
    for parent in opts.get_parent_list():
        if parent._meta.concrete_model is not opts.concrete_model:
            raise ValueError("Can't bulk create a multi-table inherited model")
    if not objs:
        return objs
    if unique_fields:
        unique_fields = [opts.get_field(opts.pk.name if name == "pk" else name) for name in unique_fields]
    if update_fields:
        update_fields = [opts.get_field(name) for name in update_fields]
    on_conflict = check_bulk_create_options(
        queryset, ignore_conflicts, update_conflicts, update_fields, unique_fields
    )
    queryset._for_write = True
    fields = [f for f in opts.concrete_fields if not getattr(f, "generated", False)]
    objs = list(objs)
    prepare_for_bulk_create(objs)
    returning = opts.db_returning_fields
    db = queryset.db  # asks the router once, not per object
    with transaction.atomic(using=db, savepoint=False):
        objs_without_pk, objs_with_pk = _partition(lambda o: o.pk is not None, objs)
        if objs_with_pk:
            returned = batched_insert(
                queryset, objs_with_pk, fields, batch_size, on_conflict, update_fields, unique_fields
            )
            for obj, results in zip(objs_with_pk, returned):
                for result, field in zip(results, returning):
                    if field != opts.pk:
                        setattr(obj, field.attname, result)
            for obj in objs_with_pk:
                obj._state.adding = False
                obj._state.db = db
        if objs_without_pk:
            fields = [f for f in fields if not getattr(f, "db_returning", False) or not f.primary_key]
            returned = batched_insert(
                queryset, objs_without_pk, fields, batch_size, on_conflict, update_fields, unique_fields
            )
            for obj, results in zip(objs_without_pk, returned):
                for result, field in zip(results, returning):
                    setattr(obj, field.attname, result)
            for obj in objs_without_pk:
                obj._state.adding = False
                obj._state.db = db
    return objs


def bulk_update(queryset, objs, fields, batch_size=None):
    """Update the given fields of each object, in batches of one UPDATE ... CASE each."""
    from django.db.models.functions import Cast

    if batch_size is not None and batch_size <= 0:
        raise ValueError("Batch size must be a positive integer.")
    if not fields:
        raise ValueError("Field names must be given to bulk_update().")
    objs = tuple(objs)
    if any(obj.pk is None for obj in objs):
        raise ValueError("All bulk_update() objects must have a primary key set.")
    fields = [queryset.model._meta.get_field(name) for name in fields]
    if any(not f.concrete or f.many_to_many for f in fields):
        raise ValueError("bulk_update() can only be used with concrete fields.")
    if any(f.primary_key for f in fields):
        raise ValueError("bulk_update() cannot be used with primary key fields.")
    if not objs:
        return 0
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_update", fields=fields)
    queryset._for_write = True
    connection = connections[queryset.db]
    max_batch_size = connection.ops.bulk_batch_size(["pk", "pk", *fields], objs)
    batch_size = min(batch_size, max_batch_size) if batch_size else max_batch_size
    requires_casting = connection.features.requires_casted_case_in_updates
    updates = []
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        update_kwargs = {}
        for field in fields:
            whens = []
            for obj in batch:
                attr = getattr(obj, field.attname)
                if not hasattr(attr, "resolve_expression"):
                    attr = Value(attr, output_field=field)
                whens.append(When(pk=obj.pk, then=attr))
            case: Any = Case(*whens, output_field=field)
            if requires_casting:
                case = Cast(case, output_field=field)
            update_kwargs[field.attname] = case
        updates.append(([obj.pk for obj in batch], update_kwargs))
    rows_updated = 0
    queryset = queryset.using(queryset.db)
    with transaction.atomic(using=queryset.db, savepoint=False):
        for pks, update_kwargs in updates:
            rows_updated += queryset.filter(pk__in=pks).update(**update_kwargs)
    return rows_updated


def get_or_create(queryset, defaults, kwargs):
    """Return (object, created), creating it from kwargs + defaults if needed."""
    queryset._for_write = True
    try:
        return queryset.get(**kwargs), False
    except queryset.model.DoesNotExist:
        params = extract_model_params(queryset, defaults, kwargs)
        try:
            with transaction.atomic(using=queryset.db):
                params = dict(resolve_callables(params))
                return queryset.create(**params), True
        except IntegrityError:
            # Someone else created it meanwhile.
            try:
                return queryset.get(**kwargs), False
            except queryset.model.DoesNotExist:
                pass
            raise


def update_or_create(queryset, defaults, create_defaults, kwargs):
    """Update the matching object with defaults, or create it with create_defaults."""
    update_defaults = defaults or {}
    if create_defaults is None:
        create_defaults = update_defaults
    queryset._for_write = True
    with transaction.atomic(using=queryset.db):
        # Lock the row so a concurrent update waits for our save.
        obj, created = get_or_create(queryset.select_for_update(), create_defaults, kwargs)
        if created:
            return obj, created
        for key, value in resolve_callables(update_defaults):
            setattr(obj, key, value)
        update_fields = set(update_defaults)
        concrete = {
            name
            for f in queryset.model._meta.concrete_fields
            if not f.primary_key
            for name in (f.name, f.attname)
        }
        if concrete.issuperset(update_fields):
            from django.db.models.fields import Field

            # Fields set in pre_save() (auto_now) are saved too.
            for field in queryset.model._meta.local_concrete_fields:
                if not (field.primary_key or field.__class__.pre_save is Field.pre_save):
                    update_fields.add(field.name)
                    if field.name != field.attname:
                        update_fields.add(field.attname)
            obj.save(using=queryset.db, update_fields=update_fields)
        else:
            obj.save(using=queryset.db)
    return obj, False


def extract_model_params(queryset, defaults, kwargs):
    defaults = defaults or {}
    params = {k: v for k, v in kwargs.items() if LOOKUP_SEP not in k}
    params.update(defaults)
    invalid = []
    for param in params:
        try:
            queryset.model._meta.get_field(param)
        except exceptions.FieldDoesNotExist:
            # A property with a setter is fine.
            attr = getattr(queryset.model, param, None)
            if not (isinstance(attr, property) and attr.fset):
                invalid.append(param)
    if invalid:
        raise exceptions.FieldError(
            "Invalid field name(s) for model {}: '{}'.".format(
                queryset.model._meta.object_name, "', '".join(sorted(invalid))
            )
        )
    return params


def batched_insert(
    queryset, objs, fields, batch_size, on_conflict=None, update_fields=None, unique_fields=None
):
    connection = connections[queryset.db]
    max_batch_size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    batch_size = min(batch_size, max_batch_size) if batch_size else max_batch_size
    inserted_rows = []
    bulk_return = connection.features.can_return_rows_from_bulk_insert
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        if bulk_return and on_conflict in (None, OnConflict.UPDATE):
            inserted_rows.extend(
                queryset._insert(
                    batch,
                    fields=fields,
                    using=queryset.db,
                    on_conflict=on_conflict,
                    update_fields=update_fields,
                    unique_fields=unique_fields,
                    returning_fields=queryset.model._meta.db_returning_fields,
                )
            )
        else:
            queryset._insert(
                batch,
                fields=fields,
                using=queryset.db,
                on_conflict=on_conflict,
                update_fields=update_fields,
                unique_fields=unique_fields,
            )
    return inserted_rows


def update(queryset, kwargs):
    """Update all rows with the given values; return the number of rows matched."""
    queryset._not_support_combined_queries("update")
    if queryset.query.is_sliced:
        raise TypeError("Cannot update a query once a slice has been taken.")
    queryset._for_write = True
    query = queryset.query.chain(sql.UpdateQuery)
    query.add_update_values(kwargs)
    new_order_by = []
    for col in query.order_by:
        name = col.removeprefix("-") if isinstance(col, str) else col
        annotation = query.annotations.get(name) if isinstance(name, str) else None
        if annotation is not None:
            if getattr(annotation, "contains_aggregate", False):
                raise exceptions.FieldError(f"Cannot update when ordering by an aggregate: {annotation}")
            new_order_by.append(annotation.desc() if col.startswith("-") else annotation)
        else:
            new_order_by.append(col)
    query.order_by = tuple(new_order_by)
    # Annotations would end up in the pk__in subquery otherwise.
    query.annotations = {}
    with transaction.mark_for_rollback_on_error(using=queryset.db):
        rows = query.get_compiler(queryset.db).execute_sql(ROW_COUNT)
    queryset._result_cache = None
    return rows


def in_bulk(queryset, id_list, field_name):
    """Return {field value: object} for the given values (or all objects)."""
    if queryset.query.is_sliced:
        raise TypeError("Cannot use 'limit' or 'offset' with in_bulk().")
    opts = queryset.model._meta
    unique_fields = [
        constraint.fields[0]
        for constraint in getattr(opts, "total_unique_constraints", ())
        if len(constraint.fields) == 1
    ]
    if (
        field_name != "pk"
        and not opts.get_field(field_name).unique
        and field_name not in unique_fields
        and queryset.query.distinct_fields != (field_name,)
    ):
        raise ValueError(f"in_bulk()'s field_name must be a unique field but {field_name!r} isn't.")
    if id_list is not None:
        if not id_list:
            return {}
        filter_key = f"{field_name}__in"
        batch_size = connections[queryset.db].features.max_query_params
        id_list = tuple(id_list)
        qs: Any
        if batch_size and batch_size < len(id_list):
            qs = ()
            for offset in range(0, len(id_list), batch_size):
                batch = id_list[offset : offset + batch_size]
                qs += tuple(queryset.filter(**{filter_key: batch}))
        else:
            qs = queryset.filter(**{filter_key: id_list})
    else:
        qs = queryset._chain()
    return {getattr(obj, field_name): obj for obj in qs}
