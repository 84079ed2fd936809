"""Mark variables and POST parameters as sensitive for error reports."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from asgiref.sync import iscoroutinefunction


def _wrap_with_marker(func: Callable, mark: Callable[[Any, tuple, dict], None]) -> Callable:
    if iscoroutinefunction(func):

        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            mark(None, args, kwargs)
            return await func(*args, **kwargs)

        return wraps(func)(async_wrapper)

    def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(None, args, kwargs)
        return func(*args, **kwargs)

    return wraps(func)(sync_wrapper)


# Code object of each decorated function -> its sensitive names ("__ALL__" for all).
# Error reporters look frames up here: this works for sync and async functions alike.
_SENSITIVE_VARIABLES_BY_CODE: dict[Any, Any] = {}


def get_sensitive_variables(code: Any) -> Any:
    """The sensitive names registered for a frame's code object, or None."""
    return _SENSITIVE_VARIABLES_BY_CODE.get(code)


def sensitive_variables(*variables: str) -> Callable:
    """Hide the named local variables (all if none named) from error reports."""
    if len(variables) == 1 and callable(variables[0]):
        raise TypeError(
            "sensitive_variables() must be called to use it as a decorator, "
            "e.g., use @sensitive_variables(), not @sensitive_variables."
        )

    def decorator(func: Callable) -> Callable:
        marker = variables or "__ALL__"
        wrapper = _wrap_with_marker(func, _mark_nothing)
        wrapper.sensitive_variables = marker  # type: ignore[attr-defined]
        code = getattr(inspect.unwrap(func), "__code__", None)
        if code is not None:
            _SENSITIVE_VARIABLES_BY_CODE[code] = marker
        return wrapper

    return decorator


def _mark_nothing(_request: Any, _args: tuple, _kwargs: dict) -> None:
    return None


def sensitive_post_parameters(*parameters: str) -> Callable:
    """Hide the named POST parameters (all if none named) from error reports."""
    if len(parameters) == 1 and callable(parameters[0]):
        raise TypeError(
            "sensitive_post_parameters() must be called to use it as a decorator, "
            "e.g., use @sensitive_post_parameters(), not @sensitive_post_parameters."
        )

    def decorator(view: Callable) -> Callable:
        def mark(_unused: Any, args: tuple, kwargs: dict) -> None:
            request = args[0] if args else None
            if request is None or not hasattr(request, "META"):
                raise TypeError(
                    "sensitive_post_parameters didn't receive an HttpRequest object. If you are "
                    "decorating a classmethod, make sure to use @method_decorator."
                )
            request.sensitive_post_parameters = parameters or "__ALL__"

        return _wrap_with_marker(view, mark)

    return decorator
