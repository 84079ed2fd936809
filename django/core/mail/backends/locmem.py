"""An email backend that keeps the messages in ``django.core.mail.outbox`` (for tests)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not hasattr(mail, "outbox"):
            mail.outbox = []

    def send_messages(self, messages: Sequence[Any]) -> int:
        count = 0
        for message in messages:
            message.message()  # a message that cannot be rendered fails here, as it would on SMTP
            mail.outbox.append(message)
            count += 1
        return count
