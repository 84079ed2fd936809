"""Built-in context processors: each takes the request and returns a dict for the context."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils.functional import SimpleLazyObject, lazy


def csrf(request: Any) -> dict:
    """`csrf_token` for {% csrf_token %}: the real token, or 'NOTPROVIDED'."""

    def _get_val() -> str:
        from django.middleware.csrf import get_token

        token = get_token(request)
        if token is None:
            # In case the view is exempt: the tag renders nothing rather than failing.
            return "NOTPROVIDED"
        return token

    return {"csrf_token": SimpleLazyObject(_get_val)}


def debug(request: Any) -> dict:
    """`debug` and `sql_queries` when DEBUG and the client is in INTERNAL_IPS."""
    from django.conf import settings

    context_extras: dict = {}
    if settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS:
        from django import db
        from django.db import connections

        context_extras["debug"] = True

        def get_queries() -> list:
            return list(itertools.chain.from_iterable(connections[x].queries for x in sorted(connections)))

        context_extras["sql_queries"] = lazy(get_queries, list)()
        del db
    return context_extras


def i18n(request: Any) -> dict:
    from django.conf import settings
    from django.utils import translation

    return {
        "LANGUAGES": settings.LANGUAGES,
        "LANGUAGE_CODE": translation.get_language(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }


def tz(request: Any) -> dict:
    from django.utils import timezone

    return {"TIME_ZONE": timezone.get_current_timezone_name()}


def static(request: Any) -> dict:
    from django.conf import settings

    return {"STATIC_URL": settings.STATIC_URL}


def media(request: Any) -> dict:
    from django.conf import settings

    return {"MEDIA_URL": settings.MEDIA_URL}


def request(request: Any) -> dict:
    return {"request": request}


def csp(request: Any) -> dict:
    """`csp_nonce` (6.0): the request's Content-Security-Policy nonce (set by the CSP middleware)."""
    from django.middleware.csp import get_nonce

    return {"csp_nonce": get_nonce(request)}
