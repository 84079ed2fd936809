"""The built-in checks: security (deploy), caches, files and translation."""

from __future__ import annotations

import pytest

from django.conf import settings
from django.core.checks import async_checks, caches, files, translation
from django.core.checks.security import base, csrf, sessions

MISSING = object()


@pytest.fixture
def configure():
    """Set settings for one test and restore them afterwards."""
    saved = {}

    def apply(**values):
        for name, value in values.items():
            saved.setdefault(name, getattr(settings._wrapped, name, MISSING))
            setattr(settings, name, value)

    yield apply
    for name, value in saved.items():
        if value is MISSING:
            delattr(settings, name)
        else:
            setattr(settings, name, value)


def ids(messages):
    return [message.id for message in messages]


SECURE = "django.middleware.security.SecurityMiddleware"
CLICKJACK = "django.middleware.clickjacking.XFrameOptionsMiddleware"
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
STRONG_KEY = "k" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"


def test_missing_security_and_clickjacking_middleware(configure):
    configure(MIDDLEWARE=[])
    assert ids(base.check_security_middleware(None)) == ["security.W001"]
    assert ids(base.check_xframe_options_middleware(None)) == ["security.W002"]
    assert ids(csrf.check_csrf_middleware(None)) == ["security.W003"]
    configure(MIDDLEWARE=[SECURE, CLICKJACK, CSRF])
    assert base.check_security_middleware(None) == []
    assert base.check_xframe_options_middleware(None) == []
    assert csrf.check_csrf_middleware(None) == []


def test_hsts_checks_follow_the_settings(configure):
    configure(MIDDLEWARE=[SECURE], SECURE_HSTS_SECONDS=0)
    assert ids(base.check_sts(None)) == ["security.W004"]
    assert base.check_sts_include_subdomains(None) == []  # only relevant once HSTS is on
    configure(SECURE_HSTS_SECONDS=3600, SECURE_HSTS_INCLUDE_SUBDOMAINS=False, SECURE_HSTS_PRELOAD=False)
    assert base.check_sts(None) == []
    assert ids(base.check_sts_include_subdomains(None)) == ["security.W005"]
    assert ids(base.check_sts_preload(None)) == ["security.W021"]


def test_nosniff_and_ssl_redirect(configure):
    configure(MIDDLEWARE=[SECURE], SECURE_CONTENT_TYPE_NOSNIFF=False, SECURE_SSL_REDIRECT=False)
    assert ids(base.check_content_type_nosniff(None)) == ["security.W006"]
    assert ids(base.check_ssl_redirect(None)) == ["security.W008"]
    configure(SECURE_CONTENT_TYPE_NOSNIFF=True, SECURE_SSL_REDIRECT=True)
    assert base.check_content_type_nosniff(None) == [] and base.check_ssl_redirect(None) == []


@pytest.mark.parametrize(
    "key",
    ["short", "a" * 60, "django-insecure-" + STRONG_KEY],
    ids=["too-short", "too-few-unique", "insecure-prefix"],
)
def test_weak_secret_keys_are_reported(configure, key):
    configure(SECRET_KEY=key)
    assert ids(base.check_secret_key(None)) == ["security.W009"]


def test_strong_secret_key_and_fallbacks(configure):
    configure(SECRET_KEY=STRONG_KEY, SECRET_KEY_FALLBACKS=[STRONG_KEY, "weak"])
    assert base.check_secret_key(None) == []
    messages = base.check_secret_key_fallbacks(None)
    assert ids(messages) == ["security.W025"]
    assert "SECRET_KEY_FALLBACKS[1]" in messages[0].msg


def test_debug_allowed_hosts_and_x_frame_options(configure):
    configure(DEBUG=True, ALLOWED_HOSTS=[], MIDDLEWARE=[CLICKJACK], X_FRAME_OPTIONS="SAMEORIGIN")
    assert ids(base.check_debug(None)) == ["security.W018"]
    assert ids(base.check_allowed_hosts(None)) == ["security.W020"]
    assert ids(base.check_xframe_deny(None)) == ["security.W019"]


def test_referrer_and_opener_policies(configure):
    configure(MIDDLEWARE=[SECURE], SECURE_REFERRER_POLICY=None)
    assert ids(base.check_referrer_policy(None)) == ["security.W022"]
    configure(SECURE_REFERRER_POLICY="no-referrer, strict-origin")
    assert base.check_referrer_policy(None) == []
    configure(SECURE_REFERRER_POLICY="sometimes")
    assert ids(base.check_referrer_policy(None)) == ["security.E023"]
    configure(SECURE_CROSS_ORIGIN_OPENER_POLICY="bogus")
    assert ids(base.check_cross_origin_opener_policy(None)) == ["security.E024"]


