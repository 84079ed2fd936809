"""MessagesTestMixin: assertMessages for test cases."""

from __future__ import annotations

from typing import Any

from django.contrib.messages.api import get_messages


class MessagesTestMixin:
    def assertMessages(self, response: Any, expected_messages: list, ordered: bool = True) -> None:
        """The messages stored on ``response``'s request equal ``expected_messages`` (as Message objects)."""
        request = getattr(response, "wsgi_request", None) or getattr(response, "asgi_request", None)
        if request is None:
            raise ValueError("assertMessages() needs a response from the test client (it has no request).")
        found = list(get_messages(request))
        compare = self.assertEqual if ordered else self.assertCountEqual  # type: ignore[attr-defined]
        compare(found, expected_messages)
