"""Turning exceptions raised by views and middleware into responses."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from types import TracebackType
from typing import Any

from asgiref.sync import iscoroutinefunction, sync_to_async

from django.conf import settings
from django.core import signals
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponse

_FALLBACK_PAGES = {
    400: "<h1>Bad Request (400)</h1>",
    403: "<h1>403 Forbidden</h1>",
    404: "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>",
    500: "<h1>Server Error (500)</h1>",
}


def convert_exception_to_response(get_response: Callable) -> Callable:
    """Wrap ``get_response`` so that no exception escapes: each becomes a response."""
    if iscoroutinefunction(get_response):

        @wraps(get_response)
        async def async_inner(request: Any) -> Any:
            try:
                return await get_response(request)
            except Exception as exc:
                return await sync_to_async(response_for_exception, thread_sensitive=False)(request, exc)

        return async_inner

    @wraps(get_response)
    def inner(request: Any) -> Any:
        try:
            return get_response(request)
        except Exception as exc:
            return response_for_exception(request, exc)

    inner.converts_exceptions_of = get_response  # type: ignore[attr-defined]
    return inner


def _exc_info(exc: BaseException) -> tuple[type[BaseException], BaseException, TracebackType | None]:
    return type(exc), exc, exc.__traceback__


def _log(message: str, *args: Any, response: Any, request: Any, exc: BaseException | None = None) -> None:
    from django.utils.log import log_response

    log_response(message, *args, response=response, request=request, exception=exc)


def response_for_exception(request: Any, exc: Exception) -> Any:
    """The documented mapping: 404, 403, 400 (bad request/suspicious), anything else 500."""
    if isinstance(exc, Http404):
        if settings.DEBUG:
            response = _technical_page("technical_404_response", request, exc) or _fallback_response(404)
        else:
            response = get_exception_response(request, _resolver(), 404, exc)
    elif isinstance(exc, PermissionDenied):
        response = get_exception_response(request, _resolver(), 403, exc)
        _log("Forbidden (Permission denied): %s", request.path, response=response, request=request, exc=exc)
    elif _is_multipart_error(exc):
        response = get_exception_response(request, _resolver(), 400, exc)
        _log(
            "Bad request (Unable to parse request body): %s",
            request.path,
            response=response,
            request=request,
            exc=exc,
        )
    elif isinstance(exc, BadRequest):
        response = _bad_request_response(request, exc)
        _log("%s: %s", str(exc), request.path, response=response, request=request, exc=exc)
    elif isinstance(exc, SuspiciousOperation):
        response = _suspicious_operation_response(request, exc)
    else:
        signals.got_request_exception.send(sender=None, request=request)
        response = handle_uncaught_exception(request, _resolver(), _exc_info(exc))
        _log("%s: %s", response.reason_phrase, request.path, response=response, request=request, exc=exc)
    # An error view may return an unrendered TemplateResponse.
    render = getattr(response, "render", None)
    if not getattr(response, "is_rendered", True) and callable(render):
        response = render()
    return response


def _is_multipart_error(exc: Exception) -> bool:
    # Such an error can only exist once the parser module was imported: no need to import it here.
    parser = sys.modules.get("django.http.multipartparser")
    return parser is not None and isinstance(exc, parser.MultiPartParserError)


def _bad_request_response(request: Any, exc: Exception) -> Any:
    if settings.DEBUG:
        page = _technical_page("technical_500_response", request, *_exc_info(exc), status_code=400)
        return page or _fallback_response(400)
    return get_exception_response(request, _resolver(), 400, exc)


def _technical_page(name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
    """A DEBUG page from django.views.debug; None if rendering it fails (never crash the server)."""
    try:
        from django.views import debug

        return getattr(debug, name)(request, *args, **kwargs)
    except Exception:
        logging.getLogger("django.request").exception("The DEBUG error page could not be rendered")
        return None


def _suspicious_operation_response(request: Any, exc: SuspiciousOperation) -> Any:
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        # POST is unusable now; later access must not try to parse it again.
        mark = getattr(request, "_mark_post_parse_error", None)
        if mark is not None:
            mark()
    security_logger = logging.getLogger(f"django.security.{exc.__class__.__name__}")
    security_logger.error(str(exc), exc_info=exc, extra={"status_code": 400, "request": request})
    return _bad_request_response(request, exc)


def _resolver() -> Any:
    try:
        from django.urls import get_resolver, get_urlconf

        return get_resolver(get_urlconf())
    except Exception:
        return None


def _fallback_response(status_code: int) -> HttpResponse:
    return HttpResponse(_FALLBACK_PAGES.get(status_code, _FALLBACK_PAGES[500]), status=status_code)


def get_exception_response(request: Any, resolver: Any, status_code: int, exception: Exception) -> Any:
    """Answer with the URLconf's handler<status_code> view (or the default one)."""
    try:
        if resolver is None:
            return _fallback_response(status_code)
        callback = resolver.resolve_error_handler(status_code)
        return callback(request, exception=exception)
    except Exception as exc:
        signals.got_request_exception.send(sender=None, request=request)
        return handle_uncaught_exception(request, resolver, _exc_info(exc))


def handle_uncaught_exception(request: Any, resolver: Any, exc_info: tuple) -> Any:
    """The 500 answer: the technical page with DEBUG, else the URLconf's handler500."""
    if settings.DEBUG_PROPAGATE_EXCEPTIONS:
        raise exc_info[1]
    if settings.DEBUG:
        return _technical_page("technical_500_response", request, *exc_info) or _fallback_response(500)
    try:
        if resolver is None:
            return _fallback_response(500)
        callback = resolver.resolve_error_handler(500)
        return callback(request)
    except Exception:
        # The error view itself failed: answer plainly rather than crash the server.
        logging.getLogger("django.request").exception("The handler500 view raised an exception")
        return _fallback_response(500)
