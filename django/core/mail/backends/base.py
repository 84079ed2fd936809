"""The interface of an email backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class BaseEmailBackend:
    """Subclasses implement send_messages(); open()/close() manage a long-lived connection."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def open(self) -> bool | None:
        """Open a connection if the backend keeps one; True if this call opened it."""
        return None

    def close(self) -> None:
        """Close the connection opened by open()."""

    def __enter__(self) -> BaseEmailBackend:
        try:
            self.open()
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.close()

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        """Send the messages; the number sent."""
        raise NotImplementedError("subclasses of BaseEmailBackend must override send_messages() method")
