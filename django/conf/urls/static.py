"""``static()``: serve files under a URL prefix during development (DEBUG only)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def static(prefix: str, view: Callable | None = None, **kwargs: Any) -> list:
    """URL patterns serving ``prefix`` with ``view`` when DEBUG is on and the prefix is local."""
    from django.conf import settings
    from django.urls import re_path

    if not prefix:
        raise ImproperlyConfigured("Empty static prefix not permitted")
    if not settings.DEBUG or urlsplit(prefix).netloc:
        return []
    if view is None:
        from django.views.static import serve

        view = serve
    return [re_path(r"^%s(?P<path>.*)$" % re.escape(prefix.lstrip("/")), view, kwargs=kwargs)]
