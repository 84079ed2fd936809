"""HTTP helpers: query strings, dates, ETags, base36/base64, redirect safety, headers."""

from __future__ import annotations

import base64
import datetime
import re
import time
import unicodedata
from binascii import Error as BinasciiError
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.parse import urlencode as original_urlencode

from django.utils.datastructures import MultiValueDict
from django.utils.regex_helper import _lazy_re_compile

# An entity tag (RFC 9110 section 8.8.3): optionally weak, always double-quoted.
ETAG_MATCH = _lazy_re_compile(r'\A((?:W/)?"[^"]*")\Z')

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# The three date formats HTTP/1.1 recipients must accept (RFC 9110 section 5.6.7).
_CLOCK = r"(?P<hour>\d{2}):(?P<min>\d{2}):(?P<sec>\d{2})"
_MONTH = r"(?P<mon>[A-Za-z]{3})"
RFC1123_DATE = _lazy_re_compile(
    rf"^[A-Za-z]{{3}}, (?P<day>\d{{2}}) {_MONTH} (?P<year>\d{{4}}) {_CLOCK} GMT$", re.ASCII
)
RFC850_DATE = _lazy_re_compile(
    rf"^[A-Za-z]{{6,9}}, (?P<day>\d{{2}})-{_MONTH}-(?P<year>\d{{2}}) {_CLOCK} GMT$", re.ASCII
)
ASCTIME_DATE = _lazy_re_compile(
    rf"^[A-Za-z]{{3}} {_MONTH} (?P<day>[ \d]\d) {_CLOCK} (?P<year>\d{{4}})$", re.ASCII
)

RFC3986_GENDELIMS = ":/?#[]@"
RFC3986_SUBDELIMS = "!$&'()*+,;="
MAX_URL_LENGTH = 2048
MAX_HEADER_LENGTH = 10_000


def urlencode(query: Any, doseq: bool = False) -> str:
    """Like urllib's urlencode, but accepts MultiValueDict and refuses None
    values (TypeError), which would otherwise become the string 'None'."""
    if isinstance(query, MultiValueDict):
        query = query.lists()
    elif isinstance(query, Mapping):
        query = query.items()
    pairs = []
    for key, value in query:
        if value is None:
            raise TypeError(
                f"Cannot encode None for key '{key}' in a query string. Did you mean to pass an "
                "empty string or omit the value?"
            )
        if not doseq or isinstance(value, (str, bytes)):
            item = value
        else:
            try:
                values = iter(value)
            except TypeError:
                item = value
            else:
                item = []
                for element in values:
                    if element is None:
                        raise TypeError(
                            f"Cannot encode None for key '{key}' in a query string. Did you mean to "
                            "pass an empty string or omit the value?"
                        )
                    item.append(element if isinstance(element, bytes) else str(element))
        pairs.append((key, item))
    return original_urlencode(pairs, doseq)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def http_date(epoch_seconds: float | None = None) -> str:
    """An RFC 7231 date, e.g. 'Wed, 21 Oct 2015 07:28:00 GMT'.

    Formatted here (English names whatever the locale) rather than with email.utils, whose import
    costs more than the rest of the HTTP layer's start-up work.
    """
    t = time.gmtime(epoch_seconds)
    return (
        f"{_WEEKDAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year:04d} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} GMT"
    )


def parse_http_date(date: str) -> int:
    """Seconds since the epoch (UTC) for a date in any of the three HTTP
    formats; ValueError for anything else."""
    for regex in (RFC1123_DATE, RFC850_DATE, ASCTIME_DATE):
        match = regex.match(date)
        if match is not None:
            break
    else:
        raise ValueError(f"{date!r} is not in a valid HTTP date format")
    try:
        year = int(match["year"])
        if year < 100:
            # RFC 7231: a two-digit year more than 50 years ahead is in the past century.
            current_year = datetime.datetime.now(datetime.UTC).year
            century = current_year - current_year % 100
            year += century
            if year - current_year > 50:
                year -= 100
        month = MONTHS.index(match["mon"].lower()) + 1
        result = datetime.datetime(
            year,
            month,
            int(match["day"]),
            int(match["hour"]),
            int(match["min"]),
            int(match["sec"]),
            tzinfo=datetime.UTC,
        )
        return int(result.timestamp())
    except Exception as exc:
        raise ValueError(f"{date!r} is not a valid date") from exc


def parse_http_date_safe(date: str) -> int | None:
    """parse_http_date(), or None when the date is invalid."""
    try:
        return parse_http_date(date)
    except Exception:
        return None


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36_to_int(s: str) -> int:
    """Decode base 36; ValueError for input too long to be a 64-bit number."""
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


def int_to_base36(i: int) -> str:
    """Encode a non-negative int in base 36."""
    if i < 0:
        raise ValueError("Negative base36 conversion input.")
    if i < 36:
        return _BASE36[i]
    digits = []
    while i:
        i, remainder = divmod(i, 36)
        digits.append(_BASE36[remainder])
    return "".join(reversed(digits))


def urlsafe_base64_encode(s: bytes) -> str:
    """URL-safe base64 of bytes, without trailing '=' padding."""
    return base64.urlsafe_b64encode(s).rstrip(b"\n=").decode("ascii")


