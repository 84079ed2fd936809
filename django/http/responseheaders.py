"""Response header storage: case-insensitive, latin-1 safe, refusing header injection."""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
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
        from email.header import Header  # only for the rare non-latin-1 value

        value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"Header values can't contain newlines (got {value!r})")
    return value


# Header names seen before -> their lowercase key: names repeat on every response, so each is
# checked and lowered once. Bounded: names made from request data must not grow it without limit.
_checked_names: dict[str, str] = {}


def _name_key(name: Any) -> tuple[str, str]:
    """(the name as sent, its lowercase lookup key); refuses non-ASCII names and newlines."""
    try:
        return name, _checked_names[name]
    except (KeyError, TypeError):
        pass
    name = _convert_header(name, "ascii")
    if len(_checked_names) < 512:
        _checked_names[name] = name.lower()
    return name, name.lower()


class ResponseHeaders(MutableMapping):
    """Case-insensitive header storage that keeps the name's original spelling."""

    def __init__(self, data: Any = None) -> None:
        self._store: dict[str, tuple[str, str]] = {}
        if data:
            pairs = data.items() if hasattr(data, "items") else data
            for name, value in pairs:
                self[name] = value

    def __getitem__(self, key: str) -> str:
        return self._store[key.lower()][1]

    def __setitem__(self, key: str, value: Any) -> None:
        key, lookup = _name_key(key)
        # Plain printable ASCII (the usual value) needs neither encoding nor the newline check.
        if not (type(value) is str and value.isascii() and value.isprintable()):
            value = _convert_header(value, "latin-1", mime_encode=True)
        self._store[lookup] = (key, value)

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

    def items(self) -> Any:  # type: ignore[override]
        """A live view of the (name, value) pairs (the stored tuples themselves: no lookups)."""
        return self._store.values()

    def get(self, key: str, default: Any = None) -> Any:
        entry = self._store.get(key.lower()) if isinstance(key, str) else None
        return default if entry is None else entry[1]

    def setdefault(self, key: str, value: Any = None) -> str:
        entry = self._store.get(key.lower())
        if entry is None:
            self[key] = value
            entry = self._store[key.lower()]
        return entry[1]

    @staticmethod
    def prepare(name: str, value: Any) -> tuple[str, tuple[str, str]]:
        """A header checked once, for set_defaults() on many responses (middleware do this)."""
        probe = ResponseHeaders()
        probe[name] = value
        ((lookup, entry),) = probe._store.items()
        return lookup, entry

    def set_defaults(self, prepared: Any) -> None:
        """setdefault() for each header made by prepare(): those already set are left alone."""
        store = self._store
        for lookup, entry in prepared:
            if lookup not in store:
                store[lookup] = entry

    def copy(self) -> ResponseHeaders:
        new = ResponseHeaders()
        new._store = dict(self._store)
        return new
