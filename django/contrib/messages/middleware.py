from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages.storage import default_storage
from django.utils.deprecation import MiddlewareMixin


class MessageMiddleware(MiddlewareMixin):
    """Gives each request a message storage and stores unread messages with the response."""

    def process_request(self, request: Any) -> None:
        request._messages = default_storage(request)

    def process_response(self, request: Any, response: Any) -> Any:
        if hasattr(request, "_messages"):
            unstored = request._messages.update(response)
            if unstored and settings.DEBUG:
                raise ValueError("Not all temporary messages could be stored.")
        return response
