"""Vary-header decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.cache import patch_vary_headers
from django.views.decorators.http import _wrap


def _no_check(request: Any, *args: Any, **kwargs: Any) -> None:
    return None


def vary_on_headers(*headers: str) -> Callable:
    """Add ``headers`` to the response's Vary header."""

    def decorator(func: Callable) -> Callable:
        def after(request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
            patch_vary_headers(response, headers)
            return response

        return _wrap(func, _no_check, after)

    return decorator


def vary_on_cookie(func: Callable) -> Callable:
    """Add Cookie to the response's Vary header."""
    return vary_on_headers("Cookie")(func)
