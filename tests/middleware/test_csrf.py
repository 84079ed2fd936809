"""CsrfViewMiddleware, tokens and the failure view."""

from __future__ import annotations

import logging

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_SESSION_KEY,
    CsrfViewMiddleware,
    _does_token_match,
    _mask_cipher_secret,
    _unmask_cipher_token,
    get_token,
    rotate_token,
)
from django.test import override_settings
from django.views.decorators.csrf import csrf_exempt, csrf_protect, ensure_csrf_cookie, requires_csrf_token
from tests.http.factories import form_post, wsgi_request

SECRET = "A" * 16 + "b" * 16


def view(request):
    return HttpResponse("ok")


def process(request, callback=view):
    """Run the middleware the way the handler does; return the final response."""
    mw = CsrfViewMiddleware(lambda r: callback(r))
    mw.process_request(request)
    response = mw.process_view(request, callback, (), {})
    if response is None:
        response = callback(request)
    return mw.process_response(request, response)


def post(data=None, cookie=SECRET, **kwargs):
    headers = kwargs.pop("headers", {})
    if cookie is not None:
        headers["Cookie"] = f"csrftoken={cookie}"
    return form_post(data or {}, headers=headers, **kwargs)


def test_mask_round_trip_and_randomness():
    a, b = _mask_cipher_secret(SECRET), _mask_cipher_secret(SECRET)
    assert a != b and len(a) == 64
    assert _unmask_cipher_token(a) == SECRET == _unmask_cipher_token(b)
    assert _does_token_match(a, SECRET) and _does_token_match(SECRET, SECRET)
    assert not _does_token_match(_mask_cipher_secret("c" * 32), SECRET)


def test_safe_methods_pass():
    for method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        assert process(wsgi_request(method)).status_code == 200


def test_post_with_masked_token_in_form():
    assert process(post({"csrfmiddlewaretoken": _mask_cipher_secret(SECRET)})).status_code == 200


def test_post_with_unmasked_token_in_header():
    assert process(post(headers={"X-CSRFToken": SECRET})).status_code == 200


@override_settings(CSRF_HEADER_NAME="HTTP_X_XSRF")
def test_custom_header_name():
    assert process(post(headers={"X-XSRF": SECRET})).status_code == 200


@pytest.mark.parametrize(
    "kwargs,reason",
    [
        ({"cookie": None, "data": {"csrfmiddlewaretoken": SECRET}}, "CSRF cookie not set."),
        ({}, "CSRF token missing."),
        ({"data": {"csrfmiddlewaretoken": "x" * 32}}, "CSRF token from POST incorrect."),
        ({"data": {"csrfmiddlewaretoken": "short"}}, "CSRF token from POST has incorrect length."),
        ({"data": {"csrfmiddlewaretoken": "!" * 32}}, "CSRF token from POST has invalid characters."),
        ({"headers": {"X-CSRFToken": "y" * 64}}, "CSRF token from the 'X-Csrftoken' HTTP header incorrect."),
        ({"cookie": "bad!", "data": {"csrfmiddlewaretoken": SECRET}}, "CSRF cookie has incorrect length."),
    ],
)
def test_rejections_with_reasons(kwargs, reason, caplog):
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = process(post(**kwargs))
    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content
    assert caplog.records[-1].getMessage() == f"Forbidden ({reason}): /"


@override_settings(DEBUG=True)
def test_failure_view_shows_reason_in_debug():
    response = process(post())
    assert b"CSRF token missing." in response.content


class TestOrigin:
    def test_matching_origin(self):
        request = post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": "http://testserver"})
        assert process(request).status_code == 200

    def test_foreign_origin_rejected(self):
        request = post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": "http://evil.com"})
        response = process(request)
        assert response.status_code == 403

    def test_https_origin_for_http_request_rejected(self):
        request = post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": "https://testserver"})
        assert process(request).status_code == 403

    @override_settings(CSRF_TRUSTED_ORIGINS=["https://trusted.com", "https://*.example.com"])
    def test_trusted_origins(self):
        for origin, ok in [
            ("https://trusted.com", True),
            ("https://a.example.com", True),
            ("https://example.com", True),
            ("http://a.example.com", False),
            ("https://a.trusted.com", False),
        ]:
            request = post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": origin})
            assert (process(request).status_code == 200) is ok, origin

    def test_malformed_origin_is_rejected_not_500(self):
        request = post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": "http://[bad"})
        assert process(request).status_code == 403


class TestReferer:
    def secure_post(self, referer=None, **kwargs):
        headers = {"Referer": referer} if referer is not None else {}
        return post(
            {"csrfmiddlewaretoken": SECRET}, headers=headers, **{"wsgi.url_scheme": "https"}, **kwargs
        )

    def test_same_host_referer(self):
        assert process(self.secure_post("https://testserver/form/")).status_code == 200

    @pytest.mark.parametrize(
        "referer",
        [None, "http://testserver/", "https://evil.com/", "not a url", "https://", "https://[bad/"],
    )
    def test_bad_referers(self, referer):
        assert process(self.secure_post(referer)).status_code == 403

    @override_settings(CSRF_TRUSTED_ORIGINS=["https://*.partner.com"])
    def test_trusted_referer(self):
        assert process(self.secure_post("https://app.partner.com/x")).status_code == 200

    @override_settings(CSRF_COOKIE_DOMAIN=".example.org")
    def test_cookie_domain_allows_subdomains(self):
        request = self.secure_post("https://www.example.org/")
        request.META["HTTP_HOST"] = "api.example.org"
        assert process(request).status_code == 200


