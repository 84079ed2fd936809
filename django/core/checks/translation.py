"""Checks of LANGUAGE_CODE, LANGUAGES and LANGUAGES_BIDI."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.checks.messages import Error
from django.core.checks.registry import Tags, register

# A language tag as Django accepts it: "en", "pt-br", "sr-latn", "de-at@euro"...
LANGUAGE_CODE_RE = re.compile(r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$", re.IGNORECASE)


def _is_valid(code: Any) -> bool:
    return isinstance(code, str) and bool(LANGUAGE_CODE_RE.match(code))


@register(Tags.translation)
def check_setting_language_code(app_configs: Any, **kwargs: Any) -> list[Error]:
    code = settings.LANGUAGE_CODE
    if _is_valid(code):
        return []
    return [
        Error(
            f"You have provided an invalid value for the LANGUAGE_CODE setting: {code!r}.",
            id="translation.E001",
        )
    ]


@register(Tags.translation)
def check_setting_languages(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"You have provided an invalid language code in the LANGUAGES setting: {code!r}.",
            id="translation.E002",
        )
        for code, _ in settings.LANGUAGES
        if not _is_valid(code)
    ]


@register(Tags.translation)
def check_setting_languages_bidi(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"You have provided an invalid language code in the LANGUAGES_BIDI setting: {code!r}.",
            id="translation.E003",
        )
        for code in settings.LANGUAGES_BIDI
        if not _is_valid(code)
    ]


@register(Tags.translation)
def check_language_settings_consistent(app_configs: Any, **kwargs: Any) -> list[Error]:
    """LANGUAGE_CODE (or its generic form, "de" for "de-at") must be one of LANGUAGES."""
    code = settings.LANGUAGE_CODE
    if not _is_valid(code):
        return []  # already reported as translation.E001
    available = {language.lower() for language, _ in settings.LANGUAGES}
    code = code.lower()
    generic = code.split("-")[0]
    if code in available or generic in available or any(lang.startswith(generic + "-") for lang in available):
        return []
    return [
        Error(
            "You have provided a value for the LANGUAGE_CODE setting that is not in the LANGUAGES setting.",
            id="translation.E004",
        )
    ]
