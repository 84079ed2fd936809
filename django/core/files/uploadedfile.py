"""The classes of ``request.FILES`` values."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files import temp as tempfile
from django.core.files.base import File
from django.core.files.utils import validate_file_name

__all__ = ["UploadedFile", "TemporaryUploadedFile", "InMemoryUploadedFile", "SimpleUploadedFile"]


class UploadedFile(File):
    """A file uploaded with a request: name, size, content_type, charset."""

    def __init__(
        self,
        file: Any = None,
        name: str | None = None,
        content_type: str | None = None,
        size: int | None = None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ) -> None:
        super().__init__(file, name)
        self.size = size  # type: ignore[assignment]
        self.content_type = content_type
        self.charset = charset
        self.content_type_extra = content_type_extra

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self.name} ({self.content_type})>"

    @property
    def name(self) -> str | None:
        return self._name

    @name.setter
    def name(self, name: str | None) -> None:
        # Only the base name is kept, cut to 255 characters keeping the extension.
        if name is not None:
            name = os.path.basename(name)
            if len(name) > 255:
                stem, ext = os.path.splitext(name)
                ext = ext[:255]
                name = stem[: 255 - len(ext)] + ext
            name = validate_file_name(name)
        self._name = name


class TemporaryUploadedFile(UploadedFile):
    """An upload streamed to a temporary file on disk (deleted when closed)."""

    def __init__(
        self,
        name: str,
        content_type: str | None,
        size: int | None,
        charset: str | None,
        content_type_extra: dict | None = None,
    ) -> None:
        _, ext = os.path.splitext(name)
        file = tempfile.NamedTemporaryFile(suffix=".upload" + ext, dir=settings.FILE_UPLOAD_TEMP_DIR)
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self) -> str:
        return self.file.name

    def close(self) -> None:
        try:
            self.file.close()
        except FileNotFoundError:
            # The file was moved away by the storage; nothing to delete.
            pass


class InMemoryUploadedFile(UploadedFile):
    """An upload held in memory."""

    def __init__(
        self,
        file: Any,
        field_name: str | None,
        name: str,
        content_type: str | None,
        size: int | None,
        charset: str | None,
        content_type_extra: dict | None = None,
    ) -> None:
        super().__init__(file, name, content_type, size, charset, content_type_extra)
        self.field_name = field_name

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> InMemoryUploadedFile:
        self.file.seek(0)
        return self

    def chunks(self, chunk_size: int | None = None) -> Any:
        self.file.seek(0)
        yield self.read()

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        return False


class SimpleUploadedFile(InMemoryUploadedFile):
    """An in-memory upload built from bytes, handy in tests."""

    def __init__(self, name: str, content: bytes | None, content_type: str = "text/plain") -> None:
        content = content or b""
        super().__init__(BytesIO(content), None, name, content_type, len(content), None, None)

    @classmethod
    def from_dict(cls, file_dict: dict[str, Any]) -> SimpleUploadedFile:
        return cls(file_dict["filename"], file_dict["content"], file_dict.get("content-type", "text/plain"))
