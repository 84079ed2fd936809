"""System checks for staticfiles: finders' configuration and STATIC_ROOT."""

from __future__ import annotations

from typing import Any


def check_finders(app_configs: Any = None, **kwargs: Any) -> list:
    from django.contrib.staticfiles.finders import get_finders

    errors: list = []
    for finder in get_finders():
        try:
            finder_errors = finder.check()
        except NotImplementedError:
            continue
        errors.extend(finder_errors)
    return errors


def check_storages(app_configs: Any = None, **kwargs: Any) -> list:
    """E005: STORAGES must define the 'staticfiles' alias."""
    from django.conf import settings
    from django.core.checks import Error

    if "staticfiles" not in getattr(settings, "STORAGES", {}):
        return [Error("The STORAGES setting must define a 'staticfiles' storage.", id="staticfiles.E005")]
    return []
