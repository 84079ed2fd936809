"""ContentSecurityPolicyMiddleware and the csp view decorators (Django 6.0)."""

from __future__ import annotations

from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.test import override_settings
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override, csp_report_only_override
from tests.http.factories import wsgi_request

POLICY = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]}


def run(view):
    request = wsgi_request()
    return ContentSecurityPolicyMiddleware(view)(request), request


def plain(request):
    return HttpResponse("ok")


@override_settings(SECURE_CSP=POLICY, SECURE_CSP_REPORT_ONLY={"default-src": [CSP.NONE]})
def test_headers_from_settings_and_unused_nonce_dropped():
    response, _ = run(plain)
    assert response["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"


@override_settings(SECURE_CSP=POLICY)
def test_nonce_used_in_page_is_in_header():
    def view(request):
        return HttpResponse(f'<script nonce="{get_nonce(request)}"></script>')

    response, request = run(view)
    nonce = str(get_nonce(request))
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert nonce in response.text


def test_no_settings_no_headers():
    response, _ = run(plain)
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy-Report-Only" not in response


@override_settings(SECURE_CSP=POLICY)
def test_existing_header_is_kept():
    def view(request):
        return HttpResponse(headers={"Content-Security-Policy": "default-src *"})

    assert run(view)[0]["Content-Security-Policy"] == "default-src *"


@override_settings(SECURE_CSP=POLICY)
def test_decorator_overrides_and_empty_disables():
    response, _ = run(csp_override({"img-src": ["https:"]})(plain))
    assert response["Content-Security-Policy"] == "img-src https:"
    response, _ = run(csp_override({})(plain))
    assert "Content-Security-Policy" not in response
    response, _ = run(csp_report_only_override({"default-src": [CSP.SELF]})(plain))
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'self'"
    assert "Content-Security-Policy" in response


def test_nonce_is_per_request():
    a, b = wsgi_request(), wsgi_request()
    mw = ContentSecurityPolicyMiddleware(plain)
    mw.process_request(a)
    mw.process_request(b)
    assert str(get_nonce(a)) != str(get_nonce(b))
    assert get_nonce(wsgi_request()) is None
