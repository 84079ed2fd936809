"""get_asgi_application(): the public entry point for ASGI servers."""

from __future__ import annotations

from typing import Any


def get_asgi_application() -> Any:
    """Set up Django and return an ASGI callable (an ASGIHandler)."""
    import django
    from django.core.handlers.asgi import ASGIHandler

    django.setup(set_prefix=False)
    return ASGIHandler()
