"""Human descriptions of elapsed time: '2 weeks, 3 days'."""

from __future__ import annotations

import datetime

from django.utils.html import avoid_wrapping
from django.utils.timezone import is_aware
from django.utils.translation import ngettext_lazy

# Largest unit first; each message is formatted with {"num": count}.
TIME_STRINGS = {
    unit: ngettext_lazy(f"%(num)d {unit}", f"%(num)d {unit}s", number="num")
    for unit in ("year", "month", "week", "day", "hour", "minute")
}
TIME_STRINGS_KEYS = list(TIME_STRINGS)
TIME_CHUNKS = [60 * 60 * 24 * 7, 60 * 60 * 24, 60 * 60, 60]  # week, day, hour, minute
MONTHS_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _as_datetime(value: datetime.date) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime(value.year, value.month, value.day)


def _calendar_parts(
    earlier: datetime.datetime, later: datetime.datetime
) -> tuple[int, int, datetime.datetime]:
    """Whole years and months between the two datetimes, and the datetime
    reached from ``earlier`` after adding them (clamped to the month's length)."""
    total_months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if earlier.day > later.day or (earlier.day == later.day and earlier.time() > later.time()):
        total_months -= 1
    years, months = divmod(total_months, 12)
    pivot = earlier
    if total_months:
        year = earlier.year + (earlier.month - 1 + total_months) // 12
        month = (earlier.month - 1 + total_months) % 12 + 1
        max_day = MONTHS_DAYS[month - 1] + (1 if month == 2 and _is_leap(year) else 0)
        pivot = earlier.replace(year=year, month=month, day=min(earlier.day, max_day))
    return years, months, pivot


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def timesince(
    d: datetime.date,
    now: datetime.date | None = None,
    reversed: bool = False,
    time_strings: dict | None = None,
    depth: int = 2,
) -> str:
    """Time from ``d`` until ``now`` as up to ``depth`` adjacent units
    ('1 year, 2 months'); '0 minutes' for zero or negative spans."""
    if time_strings is None:
        time_strings = TIME_STRINGS
    if depth <= 0:
        raise ValueError("depth must be greater than 0.")
    d = _as_datetime(d)
    if now is None:
        now = datetime.datetime.now(datetime.UTC if is_aware(d) else None)
    now = _as_datetime(now)
    if reversed:
        d, now = now, d
    delta = now - d
    since = delta.days * 86400 + delta.seconds
    if since <= 0:
        return avoid_wrapping(time_strings["minute"] % {"num": 0})
    years, months, pivot = _calendar_parts(d, now)
    remaining = (now - pivot).days * 86400 + (now - pivot).seconds
    counts = [years, months]
    for chunk in TIME_CHUNKS:
        count, remaining = divmod(remaining, chunk)
        counts.append(count)
    return _describe(counts, time_strings, depth)


def _describe(counts: list[int], time_strings: dict, depth: int) -> str:
    first = next((i for i, count in enumerate(counts) if count), None)
    if first is None:
        return avoid_wrapping(time_strings["minute"] % {"num": 0})
    parts = []
    for index in range(first, min(first + depth, len(counts))):
        count = counts[index]
        if not count:
            break  # only adjacent units are shown
        parts.append(avoid_wrapping(time_strings[TIME_STRINGS_KEYS[index]] % {"num": count}))
    return ", ".join(parts)


def timeuntil(
    d: datetime.date, now: datetime.date | None = None, time_strings: dict | None = None, depth: int = 2
) -> str:
    """Like timesince(), but measures the time from now until ``d``."""
    return timesince(d, now, reversed=True, time_strings=time_strings, depth=depth)
