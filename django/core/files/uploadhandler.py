"""Upload handlers: where multipart file data goes while it is being received."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.utils.module_loading import import_string

__all__ = [
    "UploadFileException",
    "StopUpload",
    "SkipFile",
    "FileUploadHandler",
    "TemporaryFileUploadHandler",
    "MemoryFileUploadHandler",
    "load_handler",
    "StopFutureHandlers",
]


class UploadFileException(Exception):
    """Base class of the upload handlers' control exceptions."""


class StopUpload(UploadFileException):
    """Stop the whole upload; ``connection_reset`` skips reading the rest of the body."""

    def __init__(self, connection_reset: bool = False) -> None:
        self.connection_reset = connection_reset

    def __str__(self) -> str:
        if self.connection_reset:
            return "StopUpload: Halt current upload."
        return "StopUpload: Consume request data, then halt."


class SkipFile(UploadFileException):
    """Skip the current file; the upload goes on."""


class StopFutureHandlers(UploadFileException):
    """Raised from new_file() so that later handlers do not see this file."""


class FileUploadHandler:
    """Base class: subclasses implement receive_data_chunk() and file_complete()."""

    chunk_size = 64 * 2**10

    def __init__(self, request: Any = None) -> None:
        self.file_name: str | None = None
        self.content_type: str | None = None
        self.content_length: int | None = None
        self.charset: str | None = None
        self.content_type_extra: dict | None = None
        self.request = request

    def handle_raw_input(
        self, input_data: Any, META: dict, content_length: int, boundary: bytes, encoding: str | None = None
    ) -> tuple | None:
        """Return (POST, FILES) to take over parsing entirely; None to let the parser run."""
        return None

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ) -> None:
        self.field_name = field_name
        self.file_name = file_name
        self.content_type = content_type
        self.content_length = content_length
        self.charset = charset
        self.content_type_extra = content_type_extra

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a receive_data_chunk() method"
        )

    def file_complete(self, file_size: int) -> Any:
        raise NotImplementedError("subclasses of FileUploadHandler must provide a file_complete() method")

    def upload_complete(self) -> None:
        """Called once the whole body has been parsed."""

    def upload_interrupted(self) -> None:
        """Called when the upload stops in the middle of a file."""


class TemporaryFileUploadHandler(FileUploadHandler):
    """Stream each file into a temporary file."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(
            self.file_name or "", self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        file = getattr(self, "file", None)
        if file is not None:
            temp_path = file.temporary_file_path()
            try:
                file.close()
                os.remove(temp_path)
            except FileNotFoundError:
                pass


class MemoryFileUploadHandler(FileUploadHandler):
    """Keep files in memory when the whole request fits FILE_UPLOAD_MAX_MEMORY_SIZE."""

    activated = False

    def handle_raw_input(
        self, input_data: Any, META: dict, content_length: int, boundary: bytes, encoding: str | None = None
    ) -> None:
        self.activated = content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.activated:
            self.file = BytesIO()
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.activated:
            self.file.write(raw_data)
            return None
        return raw_data

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if not self.activated:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name or "",
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def load_handler(path: str, *args: Any, **kwargs: Any) -> FileUploadHandler:
    """Instantiate the upload handler class at dotted ``path``."""
    return import_string(path)(*args, **kwargs)
