"""Deletion: the on_delete handlers and the Collector that gathers and deletes objects."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import partial, reduce
from itertools import chain
from operator import attrgetter, or_
from typing import Any

from django.db import IntegrityError
from django.db.models import signals


class ProtectedError(IntegrityError):
    def __init__(self, msg: str, protected_objects: Any) -> None:
        self.protected_objects = protected_objects
        super().__init__(msg, protected_objects)


class RestrictedError(IntegrityError):
    def __init__(self, msg: str, restricted_objects: Any) -> None:
        self.restricted_objects = restricted_objects
        super().__init__(msg, restricted_objects)


def CASCADE(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    collector.collect(
        sub_objs,
        source=field.remote_field.model,
        source_attr=field.name,
        nullable=field.null,
        fail_on_restricted=False,
    )
    if field.null and not _connection(using).features.can_defer_constraint_checks:
        collector.add_field_update(field, None, sub_objs)


def PROTECT(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    raise ProtectedError(
        "Cannot delete some instances of model '%s' because they are referenced through a protected "
        "foreign key: '%s.%s'"
        % (field.remote_field.model.__name__, sub_objs[0].__class__.__name__, field.name),
        sub_objs,
    )


def RESTRICT(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    collector.add_restricted_objects(field, sub_objs)
    collector.add_dependency(field.remote_field.model, field.model)


def SET(value: Any):
    """on_delete handler setting the foreign key to value (called if callable)."""
    if callable(value):

        def set_on_delete(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
            collector.add_field_update(field, value(), sub_objs)

    else:

        def set_on_delete(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
            collector.add_field_update(field, value, sub_objs)

    set_on_delete.deconstruct = lambda: ("django.db.models.SET", (value,), {})  # type: ignore[attr-defined]  # flag attribute on a function
    set_on_delete.lazy_sub_objs = True  # type: ignore[attr-defined]  # flag attribute on a function
    return set_on_delete


def SET_NULL(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    collector.add_field_update(field, None, sub_objs)


SET_NULL.lazy_sub_objs = True  # type: ignore[attr-defined]  # flag attribute on a function


def SET_DEFAULT(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    collector.add_field_update(field, field.get_default(), sub_objs)


SET_DEFAULT.lazy_sub_objs = True  # type: ignore[attr-defined]  # flag attribute on a function


def DO_NOTHING(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    pass


def _connection(using: str) -> Any:
    from django.db import connections

    return connections[using]


def get_candidate_relations_to_delete(opts: Any):
    """Reverse one-to-one and many-to-one relations pointing at opts' model (incl. hidden ones)."""
    return (
        f
        for f in opts.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    )


