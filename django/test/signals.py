"""``setting_changed`` and the receivers that drop caches built from a changed setting."""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver

__all__ = ["setting_changed", "template_rendered"]

from django.dispatch import Signal

template_rendered = Signal()

COMPLEX_OVERRIDE_SETTINGS = {"DATABASES"}


@receiver(setting_changed)
def root_urlconf_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        from django.urls import clear_url_caches, set_urlconf

        clear_url_caches()
        set_urlconf(None)


@receiver(setting_changed)
def update_installed_apps(*, setting: str, **kwargs: Any) -> None:
    if setting != "INSTALLED_APPS":
        return
    from django.urls import clear_url_caches

    clear_url_caches()
    try:
        from django.core.management import get_commands
    except ImportError:
        return
    cache_clear = getattr(get_commands, "cache_clear", None)
    if cache_clear:
        cache_clear()


@receiver(setting_changed)
def installed_apps_translation_and_templates(*, setting: str, **kwargs: Any) -> None:
    """App catalogs and app template directories both follow INSTALLED_APPS."""
    if setting != "INSTALLED_APPS":
        return
    try:
        from django.utils.translation import trans_real
    except ImportError:
        trans_real = None  # type: ignore[assignment]
    clear = getattr(trans_real, "clear_caches", None)
    if clear is not None:
        clear()
    try:
        from django.template.utils import get_app_template_dirs
    except ImportError:
        return
    get_app_template_dirs.cache_clear()


@receiver(setting_changed)
def reset_template_engines(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"TEMPLATES", "DEBUG", "INSTALLED_APPS"}:
        return
    try:
        from django.template import engines
    except ImportError:
        return
    for attribute in ("templates", "_engines"):
        if attribute in engines.__dict__:
            delattr(engines, attribute)
    # The app_directories loader's list of app template dirs follows INSTALLED_APPS.
    try:
        from django.template.utils import get_app_template_dirs

        get_app_template_dirs.cache_clear()
    except (ImportError, AttributeError):
        pass
    try:
        from django.template.engine import Engine

        Engine.get_default.cache_clear()
    except (ImportError, AttributeError):
        pass


@receiver(setting_changed)
def update_timezone(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"TIME_ZONE", "USE_TZ"}:
        return
    from django.utils import timezone

    default = getattr(timezone, "get_default_timezone", None)
    if default is not None and hasattr(default, "cache_clear"):
        default.cache_clear()
    if setting == "TIME_ZONE":
        import os
        import time

        from django.conf import settings

        if hasattr(time, "tzset") and kwargs.get("value"):
            os.environ["TZ"] = settings.TIME_ZONE
            time.tzset()


@receiver(setting_changed)
def language_changed(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"}:
        return
    try:
        from django.utils.translation import trans_real
    except ImportError:
        return
    clear = getattr(trans_real, "clear_caches", None)
    if clear is not None:
        clear()


FORMAT_SETTINGS = {
    "FORMAT_MODULE_PATH",
    "LANGUAGE_CODE",
    "USE_THOUSAND_SEPARATOR",
    "DECIMAL_SEPARATOR",
    "THOUSAND_SEPARATOR",
    "NUMBER_GROUPING",
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "FIRST_DAY_OF_WEEK",
    "DATE_INPUT_FORMATS",
    "TIME_INPUT_FORMATS",
    "DATETIME_INPUT_FORMATS",
}


@receiver(setting_changed)
def localize_settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in FORMAT_SETTINGS:
        from django.utils import formats

        reset = getattr(formats, "reset_format_cache", None)
        if reset is not None:
            reset()


@receiver(setting_changed)
def static_finders_changed(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"STATICFILES_DIRS", "STATICFILES_FINDERS", "STATIC_ROOT"}:
        return
    try:
        from django.contrib.staticfiles.finders import get_finder
    except ImportError:
        return
    get_finder.cache_clear()


@receiver(setting_changed)
def static_storage_changed(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"STORAGES", "STATIC_ROOT", "STATIC_URL"}:
        return
    try:
        from django.contrib.staticfiles.storage import staticfiles_storage
    except ImportError:
        return
    from django.utils.functional import empty

    staticfiles_storage._wrapped = empty


FILE_STORAGE_SETTINGS = {
    "STORAGES",
    "MEDIA_ROOT",
    "MEDIA_URL",
    "FILE_UPLOAD_PERMISSIONS",
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS",
}


@receiver(setting_changed)
def file_storage_changed(*, setting: str, **kwargs: Any) -> None:
    """default_storage is rebuilt from the new settings on its next use."""
    if setting not in FILE_STORAGE_SETTINGS:
        return
    from django.core.files.storage import default_storage, storages
    from django.utils.functional import empty

    storages.reset()
    default_storage._wrapped = empty


@receiver(setting_changed)
def cache_settings_changed(*, setting: str, **kwargs: Any) -> None:
    """A new CACHES: close the old backends and build the new ones on next use."""
    if setting != "CACHES":
        return
    from asgiref.local import Local

    from django.core.cache import caches

    caches.close_all()
    caches.__dict__.pop("settings", None)
    caches._settings = None
    caches._connections = Local(caches.thread_critical)


@receiver(setting_changed)
def database_routers_changed(*, setting: str, **kwargs: Any) -> None:
    """``django.db.router`` asks the routers of the new DATABASE_ROUTERS."""
    if setting != "DATABASE_ROUTERS":
        return
    from django.db import router
    from django.db.utils import ConnectionRouter

    router.routers = ConnectionRouter().routers


@receiver(setting_changed)
def serialization_modules_changed(*, setting: str, **kwargs: Any) -> None:
    """The serializer registry is rebuilt (with the new SERIALIZATION_MODULES) on its next use."""
    if setting != "SERIALIZATION_MODULES":
        return
    from django.core import serializers

    serializers._serializers.clear()


@receiver(setting_changed)
def user_model_swapped(*, setting: str, **kwargs: Any) -> None:
    """Modules that looked the user model up at import time (``UserModel``) see the new one."""
    if setting != "AUTH_USER_MODEL":
        return
    import sys

    from django.apps import apps

    apps.clear_cache()
    if "django.contrib.auth" not in sys.modules:
        return
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ImproperlyConfigured

    try:
        user_model = get_user_model()
    except ImproperlyConfigured:
        return  # an invalid value: get_user_model() reports it where it is used
    for name in ("backends", "forms", "views", "handlers.modwsgi"):
        module = sys.modules.get(f"django.contrib.auth.{name}")
        if module is not None and hasattr(module, "UserModel"):
            module.UserModel = user_model  # type: ignore[attr-defined]


@receiver(setting_changed)
def complex_setting_changed(*, setting: str, **kwargs: Any) -> None:
    """Connections and other long-lived objects were built from these: overriding them is risky."""
    if kwargs.get("enter") and setting in COMPLEX_OVERRIDE_SETTINGS:
        import warnings

        # stacklevel points past the signal machinery at the override_settings() call site.
        warnings.warn(f"Overriding setting {setting} can lead to unexpected behavior.", stacklevel=6)
