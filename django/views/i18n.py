"""Language views: ``set_language`` (the language switcher form's target)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language

LANGUAGE_QUERY_PARAMETER = "language"


def _safe_next(request: Any, url: str | None) -> bool:
    return url_has_allowed_host_and_scheme(
        url=url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def set_language(request: Any) -> HttpResponse:
    """Store the POSTed ``language`` in the language cookie and redirect to ``next``.

    ``next`` (POST or GET) must be a safe URL on this host, else the Referer is used,
    else ``/``; it is translated to the new language when it resolves. Without a
    ``next`` and for clients that do not want HTML the answer is 204.
    """
    next_url = request.POST.get("next", request.GET.get("next"))
    if (next_url or request.accepts("text/html")) and not _safe_next(request, next_url):
        next_url = request.META.get("HTTP_REFERER")
        if not _safe_next(request, next_url):
            next_url = "/"
    response: HttpResponse = HttpResponseRedirect(next_url) if next_url else HttpResponse(status=204)
    if request.method != "POST":
        return response
    lang_code = request.POST.get(LANGUAGE_QUERY_PARAMETER)
    if not (lang_code and check_for_language(lang_code)):
        return response
    if next_url:
        translated = translate_url(next_url, lang_code)
        if translated != next_url:
            response = HttpResponseRedirect(translated)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang_code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def __getattr__(name: str) -> Any:
    # The catalog views pull in the app registry and formats; load them when used.
    if name in {"JavaScriptCatalog", "JSONCatalog", "get_formats"}:
        from django.views import _i18n_catalog

        return getattr(_i18n_catalog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
