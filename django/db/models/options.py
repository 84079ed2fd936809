"""Options: a model's ``_meta`` — its fields, relations, managers and Meta settings."""

from __future__ import annotations

import bisect
import copy
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.utils.datastructures import ImmutableList, OrderedSet
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.text import camel_case_to_spaces, format_lazy

if TYPE_CHECKING:
    from django.db.models.base import Model

PROXY_PARENTS = object()

EMPTY_RELATION_TREE = ()

IMMUTABLE_WARNING = (
    "The return type of '%s' should never be mutated. If you want to manipulate this list for your own use, "
    "make a copy first."
)

DEFAULT_NAMES = (
    "verbose_name",
    "verbose_name_plural",
    "db_table",
    "db_table_comment",
    "ordering",
    "unique_together",
    "permissions",
    "get_latest_by",
    "order_with_respect_to",
    "app_label",
    "db_tablespace",
    "abstract",
    "managed",
    "proxy",
    "swappable",
    "auto_created",
    "apps",
    "default_permissions",
    "select_on_save",
    "default_related_name",
    "required_db_features",
    "required_db_vendor",
    "base_manager_name",
    "default_manager_name",
    "indexes",
    "constraints",
)

# Cached properties cleared when fields are added (forward) or relations appear (reverse).
FORWARD_PROPERTIES = {
    "fields",
    "many_to_many",
    "concrete_fields",
    "local_concrete_fields",
    "_non_pk_concrete_field_names",
    "_forward_fields_map",
    "managers",
    "managers_map",
    "base_manager",
    "default_manager",
    "db_returning_fields",
    "_property_names",
    "pk_fields",
    "all_parents",
}
REVERSE_PROPERTIES = {"related_objects", "fields_map", "_relation_tree"}


def normalize_together(option_together: Any) -> Any:
    """unique_together may be one tuple of names or a tuple of tuples; return the latter."""
    try:
        if not option_together:
            return ()
        if not isinstance(option_together, (tuple, list)):
            raise TypeError
        if not isinstance(option_together[0], (tuple, list)):
            option_together = (option_together,)
        return tuple(tuple(ot) for ot in option_together)
    except TypeError:
        # Left as is so that the model check reports it.
        return option_together


def make_immutable_fields_list(name: str, data: Any) -> ImmutableList:
    return ImmutableList(data, warning=IMMUTABLE_WARNING % name)


def _default_apps():
    from django.apps import apps

    return apps


