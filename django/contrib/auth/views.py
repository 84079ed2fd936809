"""Authentication views: redirect_to_login, login/logout, password change and password reset."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url


def redirect_to_login(
    next: str, login_url: str | None = None, redirect_field_name: str | None = REDIRECT_FIELD_NAME
) -> Any:  # noqa: A002
    """Redirect to the login page with ``?next=<where the user was going>``."""
    resolved_url = resolve_url(login_url or settings.LOGIN_URL)
    parts = list(urlsplit(resolved_url))
    if redirect_field_name:
        querystring = QueryDict(parts[3], mutable=True)
        querystring[redirect_field_name] = next
        parts[3] = querystring.urlencode(safe="/")
    return HttpResponseRedirect(urlunsplit(parts))


from django.contrib.auth._auth_views import (  # noqa: E402
    INTERNAL_RESET_SESSION_TOKEN,
    LoginView,
    LogoutView,
    PasswordChangeDoneView,
    PasswordChangeView,
    PasswordContextMixin,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
    RedirectURLMixin,
)

__all__ = [
    "redirect_to_login", "INTERNAL_RESET_SESSION_TOKEN", "LoginView", "LogoutView", "PasswordChangeDoneView",
    "PasswordChangeView", "PasswordContextMixin", "PasswordResetCompleteView", "PasswordResetConfirmView",
    "PasswordResetDoneView", "PasswordResetView", "RedirectURLMixin",
]  # fmt: skip
