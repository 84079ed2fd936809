"""Guarding sync-only code (such as database access) against use from an event loop."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import SynchronousOnlyOperation

_DEFAULT_MESSAGE = "You cannot call this from an async context - use a thread or sync_to_async."


def _in_event_loop() -> bool:
    # _get_running_loop() answers None outside a loop; get_running_loop() would raise and be
    # caught, which costs more than the guarded call on hot paths (every cursor()).
    return asyncio._get_running_loop() is not None


def async_unsafe(message: str | Callable = _DEFAULT_MESSAGE) -> Any:
    """Decorator: raise SynchronousOnlyOperation when the function is called
    from a thread running an event loop, unless the environment variable
    DJANGO_ALLOW_ASYNC_UNSAFE is set. Usable bare or with a message."""

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            if _in_event_loop() and not os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE"):
                raise SynchronousOnlyOperation(text)
            return func(*args, **kwargs)

        return inner

    if callable(message):
        func, text = message, _DEFAULT_MESSAGE
        return decorator(func)
    text = message
    return decorator
