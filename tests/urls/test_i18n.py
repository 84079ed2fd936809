"""i18n_patterns: the language prefix in resolve/reverse, translate_url, is_language_prefix_patterns_used."""

import pytest

from django.conf.urls.i18n import i18n_patterns, is_language_prefix_patterns_used
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import Resolver404, include, path, resolve, reverse, translate_url
from django.utils import translation

URLCONF = "tests.urls.urlconf_i18n"
LANGS = [("en", "English"), ("fr", "French"), ("de", "German")]


@pytest.fixture(autouse=True)
def i18n_settings():
    with override_settings(USE_I18N=True, LANGUAGES=LANGS, LANGUAGE_CODE="en", ROOT_URLCONF=URLCONF):
        # Load the default language's catalog first: building another language's catalog
        # loads it as a fallback, and trans_real currently deadlocks if that happens
        # inside its own (non-reentrant) lock.
        # Loaded first (see above); also, an earlier in-process management command may have
        # left another language active.
        with translation.override("en"):
            yield


def test_reverse_puts_the_active_language_in_front():
    with translation.override("fr"):
        assert reverse("about") == "/fr/about/"
        assert reverse("i18napp:detail", kwargs={"pk": 1}) == "/fr/app/1/"
    with translation.override("de"):
        assert reverse("i18n-home") == "/de/"
    assert reverse("plain") == "/plain/"


def test_resolve_needs_the_active_language_prefix():
    with translation.override("fr"):
        match = resolve("/fr/about/")
        assert match.url_name == "about"
        assert match.route == "fr/about/"
        with pytest.raises(Resolver404):
            resolve("/de/about/")
    with translation.override("de"):
        assert resolve("/de/app/2/").kwargs == {"pk": 2}


def test_default_language_without_prefix():
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_i18n_noprefix"):
        with translation.override("en"):
            assert reverse("page") == "/page/"
            assert resolve("/page/").url_name == "page"
        with translation.override("fr"):
            assert reverse("page") == "/fr/page/"


def test_translate_url():
    with translation.override("en"):
        assert translate_url("/en/about/", "fr") == "/fr/about/"
        assert translate_url("/en/app/3/?x=1#frag", "de") == "/de/app/3/?x=1#frag"
        assert translate_url("/nowhere/", "fr") == "/nowhere/"


def test_is_language_prefix_patterns_used():
    assert is_language_prefix_patterns_used(URLCONF) == (True, True)
    assert is_language_prefix_patterns_used("tests.urls.urlconf_i18n_noprefix") == (True, False)
    assert is_language_prefix_patterns_used("tests.urls.urlconf_main") == (False, False)


def test_i18n_patterns_without_use_i18n_is_a_plain_list():
    with override_settings(USE_I18N=False):
        patterns = i18n_patterns(path("x/", lambda r: None))
        assert len(patterns) == 1 and str(patterns[0].pattern) == "x/"


def test_i18n_patterns_inside_include_is_refused():
    with pytest.raises(
        ImproperlyConfigured, match="Using i18n_patterns in an included URLconf is not allowed."
    ):
        include(i18n_patterns(path("x/", lambda r: None)))
