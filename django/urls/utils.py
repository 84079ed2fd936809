"""Turning dotted paths into view callables."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.core.exceptions import ViewDoesNotExist


@functools.cache
def get_callable(lookup_view: str | Callable) -> Callable:
    """Return the callable a dotted path names; a callable is returned as is."""
    if callable(lookup_view):
        return lookup_view
    if not isinstance(lookup_view, str):
        raise ViewDoesNotExist(f"{lookup_view!r} is not a string or a callable.")
    mod_name, func_name = get_mod_func(lookup_view)
    if not func_name:
        raise ImportError(f"Could not import '{lookup_view}'. The path must be fully qualified.")
    try:
        mod = import_module(mod_name)
    except ImportError:
        parent, submod = get_mod_func(mod_name)
        if submod and not module_has_submodule(parent, submod):
            raise ViewDoesNotExist(
                f"Could not import '{lookup_view}'. Parent module {parent} does not exist."
            ) from None
        raise
    try:
        view_func = getattr(mod, func_name)
    except AttributeError:
        raise ViewDoesNotExist(
            f"Could not import '{lookup_view}'. View does not exist in module {mod_name}."
        ) from None
    if not callable(view_func):
        raise ViewDoesNotExist(f"Could not import '{mod_name}.{func_name}'. View is not callable.")
    return view_func


def module_has_submodule(parent: str, child: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(f"{parent}.{child}") is not None
    except (ImportError, ValueError):
        return False


def get_mod_func(callback: str) -> tuple[str, str]:
    """Split ``'a.b.view'`` into ``('a.b', 'view')``; no dot gives ``(callback, '')``."""
    dot = callback.rfind(".")
    if dot == -1:
        return callback, ""
    return callback[:dot], callback[dot + 1 :]


def lookup_str_of(func: Any) -> str:
    """The dotted path shown for a view in ResolverMatch, debug pages and checks."""
    if isinstance(func, functools.partial):
        func = func.func
    if hasattr(func, "view_class"):
        func = func.view_class
    if not hasattr(func, "__name__"):
        return f"{func.__class__.__module__}.{func.__class__.__qualname__}"
    return f"{func.__module__}.{func.__qualname__}"
