"""Session cookie security checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks.messages import Warning
from django.core.checks.registry import Tags, register

SESSIONS_APP = "django.contrib.sessions"
SESSIONS_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"


def _warning(setting: str, reason: str, where: str, check_id: str) -> Warning:
    return Warning(f"{where} you have not set {setting} to True. {reason}", id=check_id)


SECURE_REASON = "Using a secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions."
HTTPONLY_REASON = (
    "Using an HttpOnly session cookie makes it more difficult for cross-site scripting attacks to hijack "
    "user sessions."
)
WHERE = {
    "app": f"You have '{SESSIONS_APP}' in your INSTALLED_APPS, but",
    "middleware": f"You have '{SESSIONS_MIDDLEWARE}' in your MIDDLEWARE, but",
    "both": f"You have '{SESSIONS_APP}' in your INSTALLED_APPS and '{SESSIONS_MIDDLEWARE}' in your MIDDLEWARE, but",
}


def _session_usage() -> str | None:
    app = SESSIONS_APP in settings.INSTALLED_APPS
    middleware = SESSIONS_MIDDLEWARE in settings.MIDDLEWARE
    if app and middleware:
        return "both"
    return "app" if app else "middleware" if middleware else None


@register(Tags.security, deploy=True)
def check_session_cookie_secure(app_configs: Any, **kwargs: Any) -> list[Warning]:
    usage = _session_usage()
    if settings.SESSION_COOKIE_SECURE is True or usage is None:
        return []
    check_id = {"app": "security.W010", "middleware": "security.W011", "both": "security.W012"}[usage]
    return [_warning("SESSION_COOKIE_SECURE", SECURE_REASON, WHERE[usage], check_id)]


@register(Tags.security, deploy=True)
def check_session_cookie_httponly(app_configs: Any, **kwargs: Any) -> list[Warning]:
    usage = _session_usage()
    if settings.SESSION_COOKIE_HTTPONLY is True or usage is None:
        return []
    check_id = {"app": "security.W013", "middleware": "security.W014", "both": "security.W015"}[usage]
    return [_warning("SESSION_COOKIE_HTTPONLY", HTTPONLY_REASON, WHERE[usage], check_id)]
