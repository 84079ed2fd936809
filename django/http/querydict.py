"""QueryDict: the multi-valued, optionally immutable mapping behind GET and POST."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from django.core.exceptions import TooManyFieldsSent
from django.utils.datastructures import MultiValueDict

TOO_MANY_FIELDS = "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."


def _default_charset() -> str:
    from django.conf import settings

    return settings.DEFAULT_CHARSET


def bytes_to_text(value: Any, encoding: str) -> Any:
    """Decode bytes with ``encoding`` (replacing bad bytes); leave other values alone."""
    if isinstance(value, bytes):
        return value.decode(encoding, "replace")
    return value


def parse_query_string(query_string: str | bytes, encoding: str) -> list[tuple[str, str]]:
    """Split a query string into (key, value) pairs, enforcing the field limit."""
    if isinstance(query_string, bytes):
        raw = query_string
        try:
            query_string = raw.decode(encoding)
        except UnicodeDecodeError:
            # Not valid in the declared encoding: every byte still maps to one character.
            query_string = raw.decode("iso-8859-1")
    if not query_string:
        return []
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    try:
        return parse_qsl(query_string, keep_blank_values=True, encoding=encoding, max_num_fields=limit)
    except ValueError:
        # parse_qsl signals the limit with a bare ValueError.
        raise TooManyFieldsSent(TOO_MANY_FIELDS)


class QueryDict(MultiValueDict):
    """A MultiValueDict parsed from a query string; immutable unless asked otherwise."""

    _mutable = True
    _encoding: str | None = None

    def __init__(
        self, query_string: str | bytes | None = None, mutable: bool = False, encoding: str | None = None
    ) -> None:
        super().__init__()
        self.encoding = encoding or _default_charset()
        for key, value in parse_query_string(query_string or "", self.encoding):
            self.appendlist(key, value)
        self._mutable = mutable

    @classmethod
    def fromkeys(
        cls, iterable: Iterable[Any], value: Any = "", mutable: bool = False, encoding: str | None = None
    ) -> QueryDict:
        """A QueryDict with each key of ``iterable`` set to ``value`` (repeats become lists)."""
        result = cls("", mutable=True, encoding=encoding)
        for key in iterable:
            result.appendlist(key, value)
        if not mutable:
            result._mutable = False
        return result

    @property
    def encoding(self) -> str:
        if self._encoding is None:
            self._encoding = _default_charset()
        return self._encoding

    @encoding.setter
    def encoding(self, value: str) -> None:
        self._encoding = value

    def _assert_mutable(self) -> None:
        if not self._mutable:
            raise AttributeError("This QueryDict instance is immutable")

    def __setitem__(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        super().__setitem__(bytes_to_text(key, self.encoding), bytes_to_text(value, self.encoding))

    def __delitem__(self, key: Any) -> None:
        self._assert_mutable()
        super().__delitem__(key)

    def __copy__(self) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        for key, values in self.lists():
            result.setlist(key, list(values))
        return result

    def __deepcopy__(self, memo: dict) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, values in self.lists():
            result.setlist(copy.deepcopy(key, memo), copy.deepcopy(values, memo))
        return result

    def setlist(self, key: Any, list_: list) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        super().setlist(key, [bytes_to_text(item, self.encoding) for item in list_])

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        self._assert_mutable()
        return super().setlistdefault(key, default_list)

    def appendlist(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        super().appendlist(bytes_to_text(key, self.encoding), bytes_to_text(value, self.encoding))

    def pop(self, key: Any, *args: Any) -> Any:
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self) -> tuple[Any, Any]:
        self._assert_mutable()
        return super().popitem()

    def clear(self) -> None:
        self._assert_mutable()
        super().clear()

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        return super().setdefault(key, bytes_to_text(default, self.encoding))

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._assert_mutable()
        super().update(*args, **kwargs)

    def copy(self) -> QueryDict:
        """A mutable deep copy, even of an immutable QueryDict."""
        return copy.deepcopy(self)

    def urlencode(self, safe: str | None = None) -> str:
        """Encode as a query string; characters in ``safe`` are left unquoted."""
        pairs = []
        for key, values in self.lists():
            key_bytes = key.encode(self.encoding)
            for value in values:
                value_bytes = str(value).encode(self.encoding)
                if safe:
                    pairs.append(f"{quote(key_bytes, safe)}={quote(value_bytes, safe)}")
                else:
                    pairs.append(urlencode({key_bytes: value_bytes}))
        return "&".join(pairs)
