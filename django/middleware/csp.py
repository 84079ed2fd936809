"""ContentSecurityPolicyMiddleware (Django 6.0): CSP headers from SECURE_CSP settings, with nonces."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.deprecation import MiddlewareMixin

_UNSET = object()


def get_nonce(request: Any) -> Any:
    """The request's lazy nonce (None when the middleware is not installed)."""
    return getattr(request, "_csp_nonce", None)


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    def process_request(self, request: Any) -> None:
        from django.utils.csp import LazyNonce

        request._csp_nonce = LazyNonce()

    def process_response(self, request: Any, response: Any) -> Any:
        from django.utils.csp import CSP, build_policy

        # A nonce nobody used is not generated, and so stays out of the header.
        nonce = get_nonce(request) or None
        enforced: Any = getattr(response, "_csp_config", _UNSET)
        report_only: Any = getattr(response, "_csp_ro_config", _UNSET)
        if enforced is _UNSET:
            enforced = settings.SECURE_CSP
        if report_only is _UNSET:
            report_only = settings.SECURE_CSP_REPORT_ONLY
        for header, config in ((CSP.HEADER_ENFORCE, enforced), (CSP.HEADER_REPORT_ONLY, report_only)):
            # A header already set (by the view or another layer) is left alone; an empty config sets none.
            if config and str(header) not in response:
                response.headers[str(header)] = build_policy(config, nonce)
        return response
