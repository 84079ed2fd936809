"""Response header storage: case-insensitive, latin-1 safe, refusing header injection."""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
from email.header import Header
from typing import Any


class BadHeaderError(ValueError):
    """A header name or value contains a newline (header injection)."""


def _convert_header(value: Any, charset: str, mime_encode: bool = False) -> str:
    if type(value) is str and value.isascii() and "\n" not in value and "\r" not in value:
        return value  # the common case: nothing to encode or refuse
    value = value.decode(charset) if isinstance(value, bytes) else str(value)
    try:
        value.encode(charset)
    except UnicodeError:
        if not mime_encode:
            raise UnicodeError(f"{value!r} is not representable in {charset!r} for an HTTP header")
        value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"Header values can't contain newlines (got {value!r})")
    return value


class ResponseHeaders(MutableMapping):
    """Case-insensitive header storage that keeps the name's original spelling."""

    def __init__(self, data: Any = None) -> None:
        self._store: dict[str, tuple[str, str]] = {}
        pairs = data.items() if hasattr(data, "items") else (data or ())
        for name, value in pairs:
            self[name] = value

    def __getitem__(self, key: str) -> str:
        return self._store[key.lower()][1]

    def __setitem__(self, key: str, value: Any) -> None:
        key = _convert_header(key, "ascii")
        value = _convert_header(value, "latin-1", mime_encode=True)
        self._store[key.lower()] = (key, value)

    def __delitem__(self, key: str) -> None:
        self._store.pop(key.lower(), None)

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MutableMapping):
            other_lower = {str(k).lower(): v for k, v in other.items()}
            return {k: v for k, (_, v) in self._store.items()} == other_lower
        return NotImplemented

    def setdefault(self, key: str, value: Any = None) -> str:
        entry = self._store.get(key.lower())
        if entry is None:
            self[key] = value
            entry = self._store[key.lower()]
        return entry[1]

    def copy(self) -> ResponseHeaders:
        new = ResponseHeaders()
        new._store = dict(self._store)
        return new
