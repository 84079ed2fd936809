"""Cross-site request forgery protection: masked tokens, Origin/Referer checks."""

from __future__ import annotations

import logging
import string
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost, ImproperlyConfigured
from django.http import HttpHeaders, UnreadablePostError
from django.utils.cache import patch_vary_headers
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import cached_property
from django.utils.http import is_same_domain
from django.utils.log import log_response
from django.utils.module_loading import import_string

logger = logging.getLogger("django.security.csrf")

REASON_BAD_ORIGIN = "Origin checking failed - %s does not match any trusted origins."
REASON_NO_REFERER = "Referer checking failed - no Referer."
REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins."
REASON_NO_CSRF_COOKIE = "CSRF cookie not set."
REASON_CSRF_TOKEN_MISSING = "CSRF token missing."
REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed."
REASON_INSECURE_REFERER = "Referer checking failed - Referer is insecure while host is secure."
REASON_INCORRECT_LENGTH = "has incorrect length"
REASON_INVALID_CHARACTERS = "has invalid characters"

CSRF_SECRET_LENGTH = 32
CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH
CSRF_ALLOWED_CHARS = string.ascii_letters + string.digits
CSRF_SESSION_KEY = "_csrftoken"
_CHAR_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_ALLOWED_SET = frozenset(CSRF_ALLOWED_CHARS)


def _get_failure_view() -> Any:
    return import_string(settings.CSRF_FAILURE_VIEW)


def _get_new_csrf_string() -> str:
    return get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)


def _mask_cipher_secret(secret: str) -> str:
    """Mask the secret with a fresh random key: key + (secret + key mod alphabet)."""
    mask = _get_new_csrf_string()
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_CHAR_INDEX[s] + _CHAR_INDEX[m]) % size] for s, m in zip(secret, mask)
    )
    return mask + cipher


def _unmask_cipher_token(token: str) -> str:
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    size = len(CSRF_ALLOWED_CHARS)
    return "".join(CSRF_ALLOWED_CHARS[(_CHAR_INDEX[c] - _CHAR_INDEX[m]) % size] for c, m in zip(cipher, mask))


def _add_new_csrf_cookie(request: Any) -> str:
    secret = _get_new_csrf_string()
    request.META.update({"CSRF_COOKIE": secret, "CSRF_COOKIE_NEEDS_UPDATE": True})
    return secret


def get_token(request: Any) -> str:
    """A masked CSRF token for forms; also makes the response set the CSRF cookie."""
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        secret = _add_new_csrf_cookie(request)
    return _mask_cipher_secret(secret)


def rotate_token(request: Any) -> None:
    """Replace the CSRF secret (done at login)."""
    _add_new_csrf_cookie(request)


