"""get_wsgi_application(): the public entry point for WSGI servers."""

from __future__ import annotations

from typing import Any


def get_wsgi_application() -> Any:
    """Set up Django and return a WSGI callable (a WSGIHandler)."""
    import django
    from django.core.handlers.wsgi import WSGIHandler

    django.setup(set_prefix=False)
    return WSGIHandler()
