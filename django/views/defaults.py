"""The default error views: handler400, handler403, handler404 and handler500.

Each renders its template (``400.html``...) when one exists and otherwise the
built-in page below, so a project without templates still answers properly.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.views.decorators.csrf import requires_csrf_token

ERROR_404_TEMPLATE_NAME = "404.html"
ERROR_403_TEMPLATE_NAME = "403.html"
ERROR_400_TEMPLATE_NAME = "400.html"
ERROR_500_TEMPLATE_NAME = "500.html"

ERROR_PAGE_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
  <title>%(title)s</title>
</head>
<body>
  <h1>%(title)s</h1><p>%(details)s</p>
</body>
</html>
"""


def _render(template_name: str, default_name: str, context: dict | None, request: Any) -> str | None:
    """The named template rendered, or None when the default template is simply absent."""
    try:
        from django.template import TemplateDoesNotExist, loader
    except ImportError:  # the template package is optional for these views
        if template_name != default_name:
            raise
        return None
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != default_name:
            raise
        return None
    return template.render(context, request) if context is not None else template.render()


def _exception_text(exception: Any) -> str:
    """The exception's message when it is a string, else its class name."""
    try:
        message = exception.args[0]
    except (AttributeError, IndexError):
        return exception.__class__.__name__
    return message if isinstance(message, str) else exception.__class__.__name__


@requires_csrf_token
def page_not_found(request: Any, exception: Any, template_name: str = ERROR_404_TEMPLATE_NAME) -> Any:
    """404: context ``request_path`` (quoted) and ``exception`` (its message or class name)."""
    context = {"request_path": quote(request.path), "exception": _exception_text(exception)}
    body = _render(template_name, ERROR_404_TEMPLATE_NAME, context, request)
    if body is None:
        body = ERROR_PAGE_TEMPLATE % {
            "title": "Not Found",
            "details": "The requested resource was not found on this server.",
        }
    return HttpResponseNotFound(body)


@requires_csrf_token
def server_error(request: Any, template_name: str = ERROR_500_TEMPLATE_NAME) -> Any:
    """500: rendered without context, since the failure may be in context processors."""
    body = _render(template_name, ERROR_500_TEMPLATE_NAME, None, request)
    if body is None:
        body = ERROR_PAGE_TEMPLATE % {"title": "Server Error (500)", "details": ""}
    return HttpResponseServerError(body)


@requires_csrf_token
def bad_request(request: Any, exception: Any, template_name: str = ERROR_400_TEMPLATE_NAME) -> Any:
    """400: rendered without context (the request itself is the suspect)."""
    body = _render(template_name, ERROR_400_TEMPLATE_NAME, None, request)
    if body is None:
        body = ERROR_PAGE_TEMPLATE % {"title": "Bad Request (400)", "details": ""}
    return HttpResponseBadRequest(body)


@requires_csrf_token
def permission_denied(request: Any, exception: Any, template_name: str = ERROR_403_TEMPLATE_NAME) -> Any:
    """403: context ``exception`` is the exception's text."""
    body = _render(template_name, ERROR_403_TEMPLATE_NAME, {"exception": str(exception)}, request)
    if body is None:
        body = ERROR_PAGE_TEMPLATE % {"title": "403 Forbidden", "details": ""}
    return HttpResponseForbidden(body)
