"""SecurityMiddleware: HSTS, HTTPS redirect, nosniff, Referrer-Policy, COOP."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.http.responseheaders import ResponseHeaders
from django.utils.deprecation import MiddlewareMixin


class SecurityMiddleware(MiddlewareMixin):
    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self.sts_seconds = settings.SECURE_HSTS_SECONDS
        self.sts_include_subdomains = settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
        self.sts_preload = settings.SECURE_HSTS_PRELOAD
        self.content_type_nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF
        self.redirect = settings.SECURE_SSL_REDIRECT
        self.redirect_host = settings.SECURE_SSL_HOST
        self.redirect_exempt = [re.compile(pattern) for pattern in settings.SECURE_REDIRECT_EXEMPT]
        self.referrer_policy = settings.SECURE_REFERRER_POLICY
        self.cross_origin_opener_policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        self._referrer_value = _referrer_header(self.referrer_policy)
        self._default_headers = self._prepare_default_headers()
        if not self.redirect:
            self._process_request = None  # nothing to do before the view: the chain skips the hook

    def _prepare_default_headers(self) -> list[tuple[str, tuple[str, str]]]:
        """The headers set on every response unless already there, checked once."""
        defaults = []
        if self.content_type_nosniff:
            defaults.append(("X-Content-Type-Options", "nosniff"))
        if self.referrer_policy:
            defaults.append(("Referrer-Policy", self._referrer_value))
        if self.cross_origin_opener_policy:
            defaults.append(("Cross-Origin-Opener-Policy", self.cross_origin_opener_policy))
        return [ResponseHeaders.prepare(name, value) for name, value in defaults]

    def process_request(self, request: Any) -> Any:
        if not self.redirect or request.is_secure():
            return None
        path = request.path.lstrip("/")
        if any(pattern.search(path) for pattern in self.redirect_exempt):
            return None
        host = self.redirect_host or request.get_host()
        return HttpResponsePermanentRedirect(f"https://{host}{request.get_full_path()}")

    def _hsts_value(self) -> str:
        value = f"max-age={self.sts_seconds}"
        if self.sts_include_subdomains:
            value += "; includeSubDomains"
        if self.sts_preload:
            value += "; preload"
        return value

    def process_response(self, request: Any, response: Any) -> Any:
        if self.sts_seconds and request.is_secure() and "Strict-Transport-Security" not in response:
            response.headers["Strict-Transport-Security"] = self._hsts_value()
        response.headers.set_defaults(self._default_headers)
        return response


def _referrer_header(policies: Any) -> str:
    """SECURE_REFERRER_POLICY (a comma-separated string or a sequence) as one header value."""
    if not policies:
        return ""
    if isinstance(policies, str):
        policies = policies.split(",")
    return ",".join(policy.strip() for policy in policies)
