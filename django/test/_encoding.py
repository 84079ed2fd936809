"""Request bodies the test client builds: multipart form data, JSON, and the fake WSGI input."""

from __future__ import annotations

import json
import mimetypes
import os
import re
from io import BytesIO
from typing import Any

from django.utils.encoding import force_bytes

BOUNDARY = "BoUnDaRyStRiNg"
MULTIPART_CONTENT = f"multipart/form-data; boundary={BOUNDARY}"
CONTENT_TYPE_RE = re.compile(r".*; charset=([\w-]+);?")
JSON_CONTENT_TYPE_RE = re.compile(r"^application\/(.+\+)?json")


class FakePayload(BytesIO):
    """A wsgi.input that refuses to be read past its declared length (like a real socket)."""

    def __init__(self, initial_bytes: bytes | str | None = None) -> None:
        super().__init__()
        self.read_started = False
        self.__len = 0
        if initial_bytes is not None:
            self.write(initial_bytes)

    def __len__(self) -> int:
        return self.__len

    def read(self, size: int | None = -1, /) -> bytes:
        if not self.read_started:
            self.seek(0)
            self.read_started = True
        if size is None or size == -1:
            size = self.__len - self.tell()
        if self.tell() + size > self.__len:
            raise AssertionError("Cannot read more than the available bytes from the HTTP incoming data.")
        return super().read(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        if not self.read_started:
            self.seek(0)
            self.read_started = True
        if size is None or size == -1:
            size = self.__len - self.tell()
        return super().readline(size)

    def write(self, data: Any, /) -> int:
        if self.read_started:
            raise ValueError("Unable to write a payload after it's been read")
        content = force_bytes(data)
        self.seek(0, 2)
        written = super().write(content)
        self.__len += len(content)
        return written


def _is_file(value: Any) -> bool:
    return hasattr(value, "read") and callable(value.read)


def encode_multipart(boundary: str, data: dict) -> bytes:
    """``data`` as multipart/form-data; file-like values become file parts."""
    lines: list[bytes] = []

    def field(key: str, value: Any) -> None:
        lines.extend(
            [
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="{key}"'.encode(),
                b"",
                force_bytes(value),
            ]
        )

    for key, value in data.items():
        if value is None:
            raise TypeError(
                f"Cannot encode None for key '{key}' as POST data. Did you mean to pass an empty "
                "string or omit the value?"
            )
        if _is_file(value):
            lines.extend(encode_file(boundary, key, value))
        elif not isinstance(value, (str, bytes)) and hasattr(value, "__iter__"):
            for item in value:
                if _is_file(item):
                    lines.extend(encode_file(boundary, key, item))
                else:
                    field(key, item)
        else:
            field(key, value)
    lines.extend([f"--{boundary}--".encode(), b""])
    return b"\r\n".join(lines)


def encode_file(boundary: str, key: str, file: Any) -> list[bytes]:
    """The lines of one file part; the file is read from its start."""
    if hasattr(file, "seek"):
        file.seek(0)
    name = getattr(file, "name", None)
    filename = os.path.basename(name) if isinstance(name, str) else ""
    content_type = getattr(file, "content_type", None)
    if content_type is None and filename:
        content_type = mimetypes.guess_type(filename)[0]
    content_type = content_type or "application/octet-stream"
    return [
        f"--{boundary}".encode(),
        f'Content-Disposition: form-data; name="{key}"; filename="{filename}"'.encode(),
        f"Content-Type: {content_type}".encode(),
        b"",
        force_bytes(file.read()),
    ]


def encode_json(data: Any, content_type: str, encoder: Any) -> Any:
    """JSON-encode dicts, lists and tuples sent with a JSON content type; leave the rest alone."""
    if JSON_CONTENT_TYPE_RE.match(content_type) and isinstance(data, (dict, list, tuple)):
        return json.dumps(data, cls=encoder)
    return data


def encode_body(data: Any, content_type: str) -> bytes:
    if content_type is MULTIPART_CONTENT:
        return encode_multipart(BOUNDARY, data)
    match = CONTENT_TYPE_RE.match(content_type)
    if match:
        charset = match[1]
    else:
        from django.conf import settings

        charset = settings.DEFAULT_CHARSET
    return force_bytes(data, encoding=charset)
