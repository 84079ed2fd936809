"""The template system's exceptions (public import path: django.template)."""

from __future__ import annotations

from typing import Any


class TemplateDoesNotExist(Exception):
    """No loader found the template; `tried` lists (origin, reason) for the postmortem."""

    def __init__(
        self,
        msg: Any,
        tried: list | None = None,
        backend: Any = None,
        chain: list | None = None,
    ) -> None:
        self.backend = backend
        self.tried = tried if tried is not None else []
        self.chain = chain if chain is not None else []
        super().__init__(msg)


class TemplateSyntaxError(Exception):
    """The template source cannot be parsed (or a tag was used wrongly)."""
