"""serve(): answer a static file found by the finders (development only)."""

from __future__ import annotations

import os
import posixpath
from typing import Any


def serve(request: Any, path: str, insecure: bool = False, **kwargs: Any) -> Any:
    """Serve `path` from wherever the finders locate it; only when DEBUG (or insecure)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.exceptions import ImproperlyConfigured
    from django.http import Http404
    from django.views import static

    if not settings.DEBUG and not insecure:
        raise ImproperlyConfigured(
            "The staticfiles view can only be used in debug mode or if the --insecure option of 'runserver' is used"
        )
    normalized_path = posixpath.normpath(path).lstrip("/")
    absolute_path = finders.find(normalized_path)
    if not absolute_path:
        if path.endswith("/") or path == "":
            raise Http404("Directory indexes are not allowed here.")
        raise Http404("'%s' could not be found" % path)
    document_root, path = os.path.split(absolute_path)
    return static.serve(request, path, document_root=document_root, **kwargs)
