"""``serve()``: answer files from a directory during development (never in production)."""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.html import escape
from django.utils.http import http_date, parse_http_date


def serve(request: Any, path: str, document_root: Any = None, show_indexes: bool = False) -> Any:
    """The file at ``path`` under ``document_root``, honouring If-Modified-Since.

    A directory is listed only with ``show_indexes=True``; a path escaping the root
    raises SuspiciousFileOperation (answered with 400).
    """
    path = posixpath.normpath(path).lstrip("/")
    fullpath = Path(safe_join(document_root, path))
    if fullpath.is_dir():
        if show_indexes:
            return directory_index(path, fullpath)
        raise Http404("Directory indexes are not allowed here.")
    if not fullpath.exists():
        raise Http404(f"“{fullpath}” does not exist")
    stat = fullpath.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(str(fullpath))
    response = FileResponse(fullpath.open("rb"), content_type=content_type or "application/octet-stream")
    response.headers["Last-Modified"] = http_date(stat.st_mtime)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response


DEFAULT_DIRECTORY_INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <meta http-equiv="Content-Language" content="en-us">
    <meta name="robots" content="NONE,NOARCHIVE">
    <title>Index of %(directory)s</title>
  </head>
  <body>
    <h1>Index of %(directory)s</h1>
    <ul>
      %(parent)s%(entries)s
    </ul>
  </body>
</html>
"""


def directory_index(path: str, fullpath: Path) -> HttpResponse:
    """A listing of ``fullpath`` (hidden files left out), from static/directory_index.html if present."""
    names = []
    for entry in sorted(fullpath.iterdir()):
        if entry.name.startswith("."):
            continue
        relative = str(entry.relative_to(fullpath))
        names.append(relative + "/" if entry.is_dir() else relative)
    directory = f"{path}/" if path else ""
    context = {"directory": directory, "file_list": names}
    rendered = _render_index_template(context)
    if rendered is not None:
        return HttpResponse(rendered)
    entries = "".join(f'<li><a href="{escape(name)}">{escape(name)}</a></li>' for name in names)
    parent = '<li><a href="../">../</a></li>' if directory else ""
    return HttpResponse(
        DEFAULT_DIRECTORY_INDEX_TEMPLATE
        % {"directory": escape(directory), "parent": parent, "entries": entries}
    )


def _render_index_template(context: dict) -> str | None:
    try:
        from django.template import TemplateDoesNotExist, loader
    except ImportError:  # the template package is optional for this view
        return None
    try:
        template = loader.select_template(["static/directory_index.html", "static/directory_index"])
    except TemplateDoesNotExist:
        return None
    return template.render(context)


def was_modified_since(header: str | None = None, mtime: float = 0) -> bool:
    """False only when ``header`` is a valid date no older than ``mtime``."""
    if header is None:
        return True
    try:
        return int(mtime) > parse_http_date(header)
    except (ValueError, OverflowError):
        return True
