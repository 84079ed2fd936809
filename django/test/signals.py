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
