"""Wrap other loaders and keep compiled templates (and misses) in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django.template.base import Template
from django.template.exceptions import TemplateDoesNotExist
from django.template.loaders.base import Loader as BaseLoader


class Loader(BaseLoader):
    def __init__(self, engine: Any, loaders: list) -> None:
        self.get_template_cache: dict[str, Any] = {}
        self.loaders = engine.get_template_loaders(loaders)
        super().__init__(engine)

    def get_dirs(self) -> Any:
        for loader in self.loaders:
            if hasattr(loader, "get_dirs"):
                yield from loader.get_dirs()

    def get_contents(self, origin: Any) -> str:
        return origin.loader.get_contents(origin)

    def get_template(self, template_name: str, skip: Any = None) -> Template:
        """Cached by name and skip list; a miss is cached as its exception class (not debug)."""
        key = self.cache_key(template_name, skip)
        cached = self.get_template_cache.get(key)
        if cached:
            if isinstance(cached, type) and issubclass(cached, TemplateDoesNotExist):
                raise cached(template_name)
            if isinstance(cached, TemplateDoesNotExist):
                raise type(cached)(
                    cached.args[0], tried=cached.tried, backend=cached.backend, chain=cached.chain
                )
            return cached
        try:
            template = super().get_template(template_name, skip)
        except TemplateDoesNotExist as exc:
            self.get_template_cache[key] = exc if self.engine.debug else TemplateDoesNotExist
            raise
        self.get_template_cache[key] = template
        return template

    def get_template_sources(self, template_name: str) -> Iterator[Any]:
        for loader in self.loaders:
            yield from loader.get_template_sources(template_name)

    def cache_key(self, template_name: str, skip: Any = None) -> str:
        skip_prefix = ""
        if skip:
            matching = [origin.name for origin in skip if origin.template_name == template_name]
            if matching:
                skip_prefix = self.generate_hash(matching)
        return "-".join(s for s in (str(template_name), skip_prefix) if s)

    def generate_hash(self, values: list[str]) -> str:
        return hashlib.sha1("|".join(values).encode()).hexdigest()

    def reset(self) -> None:
        self.get_template_cache.clear()
