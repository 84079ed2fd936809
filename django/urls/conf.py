"""``path()``, ``re_path()`` and ``include()``: the functions URLconfs are written with."""

from __future__ import annotations

import functools
from importlib import import_module
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls.patterns import LocalePrefixPattern, RegexPattern, RoutePattern
from django.urls.resolvers import URLPattern, URLResolver


def include(arg: Any, namespace: str | None = None) -> tuple[Any, str | None, str | None]:
    """Point a route at another URLconf: a module, its dotted path, a list, or ``(patterns, app_name)``."""
    app_name = None
    if isinstance(arg, tuple):
        if len(arg) != 2:
            if namespace:
                raise ImproperlyConfigured(
                    "Cannot override the namespace for a dynamic module that provides a namespace."
                )
            raise ImproperlyConfigured(
                f"Passing a {len(arg)}-tuple to include() is not supported. Pass a 2-tuple containing "
                "the list of patterns and app_name, and provide the namespace argument to include() "
                "instead."
            )
        urlconf_module, app_name = arg
    else:
        urlconf_module = arg
    if isinstance(urlconf_module, str):
        urlconf_module = import_module(urlconf_module)
    patterns = getattr(urlconf_module, "urlpatterns", urlconf_module)
    app_name = getattr(urlconf_module, "app_name", app_name)
    if namespace and not app_name:
        raise ImproperlyConfigured(
            "Specifying a namespace in include() without providing an app_name is not supported. Set "
            "the app_name attribute in the included module, or pass a 2-tuple containing the list of "
            "patterns and app_name instead."
        )
    namespace = namespace or app_name
    if isinstance(patterns, (list, tuple)):
        for url_pattern in patterns:
            if isinstance(getattr(url_pattern, "pattern", None), LocalePrefixPattern):
                raise ImproperlyConfigured("Using i18n_patterns in an included URLconf is not allowed.")
    return (urlconf_module, app_name, namespace)


def _path(
    route: Any, view: Any, kwargs: dict | None = None, name: str | None = None, Pattern: Any = None
) -> Any:
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(f"kwargs argument must be a dict, but got {kwargs.__class__.__name__}.")
    if isinstance(view, (list, tuple)):
        urlconf_module, app_name, namespace = view
        return URLResolver(
            Pattern(route, is_endpoint=False), urlconf_module, kwargs, app_name=app_name, namespace=namespace
        )
    if callable(view):
        return URLPattern(Pattern(route, name=name, is_endpoint=True), view, kwargs, name)
    if hasattr(view, "as_view") and hasattr(view, "dispatch"):
        cls_name = view.__class__.__name__
        raise TypeError(f"view must be a callable, pass {cls_name}.as_view(), not {cls_name}().")
    raise TypeError("view must be a callable or a list/tuple in the case of include().")


path = functools.partial(_path, Pattern=RoutePattern)
re_path = functools.partial(_path, Pattern=RegexPattern)
