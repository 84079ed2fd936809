"""The project's models as migrations see them: ModelState, ProjectState and their rendered apps.

A ProjectState holds plain descriptions of models (ModelState: fields, options, bases, managers).
``state.apps`` renders them into real, "historical" model classes in a registry of their own
(StateApps). A rendered registry is never changed: a state that changes drops its registry and
renders a new one when asked, so a clone can share its parent's registry until either changes.
"""

from __future__ import annotations

import copy
from typing import Any

from django.apps import AppConfig
from django.apps.registry import Apps
from django.apps.registry import apps as global_apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.migrations.exceptions import InvalidBasesError
from django.db.migrations.utils import resolve_relation
from django.db.models.options import DEFAULT_NAMES, normalize_together
from django.utils.functional import cached_property

ModelKey = tuple[str, str]


def _flatten_bases(model: type) -> list[type]:
    """The model's bases with abstract models replaced by their own bases."""
    bases: list[type] = []
    for base in model.__bases__:
        if hasattr(base, "_meta") and base._meta.abstract:
            bases.extend(_flatten_bases(base))
        else:
            bases.append(base)
    return bases


class ModelState:
    """A model as a migration sees it: app label, name, fields, options, bases and managers."""

    def __init__(
        self,
        app_label: str,
        name: str,
        fields: Any,
        options: dict | None = None,
        bases: tuple | None = None,
        managers: list | None = None,
    ) -> None:
        self.app_label = app_label
        self.name = name
        self.fields: dict[str, Any] = dict(fields)
        self.options = options or {}
        self.options.setdefault("indexes", [])
        self.options.setdefault("constraints", [])
        self.bases = bases or (models.Model,)
        self.managers = managers or []
        for name, field in self.fields.items():
            if hasattr(field, "model"):
                raise ValueError('ModelState.fields cannot be bound to a model - "%s" is.' % name)
        for index in self.options["indexes"]:
            if not index.name:
                raise ValueError(
                    "Indexes passed to ModelState require a name attribute. %r doesn't have one." % index
                )

    @cached_property
    def name_lower(self) -> str:
        return self.name.lower()

    def get_field(self, field_name: str) -> Any:
        if field_name == "_order":
            field_name = self.options.get("order_with_respect_to", field_name)
        return self.fields[field_name]

    @classmethod
    def from_model(cls, model: Any, exclude_rels: bool = False) -> ModelState:
        """Describe a real model class."""
        meta = model._meta
        fields = {}
        for field in meta.local_fields:
            if getattr(field, "remote_field", None) and exclude_rels:
                continue
            if isinstance(field, models.OrderWrt):
                continue
            fields[field.name] = cls._clone_field(field, model)
        if not exclude_rels:
            for field in meta.local_many_to_many:
                fields[field.name] = cls._clone_field(field, model)
        for field in meta.private_fields:
            if (
                getattr(field, "db_persist", None) is not None
                or type(field).__name__ == "CompositePrimaryKey"
            ):
                fields[field.name] = cls._clone_field(field, model)
        options = cls._options_from_meta(meta, exclude_rels)
        return cls(
            meta.app_label,
            meta.object_name,
            fields,
            options,
            cls._bases_from_model(model),
            cls._managers_from_model(model),
        )

    @staticmethod
    def _clone_field(field: Any, model: Any) -> Any:
        try:
            return field.clone()
        except TypeError as exc:
            raise TypeError(
                "Couldn't reconstruct field %s on %s: %s" % (field.name, model._meta.label, exc)
            ) from exc

    @staticmethod
    def _options_from_meta(meta: Any, exclude_rels: bool) -> dict:
        options: dict[str, Any] = {}
        for name in DEFAULT_NAMES:
            if name in ("apps", "app_label") or name not in meta.original_attrs:
                continue
            value = meta.original_attrs[name]
            if name == "unique_together":
                value = {tuple(ut) for ut in normalize_together(value)}
            elif name == "indexes":
                value = [index.clone() for index in meta.indexes]
                for index in value:
                    if not index.name:
                        index.set_name_with_model(meta.model)
            elif name == "constraints":
                value = [constraint.clone() for constraint in meta.constraints]
            options[name] = value
        if exclude_rels:
            for key in ("unique_together", "order_with_respect_to"):
                if key in options:
                    del options[key]
        return options

    @staticmethod
    def _bases_from_model(model: Any) -> tuple:
        flattened = sorted(set(_flatten_bases(model)), key=model.__mro__.index)
        bases = tuple(base._meta.label_lower if hasattr(base, "_meta") else base for base in flattened)
        if not any(isinstance(b, str) or issubclass(b, models.Model) for b in bases):
            bases = (models.Model,)
        return bases

    @staticmethod
    def _managers_from_model(model: Any) -> list:
        managers: list[tuple[str, Any]] = []
        seen: set[str] = set()
        default_shim = None
        for manager in model._meta.managers:
            if manager.name in seen:
                continue
            if manager.use_in_migrations:
                new_manager = copy.copy(manager)
                new_manager._set_creation_counter()
            elif manager is model._base_manager or manager is model._default_manager:
                # Keep the name of the default manager, without its custom class.
                new_manager = models.Manager()
                new_manager.model = manager.model
                new_manager.name = manager.name
                if manager is model._default_manager:
                    default_shim = new_manager
            else:
                continue
            seen.add(manager.name)
            managers.append((manager.name, new_manager))
        if managers == [("objects", default_shim)]:
            return []
        return managers

    def construct_managers(self) -> Any:
        """Yield (name, manager) copies in their declared order, for a rendered model."""
        from django.utils.module_loading import import_string

        for name, manager in sorted(self.managers, key=lambda m: m[1].creation_counter):
            as_manager, manager_path, qs_path, args, kwargs = manager.deconstruct()
            if as_manager:
                yield name, import_string(qs_path).as_manager()
            else:
                yield name, import_string(manager_path)(*args, **kwargs)

    def clone(self) -> ModelState:
        return self.__class__(
            app_label=self.app_label,
            name=self.name,
            fields=dict(self.fields),
            options={
                **self.options,
                "indexes": [i.clone() for i in self.options["indexes"]],
                "constraints": [c.clone() for c in self.options["constraints"]],
            },
            bases=self.bases,
            managers=list(self.managers),
        )

    def render(self, apps: Apps) -> Any:
        """Create a model class for this state in the ``apps`` registry."""
        meta_attrs = {"app_label": self.app_label, "apps": apps, **self.options}
        meta = type("Meta", (), meta_attrs)
        try:
            bases = tuple(apps.get_model(b) if isinstance(b, str) else b for b in self.bases)
        except LookupError:
            raise InvalidBasesError(
                "Cannot resolve bases for %r\nThis can happen if you are inheriting models from an app "
                "with migrations (e.g. contrib.auth)\n in an app with no migrations; see "
                "https://docs.djangoproject.com/en/6.0/topics/migrations/#dependencies for more" % self.name
            )
        body: dict[str, Any] = {name: field.clone() for name, field in self.fields.items()}
        body["Meta"] = meta
        body["__module__"] = "__fake__"
        body.update(self.construct_managers())
        return type(self.name, bases, body)

    def get_index_by_name(self, name: str) -> Any:
        for index in self.options["indexes"]:
            if index.name == name:
                return index
        raise ValueError("No index named %s on model %s" % (name, self.name))

    def get_constraint_by_name(self, name: str) -> Any:
        for constraint in self.options["constraints"]:
            if constraint.name == name:
                return constraint
        raise ValueError("No constraint named %s on model %s" % (name, self.name))

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: '{self.app_label}.{self.name}'>"

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, ModelState):
            return NotImplemented
        return (
            self.app_label == other.app_label
            and self.name == other.name
            and len(self.fields) == len(other.fields)
            and all(
                k1 == k2 and f1.deconstruct()[1:] == f2.deconstruct()[1:]
                for (k1, f1), (k2, f2) in zip(sorted(self.fields.items()), sorted(other.fields.items()))
            )
            and self.options == other.options
            and self.bases == other.bases
            and self.managers == other.managers
        )

    __hash__ = None  # type: ignore[assignment]


