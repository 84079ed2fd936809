"""Helpers shared by finders, storages and commands."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from typing import Any


def matches_patterns(path: str, patterns: Any) -> bool:
    """True if `path` matches any of the glob `patterns`."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def get_files(storage: Any, ignore_patterns: Any = None, location: str = "") -> Iterator[Any]:
    """Recursively yield the file paths in `storage`, skipping ignored names."""
    if ignore_patterns is None:
        ignore_patterns = []
    directories, files = storage.listdir(location)
    for fn in files:
        if matches_patterns(fn, ignore_patterns):
            continue
        if location:
            fn = os.path.join(location, fn)
            # Patterns may also match full relative paths ("admin/*.css").
            if matches_patterns(fn, ignore_patterns):
                continue
        yield fn
    for dir_ in directories:
        if matches_patterns(dir_, ignore_patterns):
            continue
        if location:
            dir_ = os.path.join(location, dir_)
        yield from get_files(storage, ignore_patterns, dir_)


def check_settings(base_url: str | None = None) -> None:
    """Refuse configurations that would make static serving ambiguous or unsafe."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if base_url is None:
        base_url = settings.STATIC_URL
    if not base_url:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required STATIC_URL setting."
        )
    if settings.MEDIA_URL == base_url:
        raise ImproperlyConfigured("The MEDIA_URL and STATIC_URL settings must have different values")
    if (
        settings.DEBUG
        and settings.MEDIA_URL
        and settings.STATIC_URL
        and settings.MEDIA_URL.startswith(settings.STATIC_URL)
    ):
        raise ImproperlyConfigured("runserver can't serve media if MEDIA_URL is within STATIC_URL.")
    if (settings.MEDIA_ROOT and settings.STATIC_ROOT) and (settings.MEDIA_ROOT == settings.STATIC_ROOT):
        raise ImproperlyConfigured("The MEDIA_ROOT and STATIC_ROOT settings must have different values")
