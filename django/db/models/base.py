"""Model and its metaclass: class creation, instances, saving, deleting, refreshing."""

from __future__ import annotations

import copy
import inspect
import warnings
from functools import partialmethod
from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar

import django
from django.core.exceptions import (
    FieldDoesNotExist,
    FieldError,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ObjectNotUpdated,
)
from django.db.models import signals
from django.db.models.base_checks import ModelChecks
from django.db.models.base_save import ModelSaving
from django.db.models.base_validation import ModelValidation
from django.db.models.constants import LOOKUP_SEP
from django.db.models.deletion import CASCADE, Collector
from django.db.models.fields.base import NOT_PROVIDED
from django.db.models.fields.related import OneToOneField, lazy_related_operation, resolve_relation
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.manager import Manager
from django.db.models.options import Options
from django.db.models.row_builders import compiled_row_builder
from django.db.models.utils import AltersData, make_model_tuple

DJANGO_VERSION_PICKLE_KEY = "_django_version"


class Deferred:
    """Marker for a field value not loaded from the database."""

    def __repr__(self) -> str:
        return "<Deferred field>"

    def __str__(self) -> str:
        return "<Deferred field>"


DEFERRED = Deferred()


def subclass_exception(name: str, bases: tuple, module: str, attached_to: type) -> type:
    """An exception class nested in a model, e.g. Book.DoesNotExist."""
    return type(
        name, bases, {"__module__": module, "__qualname__": "%s.%s" % (attached_to.__qualname__, name)}
    )


def _has_contribute_to_class(value: Any) -> bool:
    # Only instances: a field class on the model body is left alone.
    return not inspect.isclass(value) and hasattr(value, "contribute_to_class")


def _model_exceptions(new_class: ModelBase, parents: list, module: str) -> None:
    concrete_parents = [p for p in parents if hasattr(p, "_meta") and not p._meta.abstract]
    specs = (
        ("DoesNotExist", (ObjectDoesNotExist,)),
        ("MultipleObjectsReturned", (MultipleObjectsReturned,)),
        ("NotUpdated", (ObjectNotUpdated, _database_error())),
    )
    for name, default_bases in specs:
        bases = tuple(getattr(p, name) for p in concrete_parents) or default_bases
        new_class.add_to_class(name, subclass_exception(name, bases, module, attached_to=new_class))


def _database_error() -> type:
    from django.db import DatabaseError

    return DatabaseError