def test_csrf_cookie_secure(configure):
    configure(MIDDLEWARE=[CSRF], CSRF_COOKIE_SECURE=False, CSRF_USE_SESSIONS=False)
    assert ids(csrf.check_csrf_cookie_secure(None)) == ["security.W016"]
    configure(CSRF_USE_SESSIONS=True)
    assert csrf.check_csrf_cookie_secure(None) == []


def test_csrf_failure_view_must_import(configure):
    configure(CSRF_FAILURE_VIEW="no.such.module.view")
    assert ids(csrf.check_csrf_failure_view(None)) == ["security.E102"]
    configure(CSRF_FAILURE_VIEW="tests.core.checks.views.view_without_reason")
    assert ids(csrf.check_csrf_failure_view(None)) == ["security.E101"]
    configure(CSRF_FAILURE_VIEW="tests.core.checks.views.good_failure_view")
    assert csrf.check_csrf_failure_view(None) == []


def test_session_cookie_flags(configure):
    app = "django.contrib.sessions"
    middleware = "django.contrib.sessions.middleware.SessionMiddleware"
    configure(SESSION_COOKIE_SECURE=False, SESSION_COOKIE_HTTPONLY=False, INSTALLED_APPS=[app], MIDDLEWARE=[])
    assert ids(sessions.check_session_cookie_secure(None)) == ["security.W010"]
    assert ids(sessions.check_session_cookie_httponly(None)) == ["security.W013"]
    configure(INSTALLED_APPS=[], MIDDLEWARE=[middleware])
    assert ids(sessions.check_session_cookie_secure(None)) == ["security.W011"]
    configure(INSTALLED_APPS=[app])
    assert ids(sessions.check_session_cookie_secure(None)) == ["security.W012"]
    assert ids(sessions.check_session_cookie_httponly(None)) == ["security.W015"]
    configure(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)
    assert sessions.check_session_cookie_secure(None) == []


def test_async_unsafe_env_var_in_deployment(monkeypatch):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    assert async_checks.check_async_unsafe(None) == []
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    assert ids(async_checks.check_async_unsafe(None)) == ["async.E001"]


def test_default_cache_required(configure):
    configure(CACHES={"other": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
    assert ids(caches.check_default_cache_is_configured(None)) == ["caches.E001"]


def test_file_cache_location_checks(configure, tmp_path):
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    configure(
        CACHES={"default": {"BACKEND": backend, "LOCATION": str(tmp_path / "media" / "cache")}},
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    messages = caches.check_cache_location_not_exposed(None)
    assert ids(messages) == ["caches.W002"] and "MEDIA_ROOT" in messages[0].msg
    configure(CACHES={"default": {"BACKEND": backend, "LOCATION": "relative/cache"}})
    assert ids(caches.check_file_based_cache_is_absolute(None)) == ["caches.W003"]


def test_upload_temp_dir_must_exist(configure, tmp_path):
    configure(FILE_UPLOAD_TEMP_DIR=str(tmp_path / "missing"))
    assert ids(files.check_setting_file_upload_temp_dir(None)) == ["files.E001"]
    configure(FILE_UPLOAD_TEMP_DIR=str(tmp_path))
    assert files.check_setting_file_upload_temp_dir(None) == []


def test_language_settings(configure):
    configure(LANGUAGE_CODE="en us")
    assert ids(translation.check_setting_language_code(None)) == ["translation.E001"]
    configure(LANGUAGE_CODE="de-at", LANGUAGES=[("de", "German"), ("bad code", "x")], LANGUAGES_BIDI=["@@"])
    assert ids(translation.check_setting_languages(None)) == ["translation.E002"]
    assert ids(translation.check_setting_languages_bidi(None)) == ["translation.E003"]
    assert translation.check_language_settings_consistent(None) == []  # "de" covers "de-at"
    configure(LANGUAGE_CODE="fr")
    assert ids(translation.check_language_settings_consistent(None)) == ["translation.E004"]


def test_session_warning_names_where_sessions_are_enabled(configure):
    configure(
        SESSION_COOKIE_SECURE=False,
        INSTALLED_APPS=["django.contrib.sessions"],
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
    )
    (message,) = sessions.check_session_cookie_secure(None)
    assert message.msg.startswith(
        "You have 'django.contrib.sessions' in your INSTALLED_APPS and "
        "'django.contrib.sessions.middleware.SessionMiddleware' in your MIDDLEWARE, but you have not set "
        "SESSION_COOKIE_SECURE to True."
    )
    assert message.hint is None
