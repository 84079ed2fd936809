"""Signature inspection helpers, cached because they sit on hot paths."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any


@functools.lru_cache(maxsize=512)
def _signature_from_callable(func: Callable) -> inspect.Signature:
    return inspect.signature(func)


def _get_callable_parameters(meth_or_func: Callable) -> tuple[inspect.Parameter, ...]:
    is_method = inspect.ismethod(meth_or_func)
    func = meth_or_func.__func__ if is_method else meth_or_func  # type: ignore[attr-defined]
    try:
        params = tuple(_signature_from_callable(func).parameters.values())
    except TypeError:
        # Unhashable callables cannot use the cache.
        params = tuple(inspect.signature(func).parameters.values())
    return params[1:] if is_method else params


_KEYWORD_KINDS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def get_func_args(func: Callable) -> list[str]:
    """Names of the arguments that can be passed by keyword (excluding self)."""
    return [p.name for p in _get_callable_parameters(func) if p.kind in _KEYWORD_KINDS]


def get_func_full_args(func: Callable) -> list[tuple[str, Any] | tuple[str]]:
    """[(name,), (name, default), ('*args',), ('**kwargs',)] for ``func`` (excluding self)."""
    result: list[tuple[str, Any] | tuple[str]] = []
    for param in _get_callable_parameters(func):
        if param.kind == inspect.Parameter.POSITIONAL_ONLY:
            continue
        name = param.name
        if param.kind == inspect.Parameter.VAR_POSITIONAL:
            name = "*" + name
        elif param.kind == inspect.Parameter.VAR_KEYWORD:
            name = "**" + name
        if param.default is inspect.Parameter.empty:
            result.append((name,))
        else:
            result.append((name, param.default))
    return result


def func_accepts_kwargs(func: Callable) -> bool:
    """True if ``func`` takes ``**kwargs``."""
    return any(p.kind == inspect.Parameter.VAR_KEYWORD for p in _get_callable_parameters(func))


def func_accepts_var_args(func: Callable) -> bool:
    """True if ``func`` takes ``*args``."""
    return any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in _get_callable_parameters(func))


def method_has_no_args(meth: Callable) -> bool:
    """True if the bound method takes no arguments besides self."""
    count = sum(1 for p in _get_callable_parameters(meth) if p.kind in _KEYWORD_KINDS)
    return count == 0 if inspect.ismethod(meth) else count == 1


def func_supports_parameter(func: Callable, name: str) -> bool:
    """True if ``func`` has a parameter called ``name``."""
    return any(p.name == name for p in _get_callable_parameters(func))


def is_module_level_function(func: Any) -> bool:
    """True for plain functions defined at module level (not methods or closures)."""
    if not inspect.isfunction(func) or inspect.ismethod(func):
        return False
    return "<locals>" not in func.__qualname__ and "." not in func.__qualname__
