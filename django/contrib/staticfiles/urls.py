"""staticfiles_urlpatterns(): serve static files from the finders when DEBUG."""

from __future__ import annotations

from typing import Any


def staticfiles_urlpatterns(prefix: str | None = None) -> list:
    from django.conf import settings
    from django.conf.urls.static import static
    from django.contrib.staticfiles.views import serve

    if prefix is None:
        prefix = settings.STATIC_URL
    return static(prefix, view=serve)


def __getattr__(name: str) -> Any:
    # `urlpatterns` is computed on access so importing this module reads no settings.
    if name == "urlpatterns":
        return staticfiles_urlpatterns()
    raise AttributeError(name)
