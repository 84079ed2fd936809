"""AppConfig: what Django knows about one installed application."""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import cached_property
from django.utils.module_loading import import_string, module_has_submodule

if TYPE_CHECKING:
    from django.apps.registry import Apps

APPS_MODULE_NAME = "apps"
MODELS_MODULE_NAME = "models"


class InstalledAppImportError(ImproperlyConfigured, ModuleNotFoundError):
    """An INSTALLED_APPS entry names a module that does not exist."""


class AppConfig:
    """Configuration of one application: its name, label, filesystem path and models."""

    def __init__(self, app_name: str, app_module: ModuleType | None) -> None:
        self.name = app_name  # full dotted path, e.g. "django.contrib.admin"
        self.module = app_module
        self.apps: Apps | None = None  # set by the registry that holds this config
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label '{self.label}' is not a valid Python identifier. Set a "
                f"'label' attribute on the AppConfig of '{app_name}'."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            self.path = self._path_from_module(app_module)
        self.models_module: ModuleType | None = None
        self.models: dict[str, Any] | None = None  # lowercase model name -> model class

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.label}>"

    @cached_property
    def default_auto_field(self) -> str:
        from django.conf import settings

        return settings.DEFAULT_AUTO_FIELD

    @property
    def _is_default_auto_field_overridden(self) -> bool:
        return type(self).default_auto_field is not AppConfig.default_auto_field

    def _path_from_module(self, module: ModuleType | None) -> str:
        """The one directory the app lives in, or a clear error if there is none or several."""
        paths = list(dict.fromkeys(getattr(module, "__path__", None) or []))
        module_file = getattr(module, "__file__", None)
        if not paths and module_file:
            paths = [os.path.dirname(module_file)]
        if len(paths) > 1:
            raise ImproperlyConfigured(
                f"The app module {module!r} has multiple filesystem locations ({paths!r}); "
                "you must configure this app with an AppConfig subclass with a 'path' class attribute."
            )
        if not paths:
            raise ImproperlyConfigured(
                f"The app module {module!r} has no filesystem location, you must configure "
                "this app with an AppConfig subclass with a 'path' class attribute."
            )
        return paths[0]

    @classmethod
    def create(cls, entry: str) -> AppConfig:
        """Build the AppConfig for one INSTALLED_APPS entry (a module path or an AppConfig path)."""
        app_module: ModuleType | None
        try:
            entry_module = import_module(entry)
        except ImportError as exc:
            config_class = _config_class_from_path(cls, entry, exc)
            app_module = None
        else:
            config_class = _default_config_class(cls, entry_module)
            if config_class is None:
                return cls(entry, entry_module)
            app_module = entry_module

        if not (isinstance(config_class, type) and issubclass(config_class, AppConfig)):
            raise ImproperlyConfigured(f"'{entry}' isn't a subclass of AppConfig.")
        app_name = getattr(config_class, "name", None)
        if app_name is None:
            raise ImproperlyConfigured(f"'{entry}' must supply a name attribute.")
        if app_module is None or app_module.__name__ != app_name:
            try:
                app_module = import_module(app_name)
            except ImportError:
                raise ImproperlyConfigured(
                    f"Cannot import '{app_name}'. Check that "
                    f"'{config_class.__module__}.{config_class.__qualname__}.name' is correct."
                )
        return config_class(app_name, app_module)

    def get_model(self, model_name: str, require_ready: bool = True) -> Any:
        """The model called model_name (case-insensitive); LookupError when there is none."""
        assert self.apps is not None
        if require_ready:
            self.apps.check_models_ready()
        else:
            self.apps.check_apps_ready()
        try:
            return self.models[model_name.lower()]  # type: ignore[index]
        except (KeyError, TypeError):
            raise LookupError(f"App '{self.label}' doesn't have a '{model_name}' model.")

    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False) -> Iterator[Any]:
        """This app's models, skipping auto-created (m2m through) and swapped ones by default."""
        assert self.apps is not None
        self.apps.check_models_ready()
        for model in (self.models or {}).values():
            if model._meta.auto_created and not include_auto_created:
                continue
            if model._meta.swapped and not include_swapped:
                continue
            yield model

    def import_models(self) -> None:
        assert self.apps is not None
        self.models = self.apps.all_models[self.label]
        if self.module is not None and module_has_submodule(self.module, MODELS_MODULE_NAME):
            self.models_module = import_module(f"{self.name}.{MODELS_MODULE_NAME}")

    def ready(self) -> None:
        """Override to run start-up code (connect signals, ...) once the registry is ready."""


def _default_config_class(cls: type[AppConfig], app_module: ModuleType) -> type[AppConfig] | None:
    """The AppConfig subclass that the app's apps.py designates, if any.

    One subclass there is used automatically; with several, the one marked `default = True`.
    A subclass marked `default = False` is never picked automatically.
    """
    if not module_has_submodule(app_module, APPS_MODULE_NAME):
        return None
    apps_module = import_module(f"{app_module.__name__}.{APPS_MODULE_NAME}")
    candidates = [
        (name, candidate)
        for name, candidate in inspect.getmembers(apps_module, inspect.isclass)
        if issubclass(candidate, cls) and candidate is not cls and getattr(candidate, "default", True)
    ]
    if len(candidates) == 1:
        return candidates[0][1]
    explicit = [(name, candidate) for name, candidate in candidates if getattr(candidate, "default", False)]
    if len(explicit) > 1:
        names = ", ".join(f"'{name}'" for name, _ in explicit)
        raise RuntimeError(f"{apps_module.__name__!r} declares more than one default AppConfig: {names}.")
    return explicit[0][1] if explicit else None


def _config_class_from_path(cls: type[AppConfig], entry: str, import_error: ImportError) -> Any:
    """Resolve an entry that is not a module: it should be the dotted path of an AppConfig class."""
    module_path, _, class_name = entry.rpartition(".")
    if module_path and class_name[:1].isupper():
        try:
            module = import_module(module_path)
        except ImportError:
            module = None
        if module is not None:
            if hasattr(module, class_name):
                return getattr(module, class_name)
            choices = sorted(
                repr(name)
                for name, candidate in inspect.getmembers(module, inspect.isclass)
                if issubclass(candidate, cls) and candidate is not cls
            )
            message = f"Module '{module_path}' does not contain a '{class_name}' class."
            if choices:
                message += f" Choices are: {', '.join(choices)}."
            raise ImportError(message)
    try:
        return import_string(entry)
    except ImportError:
        pass
    if (
        isinstance(import_error, ModuleNotFoundError)
        and import_error.name
        and (entry == import_error.name or entry.startswith(import_error.name + "."))
    ):
        raise InstalledAppImportError(
            f"INSTALLED_APPS contains {entry!r}, but there is no module named {import_error.name!r}. "
            "Check the spelling, "
            "install the package, or make sure its directory is on sys.path.",
            name=import_error.name,
        ) from import_error
    raise import_error
