"""Conversions between str and bytes, and between IRIs and URIs."""

from __future__ import annotations

import codecs
import datetime
import locale
from decimal import Decimal
from types import NoneType
from typing import Any
from urllib.parse import quote

from django.utils.functional import Promise


class DjangoUnicodeDecodeError(UnicodeDecodeError):
    """A UnicodeDecodeError that also shows the object being decoded."""

    def __str__(self) -> str:
        return f"{super().__str__()}. You passed in {self.object!r} ({type(self.object)})"


_PROTECTED_TYPES = (NoneType, int, float, Decimal, datetime.datetime, datetime.date, datetime.time)


def is_protected_type(obj: Any) -> bool:
    """True for types that ``force_str(strings_only=True)`` leaves untouched."""
    return isinstance(obj, _PROTECTED_TYPES)


def smart_str(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict") -> Any:
    """Like force_str() but lazy translation objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_str(s, encoding, strings_only, errors)


def force_str(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict") -> Any:
    """Return ``s`` as a str (bytes decoded with ``encoding``); with
    ``strings_only`` numbers, dates and None are returned unchanged."""
    if isinstance(s, str):
        return s
    if strings_only and is_protected_type(s):
        return s
    try:
        if isinstance(s, bytes):
            return str(s, encoding, errors)
        return str(s)
    except UnicodeDecodeError as exc:
        raise DjangoUnicodeDecodeError(*exc.args) from None


def smart_bytes(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict") -> Any:
    """Like force_bytes() but lazy translation objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_bytes(s, encoding, strings_only, errors)


def force_bytes(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict") -> Any:
    """Return ``s`` as bytes; bytes in another encoding are re-encoded."""
    if isinstance(s, bytes):
        if encoding == "utf-8":
            return s
        return s.decode("utf-8", errors).encode(encoding, errors)
    if strings_only and is_protected_type(s):
        return s
    if isinstance(s, memoryview):
        return bytes(s)
    return str(s).encode(encoding, errors)


# Characters left alone when turning an IRI into a URI (RFC 3987 section 3.1).
_IRI_SAFE = "/#%[]=:;$&()+,!?*@'~"


def iri_to_uri(iri: Any) -> Any:
    """Percent-encode the non-ASCII parts of an IRI, leaving reserved
    characters and existing %-escapes alone. None stays None."""
    if iri is None:
        return iri
    if isinstance(iri, Promise):
        iri = str(iri)
    return quote(iri, safe=_IRI_SAFE)


# Unreserved ASCII characters (RFC 3986 section 2.3) that may be unquoted safely.
# Digits are deliberately left encoded, as Django does.
_ASCII_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~")
_HEX = "0123456789ABCDEFabcdef"


def uri_to_iri(uri: Any) -> Any:
    """Decode the %-escapes of a URI that form valid UTF-8 (and unreserved
    ASCII), keeping reserved escapes like %2F and invalid sequences encoded."""
    if uri is None:
        return uri
    uri = force_bytes(uri)
    parts = uri.split(b"%")
    out = bytearray(parts[0])
    for part in parts[1:]:
        code = part[:2]
        if len(code) == 2 and all(chr(c) in _HEX for c in code):
            value = int(code, 16)
            if value >= 0x80 or value in _ASCII_UNRESERVED:
                out.append(value)
            else:
                out += b"%" + code.upper()
            out += part[2:]
        else:
            out += b"%" + part
    return repercent_broken_unicode(bytes(out)).decode()


def escape_uri_path(path: str) -> str:
    """Quote a URL path for use in a URI (keeps / and the characters RFC 3986
    allows in path segments)."""
    return quote(path, safe="/:@&+$,-_.!~*'()")


def punycode(domain: str) -> str:
    """The IDNA (punycode) ASCII form of a domain name."""
    return domain.encode("idna").decode("ascii")


def repercent_broken_unicode(path: bytes) -> bytes:
    """Percent-encode the bytes of ``path`` that are not valid UTF-8."""
    changed = bytearray()
    while True:
        try:
            path.decode()
        except UnicodeDecodeError as exc:
            bad = path[exc.start : exc.end]
            changed += path[: exc.start] + quote(bad, safe=b"/#%[]=:;$&()+,!?*@'~").encode()
            path = path[exc.end :]
        else:
            return bytes(changed + path)


def filepath_to_uri(path: Any) -> Any:
    """Turn a filesystem path into the path part of a URL (backslashes become
    slashes, unsafe characters are quoted)."""
    if path is None:
        return path
    return quote(str(path).replace("\\", "/"), safe="/~!*()'")


def get_system_encoding() -> str:
    """The locale's preferred encoding, or 'ascii' when Python does not know it."""
    try:
        encoding = locale.getlocale()[1] or "ascii"
        codecs.lookup(encoding)
    except Exception:
        encoding = "ascii"
    return encoding


DEFAULT_LOCALE_ENCODING = get_system_encoding()