class Collector:
    """Gather the objects a delete must remove or update, then do it in dependency order."""

    def __init__(self, using: str, origin: Any = None) -> None:
        self.using = using
        # The model instance or queryset whose delete() started this collection.
        self.origin = origin
        self.data: dict[Any, Any] = defaultdict(set)
        self.field_updates: dict[tuple[Any, Any], list] = defaultdict(list)
        self.restricted_objects: dict[Any, Any] = defaultdict(partial(defaultdict, set))
        self.fast_deletes: list = []
        # model -> models that must be deleted before it
        self.dependencies: dict[Any, set] = defaultdict(set)

    def add(
        self, objs: Any, source: Any = None, nullable: bool = False, reverse_dependency: bool = False
    ) -> list:
        """Add objs to be deleted; return the ones not already collected."""
        if not objs:
            return []
        new_objs = []
        model = objs[0].__class__
        instances = self.data[model]
        for obj in objs:
            if obj not in instances:
                new_objs.append(obj)
        instances.update(new_objs)
        # A non-nullable FK from model to source: model's rows go first.
        if source is not None and not nullable:
            self.add_dependency(source, model, reverse_dependency=reverse_dependency)
        return new_objs

    def add_dependency(self, model: Any, dependency: Any, reverse_dependency: bool = False) -> None:
        if reverse_dependency:
            model, dependency = dependency, model
        self.dependencies[model._meta.concrete_model].add(dependency._meta.concrete_model)
        self.data.setdefault(dependency, set())

    def add_field_update(self, field: Any, value: Any, objs: Any) -> None:
        self.field_updates[field, value].append(objs)

    def add_restricted_objects(self, field: Any, objs: Any) -> None:
        if objs:
            model = objs[0].__class__
            self.restricted_objects[model][field].update(objs)

    def clear_restricted_objects_from_set(self, model: Any, objs: Any) -> None:
        if model in self.restricted_objects:
            self.restricted_objects[model] = {
                field: items - objs for field, items in self.restricted_objects[model].items()
            }

    def clear_restricted_objects_from_queryset(self, model: Any, qs: Any) -> None:
        if model in self.restricted_objects:
            pks = [obj.pk for objs in self.restricted_objects[model].values() for obj in objs]
            self.clear_restricted_objects_from_set(model, set(qs.filter(pk__in=pks)))

    def _has_signal_listeners(self, model: Any) -> bool:
        return signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model)

    def can_fast_delete(self, objs: Any, from_field: Any = None) -> bool:
        """Whether objs can be deleted with one DELETE, without fetching them.

        True when nothing cascades from them, no signal receivers are connected and
        (for a queryset reached through a relation) the relation cascades.
        """
        if from_field and from_field.remote_field.on_delete is not CASCADE:
            return False
        if hasattr(objs, "_meta"):
            model = objs._meta.model
        elif hasattr(objs, "model") and hasattr(objs, "_raw_delete"):
            model = objs.model
        else:
            return False
        if self._has_signal_listeners(model):
            return False
        opts = model._meta
        return (
            all(link == from_field for link in opts.concrete_model._meta.parents.values())
            and all(
                related.field.remote_field.on_delete is DO_NOTHING
                for related in get_candidate_relations_to_delete(opts)
            )
            and not any(hasattr(field, "bulk_related_objects") for field in opts.private_fields)
        )

    def get_del_batches(self, objs: list, fields: list) -> list:
        size = max(_connection(self.using).ops.bulk_batch_size(fields, objs), 1)
        if len(objs) > size:
            return [objs[i : i + size] for i in range(0, len(objs), size)]
        return [objs]

    def collect(
        self,
        objs: Any,
        source: Any = None,
        nullable: bool = False,
        collect_related: bool = True,
        source_attr: str | None = None,
        reverse_dependency: bool = False,
        keep_parents: bool = False,
        fail_on_restricted: bool = True,
    ) -> None:
        """Add objs and, following on_delete, everything that depends on them."""
        if self.can_fast_delete(objs):
            self.fast_deletes.append(objs)
            return
        new_objs = self.add(objs, source, nullable, reverse_dependency=reverse_dependency)
        if not new_objs:
            return
        model = new_objs[0].__class__
        if not keep_parents:
            self._collect_parents(model, new_objs)
        if not collect_related:
            return
        parents = set(model._meta.get_parent_list()) if keep_parents else set()
        model_fast_deletes: dict[Any, list] = defaultdict(list)
        protected_objects: dict[str, list] = defaultdict(list)
        for related in get_candidate_relations_to_delete(model._meta):
            if keep_parents and related.model in parents:
                continue
            field = related.field
            on_delete = field.remote_field.on_delete
            if on_delete == DO_NOTHING:
                continue
            related_model = related.related_model
            if self.can_fast_delete(related_model, from_field=field):
                model_fast_deletes[related_model].append(field)
                continue
            for batch in self.get_del_batches(new_objs, [field]):
                sub_objs = self.related_objects(related_model, [field], batch)
                if getattr(on_delete, "lazy_sub_objs", False) or sub_objs:
                    try:
                        on_delete(self, field, sub_objs, self.using)
                    except ProtectedError as error:
                        key = "'%s.%s'" % (field.model.__name__, field.name)
                        protected_objects[key] += error.protected_objects
        if protected_objects:
            raise ProtectedError(
                "Cannot delete some instances of model %r because they are referenced through protected "
                "foreign keys: %s." % (model.__name__, ", ".join(protected_objects)),
                set(chain.from_iterable(protected_objects.values())),
            )
        for related_model, related_fields in model_fast_deletes.items():
            for batch in self.get_del_batches(new_objs, related_fields):
                self.fast_deletes.append(self.related_objects(related_model, related_fields, batch))
        for field in model._meta.private_fields:
            if hasattr(field, "bulk_related_objects"):
                # Generic relations (contenttypes) delete their related objects too.
                sub_objs = field.bulk_related_objects(new_objs, self.using)
                self.collect(sub_objs, source=model, nullable=True, fail_on_restricted=False)
        if fail_on_restricted:
            self._raise_if_restricted(model)

    def _collect_parents(self, model: Any, new_objs: list) -> None:
        # Multi-table inheritance: deleting a child deletes its parent rows too.
        for ptr in model._meta.concrete_model._meta.parents.values():
            if ptr:
                parent_objs = [getattr(obj, ptr.name) for obj in new_objs]
                self.collect(
                    parent_objs,
                    source=model,
                    source_attr=ptr.remote_field.related_name,
                    collect_related=False,
                    reverse_dependency=True,
                    fail_on_restricted=False,
                )

    def _raise_if_restricted(self, model: Any) -> None:
        # Objects reached through RESTRICT may still go if a CASCADE path also reaches them.
        for related_model, instances in self.data.items():
            self.clear_restricted_objects_from_set(related_model, instances)
        for qs in self.fast_deletes:
            self.clear_restricted_objects_from_queryset(qs.model, qs)
        restricted: dict[str, list] = defaultdict(list)
        for related_model, fields in self.restricted_objects.items():
            for field, objs in fields.items():
                if objs:
                    restricted["'%s.%s'" % (related_model.__name__, field.name)] += objs
        if restricted:
            raise RestrictedError(
                "Cannot delete some instances of model %r because they are referenced through restricted "
                "foreign keys: %s." % (model.__name__, ", ".join(restricted)),
                set(chain.from_iterable(restricted.values())),
            )

    def related_objects(self, related_model: Any, related_fields: list, objs: Any) -> Any:
        """A queryset of related_model rows pointing at objs through any of related_fields."""
        from django.db.models.query_utils import Q

        predicate = Q(*[Q(**{"%s__in" % f.name: objs}) for f in related_fields], _connector=Q.OR)
        return related_model._base_manager.using(self.using).filter(predicate)

    def instances_with_model(self):
        for model, instances in self.data.items():
            for obj in instances:
                yield model, obj

    def sort(self) -> None:
        """Order self.data so that every model comes after the models depending on it."""
        sorted_models: list = []
        concrete_models: set = set()
        models = list(self.data)
        while len(sorted_models) < len(models):
            found = False
            for model in models:
                if model in sorted_models:
                    continue
                dependencies = self.dependencies.get(model._meta.concrete_model)
                if not (dependencies and dependencies.difference(concrete_models)):
                    sorted_models.append(model)
                    concrete_models.add(model._meta.concrete_model)
                    found = True
            if not found:
                return  # a cycle: keep the collection order
        self.data = {model: self.data[model] for model in sorted_models}

    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete everything collected; return (total, {model label: count})."""
        from django.db import transaction
        from django.db.models import sql

        for model, instances in self.data.items():
            self.data[model] = sorted(instances, key=attrgetter("pk"))
        self.sort()
        deleted_counter: Counter = Counter()
        if len(self.data) == 1:
            ((model, instances),) = self.data.items()
            if len(instances) == 1 and self.can_fast_delete(instances[0]):
                instance = instances[0]
                with transaction.mark_for_rollback_on_error(self.using):
                    count = sql.DeleteQuery(model).delete_batch([instance.pk], self.using)
                setattr(instance, model._meta.pk.attname, None)
                return count, {model._meta.label: count}
        with transaction.atomic(using=self.using, savepoint=False):
            for model, obj in self.instances_with_model():
                if not model._meta.auto_created:
                    signals.pre_delete.send(sender=model, instance=obj, using=self.using, origin=self.origin)
            for qs in self.fast_deletes:
                count = qs._raw_delete(using=self.using)
                if count:
                    deleted_counter[qs.model._meta.label] += count
            self._run_field_updates()
            for instances in self.data.values():
                instances.reverse()
            for model, instances in self.data.items():
                pk_list = [obj.pk for obj in instances]
                count = sql.DeleteQuery(model).delete_batch(pk_list, self.using)
                deleted_counter[model._meta.label] += count
                if not model._meta.auto_created:
                    for obj in instances:
                        signals.post_delete.send(
                            sender=model, instance=obj, using=self.using, origin=self.origin
                        )
        for (field, value), instances_list in self.field_updates.items():
            for instances in instances_list:
                if not _is_queryset(instances) or instances._result_cache is not None:
                    for obj in instances:
                        setattr(obj, field.attname, value)
        for model, instances in self.data.items():
            for instance in instances:
                setattr(instance, model._meta.pk.attname, None)
        return sum(deleted_counter.values()), dict(deleted_counter)

    def _run_field_updates(self) -> None:
        from django.db.models import sql

        for (field, value), instances_list in self.field_updates.items():
            updates = []
            objs = []
            for instances in instances_list:
                if _is_queryset(instances) and instances._result_cache is None:
                    updates.append(instances)
                else:
                    objs.extend(instances)
            if updates:
                reduce(or_, updates).update(**{field.name: value})
            if objs:
                model = objs[0].__class__
                sql.UpdateQuery(model).update_batch(
                    list({obj.pk for obj in objs}), {field.name: value}, self.using
                )


def _is_queryset(value: Any) -> bool:
    return hasattr(value, "_result_cache") and hasattr(value, "query")
