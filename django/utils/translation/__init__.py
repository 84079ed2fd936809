"""Internationalization: the public translation API.

Each call is routed to ``trans_real`` (USE_I18N=True) or ``trans_null``; the
choice is made on first use and can be reset with ``_trans.reset()``.
"""

from __future__ import annotations

from contextlib import ContextDecorator
from decimal import ROUND_UP, Decimal
from typing import Any

from django.utils.functional import lazy
from django.utils.regex_helper import _lazy_re_compile

__all__ = [
    "activate",
    "deactivate",
    "override",
    "deactivate_all",
    "get_language",
    "get_language_from_request",
    "get_language_info",
    "get_language_bidi",
    "check_for_language",
    "to_language",
    "to_locale",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "LANGUAGE_SESSION_KEY",
]

LANGUAGE_SESSION_KEY = "_language"


class TranslatorCommentWarning(SyntaxWarning):
    pass


class _Trans:
    """Picks trans_real or trans_null from settings.USE_I18N on first use and
    caches each looked-up function on itself."""

    def __getattr__(self, name: str) -> Any:
        from django.conf import settings

        if settings.USE_I18N:
            from django.utils.translation import trans_real as backend
        else:
            from django.utils.translation import trans_null as backend  # type: ignore[no-redef]
        value = getattr(backend, name)
        setattr(self, name, value)
        return value

    def reset(self) -> None:
        """Forget the cached backend (after USE_I18N changes)."""
        self.__dict__.clear()


_trans = _Trans()


def gettext_noop(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def gettext(message: str) -> str:
    return _trans.gettext(message)


def ngettext(singular: str, plural: str, number: float) -> str:
    return _trans.ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    return _trans.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, number: float) -> str:
    return _trans.npgettext(context, singular, plural, number)


gettext_lazy = lazy(gettext, str)
pgettext_lazy = lazy(pgettext, str)


def _number_from(values: Any, key: str) -> Any:
    try:
        return values[key]
    except KeyError:
        raise KeyError(
            f"Your dictionary lacks key '{key}'. Please provide it, because it is required to "
            "determine whether string is singular or plural."
        )


def _lazy_number(func: Any, *args: Any, number: Any) -> Any:
    """A lazy plural string. ``number`` is an int, or a key (or None) naming
    the value supplied later through ``%`` or ``format()``."""
    if isinstance(number, int):
        return lazy(func, str)(*args, number)
    proxy_class = lazy(func, str)._proxy_class  # type: ignore[attr-defined]

    class NumberAwareString(proxy_class):  # type: ignore[valid-type, misc]
        __slots__ = ()

        def __bool__(self) -> bool:
            return bool(args[-2])

        def _for(self, count: Any) -> str:
            return func(*args, count)

        def __mod__(self, rhs: Any) -> str:
            count = _number_from(rhs, number) if isinstance(rhs, dict) and number else rhs
            translated = self._for(count)
            try:
                return translated % rhs
            except TypeError:
                # The translation has no placeholder for the value.
                return translated

        def format(self, *fargs: Any, **fkwargs: Any) -> str:
            count = _number_from(fkwargs, number) if fkwargs and number else fargs[0]
            return self._for(count).format(*fargs, **fkwargs)

    return NumberAwareString(func, (*args, 1), {})


def ngettext_lazy(singular: str, plural: str, number: Any = None) -> Any:
    return _lazy_number(ngettext, singular, plural, number=number)


def npgettext_lazy(context: str, singular: str, plural: str, number: Any = None) -> Any:
    return _lazy_number(npgettext, context, singular, plural, number=number)


def activate(language: str) -> None:
    return _trans.activate(language)


def deactivate() -> None:
    return _trans.deactivate()


class override(ContextDecorator):
    """Activate ``language`` for a block (None deactivates all translation);
    restore the previous language afterwards (or deactivate if asked)."""

    def __init__(self, language: str | None, deactivate: bool = False) -> None:
        self.language = language
        self.deactivate = deactivate

    def __enter__(self) -> None:
        self.old_language = get_language()
        if self.language is not None:
            activate(self.language)
        else:
            deactivate_all()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        if self.old_language is None:
            deactivate_all()
        elif self.deactivate:
            deactivate()
        else:
            activate(self.old_language)


def get_language() -> str | None:
    return _trans.get_language()


def get_language_bidi() -> bool:
    return _trans.get_language_bidi()


def check_for_language(lang_code: str) -> bool:
    return _trans.check_for_language(lang_code)


def to_language(locale: str) -> str:
    """'en_US' -> 'en-us'."""
    head, sep, tail = locale.partition("_")
    if sep:
        return f"{head.lower()}-{tail.lower()}"
    return locale.lower()


def to_locale(language: str) -> str:
    """'en-us' -> 'en_US', 'sr-latn' -> 'sr_Latn', 'en-us-x' -> 'en_US-x'."""
    lang, _, country = language.lower().partition("-")
    if not country:
        return language[:3].lower() + language[3:]
    country, _, tail = country.partition("-")
    country = country.title() if len(country) > 2 else country.upper()
    if tail:
        country += "-" + tail
    return f"{lang}_{country}"


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    return _trans.get_language_from_request(request, check_path)


def get_language_from_path(path: str) -> str | None:
    return _trans.get_language_from_path(path)


def get_supported_language_variant(lang_code: str, *, strict: bool = False) -> str:
    return _trans.get_supported_language_variant(lang_code, strict)


def deactivate_all() -> None:
    return _trans.deactivate_all()


def get_language_info(lang_code: str) -> dict:
    """Name, local name, bidi and translated name of a language code; a
    regional code unknown to Django falls back to its generic language."""
    from django.conf.locale import LANG_INFO

    try:
        lang_info = LANG_INFO[lang_code]
        if "fallback" in lang_info and "name" not in lang_info:
            info = get_language_info(lang_info["fallback"][0])
        else:
            info = lang_info
    except KeyError:
        if "-" not in lang_code:
            raise KeyError(f"Unknown language code {lang_code}.")
        generic = lang_code.split("-")[0]
        try:
            info = LANG_INFO[generic]
        except KeyError:
            raise KeyError(f"Unknown language code {lang_code} and {generic}.")
    info = dict(info)
    info["name_translated"] = gettext_lazy(info["name"])
    return info


_trim_whitespace_re = _lazy_re_compile(r"\s*\n\s*")


def trim_whitespace(s: str) -> str:
    """Join lines with single spaces (as {% blocktranslate trimmed %} does)."""
    return _trim_whitespace_re.sub(" ", s.strip())


def templatize(src: str, **kwargs: Any) -> str:
    """A template's translatable strings as text xgettext reads as Python (used by makemessages)."""
    from django.utils.translation.template import templatize as _templatize

    return _templatize(src, **kwargs)


def round_away_from_one(value: Any) -> int:
    """Round to an integer away from 1 (used to pick a plural for fractional numbers)."""
    return int(Decimal(value - 1).quantize(Decimal("0"), rounding=ROUND_UP)) + 1
