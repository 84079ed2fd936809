"""Strings marked safe for HTML output (they are not escaped again)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, overload

from django.utils.functional import Promise


class SafeData:
    """Mixin for values that need no further HTML escaping."""

    __slots__ = ()

    def __html__(self) -> Any:
        """Return this value: it is already safe (the markupsafe/Jinja protocol)."""
        return self


class SafeString(str, SafeData):
    """A str that has been marked safe for HTML output."""

    __slots__ = ()

    @overload
    def __add__(self, rhs: SafeString) -> SafeString: ...
    @overload
    def __add__(self, rhs: str) -> str: ...
    def __add__(self, rhs: str) -> str:
        """Safe + safe stays safe; anything else gives a plain str."""
        combined = str.__add__(self, rhs)
        if isinstance(rhs, SafeData):
            return SafeString(combined)
        return combined

    def __str__(self) -> str:
        return self


SafeText = SafeString


def _safety_decorator(safety_marker: Callable, func: Callable) -> Callable:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return safety_marker(func(*args, **kwargs))

    return wrapper


def mark_safe(s: Any) -> Any:
    """Mark ``s`` as safe for HTML output; on a callable, mark what it returns.

    Can be called several times on the same string.
    """
    if hasattr(s, "__html__"):
        return s
    if isinstance(s, (str, Promise)):
        return SafeString(s)
    if callable(s):
        return _safety_decorator(mark_safe, s)
    return SafeString(s)