class AppConfigStub(AppConfig):
    """An app config for a historical registry: a label, nothing to import."""

    def __init__(self, label: str) -> None:
        self.apps = None
        self.models = {}
        self.label = label
        self.name = label
        self.module = None
        self.models_module = None
        self.verbose_name = label.title()
        self.path = ""

    def import_models(self) -> None:
        assert self.apps is not None
        self.models = self.apps.all_models[self.label]


class StateApps(Apps):
    """A registry holding the historical models rendered from a ProjectState."""

    def __init__(self, real_apps: Any, models: dict[ModelKey, ModelState], ignore_swappable: bool = False):
        self._bulk = True
        real_states = [
            ModelState.from_model(model, exclude_rels=True)
            for app_label in real_apps
            if app_label in global_apps.app_configs
            for model in global_apps.get_app_config(app_label).get_models()
        ]
        labels = sorted({s.app_label for s in models.values()} | set(real_apps))
        super().__init__([AppConfigStub(label) for label in labels])
        self.render_multiple([*models.values(), *real_states])
        self._bulk = False
        self.clear_cache()
        self._check_pending(ignore_swappable)

    def clear_cache(self) -> None:
        if getattr(self, "_bulk", False):
            return
        super().clear_cache()

    def render_multiple(self, model_states: list[ModelState]) -> None:
        """Render states, retrying those whose bases are not rendered yet."""
        pending = list(model_states)
        while pending:
            failed = []
            for state in pending:
                try:
                    state.render(self)
                except InvalidBasesError:
                    failed.append(state)
            if len(failed) == len(pending):
                raise InvalidBasesError(
                    "Cannot resolve bases for %r\nThis can happen if you are inheriting models from an "
                    "app with migrations (e.g. contrib.auth)\n in an app with no migrations; see "
                    "https://docs.djangoproject.com/en/6.0/topics/migrations/#dependencies for more" % failed
                )
            pending = failed

    def _check_pending(self, ignore_swappable: bool) -> None:
        from django.conf import settings

        missing = sorted(self._pending_operations)
        if ignore_swappable:
            swappable = {getattr(settings, name, "").lower() for name in ("AUTH_USER_MODEL",)}
            missing = [key for key in missing if f"{key[0]}.{key[1]}" not in swappable]
        if missing:
            names = ", ".join(f"'{a}.{m}'" for a, m in missing)
            raise ValueError(
                f"Unhandled pending operations for models: {names} (the migrations refer to models "
                "that no migration of their app creates)"
            )

    def clone(self) -> StateApps:
        return self  # rendered registries are never changed, so a clone may share one

    def register_model(self, app_label: str, model: Any) -> None:
        self.all_models[app_label][model._meta.model_name] = model
        if app_label not in self.app_configs:
            stub = AppConfigStub(app_label)
            stub.apps = self
            stub.models = self.all_models[app_label]
            self.app_configs[app_label] = stub
        self.do_pending_operations(model)
        self.clear_cache()


