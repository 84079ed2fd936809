"""System checks of the URL configuration (the ``urls`` tag): urls.W001-W005, E004-E009."""

from __future__ import annotations

import inspect
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.checks.messages import Error, Warning
from django.core.checks.registry import Tags, register


@register(Tags.urls)
def check_url_config(app_configs: Any = None, **kwargs: Any) -> list:
    """Every pattern of ROOT_URLCONF, recursively, plus the custom error handlers."""
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    from django.urls import get_resolver

    resolver = get_resolver()
    return [*check_resolver(resolver), *check_custom_error_handlers(resolver)]


def check_resolver(resolver: Any) -> list:
    """The messages of one URLconf entry (a pattern, an include, or something invalid)."""
    check_method = getattr(resolver, "check", None)
    if check_method is not None:
        return check_method()
    if not hasattr(resolver, "resolve"):
        return get_warning_for_invalid_pattern(resolver)
    return []


def get_warning_for_invalid_pattern(pattern: Any) -> list:
    if isinstance(pattern, str):
        hint = (
            f"Try removing the string '{pattern}'. The list of urlpatterns should not have a prefix "
            "string as the first element."
        )
    elif isinstance(pattern, tuple):
        hint = "Try using path() instead of a tuple."
    else:
        hint = None
    return [
        Error(
            f"Your URL pattern {pattern!r} is invalid. Ensure that urlpatterns is a list of path() "
            "and/or re_path() instances.",
            hint=hint,
            id="urls.E004",
        )
    ]


@register(Tags.urls)
def check_url_namespaces_unique(app_configs: Any = None, **kwargs: Any) -> list:
    """Warn about instance namespaces used twice: one of them cannot be reversed."""
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    from django.urls import get_resolver

    counts = Counter(_all_namespaces(get_resolver()))
    return [
        Warning(
            f"URL namespace '{namespace}' isn't unique. You may not be able to reverse all URLs in this namespace",
            id="urls.W005",
        )
        for namespace, count in counts.items()
        if count > 1
    ]


def _all_namespaces(resolver: Any, parents: tuple = ()) -> list[str]:
    namespaces = []
    for child in getattr(resolver, "url_patterns", []):
        namespace = getattr(child, "namespace", None)
        current = parents
        if namespace is not None:
            namespaces.append(":".join([*parents, namespace]))
            current = (*parents, namespace)
        namespaces.extend(_all_namespaces(child, current))
    return namespaces


@register
def check_url_settings(app_configs: Any = None, **kwargs: Any) -> list:
    errors = []
    for name in ("STATIC_URL", "MEDIA_URL"):
        value = getattr(settings, name)
        if value and not value.endswith("/"):
            errors.append(E006(name))
    return errors


def E006(name: str) -> Error:
    return Error(f"The {name} setting must end with a slash.", id="urls.E006")


_HANDLER_ARGUMENTS = {
    400: "request, exception",
    403: "request, exception",
    404: "request, exception",
    500: "request",
}


def check_custom_error_handlers(resolver: Any) -> list:
    """handler400/403/404/500 must import and accept the documented arguments."""
    from django.core.exceptions import ViewDoesNotExist

    errors = []
    for status_code, arguments in _HANDLER_ARGUMENTS.items():
        try:
            handler = resolver.resolve_error_handler(status_code)
        except (ImportError, ViewDoesNotExist) as e:
            path = getattr(resolver.urlconf_module, f"handler{status_code}")
            errors.append(
                Error(
                    f"The custom handler{status_code} view '{path}' could not be imported.",
                    hint=str(e),
                    id="urls.E008",
                )
            )
            continue
        try:
            inspect.signature(handler).bind(*[None] * len(arguments.split(", ")))
        except TypeError:
            path = f"{handler.__module__}.{handler.__qualname__}"
            errors.append(
                Error(
                    f"The custom handler{status_code} view '{path}' does not take the correct number of "
                    f"arguments ({arguments}).",
                    id="urls.E007",
                )
            )
        except ValueError:
            continue  # builtins without a signature cannot be checked
    return errors
