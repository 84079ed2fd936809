"""An email backend that writes each message to a stream (stdout by default)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.stream = kwargs.pop("stream", sys.stdout)
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def write_message(self, message: Any) -> None:
        data = message.message().as_bytes()
        charset = message.encoding or "utf-8"
        self.stream.write(data.decode(charset, errors="replace"))
        self.stream.write("\n" + "-" * 79 + "\n")

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if not email_messages:
            return 0
        count = 0
        with self._lock:
            try:
                stream_created = self.open()
                for message in email_messages:
                    self.write_message(message)
                    self.stream.flush()
                    count += 1
                if stream_created:
                    self.close()
            except Exception:
                if not self.fail_silently:
                    raise
        return count
