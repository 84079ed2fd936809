"""Caching decorators: cache_page, cache_control, never_cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import decorator_from_middleware_with_args
from django.views.decorators.http import _wrap


def cache_page(timeout: int | None, *, cache: str | None = None, key_prefix: str | None = None) -> Callable:
    """Cache the view's response for ``timeout`` seconds in ``cache`` (default: CACHE_MIDDLEWARE_ALIAS)."""
    from django.middleware.cache import CacheMiddleware

    return decorator_from_middleware_with_args(CacheMiddleware)(
        page_timeout=timeout, cache_alias=cache, key_prefix=key_prefix
    )


def _check_is_response(request: Any, decorator: str) -> None:
    if not hasattr(request, "META"):
        raise TypeError(
            f"{decorator} didn't receive an HttpRequest. If you are decorating a classmethod, "
            "be sure to use @method_decorator."
        )


def cache_control(**kwargs: Any) -> Callable:
    """Patch the response's Cache-Control with the given directives."""

    def decorator(viewfunc: Callable) -> Callable:
        def before(request: Any, *args: Any, **kw: Any) -> None:
            _check_is_response(request, "cache_control")
            return None

        def after(request: Any, response: Any, *args: Any, **kw: Any) -> Any:
            patch_cache_control(response, **kwargs)
            return response

        return _wrap(viewfunc, before, after)

    return decorator


def never_cache(view_func: Callable) -> Callable:
    """Mark the response as never to be cached."""

    def before(request: Any, *args: Any, **kw: Any) -> None:
        _check_is_response(request, "never_cache")
        return None

    def after(request: Any, response: Any, *args: Any, **kw: Any) -> Any:
        add_never_cache_headers(response)
        return response

    return _wrap(view_func, before, after)
