"""SecurityMiddleware and XFrameOptionsMiddleware."""

from __future__ import annotations

import pytest

from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.test import override_settings
from tests.http.factories import wsgi_request


def run(mw_class, request=None, response=None):
    response = response if response is not None else HttpResponse("ok")
    return mw_class(lambda r: response)(request or wsgi_request())


def secure_request(**kw):
    return wsgi_request(**{"wsgi.url_scheme": "https"}, **kw)


class TestHsts:
    @override_settings(SECURE_HSTS_SECONDS=3600)
    def test_only_on_secure_requests(self):
        assert run(SecurityMiddleware, secure_request())["Strict-Transport-Security"] == "max-age=3600"
        assert "Strict-Transport-Security" not in run(SecurityMiddleware)

    @override_settings(SECURE_HSTS_SECONDS=60, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
    def test_subdomains_and_preload(self):
        value = run(SecurityMiddleware, secure_request())["Strict-Transport-Security"]
        assert value == "max-age=60; includeSubDomains; preload"

    @override_settings(SECURE_HSTS_SECONDS=60)
    def test_existing_header_kept(self):
        response = HttpResponse(headers={"Strict-Transport-Security": "max-age=1"})
        assert run(SecurityMiddleware, secure_request(), response)["Strict-Transport-Security"] == "max-age=1"


class TestSslRedirect:
    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_redirects_insecure_requests_permanently(self):
        response = run(SecurityMiddleware, wsgi_request(path="/a/", query="b=1"))
        assert response.status_code == 301 and response.url == "https://testserver/a/?b=1"
        assert run(SecurityMiddleware, secure_request()).status_code == 200

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_SSL_HOST="secure.example.com")
    def test_ssl_host(self):
        assert run(SecurityMiddleware, wsgi_request(path="/x/")).url == "https://secure.example.com/x/"

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^health/"])
    def test_exempt_paths(self):
        assert run(SecurityMiddleware, wsgi_request(path="/health/check")).status_code == 200


class TestOtherHeaders:
    def test_defaults(self):
        response = run(SecurityMiddleware)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    @override_settings(
        SECURE_CONTENT_TYPE_NOSNIFF=False, SECURE_REFERRER_POLICY=None, SECURE_CROSS_ORIGIN_OPENER_POLICY=None
    )
    def test_disabled(self):
        response = run(SecurityMiddleware)
        for header in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
            assert header not in response

    @pytest.mark.parametrize(
        "policy",
        ["no-referrer, strict-origin", ["no-referrer", "strict-origin"], ("no-referrer", "strict-origin")],
    )
    def test_referrer_policy_list_forms(self, policy):
        with override_settings(SECURE_REFERRER_POLICY=policy):
            assert run(SecurityMiddleware)["Referrer-Policy"] == "no-referrer,strict-origin"

    def test_existing_headers_are_not_overwritten(self):
        response = HttpResponse(headers={"Referrer-Policy": "unsafe-url", "X-Content-Type-Options": "custom"})
        out = run(SecurityMiddleware, response=response)
        assert out["Referrer-Policy"] == "unsafe-url" and out["X-Content-Type-Options"] == "custom"


class TestXFrameOptions:
    def test_default_deny(self):
        assert run(XFrameOptionsMiddleware)["X-Frame-Options"] == "DENY"

    @override_settings(X_FRAME_OPTIONS="sameorigin")
    def test_setting(self):
        assert run(XFrameOptionsMiddleware)["X-Frame-Options"] == "SAMEORIGIN"

    def test_exempt_and_existing(self):
        exempt = HttpResponse()
        exempt.xframe_options_exempt = True
        assert "X-Frame-Options" not in run(XFrameOptionsMiddleware, response=exempt)
        preset = HttpResponse(headers={"X-Frame-Options": "SAMEORIGIN"})
        assert run(XFrameOptionsMiddleware, response=preset)["X-Frame-Options"] == "SAMEORIGIN"

    def test_override_hook(self):
        class Custom(XFrameOptionsMiddleware):
            def get_xframe_options_value(self, request, response):
                return "SAMEORIGIN"

        assert run(Custom)["X-Frame-Options"] == "SAMEORIGIN"


class TestOpenRedirects:
    """Redirects built from the Host header only ever use validated hosts."""

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_ssl_redirect_refuses_unknown_host(self):
        from django.core.exceptions import DisallowedHost

        with pytest.raises(DisallowedHost):
            run(SecurityMiddleware, wsgi_request(headers={"Host": "evil.com"}))

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_ssl_redirect_through_handler_is_400(self):
        from django.core.handlers.wsgi import WSGIHandler
        from tests.http.factories import call_wsgi, make_environ

        with override_settings(
            MIDDLEWARE=["django.middleware.security.SecurityMiddleware"], ROOT_URLCONF="tests.middleware.urls"
        ):
            status, headers, _ = call_wsgi(
                WSGIHandler(), make_environ(path="/slash/", headers={"Host": "evil.com"})
            )
        assert status == "400 Bad Request" and "Location" not in dict(headers)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_ssl_redirect_keeps_path_on_same_host(self):
        response = run(SecurityMiddleware, wsgi_request(path="//evil.com/x"))
        assert response.url.startswith("https://testserver/")
