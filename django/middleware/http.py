"""ConditionalGetMiddleware: ETag / Last-Modified handling for GET requests."""

from __future__ import annotations

from typing import Any

from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import parse_http_date_safe


class ConditionalGetMiddleware(MiddlewareMixin):
    """Add an ETag when missing and answer 304/412 from the request's preconditions."""

    def process_response(self, request: Any, response: Any) -> Any:
        if request.method != "GET":
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response

    def needs_etag(self, response: Any) -> bool:
        """No ETag for responses marked Cache-Control: no-store."""
        directives = [d.strip().lower() for d in response.get("Cache-Control", "").split(",")]
        return "no-store" not in directives
