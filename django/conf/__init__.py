"""Settings: the lazy `settings` object, read from DJANGO_SETTINGS_MODULE or `settings.configure()`.

Nothing is read at import time; the settings module is imported on the first attribute access.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import LazyObject, empty

ENVIRONMENT_VARIABLE = "DJANGO_SETTINGS_MODULE"
DEFAULT_STORAGE_ALIAS = "default"
STATICFILES_STORAGE_ALIAS = "staticfiles"

# Settings that must be sequences; a bare string here is a classic typo ("app" instead of ["app"]).
SEQUENCE_SETTINGS = (
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "TEMPLATE_DIRS",
    "LOCALE_PATHS",
    "SECRET_KEY_FALLBACKS",
)
ZONEINFO_ROOT = Path("/usr/share/zoneinfo")


class SettingsReference(str):
    """A string value that remembers which setting it came from (used for swappable models)."""

    def __new__(cls, value: str, setting_name: str) -> SettingsReference:
        return str.__new__(cls, value)

    def __init__(self, value: str, setting_name: str) -> None:
        self.setting_name = setting_name


class SettingsImportError(ImproperlyConfigured, ModuleNotFoundError):
    """The settings module is missing: both Django's ImportError and a configuration error."""


class LazySettings(LazyObject):
    """Proxy to the project's settings, loaded on first access and cached per attribute."""

    def _setup(self, name: str | None = None) -> None:
        settings_module = os.environ.get(ENVIRONMENT_VARIABLE)
        if not settings_module:
            what = f"setting {name}" if name else "settings"
            raise ImproperlyConfigured(
                f"Requested {what}, but settings are not configured. You must either define "
                f"the environment variable {ENVIRONMENT_VARIABLE} or call settings.configure() "
                "before accessing settings."
            )
        self._wrapped = Settings(settings_module)

    def __repr__(self) -> str:
        if self._wrapped is empty:
            return "<LazySettings [Unevaluated]>"
        return f'<LazySettings "{self._wrapped.SETTINGS_MODULE}">'

    def __getattr__(self, name: str) -> Any:
        wrapped = self._wrapped
        if wrapped is empty:
            self._setup(name)
            wrapped = self._wrapped
        value = getattr(wrapped, name)
        if name in ("MEDIA_URL", "STATIC_URL") and value is not None:
            value = self._add_script_prefix(value)
        elif name == "SECRET_KEY" and not value:
            raise ImproperlyConfigured(
                "The SECRET_KEY setting must not be empty. Set SECRET_KEY to a long random "
                "string in your settings module."
            )
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        # Replacing the wrapped object drops every cached value; setting one drops just that one.
        if name == "_wrapped":
            self.__dict__.clear()
            self.__dict__["_wrapped"] = value
            return
        self.__dict__.pop(name, None)
        if self._wrapped is empty:
            self._setup()
        setattr(self._wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        if name == "_wrapped":
            raise TypeError("can't delete _wrapped.")
        self.__dict__.pop(name, None)
        if self._wrapped is empty:
            self._setup()
        delattr(self._wrapped, name)

    def __dir__(self) -> list[str]:
        if self._wrapped is empty:
            self._setup()
        return dir(self._wrapped)

    def configure(self, default_settings: Any = global_settings, **options: Any) -> None:
        """Use these settings instead of DJANGO_SETTINGS_MODULE; allowed once, before first use."""
        if self._wrapped is not empty:
            raise RuntimeError("Settings already configured.")
        holder = UserSettingsHolder(default_settings)
        for name, value in options.items():
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be uppercase.")
            setattr(holder, name, value)
        self._wrapped = holder

    @property
    def configured(self) -> bool:
        """True once settings were configured (by configure() or by first access)."""
        return self._wrapped is not empty

    def is_overridden(self, setting: str) -> bool:
        if self._wrapped is empty:
            self._setup()
        return self._wrapped.is_overridden(setting)

    @staticmethod
    def _add_script_prefix(value: str) -> str:
        """Prefix a relative STATIC_URL/MEDIA_URL with the script prefix (SCRIPT_NAME)."""
        if value.startswith(("http://", "https://", "/")):
            return value
        from django.urls import get_script_prefix  # urls sits above conf

        return f"{get_script_prefix()}{value}"


class Settings:
    """The global defaults overlaid with the UPPERCASE names of a settings module."""

    def __init__(self, settings_module: str) -> None:
        for name in dir(global_settings):
            if name.isupper():
                setattr(self, name, getattr(global_settings, name))
        self.SETTINGS_MODULE = settings_module
        module = _import_settings_module(settings_module)
        self._explicit_settings: set[str] = set()
        for name in dir(module):
            if not name.isupper():
                continue
            value = getattr(module, name)
            if name in SEQUENCE_SETTINGS and not isinstance(value, list | tuple):
                raise ImproperlyConfigured(f"The {name} setting must be a list or a tuple.")
            setattr(self, name, value)
            self._explicit_settings.add(name)
        _apply_time_zone(getattr(self, "TIME_ZONE", None))

    def is_overridden(self, setting: str) -> bool:
        return setting in self._explicit_settings

    def __repr__(self) -> str:
        return f'<{type(self).__name__} "{self.SETTINGS_MODULE}">'


class UserSettingsHolder:
    """Settings given to configure() (or by override_settings) on top of other settings."""

    SETTINGS_MODULE = None

    def __init__(self, default_settings: Any) -> None:
        self.__dict__["_deleted"] = set()
        self.default_settings = default_settings

    def __getattr__(self, name: str) -> Any:
        if not name.isupper() or name in self._deleted:
            raise AttributeError(name)
        return getattr(self.default_settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._deleted.discard(name)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self._deleted.add(name)
        if name in self.__dict__:
            super().__delattr__(name)

    def __dir__(self) -> list[str]:
        names = set(self.__dict__) | set(dir(self.default_settings))
        return sorted(name for name in names if name not in self._deleted)

    def is_overridden(self, setting: str) -> bool:
        if setting in self._deleted or setting in self.__dict__:
            return True
        inner = getattr(self.default_settings, "is_overridden", None)
        return bool(inner and inner(setting))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def _import_settings_module(settings_module: str) -> ModuleType:
    try:
        return importlib.import_module(settings_module)
    except ModuleNotFoundError as exc:
        # Only rephrase when the settings module itself (or its package) is missing;
        # an ImportError raised *inside* the settings file keeps its own message.
        if exc.name and (settings_module == exc.name or settings_module.startswith(exc.name + ".")):
            raise SettingsImportError(
                f"Settings module {settings_module!r} could not be imported: {exc}. Check that "
                f"{ENVIRONMENT_VARIABLE} (or --settings) names an importable module and that its "
                "directory is on sys.path (or use --pythonpath)."
            ) from exc
        raise


def _apply_time_zone(time_zone: str | None) -> None:
    """Make the process local time follow TIME_ZONE where the platform allows it."""
    if not time_zone or not hasattr(time, "tzset"):
        return
    if ZONEINFO_ROOT.exists() and not ZONEINFO_ROOT.joinpath(*time_zone.split("/")).exists():
        raise ValueError(f"Incorrect timezone setting: {time_zone}")
    os.environ["TZ"] = time_zone
    time.tzset()


settings = LazySettings()
