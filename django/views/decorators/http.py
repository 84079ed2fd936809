"""Decorators for views based on the request's method and conditional headers."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from asgiref.sync import iscoroutinefunction

from django.http import HttpResponseNotAllowed
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import get_conditional_response
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date, quote_etag
from django.utils.log import log_response


def _wrap(func: Callable, before: Callable, after: Callable | None = None) -> Callable:
    """Wrap a sync or async view: ``before(request)`` may answer early; ``after`` adjusts the response."""
    if iscoroutinefunction(func):

        async def async_view(request: Any, *args: Any, **kwargs: Any) -> Any:
            early = before(request, *args, **kwargs)
            if early is not None:
                return early
            response = await func(request, *args, **kwargs)
            return after(request, response, *args, **kwargs) if after else response

        return wraps(func)(async_view)

    def sync_view(request: Any, *args: Any, **kwargs: Any) -> Any:
        early = before(request, *args, **kwargs)
        if early is not None:
            return early
        response = func(request, *args, **kwargs)
        return after(request, response, *args, **kwargs) if after else response

    return wraps(func)(sync_view)


conditional_page = decorator_from_middleware(ConditionalGetMiddleware)
conditional_page.__doc__ = "Handle conditional GET (ETag / Last-Modified) for this view."


def require_http_methods(request_method_list: list[str]) -> Callable:
    """Answer 405 Method Not Allowed unless the request's method is in the list (uppercase names)."""

    def decorator(func: Callable) -> Callable:
        def check(request: Any, *args: Any, **kwargs: Any) -> Any:
            if request.method in request_method_list:
                return None
            response = HttpResponseNotAllowed(request_method_list)
            log_response(
                "Method Not Allowed (%s): %s",
                request.method,
                request.path,
                response=response,
                request=request,
            )
            return response

        return _wrap(func, check)

    return decorator


require_GET = require_http_methods(["GET"])
require_GET.__doc__ = "Allow only GET."
require_POST = require_http_methods(["POST"])
require_POST.__doc__ = "Allow only POST."
require_safe = require_http_methods(["GET", "HEAD"])
require_safe.__doc__ = "Allow only GET and HEAD."


def _timestamp(value: datetime.datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return int(value.timestamp())


def condition(etag_func: Callable | None = None, last_modified_func: Callable | None = None) -> Callable:
    """Answer 304/412 from ETag / Last-Modified computed before the view runs."""

    def decorator(func: Callable) -> Callable:
        def validators(request: Any, *args: Any, **kwargs: Any) -> tuple[str | None, int | None]:
            etag = etag_func(request, *args, **kwargs) if etag_func else None
            etag = quote_etag(etag) if etag else None
            last_modified = last_modified_func(request, *args, **kwargs) if last_modified_func else None
            return etag, _timestamp(last_modified)

        def before(request: Any, *args: Any, **kwargs: Any) -> Any:
            request._condition_validators = validators(request, *args, **kwargs)
            etag, last_modified = request._condition_validators
            return get_conditional_response(request, etag=etag, last_modified=last_modified)

        def after(request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
            etag, last_modified = request.__dict__.pop("_condition_validators", (None, None))
            # Validators only make sense on a safe method's response.
            if request.method in ("GET", "HEAD"):
                if last_modified and not response.has_header("Last-Modified"):
                    response.headers["Last-Modified"] = http_date(last_modified)
                if etag:
                    response.headers.setdefault("ETag", etag)
            return response

        return _wrap(func, before, after)

    return decorator


def etag(etag_func: Callable) -> Callable:
    return condition(etag_func=etag_func)


def last_modified(last_modified_func: Callable) -> Callable:
    return condition(last_modified_func=last_modified_func)
