"""Per-view Content-Security-Policy overrides (Django 6.0)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.views.decorators.http import _wrap


def _no_check(request: Any, *args: Any, **kwargs: Any) -> None:
    return None


def _override(attribute: str, config: dict | None) -> Callable:
    def decorator(view_func: Callable) -> Callable:
        def after(request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
            setattr(response, attribute, config)
            return response

        return _wrap(view_func, _no_check, after)

    return decorator


def csp_override(config: dict | None) -> Callable:
    """Use ``config`` instead of SECURE_CSP for this view (an empty dict sends no header)."""
    return _override("_csp_config", config)


def csp_report_only_override(config: dict | None) -> Callable:
    """Use ``config`` instead of SECURE_CSP_REPORT_ONLY for this view."""
    return _override("_csp_ro_config", config)
