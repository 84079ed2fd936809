"""Messages in the session."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import MessageDecoder, MessageEncoder
from django.core.exceptions import ImproperlyConfigured


class SessionStorage(BaseStorage):
    session_key = "_messages"

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The session-based temporary message storage requires session middleware to be installed, and "
                "come before the message middleware in the MIDDLEWARE list."
            )
        super().__init__(request, *args, **kwargs)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list | None, bool]:
        return self.deserialize_messages(self.request.session.get(self.session_key)), True

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        if messages:
            self.request.session[self.session_key] = self.serialize_messages(messages)
        else:
            self.request.session.pop(self.session_key, None)
        return []

    def serialize_messages(self, messages: list) -> str:
        return json.dumps(messages, separators=(",", ":"), cls=MessageEncoder)

    def deserialize_messages(self, data: Any) -> list | None:
        if data and isinstance(data, str):
            return json.loads(data, cls=MessageDecoder)
        return data
