"""The two exceptions of URL resolution and reversing."""

from __future__ import annotations

from django.http import Http404


class Resolver404(Http404):
    """No URL pattern matched the path; ``args[0]`` is ``{"path": ..., "tried": [...]}``."""


class NoReverseMatch(Exception):
    """``reverse()`` found no pattern for the name and arguments given."""