class InvalidTokenFormat(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class RejectRequest(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _check_token_format(token: str) -> None:
    if len(token) not in (CSRF_TOKEN_LENGTH, CSRF_SECRET_LENGTH):
        raise InvalidTokenFormat(REASON_INCORRECT_LENGTH)
    if not _ALLOWED_SET.issuperset(token):
        raise InvalidTokenFormat(REASON_INVALID_CHARACTERS)


def _does_token_match(request_token: str, secret: str) -> bool:
    if len(request_token) == CSRF_TOKEN_LENGTH:
        request_token = _unmask_cipher_token(request_token)
    return constant_time_compare(request_token, secret)


class CsrfViewMiddleware(MiddlewareMixin):
    """Require a valid token on unsafe methods; set the CSRF cookie when a token was used."""

    @cached_property
    def csrf_trusted_origins_hosts(self) -> list[str]:
        return [urlsplit(origin).netloc.lstrip("*") for origin in settings.CSRF_TRUSTED_ORIGINS]

    @cached_property
    def allowed_origins_exact(self) -> set[str]:
        return {origin for origin in settings.CSRF_TRUSTED_ORIGINS if "*" not in origin}

    @cached_property
    def allowed_origin_subdomains(self) -> dict[str, list[str]]:
        """Scheme -> host patterns (".example.com") from wildcard trusted origins."""
        subdomains: dict[str, list[str]] = defaultdict(list)
        for parsed in (urlsplit(origin) for origin in settings.CSRF_TRUSTED_ORIGINS if "*" in origin):
            subdomains[parsed.scheme].append(parsed.netloc.lstrip("*"))
        return subdomains

    def _accept(self, request: Any) -> None:
        request.csrf_processing_done = True
        return None

    def _reject(self, request: Any, reason: str) -> Any:
        response = _get_failure_view()(request, reason=reason)
        log_response(
            "Forbidden (%s): %s", reason, request.path, response=response, request=request, logger=logger
        )
        return response

    def _get_secret(self, request: Any) -> str | None:
        """The stored secret (cookie or session), unmasked; InvalidTokenFormat if malformed."""
        if settings.CSRF_USE_SESSIONS:
            try:
                secret = request.session.get(CSRF_SESSION_KEY)
            except AttributeError:
                raise ImproperlyConfigured(
                    "CSRF_USE_SESSIONS is enabled, but request.session is not set. "
                    "SessionMiddleware must appear before CsrfViewMiddleware in MIDDLEWARE."
                )
        else:
            secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if secret is None:
            return None
        _check_token_format(secret)
        if len(secret) == CSRF_TOKEN_LENGTH:
            # Cookies written by older versions held a masked token.
            secret = _unmask_cipher_token(secret)
        return secret

    def _set_csrf_cookie(self, request: Any, response: Any) -> None:
        if settings.CSRF_USE_SESSIONS:
            if request.session.get(CSRF_SESSION_KEY) != request.META["CSRF_COOKIE"]:
                request.session[CSRF_SESSION_KEY] = request.META["CSRF_COOKIE"]
            return
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            request.META["CSRF_COOKIE"],
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE or None,
        )
        patch_vary_headers(response, ("Cookie",))

    def process_request(self, request: Any) -> None:
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat:
            _add_new_csrf_cookie(request)
        else:
            if secret is not None:
                request.META["CSRF_COOKIE"] = secret

    def _origin_verified(self, request: Any) -> bool:
        origin = request.META["HTTP_ORIGIN"]
        try:
            good_host = request.get_host()
        except DisallowedHost:
            pass
        else:
            if origin == f"{'https' if request.is_secure() else 'http'}://{good_host}":
                return True
        if origin in self.allowed_origins_exact:
            return True
        try:
            parsed = urlsplit(origin)
            scheme, netloc = parsed.scheme, parsed.netloc
        except ValueError:
            return False
        return any(is_same_domain(netloc, host) for host in self.allowed_origin_subdomains.get(scheme, ()))

    def _check_referer(self, request: Any) -> None:
        referer = request.META.get("HTTP_REFERER")
        if referer is None:
            raise RejectRequest(REASON_NO_REFERER)
        try:
            parsed = urlsplit(referer)
        except ValueError:
            raise RejectRequest(REASON_MALFORMED_REFERER)
        if "" in (parsed.scheme, parsed.netloc):
            raise RejectRequest(REASON_MALFORMED_REFERER)
        if parsed.scheme != "https":
            raise RejectRequest(REASON_INSECURE_REFERER)
        if any(is_same_domain(parsed.netloc, host) for host in self.csrf_trusted_origins_hosts):
            return
        good_referer = (
            settings.SESSION_COOKIE_DOMAIN if settings.CSRF_USE_SESSIONS else settings.CSRF_COOKIE_DOMAIN
        )
        if good_referer is None:
            try:
                good_referer = request.get_host()
            except DisallowedHost:
                raise RejectRequest(REASON_BAD_REFERER % parsed.geturl())
        else:
            port = request.get_port()
            if port not in ("443", "80"):
                good_referer = f"{good_referer}:{port}"
        if not is_same_domain(parsed.netloc, good_referer):
            raise RejectRequest(REASON_BAD_REFERER % parsed.geturl())

    def _bad_token_message(self, reason: str, token_source: str) -> str:
        if token_source != "POST":
            header_name = HttpHeaders.parse_header_name(token_source)
            token_source = f"the {header_name!r} HTTP header"
        return f"CSRF token from {token_source} {reason}."

    def _check_token(self, request: Any) -> None:
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat as exc:
            raise RejectRequest(f"CSRF cookie {exc.reason}.")
        if secret is None:
            raise RejectRequest(REASON_NO_CSRF_COOKIE)
        request_token = ""
        if request.method == "POST":
            try:
                request_token = request.POST.get("csrfmiddlewaretoken", "")
            except UnreadablePostError:
                pass
        token_source = "POST"
        if request_token == "":
            token_source = settings.CSRF_HEADER_NAME
            try:
                request_token = request.META[token_source]
            except KeyError:
                raise RejectRequest(REASON_CSRF_TOKEN_MISSING)
        try:
            _check_token_format(request_token)
        except InvalidTokenFormat as exc:
            raise RejectRequest(self._bad_token_message(exc.reason, token_source))
        if not _does_token_match(request_token, secret):
            raise RejectRequest(self._bad_token_message("incorrect", token_source))

    def process_view(self, request: Any, callback: Any, callback_args: Any, callback_kwargs: Any) -> Any:
        if getattr(request, "csrf_processing_done", False) or getattr(callback, "csrf_exempt", False):
            return None
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return self._accept(request)
        if getattr(request, "_dont_enforce_csrf_checks", False):
            return self._accept(request)
        try:
            if "HTTP_ORIGIN" in request.META:
                if not self._origin_verified(request):
                    raise RejectRequest(REASON_BAD_ORIGIN % request.META["HTTP_ORIGIN"])
            elif request.is_secure():
                self._check_referer(request)
            self._check_token(request)
        except RejectRequest as exc:
            return self._reject(request, exc.reason)
        return self._accept(request)

    def process_response(self, request: Any, response: Any) -> Any:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            self._set_csrf_cookie(request, response)
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response
