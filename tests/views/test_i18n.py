"""set_language: cookie, safe next URL, translation of next, 204 for non-HTML clients."""

import pytest

from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

LANGS = [("en", "English"), ("fr", "French")]


@pytest.fixture(autouse=True)
def i18n():
    with override_settings(
        USE_I18N=True, LANGUAGES=LANGS, LANGUAGE_CODE="en", ROOT_URLCONF="tests.views.urls_i18n"
    ):
        # An earlier in-process management command may have left another language active.
        with translation.override("en"):
            yield


def test_sets_cookie_and_redirects_to_next():
    response = Client().post("/i18n/setlang/", {"language": "fr", "next": "/plain/"})
    assert response.status_code == 302
    assert response.url == "/plain/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_next_is_translated_when_it_resolves():
    response = Client().post("/i18n/setlang/", {"language": "fr", "next": "/en/about/"})
    assert response.url == "/fr/about/"


def test_unsafe_next_falls_back_to_referer_then_root():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response.url == "/"
    referred = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "//evil.example/"}, headers={"Referer": "/plain/"}
    )
    assert referred.url == "/plain/"


def test_unknown_language_sets_no_cookie():
    response = Client().post("/i18n/setlang/", {"language": "xx", "next": "/plain/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_get_does_not_change_the_language():
    response = Client().get("/i18n/setlang/", {"language": "fr", "next": "/plain/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_no_next_for_non_html_client_is_204():
    response = Client().post("/i18n/setlang/", {"language": "fr"}, headers={"Accept": "application/json"})
    assert response.status_code == 204
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
