"""CommonMiddleware (user agents, PREPEND_WWW, APPEND_SLASH, Content-Length) and broken-link mails."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponsePermanentRedirect
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import escape_leading_slashes


class CommonMiddleware(MiddlewareMixin):
    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request: Any) -> Any:
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for pattern in settings.DISALLOWED_USER_AGENTS:
                if re.search(pattern, user_agent) if isinstance(pattern, str) else pattern.search(user_agent):
                    raise PermissionDenied("Forbidden user agent")
        # get_host() validates ALLOWED_HOSTS (DisallowedHost -> 400) for every request.
        host = request.get_host()
        if settings.PREPEND_WWW and host and not host.startswith("www."):
            if self.should_redirect_with_slash(request):
                path = self.get_full_path_with_slash(request)
            else:
                path = request.get_full_path()
            return self.response_redirect_class(f"{request.scheme}://www.{host}{path}")
        return None

    def should_redirect_with_slash(self, request: Any) -> bool:
        """True if the path misses a final slash and only the slashed path resolves."""
        if not settings.APPEND_SLASH or request.path_info.endswith("/"):
            return False
        from django.urls import is_valid_path

        urlconf = getattr(request, "urlconf", None)
        if is_valid_path(request.path_info, urlconf):
            return False
        match = is_valid_path(f"{request.path_info}/", urlconf)
        if not match:
            return False
        view = getattr(match, "func", None)
        return getattr(view, "should_append_slash", True)

    def get_full_path_with_slash(self, request: Any) -> str:
        """The full path with a slash added; refuses (in DEBUG) to lose POST data in a redirect."""
        new_path = escape_leading_slashes(request.get_full_path(force_append_slash=True))
        if settings.DEBUG and request.method in ("POST", "PUT", "PATCH"):
            raise RuntimeError(
                f"You called this URL via {request.method}, but the URL doesn't end in a slash and you "
                f"have APPEND_SLASH set. Django can't redirect to the slash URL while maintaining "
                f"{request.method} data. Change your form to point to {request.get_host()}{new_path} "
                "(note the trailing slash), or set APPEND_SLASH=False in your Django settings."
            )
        return new_path

    def process_response(self, request: Any, response: Any) -> Any:
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            return self.response_redirect_class(self.get_full_path_with_slash(request))
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response


class BrokenLinkEmailsMiddleware(MiddlewareMixin):
    """Mail MANAGERS about 404s that a referring page links to (when DEBUG is off)."""

    def process_response(self, request: Any, response: Any) -> Any:
        if response.status_code != 404 or settings.DEBUG:
            return response
        domain = request.get_host()
        path = request.get_full_path()
        referer = request.META.get("HTTP_REFERER", "")
        if not self.is_ignorable_request(request, path, domain, referer):
            from django.core.mail import mail_managers

            internal = "INTERNAL " if self.is_internal_request(domain, referer) else ""
            mail_managers(
                f"Broken {internal}link on {domain}",
                f"Referrer: {referer}\nRequested URL: {path}\n"
                f"User agent: {request.META.get('HTTP_USER_AGENT', '<none>')}\n"
                f"IP address: {request.META.get('REMOTE_ADDR', '<none>')}\n",
                fail_silently=True,
            )
        return response

    def is_internal_request(self, domain: str, referer: str) -> bool:
        """Whether the referring page is on this site."""
        return bool(re.match(rf"^https?://{re.escape(domain)}/", referer))

    def is_ignorable_request(self, request: Any, uri: str, domain: str, referer: str) -> bool:
        """Skip requests without a referer, slash-redirect artefacts, self-references and IGNORABLE_404_URLS."""
        if not referer:
            return True
        if settings.APPEND_SLASH and uri.endswith("/") and referer == uri[:-1]:
            return True
        if not self.is_internal_request(domain, referer) and "?" in referer:
            return True
        parsed = urlsplit(referer)
        if parsed.netloc in ("", domain) and parsed.path == uri:
            return True
        return any(pattern.search(uri) for pattern in settings.IGNORABLE_404_URLS)