class ModelBase(type):
    """Metaclass for all models: builds _meta, inheritance links and registers the model."""

    if TYPE_CHECKING:  # what every model class carries, set by __new__/add_to_class
        _meta: Options
        Meta: Any
        _get_next_or_previous_in_order: Any

    def __new__(cls, name: str, bases: tuple, attrs: dict, **kwargs: Any) -> type:
        super_new = super().__new__
        parents = [b for b in bases if isinstance(b, ModelBase)]
        if not parents:
            # Model itself.
            return super_new(cls, name, bases, attrs, **kwargs)
        module = attrs.pop("__module__")
        new_attrs = {"__module__": module}
        classcell = attrs.pop("__classcell__", None)
        if classcell is not None:
            new_attrs["__classcell__"] = classcell
        attr_meta = attrs.pop("Meta", None)
        # Objects with contribute_to_class() are added after the class exists.
        contributable_attrs = {}
        for obj_name, obj in attrs.items():
            if _has_contribute_to_class(obj):
                contributable_attrs[obj_name] = obj
            else:
                new_attrs[obj_name] = obj
        new_class = super_new(cls, name, bases, new_attrs, **kwargs)

        abstract = getattr(attr_meta, "abstract", False)
        meta = attr_meta or getattr(new_class, "Meta", None)
        base_meta = getattr(new_class, "_meta", None)
        app_label = cls._find_app_label(meta, module, name, abstract)
        new_class.add_to_class("_meta", Options(meta, app_label))
        if not abstract:
            _model_exceptions(new_class, parents, module)
            if base_meta and not base_meta.abstract:
                # A multi-table child inherits ordering and get_latest_by unless it sets them.
                if not hasattr(meta, "ordering"):
                    new_class._meta.ordering = base_meta.ordering
                if not hasattr(meta, "get_latest_by"):
                    new_class._meta.get_latest_by = base_meta.get_latest_by

        is_proxy = new_class._meta.proxy
        if is_proxy and base_meta and base_meta.swapped:
            raise TypeError("%s cannot proxy the swapped model '%s'." % (name, base_meta.swapped))
        for obj_name, obj in contributable_attrs.items():
            new_class.add_to_class(obj_name, obj)

        new_fields = chain(
            new_class._meta.local_fields, new_class._meta.local_many_to_many, new_class._meta.private_fields
        )
        field_names = {f.name for f in new_fields}
        if is_proxy:
            base = cls._proxy_base(name, parents)
            new_class._meta.setup_proxy(base)
            new_class._meta.concrete_model = base._meta.concrete_model
        else:
            new_class._meta.concrete_model = new_class
        cls._inherit(new_class, name, parents, field_names, is_proxy)
        # Inherited indexes are copied so each model names its own.
        new_class._meta.indexes = [copy.deepcopy(idx) for idx in new_class._meta.indexes]
        if abstract:
            # Children of an abstract model are not abstract unless they say so.
            attr_meta.abstract = False
            new_class.Meta = attr_meta
            return new_class
        new_class._prepare()
        new_class._meta.apps.register_model(new_class._meta.app_label, new_class)
        return new_class

    @staticmethod
    def _find_app_label(meta: Any, module: str, name: str, abstract: bool) -> str | None:
        if getattr(meta, "app_label", None) is not None:
            return None  # Options reads it from Meta
        from django.apps import apps

        app_config = apps.get_containing_app_config(module)
        if app_config is None:
            if not abstract:
                raise RuntimeError(
                    "Model class %s.%s doesn't declare an explicit app_label and isn't in an application in "
                    "INSTALLED_APPS." % (module, name)
                )
            return None
        return app_config.label

    @staticmethod
    def _proxy_base(name: str, parents: list) -> ModelBase:
        base = None
        for parent in [kls for kls in parents if hasattr(kls, "_meta")]:
            if parent._meta.abstract:
                if parent._meta.fields:
                    raise TypeError(
                        "Abstract base class containing model fields not permitted for proxy model '%s'."
                        % name
                    )
                continue
            if base is None:
                base = parent
            elif parent._meta.concrete_model is not base._meta.concrete_model:
                raise TypeError("Proxy model '%s' has more than one non-abstract model base class." % name)
        if base is None:
            raise TypeError("Proxy model '%s' has no non-abstract model base class." % name)
        return base

    @staticmethod
    def _inherit(new_class: Any, name: str, parents: list, field_names: set, is_proxy: bool) -> None:
        """Copy abstract parents' fields and link concrete parents (multi-table inheritance)."""
        parent_links = {}
        for base in reversed([new_class, *parents]):
            if not hasattr(base, "_meta"):
                continue
            if base != new_class and not base._meta.abstract:
                continue
            for field in base._meta.local_fields:
                if isinstance(field, OneToOneField) and field.remote_field.parent_link:
                    related = resolve_relation(new_class, field.remote_field.model)
                    parent_links[make_model_tuple(related)] = field
        inherited_attributes: set = set()
        for base in new_class.mro():
            if base not in parents or not hasattr(base, "_meta"):
                inherited_attributes.update(base.__dict__)
                continue
            parent_fields = base._meta.local_fields + base._meta.local_many_to_many
            if not base._meta.abstract:
                for field in parent_fields:
                    if field.name in field_names:
                        raise FieldError(
                            "Local field %r in class %r clashes with field of the same name from base class %r."
                            % (field.name, name, base.__name__)
                        )
                    inherited_attributes.add(field.name)
                base = base._meta.concrete_model
                base_key = make_model_tuple(base)
                if base_key in parent_links:
                    field = parent_links[base_key]
                elif not is_proxy:
                    attr_name = "%s_ptr" % base._meta.model_name
                    field = OneToOneField(
                        base, on_delete=CASCADE, name=attr_name, auto_created=True, parent_link=True
                    )
                    if attr_name in field_names:
                        raise FieldError(
                            "Auto-generated field '%s' in class %r for parent_link to base class %r clashes with "
                            "declared field of the same name." % (attr_name, name, base.__name__)
                        )
                    if not hasattr(new_class, attr_name):
                        new_class.add_to_class(attr_name, field)
                else:
                    field = None
                new_class._meta.parents[base] = field
            else:
                base_parents = base._meta.parents.copy()
                for field in parent_fields:
                    if (
                        field.name not in field_names
                        and field.name not in new_class.__dict__
                        and field.name not in inherited_attributes
                    ):
                        new_field = copy.deepcopy(field)
                        new_class.add_to_class(field.name, new_field)
                        # An abstract parent's explicit parent link is replaced by the copy.
                        if field.one_to_one:
                            for parent, parent_link in base_parents.items():
                                if field == parent_link:
                                    base_parents[parent] = new_field
                new_class._meta.parents.update(base_parents)
            for field in base._meta.private_fields:
                if field.name in field_names:
                    if not base._meta.abstract:
                        raise FieldError(
                            "Local field %r in class %r clashes with field of the same name from base class %r."
                            % (field.name, name, base.__name__)
                        )
                else:
                    field = copy.deepcopy(field)
                    if not base._meta.abstract:
                        field.mti_inherited = True
                    new_class.add_to_class(field.name, field)

    def add_to_class(cls, name: str, value: Any) -> None:
        if _has_contribute_to_class(value):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)

    def _prepare(cls) -> None:
        """Finish the class once its fields are known."""
        from django.conf import settings

        opts = cls._meta
        opts._prepare(cls)
        if opts.order_with_respect_to:
            cls.get_next_in_order = partialmethod(cls._get_next_or_previous_in_order, is_next=True)
            cls.get_previous_in_order = partialmethod(cls._get_next_or_previous_in_order, is_next=False)
            if opts.order_with_respect_to.remote_field:
                wrt = opts.order_with_respect_to
                remote = wrt.remote_field.model
                lazy_related_operation(make_foreign_order_accessors, cls, remote)
        if cls.__doc__ is None:
            cls.__doc__ = "%s(%s)" % (cls.__name__, ", ".join(f.name for f in opts.fields))
        url_override = getattr(settings, "ABSOLUTE_URL_OVERRIDES", {}).get(opts.label_lower)
        if url_override:
            cls.get_absolute_url = url_override
        if not opts.managers:
            if any(f.name == "objects" for f in opts.fields):
                raise ValueError(
                    "Model %s must specify a custom Manager, because it has a field named 'objects'."
                    % cls.__name__
                )
            manager = Manager()
            manager.auto_created = True
            cls.add_to_class("objects", manager)
        for index in cls._meta.indexes:
            if not index.name:
                index.set_name_with_model(cls)
        signals.class_prepared.send(sender=cls)

    @property
    def _base_manager(cls) -> Any:
        return cls._meta.base_manager

    @property
    def _default_manager(cls) -> Any:
        return cls._meta.default_manager


