"""Translatable names of weekdays and months, keyed as ``date.weekday()`` (0 =
Monday) and ``date.month`` (1 = January) number them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Associated Press style abbreviations (short months are written in full).
_AP_NAMES = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

WEEKDAYS = {index: gettext_lazy(name) for index, name in enumerate(_DAY_NAMES)}
WEEKDAYS_ABBR = {index: gettext_lazy(name[:3]) for index, name in enumerate(_DAY_NAMES)}
MONTHS = {number: gettext_lazy(name) for number, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS_3 = {number: gettext_lazy(name[:3].lower()) for number, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS_AP = {number: pgettext_lazy("abbrev. month", name) for number, name in enumerate(_AP_NAMES, start=1)}
# Month names as used on their own (some languages inflect them inside a date).
MONTHS_ALT = {number: pgettext_lazy("alt. month", name) for number, name in enumerate(_MONTH_NAMES, start=1)}
