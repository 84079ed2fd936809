"""X-Frame-Options decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.views.decorators.http import _wrap


def _no_check(request: Any, *args: Any, **kwargs: Any) -> None:
    return None


def _setting(header_value: str | None = None, exempt: bool = False) -> Callable:
    def decorator(view_func: Callable) -> Callable:
        def after(request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
            if exempt:
                response.xframe_options_exempt = True
            elif response.get("X-Frame-Options") is None:
                response.headers["X-Frame-Options"] = header_value
            return response

        return _wrap(view_func, _no_check, after)

    return decorator


def xframe_options_deny(view_func: Callable) -> Callable:
    """X-Frame-Options: DENY, unless the response already sets it."""
    return _setting("DENY")(view_func)


def xframe_options_sameorigin(view_func: Callable) -> Callable:
    """X-Frame-Options: SAMEORIGIN, unless the response already sets it."""
    return _setting("SAMEORIGIN")(view_func)


def xframe_options_exempt(view_func: Callable) -> Callable:
    """Keep XFrameOptionsMiddleware from setting the header."""
    return _setting(exempt=True)(view_func)