class ProjectState:
    """Every model of the project at one point of the migration history."""

    def __init__(self, models: dict[ModelKey, ModelState] | None = None, real_apps: Any = None) -> None:
        self.models: dict[ModelKey, ModelState] = models or {}
        self.real_apps = set(real_apps or ())
        self.is_delayed = False

    # -------------------------------------------------------------- rendering
    @cached_property
    def apps(self) -> StateApps:
        return StateApps(self.real_apps, self.models)

    def _changed(self) -> None:
        self.__dict__.pop("apps", None)

    def reload_model(self, app_label: str, model_name: str, delay: bool = False) -> None:
        self._changed()

    def reload_models(self, models: Any, delay: bool = True) -> None:
        self._changed()

    def clear_delayed_apps_cache(self) -> None:
        pass

    def clone(self) -> ProjectState:
        new = ProjectState(models={k: v.clone() for k, v in self.models.items()}, real_apps=self.real_apps)
        if "apps" in self.__dict__:
            new.apps = self.apps
        new.is_delayed = self.is_delayed
        return new

    @classmethod
    def from_apps(cls, apps: Apps) -> ProjectState:
        states = {}
        for model in apps.get_models(include_swapped=True):
            state = ModelState.from_model(model)
            states[(state.app_label, state.name_lower)] = state
        return cls(states)

    # -------------------------------------------------------------- models
    def add_model(self, model_state: ModelState) -> None:
        self.models[(model_state.app_label, model_state.name_lower)] = model_state
        self._changed()

    def remove_model(self, app_label: str, model_name: str) -> None:
        del self.models[(app_label, model_name)]
        self._changed()

    def rename_model(self, app_label: str, old_name: str, new_name: str) -> None:
        old_key = (app_label, old_name.lower())
        state = self.models.pop(old_key).clone()
        state.name = new_name
        state.__dict__.pop("name_lower", None)
        new_key = (app_label, new_name.lower())
        self.models[new_key] = state
        new_label = f"{app_label}.{new_name}"
        for model_key, model_state in self.models.items():
            for name, field in list(model_state.fields.items()):
                changed = False
                remote = getattr(field, "remote_field", None)
                if remote is None:
                    continue
                if resolve_relation(remote.model, *model_key) == old_key:
                    field = field.clone()
                    field.remote_field.model = new_label
                    changed = True
                through = getattr(field.remote_field, "through", None)
                if through and resolve_relation(through, *model_key) == old_key:
                    field = field.clone() if not changed else field
                    field.remote_field.through = new_label
                    changed = True
                if changed:
                    model_state.fields[name] = field
        self._changed()

    def alter_model_options(
        self, app_label: str, model_name: str, options: dict, option_keys: Any = None
    ) -> None:
        state = self.models[(app_label, model_name)]
        state.options = {**state.options, **options}
        for key in option_keys or ():
            if key not in options:
                state.options.pop(key, None)
        self._changed()

    def remove_model_options(
        self, app_label: str, model_name: str, option_name: str, value_to_remove: Any
    ) -> None:
        state = self.models[(app_label, model_name)]
        if objs := state.options.get(option_name):
            state.options[option_name] = [obj for obj in objs if tuple(obj) != tuple(value_to_remove)]
        self._changed()

    def alter_model_managers(self, app_label: str, model_name: str, managers: list) -> None:
        self.models[(app_label, model_name)].managers = list(managers)
        self._changed()

    def _append_option(self, app_label: str, model_name: str, key: str, obj: Any) -> None:
        state = self.models[(app_label, model_name)]
        state.options[key] = [*state.options[key], obj]
        self._changed()

    def _remove_option(self, app_label: str, model_name: str, key: str, obj_name: str) -> None:
        state = self.models[(app_label, model_name)]
        state.options[key] = [obj for obj in state.options[key] if obj.name != obj_name]
        self._changed()

    def add_index(self, app_label: str, model_name: str, index: Any) -> None:
        self._append_option(app_label, model_name, "indexes", index)

    def remove_index(self, app_label: str, model_name: str, index_name: str) -> None:
        self._remove_option(app_label, model_name, "indexes", index_name)

    def rename_index(self, app_label: str, model_name: str, old_index_name: str, new_index_name: str) -> None:
        state = self.models[(app_label, model_name)]
        indexes = []
        for index in state.options["indexes"]:
            if index.name == old_index_name:
                index = index.clone()
                index.name = new_index_name
            indexes.append(index)
        state.options["indexes"] = indexes
        self._changed()

    def add_constraint(self, app_label: str, model_name: str, constraint: Any) -> None:
        self._append_option(app_label, model_name, "constraints", constraint)

    def remove_constraint(self, app_label: str, model_name: str, constraint_name: str) -> None:
        self._remove_option(app_label, model_name, "constraints", constraint_name)

    def alter_constraint(
        self, app_label: str, model_name: str, constraint_name: str, constraint: Any
    ) -> None:
        state = self.models[(app_label, model_name)]
        state.options["constraints"] = [
            constraint if c.name == constraint_name else c for c in state.options["constraints"]
        ]
        self._changed()

    # -------------------------------------------------------------- fields
    def add_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = field.clone()
            field.default = models.NOT_PROVIDED
        self.models[(app_label, model_name)].fields[name] = field
        self._changed()

    def remove_field(self, app_label: str, model_name: str, name: str) -> None:
        state = self.models[(app_label, model_name)]
        del state.fields[name]
        self._changed()

    def alter_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = field.clone()
            field.default = models.NOT_PROVIDED
        state = self.models[(app_label, model_name)]
        state.fields[name] = field
        self._changed()

    def rename_field(self, app_label: str, model_name: str, old_name: str, new_name: str) -> None:
        state = self.models[(app_label, model_name)]
        fields = state.fields
        if old_name not in fields:
            raise FieldDoesNotExist(f"{app_label}.{model_name} has no field named '{old_name}'")
        state.fields = {(new_name if k == old_name else k): v for k, v in fields.items()}
        options = state.options
        for key in ("index_together", "unique_together"):
            if key in options:
                options[key] = [
                    [new_name if n == old_name else n for n in together] for together in options[key]
                ]
        if options.get("order_with_respect_to") == old_name:
            options["order_with_respect_to"] = new_name
        model_key = (app_label, model_name)
        for other_key, other_state in self.models.items():
            for fname, field in list(other_state.fields.items()):
                remote = getattr(field, "remote_field", None)
                if remote is None or resolve_relation(remote.model, *other_key) != model_key:
                    continue
                to_fields = getattr(field, "to_fields", None)
                if to_fields and old_name in to_fields:
                    new_field = field.clone()
                    new_field.to_fields = tuple(new_name if f == old_name else f for f in to_fields)
                    if getattr(new_field.remote_field, "field_name", None) == old_name:
                        new_field.remote_field.field_name = new_name
                    other_state.fields[fname] = new_field
        for fname, field in list(state.fields.items()):
            from_fields = getattr(field, "from_fields", None)
            if from_fields and old_name in from_fields:
                new_field = field.clone()
                new_field.from_fields = tuple(new_name if f == old_name else f for f in from_fields)
                state.fields[fname] = new_field
        self._changed()

    # -------------------------------------------------------------- helpers
    def get_concrete_model_key(self, model: Any) -> ModelKey:
        return model._meta.app_label, model._meta.model_name

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, ProjectState)
            and self.models == other.models
            and self.real_apps == other.real_apps
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ProjectState: {len(self.models)} models>"