class ModelStateFieldsCacheDescriptor:
    """Create the per-instance related-object cache on first use."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        res = instance.fields_cache = {}
        return res


class ModelState:
    """Per-instance state: which database it came from and whether it is unsaved."""

    db: str | None = None
    # True until the instance is saved or loaded from the database.
    adding = True
    fields_cache = ModelStateFieldsCacheDescriptor()

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        if "fields_cache" in state:
            state["fields_cache"] = self.fields_cache.copy()
        return state


def _init_signals_connected(cls: type) -> bool:
    return signals.pre_init.has_listeners(cls) or signals.post_init.has_listeners(cls)


class Model(ModelSaving, ModelValidation, ModelChecks, AltersData, metaclass=ModelBase):
    if TYPE_CHECKING:  # added to each concrete model class by ModelBase
        DoesNotExist: ClassVar[type[ObjectDoesNotExist]]
        MultipleObjectsReturned: ClassVar[type[MultipleObjectsReturned]]
        NotUpdated: ClassVar[type[ObjectNotUpdated]]
        _state: ModelState

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = self.__class__
        opts = self._meta
        if opts.abstract:
            raise TypeError("Abstract models cannot be instantiated.")
        signals.pre_init.send(sender=cls, args=args, kwargs=kwargs)
        self._state = ModelState()
        if len(args) > len(opts.concrete_fields):
            raise IndexError("Number of args exceeds number of fields")
        if not kwargs:
            fields_iter = iter(opts.concrete_fields)
            for val, field in zip(args, fields_iter):
                if val is not DEFERRED:
                    setattr(self, field.attname, val)
        else:
            fields_iter = iter(opts.fields)
            for val, field in zip(args, fields_iter):
                if val is not DEFERRED:
                    setattr(self, field.attname, val)
                if kwargs.pop(field.name, NOT_PROVIDED) is not NOT_PROVIDED:
                    raise TypeError(
                        f"{cls.__qualname__}() got both positional and keyword arguments for field '{field.name}'."
                    )
        for field in fields_iter:
            self._init_field(field, kwargs)
        if kwargs:
            self._init_extra_kwargs(kwargs)
        super().__init__()
        signals.post_init.send(sender=cls, instance=self)

    def _init_field(self, field: Any, kwargs: dict) -> None:
        if (field.attname not in kwargs and field.column is None) or field.generated:
            return
        if kwargs and isinstance(field.remote_field, ForeignObjectRel) and field.name in kwargs:
            rel_obj = kwargs.pop(field.name)
            if rel_obj is not DEFERRED:
                setattr(self, field.name, rel_obj)
            return
        if kwargs and field.attname in kwargs:
            val = kwargs.pop(field.attname)
        else:
            val = field.get_default()
        if val is not DEFERRED:
            setattr(self, field.attname, val)

    def _init_extra_kwargs(self, kwargs: dict) -> None:
        property_names = self._meta._property_names
        unexpected = []
        for prop, value in kwargs.items():
            if prop not in property_names:
                try:
                    self._meta.get_field(prop)
                except FieldDoesNotExist:
                    unexpected.append(prop)
                    continue
            if value is not DEFERRED:
                setattr(self, prop, value)
        if unexpected:
            names = ", ".join(repr(n) for n in unexpected)
            raise TypeError(f"{self.__class__.__name__}() got unexpected keyword arguments: {names}")

    @classmethod
    def from_db(cls, db: str, field_names: Any, values: Any) -> Model:
        """Build an instance from a database row (the query layer calls this for each row)."""
        concrete_fields = cls._meta.concrete_fields
        if len(values) != len(concrete_fields):
            values_iter = iter(values)
            values = [next(values_iter) if f.attname in field_names else DEFERRED for f in concrete_fields]
        if cls.__init__ is Model.__init__ and not _init_signals_connected(cls):
            # Fast path: no argument parsing, no defaults, no signals.
            new = cls.__new__(cls)
            state = ModelState()
            state.adding = False
            state.db = db
            data = new.__dict__
            data["_state"] = state
            for field, value in zip(concrete_fields, values):
                if value is not DEFERRED:
                    data[field.attname] = value
            return new
        new = cls(*values)
        new._state.adding = False
        new._state.db = db
        return new

    @classmethod
    def _row_builder(cls, db: str, field_names: Any) -> Any:
        """A function making one instance from a row of ``field_names`` values.

        The query layer calls this once per query, so the checks for a custom
        ``from_db``/``__init__`` and for init signals are not repeated per row.
        """
        if (
            getattr(cls.from_db, "__func__", None) is not _model_from_db
            or cls.__init__ is not Model.__init__
            or _init_signals_connected(cls)
        ):
            from_db = cls.from_db
            return lambda values: from_db(db, field_names, values)
        # Values come in concrete-field order; deferred fields are simply absent.
        return compiled_row_builder(cls, db, tuple(field_names), ModelState)

    def __repr__(self) -> str:
        return "<%s: %s>" % (self.__class__.__name__, self)

    def __str__(self) -> str:
        return "%s object (%s)" % (self.__class__.__name__, self.pk)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.concrete_model != other._meta.concrete_model:
            return False
        my_pk = self.pk
        if my_pk is None:
            return self is other
        return my_pk == other.pk

    def __hash__(self) -> int:
        if self.pk is None:
            raise TypeError("Model instances without primary key value are unhashable")
        return hash(self.pk)

    def __reduce__(self):
        data = self.__getstate__()
        data[DJANGO_VERSION_PICKLE_KEY] = django.__version__
        class_id = self._meta.app_label, self._meta.object_name
        return model_unpickle, (class_id,), data

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_state"] = copy.copy(state["_state"])
        state["_state"].fields_cache = state["_state"].fields_cache.copy()
        # Prefetched querysets are copied so pickling doesn't share their caches.
        prefetched = state.get("_prefetched_objects_cache")
        if prefetched:
            state["_prefetched_objects_cache"] = dict(prefetched)
        for key, value in state.items():
            if isinstance(value, memoryview):
                state[key] = bytes(value)
        return state

    def __setstate__(self, state: dict) -> None:
        pickled_version = state.pop(DJANGO_VERSION_PICKLE_KEY, None)
        if pickled_version:
            if pickled_version != django.__version__:
                warnings.warn(
                    "Pickled model instance's Django version %s does not match the current version %s."
                    % (pickled_version, django.__version__),
                    RuntimeWarning,
                    stacklevel=2,
                )
        else:
            warnings.warn(
                "Pickled model instance's Django version is not specified.", RuntimeWarning, stacklevel=2
            )
        self.__dict__.update(state)

    # -- primary key ------------------------------------------------------------

    def _get_pk_val(self, meta: Any = None) -> Any:
        meta = meta or self._meta
        return getattr(self, meta.pk.attname)

    def _set_pk_val(self, value: Any) -> None:
        for parent_link in self._meta.parents.values():
            if parent_link and parent_link != self._meta.pk:
                setattr(self, parent_link.target_field.attname, value)
        setattr(self, self._meta.pk.attname, value)

    pk = property(_get_pk_val, _set_pk_val)

    def _is_pk_set(self, meta: Any = None) -> bool:
        pk_val = self._get_pk_val(meta)
        if isinstance(pk_val, tuple):
            return all(v is not None for v in pk_val)
        return pk_val is not None

    def get_deferred_fields(self) -> set[str]:
        """attnames of concrete fields not loaded on this instance."""
        return {f.attname for f in self._meta.concrete_fields if f.attname not in self.__dict__}

    # -- refresh ----------------------------------------------------------

    def refresh_from_db(
        self, using: str | None = None, fields: Any = None, from_queryset: Any = None
    ) -> None:
        """Reload field values from the database (all, or only ``fields``)."""
        if fields is None:
            self._prefetched_objects_cache: dict = {}
        else:
            fields = list(fields)
            prefetched = getattr(self, "_prefetched_objects_cache", {})
            for field in list(fields):
                if field in prefetched:
                    del prefetched[field]
                    fields.remove(field)
            if not fields:
                return
            if any(LOOKUP_SEP in f for f in fields):
                raise ValueError(
                    'Found "%s" in fields argument. Relations and transforms are not allowed in fields.'
                    % LOOKUP_SEP
                )
        if from_queryset is None:
            from_queryset = self.__class__._base_manager.db_manager(using, hints={"instance": self})
        elif using is not None:
            from_queryset = from_queryset.using(using)
        db_instance_qs = from_queryset.filter(pk=self.pk)
        deferred_fields = self.get_deferred_fields()
        if fields is not None:
            db_instance_qs = db_instance_qs.only(*fields)
        elif deferred_fields:
            db_instance_qs = db_instance_qs.only(
                *{f.attname for f in self._meta.concrete_fields if f.attname not in deferred_fields}
            )
        db_instance = db_instance_qs.get()
        non_loaded = db_instance.get_deferred_fields()
        for field in self._meta.concrete_fields:
            if field.attname in non_loaded:
                continue
            setattr(self, field.attname, getattr(db_instance, field.attname))
            # A changed foreign key must not keep serving the old related object.
            if field.is_relation and field.is_cached(self):
                field.delete_cached_value(self)
        for rel in self._meta.related_objects:
            if (fields is None or rel.name in fields) and rel.is_cached(self):
                rel.delete_cached_value(self)
        for field in self._meta.private_fields:
            if (fields is None or field.name in fields) and field.is_relation and field.is_cached(self):
                field.delete_cached_value(self)
        self._state.db = db_instance._state.db

    async def arefresh_from_db(
        self, using: str | None = None, fields: Any = None, from_queryset: Any = None
    ) -> None:
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.refresh_from_db)(
            using=using, fields=fields, from_queryset=from_queryset
        )

    def serializable_value(self, field_name: str) -> Any:
        """The value of field_name, using the attname (the raw id) for foreign keys."""
        try:
            field = self._meta.get_field(field_name)
        except FieldDoesNotExist:
            return getattr(self, field_name)
        return getattr(self, field.attname)

    # -- deleting ---------------------------------------------------------

    def delete(self, using: str | None = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        """Delete this object and, per on_delete, the objects depending on it."""
        from django.db import router

        if self.pk is None:
            raise ValueError(
                "%s object can't be deleted because its %s attribute is set to None."
                % (self._meta.object_name, self._meta.pk.attname)
            )
        using = using or router.db_for_write(self.__class__, instance=self)
        collector = Collector(using=using, origin=self)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()

    delete.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    async def adelete(
        self, using: str | None = None, keep_parents: bool = False
    ) -> tuple[int, dict[str, int]]:
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.delete)(using=using, keep_parents=keep_parents)

    adelete.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    # -- helpers installed by fields -----------------------------------------

    def _get_FIELD_display(self, field: Any) -> Any:
        from django.utils.encoding import force_str
        from django.utils.hashable import make_hashable

        value = getattr(self, field.attname)
        choices_dict = dict(make_hashable(field.flatchoices))
        return force_str(choices_dict.get(make_hashable(value), value), strings_only=True)

    def _get_next_or_previous_by_FIELD(self, field: Any, is_next: bool, **kwargs: Any) -> Any:
        from django.db.models.query_utils import Q

        if not self.pk:
            raise ValueError("get_next/get_previous cannot be used on unsaved objects.")
        op = "gt" if is_next else "lt"
        order = "" if is_next else "-"
        param = getattr(self, field.attname)
        q = Q(**{field.name: param, "pk__%s" % op: self.pk}) | Q(**{"%s__%s" % (field.name, op): param})
        qs = (
            self.__class__._default_manager.using(self._state.db)
            .filter(**kwargs)
            .filter(q)
            .order_by("%s%s" % (order, field.name), "%spk" % order)
        )
        try:
            return qs[0]
        except IndexError:
            raise self.DoesNotExist("%s matching query does not exist." % self.__class__._meta.object_name)

    def _get_next_or_previous_in_order(self, is_next: bool) -> Any:
        cachename = "__%s_order_cache" % is_next
        if not hasattr(self, cachename):
            op = "gt" if is_next else "lt"
            order = "_order" if is_next else "-_order"
            order_field = self._meta.order_with_respect_to
            filter_args = order_field.get_filter_kwargs_for_object(self)
            manager = self.__class__._default_manager
            obj = (
                manager.filter(**filter_args)
                .filter(
                    **{"_order__%s" % op: manager.values("_order").filter(**{self._meta.pk.name: self.pk})}
                )
                .order_by(order)[:1]
                .get()
            )
            setattr(self, cachename, obj)
        return getattr(self, cachename)

    def prepare_database_save(self, field: Any) -> Any:
        if self.pk is None:
            raise ValueError("Unsaved model instance %r cannot be used in an ORM query." % self)
        return getattr(self, field.remote_field.get_related_field().attname)


def make_foreign_order_accessors(model: Any, related_model: Any) -> None:
    """get_<model>_order()/set_<model>_order() on the model named by order_with_respect_to."""
    setattr(
        related_model,
        "get_%s_order" % model.__name__.lower(),
        partialmethod(method_get_order, model),
    )
    setattr(
        related_model,
        "set_%s_order" % model.__name__.lower(),
        partialmethod(method_set_order, model),
    )


def method_set_order(self: Any, ordered_obj: Any, id_list: list, using: str | None = None) -> None:
    from django.db import router

    order_wrt = ordered_obj._meta.order_with_respect_to
    filter_args = order_wrt.get_forward_related_filter(self)
    using = using or router.db_for_write(ordered_obj, instance=self)
    ordered_obj.objects.db_manager(using).filter(**filter_args).bulk_update(
        [ordered_obj(pk=pk, _order=order) for order, pk in enumerate(id_list)], ["_order"]
    )


def method_get_order(self: Any, ordered_obj: Any) -> list:
    order_wrt = ordered_obj._meta.order_with_respect_to
    filter_args = order_wrt.get_forward_related_filter(self)
    pk_name = ordered_obj._meta.pk.name
    return list(ordered_obj.objects.filter(**filter_args).values_list(pk_name, flat=True))


_model_from_db = Model.from_db.__func__  # type: ignore[attr-defined]  # the classmethod's plain function


def model_unpickle(model_id: Any) -> Any:
    """Rebuild a model instance when unpickling (class looked up by app label and name)."""
    if isinstance(model_id, tuple):
        from django.apps import apps

        model = apps.get_model(*model_id)
    else:
        model = model_id
    return model.__new__(model)


model_unpickle.__safe_for_unpickle__ = True  # type: ignore[attr-defined]  # flag attribute on a function