class Options:
    """The ``Meta`` options of a model plus everything derived from its fields."""

    FORWARD_PROPERTIES = FORWARD_PROPERTIES
    REVERSE_PROPERTIES = REVERSE_PROPERTIES

    default_apps = None

    def __init__(self, meta: Any, app_label: str | None = None) -> None:
        from django.conf import settings

        self._get_fields_cache: dict = {}
        self.local_fields: list = []
        self.local_many_to_many: list = []
        self.private_fields: list = []
        self.local_managers: list = []
        self.base_manager_name: str | None = None
        self.default_manager_name: str | None = None
        self.model_name: str | None = None
        self.verbose_name: Any = None
        self.verbose_name_plural: Any = None
        self.db_table = ""
        self.db_table_comment = ""
        self.ordering: Any = []
        self._ordering_clash = False
        self.indexes: list = []
        self.constraints: list = []
        self.unique_together: Any = []
        self.select_on_save = False
        self.default_permissions = ("add", "change", "delete", "view")
        self.permissions: list = []
        self.object_name: str | None = None
        # None here means Meta.app_label, which _apply_meta() reads in.
        self.app_label: str = app_label  # type: ignore[assignment]
        self.get_latest_by: Any = None
        self.order_with_respect_to: Any = None
        self.db_tablespace = settings.DEFAULT_TABLESPACE
        self.required_db_features: list = []
        self.required_db_vendor: str | None = None
        self.meta = meta
        self.pk: Any = None
        self.auto_field: Any = None
        self.abstract = False
        self.managed = True
        self.proxy = False
        # The model a proxy stands for (possibly another proxy); concrete_model is the real one.
        self.proxy_for_model: Any = None
        self.concrete_model: Any = None
        self.swappable: str | None = None
        # parent model -> the OneToOneField linking to it (multi-table inheritance)
        self.parents: dict = {}
        self.auto_created: Any = False
        # limit_choices_to of foreign keys pointing at this model (used by the admin)
        self.related_fkey_lookups: list = []
        self.apps = self.default_apps or _default_apps()
        self.default_related_name: str | None = None

    @property
    def label(self) -> str:
        return "%s.%s" % (self.app_label, self.object_name)

    @property
    def label_lower(self) -> str:
        return "%s.%s" % (self.app_label, self.model_name)

    @property
    def app_config(self) -> Any:
        # Don't go through get_app_config(): it raises while the registry is populating.
        return getattr(self.apps, "app_configs", {}).get(self.app_label)

    def contribute_to_class(self, cls: type[Model], name: str) -> None:
        from django.db import connection
        from django.db.backends.utils import truncate_name

        cls._meta = self
        self.model = cls
        self.object_name = cls.__name__
        self.model_name = self.object_name.lower()
        self.verbose_name = camel_case_to_spaces(self.object_name)
        # Meta attributes as written, for migrations' state.
        self.original_attrs: dict = {}
        if self.meta:
            self._apply_meta(cls)
        else:
            self.verbose_name_plural = format_lazy("{}s", self.verbose_name)
        del self.meta
        if not self.db_table:
            self.db_table = "%s_%s" % (self.app_label, self.model_name)
            self.db_table = truncate_name(self.db_table, connection.ops.max_name_length())

    def _apply_meta(self, cls: type[Model]) -> None:
        meta_attrs = {k: v for k, v in self.meta.__dict__.items() if not k.startswith("_")}
        for attr_name in DEFAULT_NAMES:
            if attr_name in meta_attrs:
                setattr(self, attr_name, meta_attrs.pop(attr_name))
                self.original_attrs[attr_name] = getattr(self, attr_name)
            elif hasattr(self.meta, attr_name):
                setattr(self, attr_name, getattr(self.meta, attr_name))
                self.original_attrs[attr_name] = getattr(self, attr_name)
        self.unique_together = normalize_together(self.unique_together)
        if not getattr(cls._meta, "abstract", False):
            for attr_name in ("constraints", "indexes"):
                setattr(self, attr_name, self._format_names(getattr(self, attr_name, [])))
        if self.verbose_name_plural is None:
            self.verbose_name_plural = format_lazy("{}s", self.verbose_name)
        self._ordering_clash = bool(self.ordering and self.order_with_respect_to)
        if meta_attrs:
            raise TypeError("'class Meta' got invalid attribute(s): %s" % ",".join(meta_attrs))

    def _format_names(self, objs: list) -> list:
        """Expand %(app_label)s and %(class)s in index and constraint names."""
        names = {"app_label": self.app_label.lower(), "class": self.model.__name__.lower()}
        new_objs = []
        for obj in objs:
            obj = obj.clone()
            if obj.name:
                obj.name = obj.name % names
            new_objs.append(obj)
        return new_objs

    def _get_default_pk_class(self) -> type:
        from django.conf import settings
        from django.db.models.fields import AutoField

        app_config = self.app_config
        pk_class_path = getattr(app_config, "default_auto_field", settings.DEFAULT_AUTO_FIELD)
        if app_config and getattr(app_config, "_is_default_auto_field_overridden", False):
            app_config_class = type(app_config)
            source = f"{app_config_class.__module__}.{app_config_class.__qualname__}.default_auto_field"
        else:
            source = "DEFAULT_AUTO_FIELD"
        if not pk_class_path:
            raise ImproperlyConfigured(f"{source} must not be empty.")
        try:
            pk_class = import_string(pk_class_path)
        except ImportError as e:
            raise ImproperlyConfigured(
                f"{source} refers to the module '{pk_class_path}' that could not be imported."
            ) from e
        if not issubclass(pk_class, AutoField):
            raise ValueError(f"Primary key '{pk_class_path}' referred by {source} must subclass AutoField.")
        return pk_class

    def _prepare(self, model: Any) -> None:
        """Finish setup once all fields are added: order_with_respect_to and the primary key."""
        from django.db.models.fields.proxy import OrderWrt

        if self.order_with_respect_to:
            query = self.order_with_respect_to
            try:
                self.order_with_respect_to = next(
                    f for f in self._get_fields(reverse=False) if f.name == query or f.attname == query
                )
            except StopIteration:
                raise FieldDoesNotExist("%s has no field named '%s'" % (self.object_name, query))
            self.ordering = ("_order",)
            if not any(isinstance(field, OrderWrt) for field in model._meta.local_fields):
                model.add_to_class("_order", OrderWrt())
        else:
            self.order_with_respect_to = None
        if self.pk is None:
            if self.parents:
                # The first parent link becomes the primary key.
                field = next(iter(self.parents.values()))
                already_created = [fld for fld in self.local_fields if fld.name == field.name]
                if already_created:
                    field = already_created[0]
                field.primary_key = True
                self.setup_pk(field)
            else:
                pk_class = self._get_default_pk_class()
                auto = pk_class(verbose_name="ID", primary_key=True, auto_created=True)
                model.add_to_class("id", auto)

    def add_manager(self, manager: Any) -> None:
        self.local_managers.append(manager)
        self._expire_cache()

    def add_field(self, field: Any, private: bool = False) -> None:
        # Fields are kept in creation order (Field defines __lt__).
        if private:
            self.private_fields.append(field)
        elif field.is_relation and field.many_to_many:
            bisect.insort(self.local_many_to_many, field)
        else:
            bisect.insort(self.local_fields, field)
            self.setup_pk(field)
        remote = getattr(field.remote_field, "model", None) if field.is_relation else None
        if remote is not None and not isinstance(remote, str) and hasattr(remote, "_meta"):
            remote._meta._expire_cache(forward=False)
            self._expire_cache()
        else:
            self._expire_cache(reverse=False)

    def setup_pk(self, field: Any) -> None:
        if not self.pk and field.primary_key:
            self.pk = field
            field.serialize = False

    def setup_proxy(self, target: Any) -> None:
        """A proxy shares the primary key and table of the model it proxies."""
        self.pk = target._meta.pk
        self.proxy_for_model = target
        self.db_table = target._meta.db_table

    def __repr__(self) -> str:
        return "<Options for %s>" % self.object_name

    def __str__(self) -> str:
        return self.label_lower

    def can_migrate(self, connection: Any) -> bool:
        """Whether migrations should create this model's table on connection."""
        if self.proxy or self.swapped or not self.managed:
            return False
        if isinstance(connection, str):
            from django.db import connections

            connection = connections[connection]
        if self.required_db_vendor and self.required_db_vendor != connection.vendor:
            return False
        return all(getattr(connection.features, feat, False) for feat in self.required_db_features)

    @property
    def verbose_name_raw(self) -> str:
        from django.utils.translation import override

        with override(None):
            return str(self.verbose_name)

    @property
    def swapped(self) -> str | None:
        """The "app_label.ModelName" replacing this model, if a setting swaps it out."""
        if self.swappable:
            from django.conf import settings

            swapped_for = getattr(settings, self.swappable, None)
            if swapped_for:
                try:
                    swapped_label, swapped_object = swapped_for.split(".")
                except ValueError:
                    return swapped_for
                if "%s.%s" % (swapped_label, swapped_object.lower()) != self.label_lower:
                    return swapped_for
        return None

    # -- managers ---------------------------------------------------------------

    @cached_property
    def managers(self) -> ImmutableList:
        managers = []
        seen_managers = set()
        bases = (b for b in self.model.mro() if hasattr(b, "_meta"))
        for depth, base in enumerate(bases):
            for manager in base._meta.local_managers:
                if manager.name in seen_managers:
                    continue
                manager = copy.copy(manager)
                manager.model = self.model
                seen_managers.add(manager.name)
                managers.append((depth, manager.creation_counter, manager))
        return make_immutable_fields_list("managers", (m[2] for m in sorted(managers, key=lambda m: m[:2])))

    @cached_property
    def managers_map(self) -> dict:
        return {manager.name: manager for manager in self.managers}

    @cached_property
    def base_manager(self) -> Any:
        from django.db.models.manager import Manager

        base_manager_name = self.base_manager_name
        if not base_manager_name:
            for parent in self.model.mro()[1:]:
                if hasattr(parent, "_meta"):
                    base_manager_name = parent._meta.base_manager_name
                    break
        if base_manager_name:
            try:
                return self.managers_map[base_manager_name]
            except KeyError:
                raise ValueError("%s has no manager named %r" % (self.object_name, base_manager_name))
        manager = Manager()
        manager.name = "_base_manager"
        manager.model = self.model
        manager.auto_created = True
        return manager

    @cached_property
    def default_manager(self) -> Any:
        default_manager_name = self.default_manager_name
        if not default_manager_name and not self.local_managers:
            for parent in self.model.mro()[1:]:
                if hasattr(parent, "_meta"):
                    default_manager_name = parent._meta.default_manager_name
                    break
        if default_manager_name:
            try:
                return self.managers_map[default_manager_name]
            except KeyError:
                raise ValueError("%s has no manager named %r" % (self.object_name, default_manager_name))
        if self.managers:
            return self.managers[0]
        return None

    # -- field lists ------------------------------------------------------------

    @cached_property
    def fields(self) -> ImmutableList:
        """Forward fields that are not many-to-many (incl. parents' and private ones)."""

        def keep(f: Any) -> bool:
            if not f.is_relation:
                return True
            if f.many_to_many or f.one_to_many:
                return False
            # A GenericForeignKey has no concrete model behind it.
            return not (f.many_to_one and not getattr(f.remote_field, "model", None))

        return make_immutable_fields_list("fields", (f for f in self._get_fields(reverse=False) if keep(f)))

    @cached_property
    def concrete_fields(self) -> ImmutableList:
        return make_immutable_fields_list("concrete_fields", (f for f in self.fields if f.concrete))

    @cached_property
    def local_concrete_fields(self) -> ImmutableList:
        return make_immutable_fields_list(
            "local_concrete_fields", (f for f in self.local_fields if f.concrete)
        )

    @cached_property
    def many_to_many(self) -> ImmutableList:
        return make_immutable_fields_list(
            "many_to_many", (f for f in self._get_fields(reverse=False) if f.is_relation and f.many_to_many)
        )

    @cached_property
    def related_objects(self) -> ImmutableList:
        """Reverse relations to this model (hidden ones only for many-to-many)."""
        all_related = self._get_fields(forward=False, reverse=True, include_hidden=True)
        return make_immutable_fields_list(
            "related_objects", (obj for obj in all_related if not obj.hidden or obj.field.many_to_many)
        )

    @cached_property
    def _forward_fields_map(self) -> dict:
        res = {}
        for field in self._get_fields(reverse=False):
            res[field.name] = field
            attname = getattr(field, "attname", None)
            if attname:
                res[attname] = field
        return res

    @cached_property
    def fields_map(self) -> dict:
        res = {}
        for field in self._get_fields(forward=False, include_hidden=True):
            res[field.name] = field
            attname = getattr(field, "attname", None)
            if attname:
                res[attname] = field
        return res

    def get_field(self, field_name: str) -> Any:
        """The field (forward or reverse) named field_name (or with that attname)."""
        try:
            return self._forward_fields_map[field_name]
        except KeyError:
            if not self.apps.models_ready:
                raise FieldDoesNotExist(
                    "%s has no field named '%s'. The app cache isn't ready yet, so if this is an "
                    "auto-created related field, it won't be available yet." % (self.object_name, field_name)
                )
        try:
            return self.fields_map[field_name]
        except KeyError:
            raise FieldDoesNotExist("%s has no field named '%s'" % (self.object_name, field_name))

    # -- inheritance ----------------------------------------------------------

    def get_base_chain(self, model: type) -> list:
        """The parents from this model up to (and including) model, nearest first."""
        if not self.parents:
            return []
        if model in self.parents:
            return [model]
        for parent in self.parents:
            res = parent._meta.get_base_chain(model)
            if res:
                res.insert(0, parent)
                return res
        return []

    @cached_property
    def all_parents(self) -> tuple:
        result = OrderedSet(self.parents)
        for parent in self.parents:
            for ancestor in parent._meta.all_parents:
                result.add(ancestor)
        return tuple(result)

    def get_parent_list(self) -> list:
        return list(self.all_parents)

    def get_ancestor_link(self, ancestor: type) -> Any:
        """The field on this model linking (possibly through parents) to ancestor."""
        if ancestor in self.parents:
            return self.parents[ancestor]
        for parent in self.parents:
            parent_link = parent._meta.get_ancestor_link(ancestor)
            if parent_link:
                return self.parents[parent] or parent_link
        return None

    def _inheritance_chain(self, parent: type) -> list:
        chain = self.concrete_model._meta.get_base_chain(parent)
        chain.reverse()
        chain.append(self.concrete_model)
        return chain

    def get_path_to_parent(self, parent: type) -> list:
        """Join path infos from this model up to parent."""
        if self.model is parent:
            return []
        chain = self._inheritance_chain(parent)
        path = []
        for i, ancestor in enumerate(chain[:-1]):
            child = chain[i + 1]
            path.extend(child._meta.get_ancestor_link(ancestor).path_infos)
        return path

    def get_path_from_parent(self, parent: type) -> list:
        """Join path infos from parent down to this model."""
        if self.model is parent:
            return []
        chain = self._inheritance_chain(parent)
        path = []
        for i, ancestor in enumerate(chain[:-1]):
            child = chain[i + 1]
            path.extend(child._meta.get_ancestor_link(ancestor).reverse_path_infos)
        return path

    # -- reverse relations --------------------------------------------------------

    def _populate_directed_relation_graph(self) -> Any:
        """Compute, for every model at once, the forward relation fields pointing at it."""
        graph: dict = defaultdict(list)
        all_models = self.apps.get_models(include_auto_created=True)
        for model in all_models:
            opts = model._meta
            if opts.abstract:
                continue
            for f in opts._get_fields(reverse=False, include_parents=False):
                if (
                    f.is_relation
                    and f.related_model is not None
                    and not isinstance(f.remote_field.model, str)
                ):
                    graph[f.remote_field.model._meta.concrete_model._meta.label].append(f)
        for model in all_models:
            model._meta.__dict__["_relation_tree"] = graph[model._meta.concrete_model._meta.label]
        return self.__dict__.get("_relation_tree", EMPTY_RELATION_TREE)

    @cached_property
    def _relation_tree(self) -> Any:
        return self._populate_directed_relation_graph()

    def _expire_cache(self, forward: bool = True, reverse: bool = True) -> None:
        if forward:
            for cache_key in self.FORWARD_PROPERTIES:
                self.__dict__.pop(cache_key, None)
        if reverse and not self.abstract:
            for cache_key in self.REVERSE_PROPERTIES:
                self.__dict__.pop(cache_key, None)
        self._get_fields_cache = {}
        self.__dict__.pop("_resolved_name_paths", None)

    def get_fields(self, include_parents: Any = True, include_hidden: bool = False) -> ImmutableList:
        """All fields: forward and reverse, from parents too unless include_parents=False."""
        if include_parents is False:
            include_parents = PROXY_PARENTS
        return self._get_fields(include_parents=include_parents, include_hidden=include_hidden)

    def _get_fields(
        self,
        forward: bool = True,
        reverse: bool = True,
        include_parents: Any = True,
        include_hidden: bool = False,
        topmost_call: bool = True,
    ) -> ImmutableList:
        if include_parents not in (True, False, PROXY_PARENTS):
            raise TypeError("Invalid argument for include_parents: %s" % (include_parents,))
        cache_key = (forward, reverse, include_parents, include_hidden, topmost_call)
        try:
            return self._get_fields_cache[cache_key]
        except KeyError:
            pass
        fields: list = []
        if include_parents is not False:
            for parent in self.parents:
                if parent._meta.concrete_model != self.concrete_model and include_parents == PROXY_PARENTS:
                    continue
                for obj in parent._meta._get_fields(
                    forward=forward,
                    reverse=reverse,
                    include_parents=include_parents,
                    include_hidden=include_hidden,
                    topmost_call=False,
                ):
                    # A parent's reverse parent-link to this model isn't a field of this model.
                    if not getattr(obj, "parent_link", False) or obj.model == self.concrete_model:
                        fields.append(obj)
        if reverse and not self.proxy:
            for field in self._relation_tree:
                if include_hidden or not field.remote_field.hidden:
                    fields.append(field.remote_field)
        if forward:
            fields += self.local_fields
            fields += self.local_many_to_many
            # Private fields (e.g. GenericForeignKey) aren't inherited through parents.
            if topmost_call:
                fields += self.private_fields
        result = make_immutable_fields_list("get_fields()", fields)
        self._get_fields_cache[cache_key] = result
        return result

    # -- derived helpers ------------------------------------------------------

    @cached_property
    def total_unique_constraints(self) -> list:
        """Unconditional, expression-free UniqueConstraints (usable like unique_together)."""
        from django.db.models.constraints import UniqueConstraint

        return [
            c
            for c in self.constraints
            if isinstance(c, UniqueConstraint) and c.condition is None and not c.contains_expressions
        ]

    @cached_property
    def _property_names(self) -> frozenset:
        names = set()
        for klass in self.model.__mro__:
            names |= {name for name, value in klass.__dict__.items() if isinstance(value, property)}
        return frozenset(names)

    @cached_property
    def _non_pk_concrete_field_names(self) -> frozenset:
        names = []
        for field in self.concrete_fields:
            if not field.primary_key:
                names.append(field.name)
                if field.name != field.attname:
                    names.append(field.attname)
        return frozenset(names)

    @cached_property
    def db_returning_fields(self) -> list:
        """Fields whose values the database returns on INSERT (e.g. auto pks, db_default)."""
        return [
            field
            for field in self._get_fields(forward=True, reverse=False, include_parents=PROXY_PARENTS)
            if getattr(field, "db_returning", False)
        ]

    @property
    def is_composite_pk(self) -> bool:
        from django.db.models.fields.composite import CompositePrimaryKey

        return isinstance(self.pk, CompositePrimaryKey)

    @cached_property
    def pk_fields(self) -> list:
        return list(self.pk.fields) if self.is_composite_pk else [self.pk]
