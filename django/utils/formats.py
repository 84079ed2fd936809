"""Locale-aware formats: which format a setting name means for the active
language, and localizing values for display and form input."""

from __future__ import annotations

import datetime
import decimal
import functools
import unicodedata
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

from django.utils import dateformat, numberformat
from django.utils._conf import conf_settings
from django.utils.functional import lazy
from django.utils.translation import check_for_language, get_language, to_locale

# Caches: (format name, language) -> value, and language -> format modules.
_format_cache: dict[tuple[str, str | None, str], Any] = {}
_format_modules_cache: dict[tuple[str, str], list[ModuleType]] = {}

ISO_INPUT_FORMATS = {
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S.%f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
    ],
}

FORMAT_SETTINGS = frozenset(
    [
        "DECIMAL_SEPARATOR",
        "THOUSAND_SEPARATOR",
        "NUMBER_GROUPING",
        "FIRST_DAY_OF_WEEK",
        "MONTH_DAY_FORMAT",
        "TIME_FORMAT",
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "YEAR_MONTH_FORMAT",
        "DATE_INPUT_FORMATS",
        "TIME_INPUT_FORMATS",
        "DATETIME_INPUT_FORMATS",
    ]
)


def reset_format_cache() -> None:
    """Forget cached formats (after FORMAT_MODULE_PATH, LANGUAGE_CODE or a
    format setting changes)."""
    _format_cache.clear()
    _format_modules_cache.clear()


def iter_format_modules(lang: str, format_module_path: str | list[str] | None = None) -> Iterator[Any]:
    """Yield the ``formats`` modules for ``lang``: FORMAT_MODULE_PATH's first,
    then Django's; the regional locale before its generic language."""
    if not check_for_language(lang):
        return
    if isinstance(format_module_path, str):
        format_module_path = [format_module_path]
    locations = [f"{path}.%s" for path in format_module_path or ()]
    locations.append("django.conf.locale.%s")
    locale = to_locale(lang)
    locales = [locale]
    if "_" in locale:
        locales.append(locale.split("_")[0])
    for location in locations:
        for loc in locales:
            try:
                yield import_module(f"{location % loc}.formats")
            except ImportError:
                pass


def get_format_modules(lang: str | None = None) -> list[ModuleType]:
    """The format modules for ``lang`` (default: the active language), cached."""
    settings = conf_settings()
    if lang is None:
        lang = get_language()
    path = settings.FORMAT_MODULE_PATH
    key = (lang or "", str(path))
    if key not in _format_modules_cache:
        _format_modules_cache[key] = list(iter_format_modules(lang or "", path))
    return _format_modules_cache[key]


def get_format(format_type: Any, lang: str | None = None, use_l10n: bool | None = None) -> Any:
    """The value of format setting ``format_type`` for ``lang``: the locale's
    formats module wins over settings; ISO formats are appended to input
    formats. An unknown name is returned unchanged (it is a format itself)."""
    settings = conf_settings()
    format_type = str(format_type)
    if use_l10n is None:
        use_l10n = True
    if use_l10n and lang is None:
        lang = get_language()
    # Only locale-module values are cached: settings may change (override_settings)
    # and reading them is as cheap as the cache.
    cache_key = (format_type, lang if use_l10n else None, str(settings.FORMAT_MODULE_PATH))
    try:
        return _format_cache[cache_key]
    except KeyError:
        pass
    value = None
    if use_l10n:
        for module in get_format_modules(lang):
            value = getattr(module, format_type, None)
            if value is not None:
                break
    if value is None:
        if format_type not in FORMAT_SETTINGS:
            return format_type
        return getattr(settings, format_type)
    if format_type in ISO_INPUT_FORMATS:
        value = list(value)
        value += [iso for iso in ISO_INPUT_FORMATS[format_type] if iso not in value]
    _format_cache[cache_key] = value
    return value


get_format_lazy = lazy(get_format, str, list, tuple)


