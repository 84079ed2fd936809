"""CSRF decorators: csrf_protect, requires_csrf_token, ensure_csrf_cookie, csrf_exempt."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from asgiref.sync import iscoroutinefunction

from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.decorators import decorator_from_middleware

csrf_protect = decorator_from_middleware(CsrfViewMiddleware)
csrf_protect.__name__ = "csrf_protect"
csrf_protect.__doc__ = "Apply CSRF protection to this view, as CsrfViewMiddleware would."


class _EnsureCsrfToken(CsrfViewMiddleware):
    # Never reject: the token is only made available to the template.
    def _reject(self, request: Any, reason: str) -> None:
        return None


requires_csrf_token = decorator_from_middleware(_EnsureCsrfToken)
requires_csrf_token.__name__ = "requires_csrf_token"
requires_csrf_token.__doc__ = "Make the CSRF token available to the view without enforcing the check."


class _EnsureCsrfCookie(CsrfViewMiddleware):
    def _reject(self, request: Any, reason: str) -> None:
        return None

    def process_view(self, request: Any, callback: Any, callback_args: Any, callback_kwargs: Any) -> Any:
        result = super().process_view(request, callback, callback_args, callback_kwargs)
        get_token(request)
        return result


ensure_csrf_cookie = decorator_from_middleware(_EnsureCsrfCookie)
ensure_csrf_cookie.__name__ = "ensure_csrf_cookie"
ensure_csrf_cookie.__doc__ = "Always send the CSRF cookie with this view's response."


def csrf_exempt(view_func: Callable) -> Callable:
    """Exclude the view from CSRF protection."""
    if iscoroutinefunction(view_func):

        async def async_view(request: Any, *args: Any, **kwargs: Any) -> Any:
            return await view_func(request, *args, **kwargs)

        wrapper: Any = wraps(view_func)(async_view)
    else:

        def sync_view(request: Any, *args: Any, **kwargs: Any) -> Any:
            return view_func(request, *args, **kwargs)

        wrapper = wraps(view_func)(sync_view)
    wrapper.csrf_exempt = True
    return wrapper
