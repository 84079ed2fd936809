"""Translation when USE_I18N = False: messages come back as written."""

from __future__ import annotations

from typing import Any

from django.utils.translation import to_language, to_locale  # noqa: F401  (part of the backend API)


def _settings() -> Any:
    from django.conf import settings

    return settings


def gettext(message: str) -> str:
    return message


gettext_noop = gettext


def ngettext(singular: str, plural: str, number: float) -> str:
    return singular if number == 1 else plural


def pgettext(context: str, message: str) -> str:
    return gettext(message)


def npgettext(context: str, singular: str, plural: str, number: float) -> str:
    return ngettext(singular, plural, number)


def activate(language: str) -> None:
    return None


def deactivate() -> None:
    return None


deactivate_all = deactivate


def get_language() -> str:
    return _settings().LANGUAGE_CODE


def get_language_bidi() -> bool:
    settings = _settings()
    return settings.LANGUAGE_CODE in settings.LANGUAGES_BIDI


def check_for_language(lang_code: str) -> bool:
    return True


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    return _settings().LANGUAGE_CODE


def get_language_from_path(path: str, strict: bool = False) -> None:
    return None


def get_supported_language_variant(lang_code: str, strict: bool = False) -> str:
    if lang_code and lang_code.lower() == _settings().LANGUAGE_CODE.lower():
        return lang_code
    raise LookupError(lang_code)


def catalog() -> None:
    return None
