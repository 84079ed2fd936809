"""Parse ISO-like date, time, datetime and duration strings.

Each function returns None when the text is not in a recognised format and
raises ValueError when it is well formatted but not a valid value.
"""

from __future__ import annotations

import datetime

from django.utils.regex_helper import _lazy_re_compile
from django.utils.timezone import get_fixed_timezone

date_re = _lazy_re_compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
time_re = _lazy_re_compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?$"
)
datetime_re = _lazy_re_compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"[T ](?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?"
    r"\s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
standard_duration_re = _lazy_re_compile(
    r"^"
    r"(?:(?P<days>-?\d+) (days?, )?)?"
    r"(?P<sign>-?)"
    r"((?:(?P<hours>\d+):)(?=\d+:\d+))?"
    r"(?:(?P<minutes>\d+):)?"
    r"(?P<seconds>\d+)"
    r"(?:[.,](?P<microseconds>\d{1,6})\d{0,6})?"
    r"$"
)
# ISO 8601 durations: P4DT1H15M20S, -P1D, PT0.5S ...
iso8601_duration_re = _lazy_re_compile(
    r"^(?P<sign>[-+]?)"
    r"P"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T"
    r"(?:(?P<hours>\d+(?:[.,]\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?"
    r")?"
    r"$"
)
# PostgreSQL's day-time interval output: '3 days 04:05:06', '-1 day -02:00:00'.
postgres_interval_re = _lazy_re_compile(
    r"^"
    r"(?:(?P<days>-?\d+) (days? ?))?"
    r"(?:(?P<sign>[-+])?"
    r"(?P<hours>\d+):"
    r"(?P<minutes>\d\d):"
    r"(?P<seconds>\d\d)"
    r"(?:\.(?P<microseconds>\d{1,6}))?"
    r")?$"
)

# Guard against absurdly long input reaching the regexes and int().
_MAX_LENGTH = 100


def parse_date(value: str) -> datetime.date | None:
    """'2006-10-25' -> date(2006, 10, 25)."""
    if len(value) > _MAX_LENGTH:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        match = date_re.match(value)
        if match:
            parts = {k: int(v) for k, v in match.groupdict().items()}
            return datetime.date(**parts)
    return None


def parse_time(value: str) -> datetime.time | None:
    """'14:30:59.000200' -> time(14, 30, 59, 200); a UTC offset is ignored."""
    if len(value) > _MAX_LENGTH:
        return None
    try:
        # fromisoformat also accepts offsets; those are dropped, as documented.
        return datetime.time.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        match = time_re.match(value)
        if match:
            parts = match.groupdict()
            parts["microsecond"] = parts["microsecond"] and parts["microsecond"].ljust(6, "0")
            numbers: dict[str, int] = {k: int(v) for k, v in parts.items() if v is not None}
            return datetime.time(**numbers)  # type: ignore[arg-type]
    return None


def parse_datetime(value: str) -> datetime.datetime | None:
    """'2006-10-25 14:30:59+02:00' -> an aware datetime with a fixed offset
    (naive when no offset is given; 'Z' means UTC)."""
    if len(value) > _MAX_LENGTH:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        match = datetime_re.match(value)
        if not match:
            return None
    parts = match.groupdict()
    if parts["microsecond"]:
        parts["microsecond"] = parts["microsecond"].ljust(6, "0")
    tzinfo_text = parts.pop("tzinfo")
    tzinfo: datetime.tzinfo | None = None
    if tzinfo_text == "Z":
        tzinfo = datetime.UTC
    elif tzinfo_text is not None:
        offset_mins = int(tzinfo_text[-2:]) if len(tzinfo_text) > 3 else 0
        offset = 60 * int(tzinfo_text[1:3]) + offset_mins
        if tzinfo_text[0] == "-":
            offset = -offset
        tzinfo = get_fixed_timezone(offset)
    numbers = {k: int(v) for k, v in parts.items() if v is not None}
    return datetime.datetime(**numbers, tzinfo=tzinfo)


def _number(text: str | None) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def parse_duration(value: str) -> datetime.timedelta | None:
    """Parse Django's '%d %H:%M:%S.%f', ISO 8601 and PostgreSQL interval
    notations into a timedelta."""
    if len(value) > _MAX_LENGTH:
        return None
    match = (
        standard_duration_re.match(value)
        or iso8601_duration_re.match(value)
        or postgres_interval_re.match(value)
    )
    if not match:
        return None
    parts = match.groupdict()
    if not any(
        parts[name] for name in ("days", "hours", "minutes", "seconds", "microseconds") if name in parts
    ):
        return None  # e.g. "" or "P": nothing was actually given
    sign = -1 if parts.pop("sign", "+") == "-" else 1
    if parts.get("microseconds"):
        parts["microseconds"] = parts["microseconds"].ljust(6, "0")
    days = datetime.timedelta(_number(parts.pop("days", None)))
    rest = {
        k: _number(v) for k, v in parts.items() if k in {"hours", "minutes", "seconds", "microseconds"} and v
    }
    if match.re.pattern == iso8601_duration_re.pattern:
        days *= sign  # In ISO 8601 the sign applies to the days too.
    return days + sign * datetime.timedelta(**rest)
