"""Checks of the CACHES setting."""

from __future__ import annotations

import pathlib
from typing import Any

from django.conf import settings
from django.core.checks.messages import Error, Warning
from django.core.checks.registry import Tags, register

DEFAULT_CACHE_ALIAS = "default"
FILE_BASED_BACKEND = "django.core.cache.backends.filebased.FileBasedCache"

E001 = Error(
    "You must define a '%s' cache in your CACHES setting." % DEFAULT_CACHE_ALIAS,
    id="caches.E001",
)


@register(Tags.caches)
def check_default_cache_is_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [] if DEFAULT_CACHE_ALIAS in settings.CACHES else [E001]


def _file_based_locations() -> list[tuple[str, pathlib.Path]]:
    return [
        (alias, pathlib.Path(config.get("LOCATION", "")))
        for alias, config in settings.CACHES.items()
        if config.get("BACKEND") == FILE_BASED_BACKEND
    ]


@register(Tags.caches)
def check_cache_location_not_exposed(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """A file cache inside MEDIA_ROOT, STATIC_ROOT or STATICFILES_DIRS would be served publicly."""
    exposed = {"MEDIA_ROOT": [settings.MEDIA_ROOT], "STATIC_ROOT": [settings.STATIC_ROOT]}
    exposed["STATICFILES_DIRS"] = [
        entry[1] if isinstance(entry, list | tuple) else entry for entry in settings.STATICFILES_DIRS
    ]
    warnings = []
    for alias, location in _file_based_locations():
        cache_path = location.resolve()
        for name, paths in exposed.items():
            for value in paths:
                if not value:
                    continue
                path = pathlib.Path(value).resolve()
                if path == cache_path:
                    relation = "matches"
                elif path.is_relative_to(cache_path):
                    relation = "is inside"
                elif cache_path.is_relative_to(path):
                    relation = "contains"
                else:
                    continue
                warnings.append(
                    Warning(
                        f"Your '{alias}' cache configuration might expose your cache or lead to "
                        f"corruption of your data because its LOCATION {relation} {name}.",
                        id="caches.W002",
                    )
                )
    return warnings


@register(Tags.caches)
def check_file_based_cache_is_absolute(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [
        Warning(
            f"Your '{alias}' cache LOCATION path is relative. Use an absolute path instead.", id="caches.W003"
        )
        for alias, location in _file_based_locations()
        if not location.is_absolute()
    ]
