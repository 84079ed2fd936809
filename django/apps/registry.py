"""The application registry: which apps are installed and which models they define."""

from __future__ import annotations

import functools
import threading
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.apps.config import AppConfig
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

ModelKey = tuple[str, str]  # (app_label, lowercase model name)


class _cached_per_registry:
    """functools.cache for a method, with the cache kept on each registry.

    Callers can still use `apps.get_models.cache_clear()`; unlike a cache on the class, the
    many short-lived registries built for migrations are not kept alive by it.
    """

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        functools.update_wrapper(self, func)  # type: ignore[arg-type]

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = f"_{name}_cached"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        cached = instance.__dict__.get(self.attribute)
        if cached is None:
            cached = functools.cache(self.func.__get__(instance, owner))
            instance.__dict__[self.attribute] = cached
        return cached


class Apps:
    """A registry of installed applications and their models.

    `django.apps.apps` is the project's registry; migrations build others to hold historical models.
    """

    def __init__(self, installed_apps: Iterable[Any] | None = ()) -> None:
        # Only the global registry may start without apps; it is populated by django.setup().
        if installed_apps is None and _global_registry_exists():
            raise RuntimeError("You must supply an installed_apps argument.")
        # app_label -> {model_name: model}; filled by ModelBase even before populate() runs.
        self.all_models: defaultdict[str, dict[str, Any]] = defaultdict(dict)
        self.app_configs: dict[str, AppConfig] = {}
        self.stored_app_configs: list[dict[str, AppConfig]] = []
        self.apps_ready = self.models_ready = self.ready = False
        self.ready_event = threading.Event()
        self._lock = threading.RLock()
        self.loading = False
        self._pending_operations: defaultdict[ModelKey, list[Callable[..., Any]]] = defaultdict(list)
        if installed_apps is not None:
            self.populate(installed_apps)

    # ------------------------------------------------------------------ loading
    def populate(self, installed_apps: Iterable[Any] | None = None) -> None:
        """Import each app's config and models, then call every ready(). Runs once, thread-safely."""
        if self.ready:
            return
        with self._lock:
            if self.ready:
                return
            if self.loading:
                # An app's import or ready() called populate() again: it would see half a registry.
                raise RuntimeError("populate() isn't reentrant")
            self.loading = True
            try:
                self._load_app_configs(installed_apps or ())
                self.apps_ready = True
                for app_config in self.app_configs.values():
                    app_config.import_models()
                self.clear_cache()
                self.models_ready = True
                for app_config in self.get_app_configs():
                    app_config.ready()
            except BaseException:
                # Leave the registry empty rather than half-built, so a retry reports the same error.
                self.app_configs = {}
                self.apps_ready = self.models_ready = False
                raise
            finally:
                self.loading = False
            self.ready = True
            self.ready_event.set()

    def _load_app_configs(self, installed_apps: Iterable[Any]) -> None:
        for entry in installed_apps:
            app_config = entry if isinstance(entry, AppConfig) else AppConfig.create(entry)
            if app_config.label in self.app_configs:
                raise ImproperlyConfigured(
                    f"Application labels aren't unique, duplicates: {app_config.label}. Give one "
                    "of them a different 'label' in its AppConfig subclass."
                )
            self.app_configs[app_config.label] = app_config
            app_config.apps = self
        counts = Counter(app_config.name for app_config in self.app_configs.values())
        duplicates = [name for name, count in counts.most_common() if count > 1]
        if duplicates:
            raise ImproperlyConfigured(
                f"Application names aren't unique, duplicates: {', '.join(duplicates)}"
            )

    def check_apps_ready(self) -> None:
        """Raise AppRegistryNotReady unless every AppConfig has been created."""
        if not self.apps_ready:
            from django.conf import settings

            # Without settings, saying "settings are not configured" is the more useful error.
            settings.INSTALLED_APPS
            raise AppRegistryNotReady("Apps aren't loaded yet.")

    def check_models_ready(self) -> None:
        """Raise AppRegistryNotReady unless every app's models module has been imported."""
        if not self.models_ready:
            raise AppRegistryNotReady("Models aren't loaded yet.")

    # ------------------------------------------------------------------ queries
    def get_app_configs(self) -> Iterable[AppConfig]:
        self.check_apps_ready()
        return self.app_configs.values()

    def get_app_config(self, app_label: str) -> AppConfig:
        """The AppConfig with this label; LookupError (with a hint) when there is none."""
        self.check_apps_ready()
        try:
            return self.app_configs[app_label]
        except KeyError:
            message = f"No installed app with label '{app_label}'."
            for app_config in self.app_configs.values():
                if app_config.name == app_label:
                    message += f" Did you mean '{app_config.label}'?"
                    break
            raise LookupError(message)

    @_cached_per_registry
    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False) -> list[Any]:
        """Every model of every installed app, in INSTALLED_APPS order."""
        self.check_models_ready()
        return [
            model
            for app_config in self.app_configs.values()
            for model in app_config.get_models(include_auto_created, include_swapped)
        ]

    def get_model(self, app_label: str, model_name: str | None = None, require_ready: bool = True) -> Any:
        """The model `app_label.ModelName` (one "label.Model" string, or two arguments)."""
        if require_ready:
            self.check_models_ready()
        else:
            self.check_apps_ready()
        if model_name is None:
            app_label, dot, model_name = app_label.partition(".")
            if not dot or not model_name or "." in model_name:
                raise ValueError(f"Expected a model in the form 'app_label.ModelName', got {app_label!r}.")
        app_config = self.get_app_config(app_label)
        if not require_ready and app_config.models is None:
            app_config.import_models()
        return app_config.get_model(model_name, require_ready=require_ready)

    def get_registered_model(self, app_label: str, model_name: str) -> Any:
        """The model registered under this key, even before the registry is ready."""
        model = self.all_models[app_label].get(model_name.lower())
        if model is None:
            raise LookupError(f"Model '{app_label}.{model_name}' not registered.")
        return model

    def is_installed(self, app_name: str) -> bool:
        """Whether an app with this full dotted name (e.g. 'django.contrib.admin') is installed."""
        self.check_apps_ready()
        return any(app_config.name == app_name for app_config in self.app_configs.values())

    def get_containing_app_config(self, object_name: str) -> AppConfig | None:
        """The innermost installed app whose package contains the dotted object_name."""
        self.check_apps_ready()
        best: AppConfig | None = None
        for app_config in self.app_configs.values():
            name = app_config.name
            if object_name == name or object_name.startswith(name + "."):
                if best is None or len(name) > len(best.name):
                    best = app_config
        return best

    @_cached_per_registry
    def get_swappable_settings_name(self, to_string: str) -> str | None:
        """The setting name (e.g. 'AUTH_USER_MODEL') that swaps the model named 'app.model'."""
        to_string = to_string.lower()
        for model in self.get_models(include_swapped=True):
            meta = model._meta
            swapped = meta.swapped
            if swapped and swapped.lower() == to_string:
                return meta.swappable
            if meta.swappable and meta.label_lower == to_string:
                return meta.swappable
        return None

    # ------------------------------------------------------------------ registration
    def register_model(self, app_label: str, model: Any) -> None:
        """Record a model class; called by the model metaclass when the class is created."""
        model_name = model._meta.model_name
        app_models = self.all_models[app_label]
        existing = app_models.get(model_name)
        if existing is not None:
            if existing.__name__ == model.__name__ and existing.__module__ == model.__module__:
                warnings.warn(
                    f"Model '{app_label}.{model_name}' was already registered. Reloading models is "
                    "not advised as it can lead to inconsistencies, most notably with related models.",
                    RuntimeWarning,
                    stacklevel=2,
                )
            else:
                raise RuntimeError(
                    f"Conflicting '{model_name}' models in application '{app_label}': {existing} and {model}."
                )
        app_models[model_name] = model
        self.do_pending_operations(model)
        self.clear_cache()

    def lazy_model_operation(self, function: Callable[..., Any], *model_keys: ModelKey) -> None:
        """Call function(*models) once every (app_label, model_name) in model_keys is registered."""
        if not model_keys:
            function()
            return
        first, *rest = model_keys

        def receive_first(model: Any) -> None:
            self.lazy_model_operation(partial(function, model), *rest)

        receive_first.func = function  # type: ignore[attr-defined]  # lets checks see what waits
        try:
            model = self.get_registered_model(*first)
        except LookupError:
            self._pending_operations[(first[0], first[1].lower())].append(receive_first)
        else:
            receive_first(model)

    def do_pending_operations(self, model: Any) -> None:
        """Run the operations that were waiting for this model to be registered."""
        key = (model._meta.app_label, model._meta.model_name)
        for function in self._pending_operations.pop(key, []):
            function(model)

    def clear_cache(self) -> None:
        """Forget cached model lists, including each model's _meta caches (after a registry change)."""
        self.get_models.cache_clear()
        self.get_swappable_settings_name.cache_clear()
        if self.ready:
            for app_config in self.app_configs.values():
                for model in app_config.get_models(include_auto_created=True):
                    model._meta._expire_cache()

    # ------------------------------------------------------------------ test helpers
    def set_available_apps(self, available: Iterable[str]) -> None:
        """Restrict the registry to a subset of the installed apps (undo with unset_available_apps)."""
        available = set(available)
        installed = {app_config.name for app_config in self.get_app_configs()}
        if not available.issubset(installed):
            extra = ", ".join(sorted(available - installed))
            raise ValueError(f"Available apps isn't a subset of installed apps, extra apps: {extra}")
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {
            label: app_config
            for label, app_config in self.app_configs.items()
            if app_config.name in available
        }
        self.clear_cache()

    def unset_available_apps(self) -> None:
        self.app_configs = self.stored_app_configs.pop()
        self.clear_cache()

    def set_installed_apps(self, installed: Iterable[Any]) -> None:
        """Replace the installed apps with another list, for the duration of a test."""
        if not self.ready:
            raise AppRegistryNotReady("App registry isn't ready yet.")
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {}
        self.apps_ready = self.models_ready = self.loading = self.ready = False
        self.clear_cache()
        self.populate(installed)

    def unset_installed_apps(self) -> None:
        self.app_configs = self.stored_app_configs.pop()
        self.apps_ready = self.models_ready = self.ready = True
        self.clear_cache()


def _global_registry_exists() -> bool:
    return "apps" in globals()


apps = Apps(installed_apps=None)
