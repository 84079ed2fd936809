"""Authentication views. The form-based views (LoginView, PasswordChangeView, ...) arrive with forms."""

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
