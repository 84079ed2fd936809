"""Cookie parsing that tolerates what browsers really send."""

from __future__ import annotations

from http import cookies

# Re-exported under Django's name; the standard library class is sufficient.
SimpleCookie = cookies.SimpleCookie


def parse_cookie(cookie: str) -> dict[str, str]:
    """Parse a ``Cookie`` header into a dict, skipping malformed pieces.

    Unlike ``SimpleCookie.load`` this never gives up on the whole header
    because one chunk is odd; a chunk without ``=`` is kept under the empty key.
    """
    result: dict[str, str] = {}
    if not cookie:
        return result
    for chunk in cookie.split(";"):
        key, sep, value = chunk.partition("=")
        if not sep:
            key, value = "", key
        key, value = key.strip(), value.strip()
        if key or value:
            result[key] = cookies._unquote(value)
    return result
