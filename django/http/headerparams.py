"""Parsing of ``value; name=param`` header fields (Content-Type, Content-Disposition)."""

from __future__ import annotations

from urllib.parse import unquote

MAX_HEADER_PARAMS_LENGTH = 10_000


def _split_unquoted_semicolons(line: str) -> list[str]:
    if '"' not in line:
        return line.split(";")
    pieces: list[str] = []
    current: list[str] = []
    in_quotes = escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\" and in_quotes:
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == ";" and not in_quotes:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


def _unquote_value(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
    return value


def _decode_extended(value: str) -> str:
    """Decode an RFC 2231/5987 ``charset'lang'percent-encoded`` value."""
    charset, sep, rest = value.partition("'")
    if not sep:
        return unquote(value)
    _lang, _, encoded = rest.partition("'")
    try:
        return unquote(encoded, encoding=charset or "utf-8", errors="strict")
    except (LookupError, UnicodeDecodeError):
        return unquote(encoded, encoding="latin-1")


def parse_header_parameters(line: str) -> tuple[str, dict[str, str]]:
    """Return (lowercased main value, {lowercased param name: value})."""
    if len(line) > MAX_HEADER_PARAMS_LENGTH:
        line = line[:MAX_HEADER_PARAMS_LENGTH]
    main, *pieces = _split_unquoted_semicolons(line)
    params: dict[str, str] = {}
    for piece in pieces:
        name, sep, value = piece.partition("=")
        name = name.strip().lower()
        if not sep or not name:
            continue
        if name.endswith("*"):
            params[name[:-1]] = _decode_extended(_unquote_value(value))
        elif name not in params:
            params[name] = _unquote_value(value)
    return main.strip().lower(), params
