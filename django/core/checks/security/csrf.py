"""CSRF security checks."""

from __future__ import annotations

import inspect
from typing import Any

from django.conf import settings
from django.core.checks.messages import Error, Warning
from django.core.checks.registry import Tags, register

CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"

W003 = Warning(
    "You don't appear to be using Django's built-in cross-site request forgery protection via the "
    f"middleware ('{CSRF_MIDDLEWARE}' is not in your MIDDLEWARE). Enabling the middleware is the safest "
    "approach to ensure you don't leave any holes.",
    id="security.W003",
)
W016 = Warning(
    "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, but you have not set "
    "CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it more difficult for network "
    "traffic sniffers to steal the CSRF token.",
    id="security.W016",
)


def _csrf_middleware() -> bool:
    return CSRF_MIDDLEWARE in settings.MIDDLEWARE


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [] if _csrf_middleware() else [W003]


@register(Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs: Any, **kwargs: Any) -> list[Warning]:
    failing = not settings.CSRF_USE_SESSIONS and _csrf_middleware() and not settings.CSRF_COOKIE_SECURE
    return [W016] if failing else []


@register(Tags.security)
def check_csrf_failure_view(app_configs: Any, **kwargs: Any) -> list[Error]:
    """CSRF_FAILURE_VIEW must import and accept (request, reason)."""
    from django.utils.module_loading import import_string

    path = settings.CSRF_FAILURE_VIEW
    try:
        view = import_string(path)
    except ImportError:
        return [
            Error(
                f"The CSRF failure view '{path}' could not be imported.",
                hint="Check that CSRF_FAILURE_VIEW names an importable callable.",
                id="security.E102",
            )
        ]
    try:
        inspect.signature(view).bind(None, reason=None)
    except TypeError:
        return [
            Error(
                f"The CSRF failure view '{path}' does not take the correct number of arguments.",
                id="security.E101",
            )
        ]
    except ValueError:
        return []
    return []