def date_format(value: datetime.date, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Format a date with a named format (default DATE_FORMAT) or a format string."""
    return dateformat.format(value, get_format(format or "DATE_FORMAT", use_l10n=use_l10n))


def time_format(value: datetime.time, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Format a time with a named format (default TIME_FORMAT) or a format string."""
    return dateformat.time_format(value, get_format(format or "TIME_FORMAT", use_l10n=use_l10n))


def number_format(
    value: Any, decimal_pos: int | None = None, use_l10n: bool | None = None, force_grouping: bool = False
) -> str:
    """Format a number with the active locale's separators and grouping."""
    if use_l10n is None:
        use_l10n = True
    lang = get_language() if use_l10n else None
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR", lang, use_l10n=use_l10n),
        decimal_pos,
        get_format("NUMBER_GROUPING", lang, use_l10n=use_l10n),
        get_format("THOUSAND_SEPARATOR", lang, use_l10n=use_l10n),
        force_grouping=force_grouping,
        use_l10n=use_l10n,
    )


def localize(value: Any, use_l10n: bool | None = None) -> Any:
    """A display string for numbers, dates and times in the active locale;
    other values (and strings) are returned unchanged."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (decimal.Decimal, float, int)):
        return number_format(value, use_l10n=use_l10n)
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT", use_l10n=use_l10n)
    if isinstance(value, datetime.date):
        return date_format(value, use_l10n=use_l10n)
    if isinstance(value, datetime.time):
        return time_format(value, use_l10n=use_l10n)
    return value


def localize_input(value: Any, default: str | None = None) -> Any:
    """Like localize() but dates use the first *_INPUT_FORMATS entry so the
    result can be parsed back by a form field."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (decimal.Decimal, float, int)):
        return number_format(value)
    if isinstance(value, datetime.datetime):
        fmt = default or get_format("DATETIME_INPUT_FORMATS")[0]
        return value.strftime(sanitize_strftime_format(fmt))
    if isinstance(value, datetime.date):
        fmt = default or get_format("DATE_INPUT_FORMATS")[0]
        return value.strftime(sanitize_strftime_format(fmt))
    if isinstance(value, datetime.time):
        fmt = default or get_format("TIME_INPUT_FORMATS")[0]
        return value.strftime(fmt)
    return value


@functools.lru_cache
def sanitize_strftime_format(fmt: str) -> str:
    """Make %Y, %G, %C and %F zero-pad years below 1000 where the C library
    does not (glibc prints year 1 as '1')."""
    if datetime.date(1, 1, 1).strftime("%Y") == "0001":
        return fmt
    widths = {"C": 2, "F": 10, "G": 4, "Y": 4}
    out = []
    index = 0
    while index < len(fmt):
        char = fmt[index]
        if char == "%" and index + 1 < len(fmt):
            code = fmt[index + 1]
            out.append(f"%0{widths[code]}{code}" if code in widths else "%" + code)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def sanitize_separators(value: Any) -> Any:
    """Turn a localized number string into one Python can parse: drop
    thousand separators and use '.' for the decimal point."""
    settings = conf_settings()
    if not isinstance(value, str):
        return value
    value = value.strip()
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    whole, has_decimals, decimals = value.partition(decimal_separator)
    if settings.USE_THOUSAND_SEPARATOR:
        thousand_sep = get_format("THOUSAND_SEPARATOR")
        # "1.5" in a locale using "." for thousands was most likely meant as 1.5.
        dot_meant_as_decimal = (
            thousand_sep == "."
            and not has_decimals
            and whole.count(".") == 1
            and len(whole.split(".")[-1]) != 3
        )
        if not dot_meant_as_decimal:
            separators = {thousand_sep, unicodedata.normalize("NFKD", thousand_sep)}
            if thousand_sep and unicodedata.category(thousand_sep[0]) == "Zs":
                separators.add(" ")  # non-breaking spaces are typed as plain spaces
            for sep in separators:
                if sep:
                    whole = whole.replace(sep, "")
    return f"{whole}.{decimals}" if has_decimals else whole
