"""``i18n_patterns()``: put the active language code in front of a group of URL patterns."""

from __future__ import annotations

import functools
from typing import Any

from django.urls import LocalePrefixPattern, URLResolver, get_resolver, path


def i18n_patterns(*urls: Any, prefix_default_language: bool = True) -> list:
    """Patterns reachable under ``<language code>/`` (without it for the default language if asked)."""
    from django.conf import settings

    if not settings.USE_I18N:
        return list(urls)
    return [URLResolver(LocalePrefixPattern(prefix_default_language=prefix_default_language), list(urls))]


@functools.cache
def is_language_prefix_patterns_used(urlconf: Any) -> tuple[bool, bool]:
    """``(used, prefix_default_language)`` for the ``i18n_patterns()`` at the root of ``urlconf``."""
    for url_pattern in get_resolver(urlconf).url_patterns:
        if isinstance(url_pattern.pattern, LocalePrefixPattern):
            return True, url_pattern.pattern.prefix_default_language
    return False, False


def _urlpatterns() -> list:
    from django.views.i18n import set_language  # views sit above the URL layer

    return [path("setlang/", set_language, name="set_language")]


def __getattr__(name: str) -> Any:
    # ``include("django.conf.urls.i18n")`` reads urlpatterns; build it on first use.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
