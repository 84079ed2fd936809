"""CSRF helpers for non-Django backends (Jinja2): csrf_input / csrf_token in the context."""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy
from django.utils.safestring import SafeString


def csrf_input(request: Any) -> SafeString:
    from django.middleware.csrf import get_token
    from django.utils.html import format_html

    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


def _csrf_token(request: Any) -> str:
    from django.middleware.csrf import get_token

    return get_token(request)


csrf_input_lazy = lazy(csrf_input, SafeString, str)
csrf_token_lazy = lazy(_csrf_token, str)