class TestCookie:
    def test_get_token_sets_cookie(self):
        def token_view(request):
            return HttpResponse(get_token(request))

        response = process(wsgi_request(), token_view)
        cookie = response.cookies["csrftoken"]
        assert len(cookie.value) == 32
        assert _unmask_cipher_token(response.content.decode()) == cookie.value
        assert cookie["samesite"] == "Lax" and cookie["path"] == "/"
        assert "Cookie" in response["Vary"]

    def test_existing_cookie_is_reused(self):
        def token_view(request):
            return HttpResponse(get_token(request))

        response = process(wsgi_request(headers={"Cookie": f"csrftoken={SECRET}"}), token_view)
        assert _unmask_cipher_token(response.content.decode()) == SECRET

    def test_no_cookie_without_token_use(self):
        assert "csrftoken" not in process(wsgi_request()).cookies

    def test_invalid_cookie_is_replaced(self):
        def token_view(request):
            return HttpResponse(get_token(request))

        response = process(wsgi_request(headers={"Cookie": "csrftoken=!!!"}), token_view)
        assert response.cookies["csrftoken"].value != "!!!"

    def test_old_masked_cookie_still_works(self):
        masked = _mask_cipher_secret(SECRET)
        assert process(post({"csrfmiddlewaretoken": SECRET}, cookie=masked)).status_code == 200

    def test_rotate_token(self):
        request = wsgi_request(headers={"Cookie": f"csrftoken={SECRET}"})
        CsrfViewMiddleware(view).process_request(request)
        rotate_token(request)
        assert request.META["CSRF_COOKIE"] != SECRET and request.META["CSRF_COOKIE_NEEDS_UPDATE"]

    @override_settings(
        CSRF_COOKIE_NAME="xsrf",
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_HTTPONLY=True,
        CSRF_COOKIE_DOMAIN=".example.com",
    )
    def test_cookie_settings(self):
        def token_view(request):
            get_token(request)
            return HttpResponse()

        morsel = process(wsgi_request(), token_view).cookies["xsrf"]
        assert morsel["secure"] and morsel["httponly"] and morsel["domain"] == ".example.com"


class FakeSession(dict):
    pass


@override_settings(CSRF_USE_SESSIONS=True)
class TestSessions:
    def test_token_stored_in_session(self):
        request = wsgi_request()
        request.session = FakeSession()

        def token_view(request):
            get_token(request)
            return HttpResponse()

        response = process(request, token_view)
        assert len(request.session[CSRF_SESSION_KEY]) == 32 and not response.cookies

    def test_post_checked_against_session(self):
        request = post({"csrfmiddlewaretoken": _mask_cipher_secret(SECRET)}, cookie=None)
        request.session = FakeSession({CSRF_SESSION_KEY: SECRET})
        assert process(request).status_code == 200

    def test_without_session_middleware(self):
        with pytest.raises(ImproperlyConfigured, match="SessionMiddleware must appear before"):
            process(post())


@override_settings(CSRF_FAILURE_VIEW="tests.middleware.test_csrf.custom_failure")
def test_custom_failure_view():
    response = process(post())
    assert response.status_code == 403 and response.content == b"custom: CSRF token missing."


def custom_failure(request, reason=""):
    return HttpResponse(f"custom: {reason}", status=403)


class TestDecorators:
    def test_csrf_exempt_skips_check(self):
        exempt = csrf_exempt(view)
        assert exempt.csrf_exempt
        assert process(post(), exempt).status_code == 200

    def test_csrf_protect(self):
        protected = csrf_protect(view)
        assert protected(post()).status_code == 403
        assert protected(post({"csrfmiddlewaretoken": SECRET})).status_code == 200

    def test_requires_csrf_token_never_rejects_but_provides_token(self):
        @requires_csrf_token
        def v(request):
            return HttpResponse(get_token(request))

        response = v(post())
        assert response.status_code == 200 and len(response.content) == 64

    def test_ensure_csrf_cookie(self):
        response = ensure_csrf_cookie(view)(wsgi_request())
        assert "csrftoken" in response.cookies

    def test_async_views_keep_working(self):
        from asgiref.sync import async_to_sync, iscoroutinefunction

        async def async_view(request):
            return HttpResponse("async")

        wrapped = csrf_exempt(async_view)
        assert iscoroutinefunction(wrapped) and wrapped.csrf_exempt
        assert async_to_sync(csrf_protect(async_view))(post()).status_code == 403


def test_already_processed_request_is_not_rechecked():
    request = post()
    request.csrf_processing_done = True
    assert process(request).status_code == 200


def test_dont_enforce_flag():
    request = post()
    request._dont_enforce_csrf_checks = True
    assert process(request).status_code == 200
