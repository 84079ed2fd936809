"""Load templates from a dict of name -> source (for tests)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.template.base import Origin
from django.template.exceptions import TemplateDoesNotExist
from django.template.loaders.base import Loader as BaseLoader


class Loader(BaseLoader):
    def __init__(self, engine: Any, templates_dict: dict[str, str]) -> None:
        self.templates_dict = templates_dict
        super().__init__(engine)

    def get_contents(self, origin: Origin) -> str:
        try:
            return self.templates_dict[origin.name]
        except KeyError:
            raise TemplateDoesNotExist(origin)

    def get_template_sources(self, template_name: str) -> Iterator[Any]:
        yield Origin(name=template_name, template_name=template_name, loader=self)
