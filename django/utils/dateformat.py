"""PHP-style date formatting, as used by the ``date`` and ``time`` template filters.

>>> format(datetime.date(2003, 10, 7), "jS F Y")
'7th October 2003'
"""

from __future__ import annotations

import calendar
import datetime
from email.utils import format_datetime as format_datetime_rfc5322
from typing import Any

from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.regex_helper import _lazy_re_compile
from django.utils.timezone import _datetime_ambiguous_or_imaginary, get_default_timezone, is_naive, make_aware
from django.utils.translation import gettext as _

re_formatchars = _lazy_re_compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
re_escaped = _lazy_re_compile(r"\\(.)")


class Formatter:
    """Expands each format character by calling the method of that name."""

    data: Any

    def format(self, formatstr: str) -> str:
        pieces = []
        for index, piece in enumerate(re_formatchars.split(str(formatstr))):
            if index % 2:
                if type(self.data) is datetime.date and hasattr(TimeFormat, piece):
                    raise TypeError(
                        "The format for date objects may not contain time-related format specifiers "
                        f"(found '{piece}')."
                    )
                pieces.append(str(getattr(self, piece)()))
            elif piece:
                pieces.append(re_escaped.sub(r"\1", piece))
        return "".join(pieces)


class TimeFormat(Formatter):
    """Format characters that need only a time of day (and its zone)."""

    def __init__(self, obj: datetime.time | datetime.date) -> None:
        self.data = obj
        self.timezone: datetime.tzinfo | None = None
        if isinstance(obj, datetime.datetime):
            # A naive datetime is taken to be in the default time zone.
            self.timezone = get_default_timezone() if is_naive(obj) else obj.tzinfo

    @property
    def _no_timezone(self) -> bool:
        return self.timezone is None or _datetime_ambiguous_or_imaginary(self.data, self.timezone)

    def a(self) -> str:
        """'a.m.' or 'p.m.'"""
        return _("p.m.") if self.data.hour > 11 else _("a.m.")

    def A(self) -> str:
        """'AM' or 'PM'"""
        return _("PM") if self.data.hour > 11 else _("AM")

    def e(self) -> str:
        """Time zone name, e.g. 'GMT', '+0200'; '' when unknown."""
        if not self.timezone:
            return ""
        try:
            if self.data.tzinfo is not None:
                return self.data.tzname() or ""
        except NotImplementedError:
            pass
        return ""

    def f(self) -> str:
        """Hour and minutes in 12-hour time, minutes left off when zero: '1', '1:30'."""
        hour = self.g()
        minute = self.data.minute
        return f"{hour}:{self.i()}" if minute else str(hour)

    def g(self) -> int:
        """Hour, 12-hour format, no leading zero."""
        return self.data.hour % 12 or 12

    def G(self) -> int:
        """Hour, 24-hour format, no leading zero."""
        return self.data.hour

    def h(self) -> str:
        """Hour, 12-hour format, two digits."""
        return f"{self.g():02d}"

    def H(self) -> str:
        """Hour, 24-hour format, two digits."""
        return f"{self.G():02d}"

    def i(self) -> str:
        """Minutes, two digits."""
        return f"{self.data.minute:02d}"

    def O(self) -> str:  # noqa: E743
        """Difference to UTC, e.g. '+0200'; '' when unknown."""
        if self._no_timezone:
            return ""
        seconds = int(self.Z())
        sign = "-" if seconds < 0 else "+"
        seconds = abs(seconds)
        return "%s%02d%02d" % (sign, seconds // 3600, (seconds // 60) % 60)

    def P(self) -> str:
        """Time in 12-hour hours, minutes and 'a.m.'/'p.m.', with 'midnight'
        and 'noon' spelled out: '1 a.m.', '1:30 p.m.', 'noon'."""
        if self.data.minute == 0 and self.data.hour == 0:
            return _("midnight")
        if self.data.minute == 0 and self.data.hour == 12:
            return _("noon")
        return f"{self.f()} {self.a()}"

    def s(self) -> str:
        """Seconds, two digits."""
        return f"{self.data.second:02d}"

    def T(self) -> str:
        """Time zone abbreviation, e.g. 'EST'; '' when unknown."""
        if self._no_timezone:
            return ""
        return str(self.timezone.tzname(self.data))  # type: ignore[union-attr]

    def u(self) -> str:
        """Microseconds, six digits."""
        return f"{self.data.microsecond:06d}"

    def Z(self) -> int | str:
        """UTC offset in seconds ('' when unknown)."""
        if self._no_timezone:
            return ""
        offset = self.timezone.utcoffset(self.data)  # type: ignore[union-attr]
        return offset.days * 86400 + offset.seconds  # type: ignore[union-attr]


class DateFormat(TimeFormat):
    """All format characters, for dates and datetimes."""

    def b(self) -> str:
        """Month, lowercase three letters: 'jan'."""
        return MONTHS_3[self.data.month]

    def c(self) -> str:
        """ISO 8601: '2008-01-02T10:30:00.000123'."""
        return self.data.isoformat()

    def d(self) -> str:
        """Day of the month, two digits."""
        return f"{self.data.day:02d}"

    def D(self) -> str:
        """Day of the week, three letters: 'Fri'."""
        return WEEKDAYS_ABBR[self.data.weekday()]

    def E(self) -> str:
        """Month name in the standalone (alternative) form."""
        return MONTHS_ALT[self.data.month]

    def F(self) -> str:
        """Month, full name: 'January'."""
        return MONTHS[self.data.month]

    def I(self) -> str:  # noqa: E743
        """'1' during daylight saving time, '0' otherwise, '' when unknown."""
        if self._no_timezone:
            return ""
        return "1" if self.timezone.dst(self.data) else "0"  # type: ignore[union-attr]

    def j(self) -> int:
        """Day of the month, no leading zero."""
        return self.data.day

    def l(self) -> str:  # noqa: E743
        """Day of the week, full name: 'Friday'."""
        return WEEKDAYS[self.data.weekday()]

    def L(self) -> bool:
        """Whether it is a leap year."""
        return calendar.isleap(self.data.year)

    def m(self) -> str:
        """Month, two digits."""
        return f"{self.data.month:02d}"

    def M(self) -> str:
        """Month, three letters: 'Jan'."""
        return MONTHS_3[self.data.month].title()

    def n(self) -> int:
        """Month, no leading zero."""
        return self.data.month

    def N(self) -> str:
        """Month abbreviation in Associated Press style: 'Jan.', 'March'."""
        return MONTHS_AP[self.data.month]

    def o(self) -> int:
        """ISO 8601 week-numbering year."""
        return self.data.isocalendar().year

    def r(self) -> str:
        """RFC 5322 date, e.g. 'Thu, 21 Dec 2000 16:01:07 +0200' (never translated)."""
        value = self.data
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        if is_naive(value):
            value = make_aware(value, timezone=self.timezone or get_default_timezone())
        return format_datetime_rfc5322(value)

    def S(self) -> str:
        """English ordinal suffix for the day: 'st', 'nd', 'rd', 'th'."""
        day = self.data.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

    def t(self) -> int:
        """Number of days in the month."""
        return calendar.monthrange(self.data.year, self.data.month)[1]

    def U(self) -> int:
        """Seconds since the Unix epoch."""
        value = self.data
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        return int(value.timestamp())

    def w(self) -> int:
        """Day of the week, 0 (Sunday) to 6 (Saturday)."""
        return (self.data.weekday() + 1) % 7

    def W(self) -> int:
        """ISO 8601 week number, weeks starting on Monday."""
        return self.data.isocalendar().week

    def y(self) -> str:
        """Year, two digits."""
        return f"{self.data.year % 100:02d}"

    def Y(self) -> str:
        """Year, at least four digits (zero-padded)."""
        return f"{self.data.year:04d}"

    def z(self) -> int:
        """Day of the year, 1 to 366."""
        return self.data.timetuple().tm_yday


def format(value: datetime.date, format_string: str) -> str:
    """Format a date or datetime with the date filter's format characters."""
    return DateFormat(value).format(format_string)


def time_format(value: datetime.time | datetime.datetime, format_string: str) -> str:
    """Format a time with the time-related format characters."""
    formatter = TimeFormat(value)
    for char in re_formatchars.findall(str(format_string)):
        if not hasattr(TimeFormat, char):
            raise TypeError(
                "The format for time objects may not contain date-related format specifiers "
                f"(found '{char}')."
            )
    return formatter.format(format_string)