def urlsafe_base64_decode(s: str | bytes) -> bytes:
    """Decode URL-safe base64 with or without padding; ValueError if invalid."""
    try:
        data = s.encode("ascii") if isinstance(s, str) else s
        return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))
    except (LookupError, BinasciiError, UnicodeEncodeError) as exc:
        raise ValueError(exc)


def parse_etags(etag_str: str) -> list[str]:
    """The ETags of an If-None-Match / If-Match header ('*' gives ['*']);
    malformed entries are ignored."""
    if etag_str.strip() == "*":
        return ["*"]
    etags = []
    for candidate in etag_str.split(","):
        match = ETAG_MATCH.match(candidate.strip())
        if match:
            etags.append(match[1])
    return etags


def quote_etag(etag_str: str) -> str:
    """Quote an ETag unless it is already a valid (quoted) ETag."""
    if ETAG_MATCH.match(etag_str):
        return etag_str
    return f'"{etag_str}"'


def is_same_domain(host: str, pattern: str) -> bool:
    """True if ``host`` equals ``pattern`` or, for a '.example.com' pattern,
    is example.com or any subdomain of it (case-insensitive)."""
    if not pattern:
        return False
    pattern = pattern.lower()
    host = host.lower()
    if pattern[0] == ".":
        return host.endswith(pattern) or host == pattern[1:]
    return host == pattern


def url_has_allowed_host_and_scheme(
    url: str | None, allowed_hosts: str | Iterable[str] | None, require_https: bool = False
) -> bool:
    """True if ``url`` is a safe redirect target: a relative URL, or one whose
    host is in ``allowed_hosts`` and whose scheme is http(s) (https only with
    ``require_https``). Always False for an empty URL."""
    if url is not None:
        url = url.strip()
    if not url:
        return False
    if allowed_hosts is None:
        allowed_hosts = set()
    elif isinstance(allowed_hosts, str):
        allowed_hosts = {allowed_hosts}
    # Browsers treat backslashes as slashes; so must we.
    return _url_is_safe(url, allowed_hosts, require_https) and _url_is_safe(
        url.replace("\\", "/"), allowed_hosts, require_https
    )


def _url_is_safe(url: str, allowed_hosts: Iterable[str], require_https: bool) -> bool:
    if url.startswith("///") or len(url) > MAX_URL_LENGTH:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    # "http:///example.com" has a scheme but no host: browsers still follow it.
    if not parts.netloc and parts.scheme:
        return False
    # Control characters at the start are ignored by browsers; refuse them.
    if unicodedata.category(url[0])[0] == "C":
        return False
    scheme = parts.scheme
    if not scheme and parts.netloc:
        scheme = "http"  # scheme-relative URL
    valid_schemes = ["https"] if require_https else ["http", "https"]
    host_ok = not parts.netloc or parts.netloc in allowed_hosts
    return host_ok and (not scheme or scheme in valid_schemes)


def escape_leading_slashes(url: str) -> str:
    """'//example.com' would be protocol-relative: encode the second slash."""
    if url.startswith("//"):
        return "/%2F" + url[2:]
    return url


def _parse_header_params(text: str) -> Iterator[str]:
    """Split ';'-separated parameters, ignoring ';' inside quoted strings."""
    while text[:1] == ";":
        text = text[1:]
        end = text.find(";")
        while end > 0 and (text.count('"', 0, end) - text.count('\\"', 0, end)) % 2:
            end = text.find(";", end + 1)
        if end < 0:
            end = len(text)
        yield text[:end].strip()
        text = text[end:]


def parse_header_parameters(line: str, max_length: int = MAX_HEADER_LENGTH) -> tuple[str, dict[str, str]]:
    """Parse 'text/html; charset="utf-8"' into ('text/html', {'charset': 'utf-8'}),
    decoding RFC 2231 ``name*=charset''value`` parameters. Over-long lines
    raise ValueError."""
    if max_length is not None and line and len(line) > max_length:
        raise ValueError("Unable to parse header parameters (value too long).")
    parts = _parse_header_params(";" + line)
    key = next(parts).lower()
    params: dict[str, str] = {}
    for part in parts:
        name, has_value, value = part.partition("=")
        if not has_value:
            continue
        name = name.strip().lower()
        value = value.strip()
        if name.endswith("*"):
            name = name[:-1]
            if value.count("'") == 2:
                charset, _language, encoded = value.split("'", 2)
                try:
                    value = unquote(encoded, encoding=charset or "utf-8", errors="strict")
                except (LookupError, UnicodeDecodeError):
                    value = unquote(encoded, encoding="latin-1")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        params[name] = value
    return key, params


def content_disposition_header(as_attachment: bool, filename: str) -> str | None:
    """A Content-Disposition value ('attachment'/'inline' with the filename,
    RFC 5987-encoded when not plain ASCII); None for an inline file without name."""
    if not filename:
        return "attachment" if as_attachment else None
    disposition = "attachment" if as_attachment else "inline"
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"{disposition}; filename*=utf-8''{quote(filename)}"
    escaped = filename.replace("\\", "\\\\").replace('"', r"\"")
    return f'{disposition}; filename="{escaped}"'
