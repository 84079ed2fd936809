"""LocaleMiddleware: language from the request, i18n_patterns redirects, Vary and Content-Language."""

from __future__ import annotations

import pytest

from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from django.utils import translation
from tests.http.factories import call_wsgi, make_environ

LANGS = [("en", "English"), ("fr", "French"), ("de", "German")]
MIDDLEWARE = ["django.middleware.locale.LocaleMiddleware", "django.middleware.common.CommonMiddleware"]


@pytest.fixture(autouse=True)
def _settings():
    with override_settings(
        ROOT_URLCONF="tests.middleware.urls_i18n",
        MIDDLEWARE=MIDDLEWARE,
        LANGUAGES=LANGS,
        LANGUAGE_CODE="en",
        USE_I18N=True,
    ):
        # Load the default language's catalog first: building another language's catalog
        # then finds its fallback cached (trans_real.translation() is not re-entrant yet).
        translation.activate("en")
        yield
    translation.deactivate()


def get(path, **headers):
    status, response_headers, body = call_wsgi(WSGIHandler(), make_environ(path=path, headers=headers))
    return status, dict(response_headers), body


def test_language_from_prefix():
    status, headers, body = get("/fr/page/")
    assert status == "200 OK" and body == b"fr"
    assert headers["Content-Language"] == "fr"
    assert "Accept-Language" not in headers.get("Vary", "")


def test_language_from_accept_language_on_unprefixed_url():
    status, headers, body = get("/plain/", **{"Accept-Language": "de-DE,de;q=0.9"})
    assert body == b"de" and headers["Content-Language"] == "de"
    assert "Accept-Language" in headers["Vary"]


def test_redirect_to_prefixed_url():
    status, headers, _ = get("/page/", **{"Accept-Language": "fr"})
    assert status.startswith("302") and headers["Location"] == "/fr/page/"
    assert "Accept-Language" in headers["Vary"] and "Cookie" in headers["Vary"]


def test_redirect_adds_slash_when_needed():
    status, headers, _ = get("/page", **{"Accept-Language": "fr"})
    assert status.startswith("302") and headers["Location"] == "/fr/page/"


def test_unknown_path_is_plain_404():
    assert get("/nowhere/")[0].startswith("404")


@override_settings(ROOT_URLCONF="tests.middleware.urls_i18n_unprefixed")
def test_default_language_unprefixed():
    assert get("/page/", **{"Accept-Language": "fr"})[2] == b"en"
    assert get("/fr/page/")[2] == b"fr"
