"""Python implementations of SQL functions SQLite lacks, registered on each connection.

Datetimes arrive as ISO text ('YYYY-MM-DD HH:MM:SS[.ffffff]'), naive and in the connection's
time zone; a tzname argument asks for conversion to that zone first.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import re
import statistics
import zoneinfo
from typing import Any


def _none_guard(func: Any) -> Any:
    """NULL in any argument gives NULL, as SQL functions do."""

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        if any(arg is None for arg in args):
            return None
        return func(*args)

    return wrapper


def _parse_datetime(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _tz(name: str) -> datetime.tzinfo:
    sign = "+" if "+" in name else "-" if "-" in name[1:] else None
    if sign is not None and name.rpartition(sign)[2].replace(":", "").isdigit():
        base, _, offset = name.rpartition(sign)
        hours, _, minutes = offset.partition(":")
        delta = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
        return datetime.timezone(delta if sign == "+" else -delta)
    return zoneinfo.ZoneInfo(name)


def _to_zone(value: Any, tzname: str | None, conn_tzname: str | None) -> datetime.datetime | None:
    dt = _parse_datetime(value)
    if dt is None:
        return None
    if conn_tzname:
        dt = dt.replace(tzinfo=_tz(conn_tzname))
    if tzname is not None and tzname != conn_tzname:
        dt = dt.astimezone(_tz(tzname))
    return dt


def _extract(lookup_type: str, dt: datetime.datetime | datetime.date | datetime.time) -> int | None:
    if lookup_type == "week_day":
        return (dt.isoweekday() % 7) + 1  # type: ignore[union-attr]
    if lookup_type == "iso_week_day":
        return dt.isoweekday()  # type: ignore[union-attr]
    if lookup_type == "week":
        return dt.isocalendar()[1]  # type: ignore[union-attr]
    if lookup_type == "quarter":
        return math.ceil(dt.month / 3)  # type: ignore[union-attr]
    if lookup_type == "iso_year":
        return dt.isocalendar()[0]  # type: ignore[union-attr]
    return getattr(dt, lookup_type, None)


def _truncate(lookup_type: str, dt: datetime.datetime) -> datetime.datetime:
    if lookup_type == "year":
        return dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "quarter":
        first_month = dt.month - (dt.month - 1) % 3
        return dt.replace(month=first_month, day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "month":
        return dt.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "week":
        monday = dt - datetime.timedelta(days=dt.weekday())
        return monday.replace(hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "day":
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    if lookup_type == "minute":
        return dt.replace(second=0, microsecond=0)
    if lookup_type == "second":
        return dt.replace(microsecond=0)
    raise ValueError(f"Unsupported lookup type {lookup_type!r}")


def _naive_text(dt: datetime.datetime) -> str:
    return dt.replace(tzinfo=None).isoformat(" ")


def date_extract(lookup_type: str, value: Any) -> int | None:
    dt = _parse_datetime(value)
    return None if dt is None else _extract(lookup_type, dt)


def date_trunc(lookup_type: str, value: Any, tzname: str | None, conn_tzname: str | None) -> str | None:
    dt = _to_zone(value, tzname, conn_tzname)
    if dt is None:
        return None
    return _truncate(lookup_type, dt).date().isoformat()


def datetime_cast_date(value: Any, tzname: str | None, conn_tzname: str | None) -> str | None:
    dt = _to_zone(value, tzname, conn_tzname)
    return None if dt is None else dt.date().isoformat()


def datetime_cast_time(value: Any, tzname: str | None, conn_tzname: str | None) -> str | None:
    dt = _to_zone(value, tzname, conn_tzname)
    return None if dt is None else dt.time().isoformat()


def datetime_extract(lookup_type: str, value: Any, tzname: str | None, conn_tzname: str | None) -> int | None:
    dt = _to_zone(value, tzname, conn_tzname)
    return None if dt is None else _extract(lookup_type, dt)


def datetime_trunc(lookup_type: str, value: Any, tzname: str | None, conn_tzname: str | None) -> str | None:
    dt = _to_zone(value, tzname, conn_tzname)
    return None if dt is None else _naive_text(_truncate(lookup_type, dt))


def _parse_time(value: Any) -> datetime.time | None:
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(str(value))
    except ValueError:
        dt = _parse_datetime(value)
        return None if dt is None else dt.time()


def time_extract(lookup_type: str, value: Any) -> int | None:
    parsed = _parse_time(value)
    return None if parsed is None else getattr(parsed, lookup_type, None)


def time_trunc(lookup_type: str, value: Any, tzname: str | None, conn_tzname: str | None) -> str | None:
    parsed = _parse_time(value)
    if parsed is None:
        return None
    if lookup_type not in ("hour", "minute", "second"):
        raise ValueError(f"Cannot truncate TimeField to {lookup_type!r}")
    dt = _truncate(lookup_type, datetime.datetime.combine(datetime.date(2000, 1, 1), parsed))
    return dt.time().isoformat()


def _duration_or_datetime(value: Any) -> Any:
    """Durations are stored as integer microseconds; anything else is a date/time string."""
    if isinstance(value, int):
        return datetime.timedelta(microseconds=value)
    return _parse_datetime(value)


def format_dtdelta(connector: str, lhs: Any, rhs: Any) -> Any:
    """Arithmetic between datetimes and durations; returns text or microseconds."""
    left, right = _duration_or_datetime(lhs), _duration_or_datetime(rhs)
    if left is None or right is None:
        return None
    if connector == "+":
        result = left + right
    elif connector == "-":
        result = left - right
    elif connector == "*":
        result = left * right
    elif connector == "/":
        result = left / right
    else:
        return None
    if isinstance(result, datetime.timedelta):
        return result // datetime.timedelta(microseconds=1)
    return _naive_text(result) if isinstance(result, datetime.datetime) else result


def time_diff(lhs: Any, rhs: Any) -> int | None:
    left, right = _parse_time(lhs), _parse_time(rhs)
    if left is None or right is None:
        return None
    day = datetime.date(2000, 1, 1)
    delta = datetime.datetime.combine(day, left) - datetime.datetime.combine(day, right)
    return delta // datetime.timedelta(microseconds=1)


def timestamp_diff(lhs: Any, rhs: Any) -> int | None:
    left, right = _parse_datetime(lhs), _parse_datetime(rhs)
    if left is None or right is None:
        return None
    return (left - right) // datetime.timedelta(microseconds=1)


def regexp(pattern: Any, value: Any) -> bool | None:
    if pattern is None or value is None:
        return None
    return bool(_compiled(str(pattern)).search(str(value)))


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _pad(text: str, length: int, fill: str, left: bool) -> str:
    if length <= len(text):
        return text[:length]
    if not fill:
        return text
    padding = (fill * length)[: length - len(text)]
    return padding + text if left else text + padding


def _log(base: float, x: float) -> float:
    return math.log(x, base)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _cot(x: float) -> float:
    return 1 / math.tan(x)


def _hash(algorithm: str) -> Any:
    return lambda text: hashlib.new(algorithm, str(text).encode()).hexdigest()


class _Sample:
    """Collects values for the statistics aggregates."""

    function: Any = None

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: Any) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        try:
            return type(self).function(self.values)
        except statistics.StatisticsError:
            return None


def _aggregate(func: Any) -> type:
    return type(func.__name__, (_Sample,), {"function": staticmethod(func)})


SCALAR_FUNCTIONS: dict[str, tuple[int, Any]] = {
    "django_date_extract": (2, date_extract),
    "django_date_trunc": (4, date_trunc),
    "django_datetime_cast_date": (3, datetime_cast_date),
    "django_datetime_cast_time": (3, datetime_cast_time),
    "django_datetime_extract": (4, datetime_extract),
    "django_datetime_trunc": (4, datetime_trunc),
    "django_time_extract": (2, time_extract),
    "django_time_trunc": (4, time_trunc),
    "django_time_diff": (2, time_diff),
    "django_timestamp_diff": (2, timestamp_diff),
    "django_format_dtdelta": (3, format_dtdelta),
    "regexp": (2, regexp),
    "ACOS": (1, _none_guard(math.acos)),
    "ASIN": (1, _none_guard(math.asin)),
    "ATAN": (1, _none_guard(math.atan)),
    "ATAN2": (2, _none_guard(math.atan2)),
    "BITXOR": (2, _none_guard(lambda a, b: a ^ b)),
    "CEILING": (1, _none_guard(math.ceil)),
    "COS": (1, _none_guard(math.cos)),
    "COT": (1, _none_guard(_cot)),
    "DEGREES": (1, _none_guard(math.degrees)),
    "EXP": (1, _none_guard(math.exp)),
    "FLOOR": (1, _none_guard(math.floor)),
    "LN": (1, _none_guard(math.log)),
    "LOG": (2, _none_guard(_log)),
    "LPAD": (3, _none_guard(lambda t, n, f: _pad(str(t), int(n), str(f), True))),
    "MD5": (1, _none_guard(_hash("md5"))),
    "MOD": (2, _none_guard(math.fmod)),
    "PI": (0, lambda: math.pi),
    "POWER": (2, _none_guard(lambda x, y: x**y)),
    "RADIANS": (1, _none_guard(math.radians)),
    "REPEAT": (2, _none_guard(lambda t, n: str(t) * int(n))),
    "REVERSE": (1, _none_guard(lambda t: str(t)[::-1])),
    "RPAD": (3, _none_guard(lambda t, n, f: _pad(str(t), int(n), str(f), False))),
    "SHA1": (1, _none_guard(_hash("sha1"))),
    "SHA224": (1, _none_guard(_hash("sha224"))),
    "SHA256": (1, _none_guard(_hash("sha256"))),
    "SHA384": (1, _none_guard(_hash("sha384"))),
    "SHA512": (1, _none_guard(_hash("sha512"))),
    "SIGN": (1, _none_guard(_sign)),
    "SIN": (1, _none_guard(math.sin)),
    "SQRT": (1, _none_guard(math.sqrt)),
    "TAN": (1, _none_guard(math.tan)),
}

AGGREGATES: dict[str, type] = {
    "STDDEV_POP": _aggregate(statistics.pstdev),
    "STDDEV_SAMP": _aggregate(statistics.stdev),
    "VAR_POP": _aggregate(statistics.pvariance),
    "VAR_SAMP": _aggregate(statistics.variance),
}


def register(connection: Any) -> None:
    """Install every function on a sqlite3 connection (deterministic where true)."""
    for name, (num_params, func) in SCALAR_FUNCTIONS.items():
        connection.create_function(name, num_params, func, deterministic=True)
    for name, aggregate in AGGREGATES.items():
        connection.create_aggregate(name, 1, aggregate)
