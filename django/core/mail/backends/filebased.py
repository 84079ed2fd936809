"""An email backend that writes the messages of each connection to a new file in EMAIL_FILE_PATH."""

from __future__ import annotations

import datetime
import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class EmailBackend(ConsoleEmailBackend):
    def __init__(self, *args: Any, file_path: str | os.PathLike | None = None, **kwargs: Any) -> None:
        self._fname: str | None = None
        path = file_path if file_path is not None else getattr(settings, "EMAIL_FILE_PATH", None)
        if not path:
            raise ImproperlyConfigured("The email backend needs EMAIL_FILE_PATH (or file_path) to be set.")
        self.file_path = os.path.abspath(path)
        try:
            os.makedirs(self.file_path, exist_ok=True)
        except FileExistsError:
            raise ImproperlyConfigured(
                f"Path for saving email messages exists, but is not a directory: {self.file_path}"
            ) from None
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Could not create directory for saving email messages: {self.file_path} ({exc})"
            ) from exc
        if not os.access(self.file_path, os.W_OK):
            raise ImproperlyConfigured(f"Could not write to directory: {self.file_path}")
        kwargs["stream"] = None
        super().__init__(*args, **kwargs)

    def write_message(self, message: Any) -> None:
        self.stream.write(message.message().as_bytes() + b"\n")
        self.stream.write(b"-" * 79 + b"\n")

    def _get_filename(self) -> str:
        """One new file per connection, named by time and identity so none collide."""
        if self._fname is None:
            timestamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{timestamp}-{abs(id(self))}.log")
        return self._fname

    def open(self) -> bool:
        if self.stream is None:
            self.stream = open(self._get_filename(), "ab")  # noqa: SIM115 - closed by close()
            return True
        return False

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None
