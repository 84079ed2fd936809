"""File and ContentFile: the wrappers storages and uploads hand around."""

from __future__ import annotations

import os
from io import BytesIO, StringIO, UnsupportedOperation
from typing import Any

from django.core.files.utils import FileProxyMixin


def _endswith_cr(line: Any) -> bool:
    return line.endswith("\r" if isinstance(line, str) else b"\r")


def _endswith_lf(line: Any) -> bool:
    return line.endswith("\n" if isinstance(line, str) else b"\n")


def _equals_lf(line: Any) -> bool:
    return line == ("\n" if isinstance(line, str) else b"\n")


class File(FileProxyMixin):
    """A Python file object with a name, a size and chunked reading."""

    DEFAULT_CHUNK_SIZE = 64 * 2**10

    def __init__(self, file: Any, name: str | None = None) -> None:
        self.file = file
        if name is None:
            name = getattr(file, "name", None)
        self.name = name
        if hasattr(file, "mode"):
            self.mode = file.mode

    def __str__(self) -> str:
        return self.name or ""

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self or 'None'}>"

    def __bool__(self) -> bool:
        return bool(self.name)

    def __len__(self) -> int:
        return self.size

    @property
    def size(self) -> int:
        if hasattr(self, "_size"):
            return self._size
        if hasattr(self.file, "size"):
            return self.file.size
        if hasattr(self.file, "name"):
            try:
                return os.path.getsize(self.file.name)
            except (OSError, TypeError):
                pass
        if hasattr(self.file, "tell") and hasattr(self.file, "seek"):
            position = self.file.tell()
            self.file.seek(0, os.SEEK_END)
            size = self.file.tell()
            self.file.seek(position)
            return size
        raise AttributeError("Unable to determine the file's size.")

    @size.setter
    def size(self, value: int) -> None:
        self._size = value

    def chunks(self, chunk_size: int | None = None) -> Any:
        """Read the file from the start in pieces of ``chunk_size`` bytes."""
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        try:
            self.seek(0)
        except (AttributeError, UnsupportedOperation):
            pass
        while True:
            data = self.read(chunk_size)
            if not data:
                break
            yield data

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        return self.size > (chunk_size or self.DEFAULT_CHUNK_SIZE)

    def __iter__(self) -> Any:
        """Yield lines, accepting \\n, \\r and \\r\\n as line endings even across chunks."""
        pending = None
        for chunk in self.chunks():
            for line in chunk.splitlines(True):
                if pending:
                    if _endswith_cr(pending) and _equals_lf(line):
                        yield pending + line
                        pending = None
                        continue
                    if not _endswith_cr(pending) and not _endswith_lf(pending):
                        line = pending + line
                    else:
                        yield pending
                    pending = None
                if _endswith_cr(line) or not _endswith_lf(line):
                    pending = line
                else:
                    yield line
        if pending is not None:
            yield pending

    def __enter__(self) -> File:
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, tb: Any) -> None:
        self.close()

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> File:
        if not self.closed:
            self.seek(0)
        elif self.name and os.path.exists(self.name):
            self.file = open(self.name, mode or self.mode, *args, **kwargs)
        else:
            raise ValueError("The file cannot be reopened.")
        return self

    def close(self) -> None:
        self.file.close()


class ContentFile(File):
    """A File over in-memory content (str or bytes)."""

    def __init__(self, content: str | bytes, name: str | None = None) -> None:
        stream: StringIO | BytesIO = StringIO(content) if isinstance(content, str) else BytesIO(content)
        super().__init__(stream, name=name)
        self.size = len(content)

    def __str__(self) -> str:
        return "Raw content"

    def __bool__(self) -> bool:
        return True

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> ContentFile:
        self.seek(0)
        return self

    def close(self) -> None:
        pass

    def write(self, data: Any) -> int:
        self.__dict__.pop("_size", None)
        return self.file.write(data)
