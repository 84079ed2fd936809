"""Base class for template backends (DjangoTemplates, Jinja2, TemplateStrings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.template.exceptions import TemplateDoesNotExist
from django.utils.functional import cached_property


class BaseEngine:
    def __init__(self, params: dict) -> None:
        from django.core.exceptions import ImproperlyConfigured

        params = params.copy()
        self.name = params.pop("NAME")
        self.dirs = list(params.pop("DIRS"))
        self.app_dirs = params.pop("APP_DIRS")
        if params:
            raise ImproperlyConfigured("Unknown parameters: {}".format(", ".join(params)))

    def check(self, **kwargs: Any) -> list:
        return []

    @property
    def app_dirname(self) -> str:
        raise NotImplementedError("subclasses of BaseEngine must provide an app_dirname attribute")

    def from_string(self, template_code: str) -> Any:
        raise NotImplementedError("subclasses of BaseEngine must provide a from_string() method")

    def get_template(self, template_name: str) -> Any:
        raise NotImplementedError("subclasses of BaseEngine must provide a get_template() method")

    @cached_property
    def template_dirs(self) -> tuple:
        from django.template.utils import get_app_template_dirs

        template_dirs = tuple(self.dirs)
        if self.app_dirs:
            template_dirs += get_app_template_dirs(self.app_dirname)
        return template_dirs

    def iter_template_filenames(self, template_name: str) -> Iterator[Any]:
        from django.template.loaders.filesystem import safe_join

        for template_dir in self.template_dirs:
            name = safe_join(str(template_dir), template_name)
            if name is not None:
                yield name


def _not_found(name: str, tried: list, backend: Any) -> TemplateDoesNotExist:
    return TemplateDoesNotExist(name, tried=tried, backend=backend)


__all__ = ["BaseEngine", "Path"]
