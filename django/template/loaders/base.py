"""Loader base: find a template's source by trying origins in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.template.base import Origin, Template
from django.template.exceptions import TemplateDoesNotExist


class Loader:
    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def get_template(self, template_name: str, skip: Any = None) -> Template:
        """The first origin that exists and is not in `skip` (recursion guard for extends)."""
        tried = []
        for origin in self.get_template_sources(template_name):
            if skip is not None and origin in skip:
                tried.append((origin, "Skipped to avoid recursion"))
                continue
            try:
                contents = self.get_contents(origin)
            except TemplateDoesNotExist:
                tried.append((origin, "Source does not exist"))
                continue
            return Template(contents, origin, origin.template_name, self.engine)
        raise TemplateDoesNotExist(template_name, tried=tried)

    def get_template_sources(self, template_name: str) -> Iterator[Any]:
        raise NotImplementedError("subclasses of Loader must provide a get_template_sources() method")

    def get_contents(self, origin: Origin) -> str:
        raise NotImplementedError("subclasses of Loader must provide a get_contents() method")

    def reset(self) -> None:
        """Clear caches (only meaningful for caching loaders)."""
