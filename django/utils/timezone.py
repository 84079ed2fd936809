"""Time zone support: the current/default zone, aware <-> naive, now()."""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from contextlib import ContextDecorator
from contextvars import ContextVar
from typing import Any

from django.utils._conf import conf_settings

__all__ = [
    "get_fixed_timezone",
    "get_default_timezone",
    "get_default_timezone_name",
    "get_current_timezone",
    "get_current_timezone_name",
    "activate",
    "deactivate",
    "override",
    "localtime",
    "localdate",
    "now",
    "is_aware",
    "is_naive",
    "make_aware",
    "make_naive",
]

_UTC = datetime.UTC
# Per thread and per asyncio task; asgiref's sync_to_async copies changes back.
_active: ContextVar[datetime.tzinfo | None] = ContextVar("django_timezone_active", default=None)


def get_fixed_timezone(offset: datetime.timedelta | int) -> datetime.timezone:
    """A fixed-offset tzinfo; ``offset`` is a timedelta or minutes east of UTC."""
    minutes = int(offset.total_seconds() // 60) if isinstance(offset, datetime.timedelta) else offset
    sign = "-" if minutes < 0 else "+"
    hhmm = "%02d%02d" % divmod(abs(int(minutes)), 60)
    return datetime.timezone(datetime.timedelta(minutes=minutes), sign + hhmm)


@functools.lru_cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def get_default_timezone() -> zoneinfo.ZoneInfo:
    """The zone named by settings.TIME_ZONE."""
    return _zone(conf_settings().TIME_ZONE)


def get_default_timezone_name() -> str:
    return _get_timezone_name(get_default_timezone())


def get_current_timezone() -> datetime.tzinfo:
    """The zone activated for this thread/task, else the default zone."""
    return _active.get() or get_default_timezone()


def get_current_timezone_name() -> str:
    return _get_timezone_name(get_current_timezone())


def _get_timezone_name(timezone: datetime.tzinfo) -> str:
    return timezone.tzname(None) or str(timezone)


def activate(timezone: datetime.tzinfo | str) -> None:
    """Make ``timezone`` (a tzinfo or an IANA name) current for this thread/task."""
    if isinstance(timezone, datetime.tzinfo):
        _active.set(timezone)
    elif isinstance(timezone, str):
        _active.set(zoneinfo.ZoneInfo(timezone))
    else:
        raise ValueError(f"Invalid timezone: {timezone!r}")


def deactivate() -> None:
    """Go back to the default time zone."""
    _active.set(None)


class override(ContextDecorator):
    """Activate a time zone (None: the default zone) for a block, then restore."""

    def __init__(self, timezone: datetime.tzinfo | str | None) -> None:
        self.timezone = timezone

    def __enter__(self) -> None:
        self.old_timezone = _active.get()
        if self.timezone is None:
            deactivate()
        else:
            activate(self.timezone)

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        if self.old_timezone is None:
            deactivate()
        else:
            _active.set(self.old_timezone)


def template_localtime(value: Any, use_tz: bool | None = None) -> Any:
    """Convert an aware datetime to the current zone for display, unless the
    value opted out (``convert_to_local_time = False``) or USE_TZ is off."""
    if not isinstance(value, datetime.datetime) or is_naive(value):
        return value
    if use_tz is None:
        from django.conf import settings

        use_tz = settings.USE_TZ
    if use_tz and getattr(value, "convert_to_local_time", True):
        return localtime(value)
    return value


def localtime(
    value: datetime.datetime | None = None, timezone: datetime.tzinfo | None = None
) -> datetime.datetime:
    """An aware datetime (default: now) expressed in ``timezone`` (default: current)."""
    if value is None:
        value = now()
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("localtime() cannot be applied to a naive datetime")
    return value.astimezone(timezone)


def localdate(
    value: datetime.datetime | None = None, timezone: datetime.tzinfo | None = None
) -> datetime.date:
    """The date of ``localtime(value, timezone)``."""
    return localtime(value, timezone).date()


def now() -> datetime.datetime:
    """The current time: aware in UTC when USE_TZ, else naive local time."""
    return datetime.datetime.now(tz=_UTC if conf_settings().USE_TZ else None)


def is_aware(value: datetime.datetime | datetime.time) -> bool:
    """True if ``value`` has a utcoffset."""
    return value.utcoffset() is not None


def is_naive(value: datetime.datetime | datetime.time) -> bool:
    """True if ``value`` has no utcoffset."""
    return value.utcoffset() is None


def make_aware(value: datetime.datetime, timezone: datetime.tzinfo | None = None) -> datetime.datetime:
    """Attach ``timezone`` (default: current) to a naive datetime."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_aware(value):
        raise ValueError(f"make_aware expects a naive datetime, got {value}")
    return value.replace(tzinfo=timezone)


def make_naive(value: datetime.datetime, timezone: datetime.tzinfo | None = None) -> datetime.datetime:
    """Express an aware datetime in ``timezone`` (default: current) and drop the zone."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("make_naive() cannot be applied to a naive datetime")
    return value.astimezone(timezone).replace(tzinfo=None)


def _datetime_ambiguous_or_imaginary(dt: datetime.datetime, tz: datetime.tzinfo) -> bool:
    """True if the wall time ``dt`` is repeated or skipped in ``tz`` (DST changes)."""
    first = dt.replace(tzinfo=tz, fold=0)
    second = dt.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        return True
    # Imaginary times do not survive a round trip through UTC.
    return first.astimezone(_UTC).astimezone(tz).replace(tzinfo=None) != dt.replace(tzinfo=None)
