"""The engines registry (`django.template.engines`) and app template directories."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.functional import cached_property


class InvalidTemplateEngineError(Exception):
    pass


class EngineHandler:
    """Lazily builds the backends configured in settings.TEMPLATES, by alias."""

    def __init__(self, templates: list | None = None) -> None:
        self._configured = templates
        self._engines: dict[str, Any] = {}

    @cached_property
    def templates(self) -> dict[str, dict]:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        configured = self._configured if self._configured is not None else settings.TEMPLATES
        templates: dict[str, dict] = {}
        backend_names = []
        for tpl in configured:
            try:
                default_name = tpl["BACKEND"].rsplit(".", 2)[-2]
            except Exception:
                invalid_backend = tpl.get("BACKEND", "<not defined>")
                raise ImproperlyConfigured(
                    f"Invalid BACKEND for a template engine: {invalid_backend}. Check your TEMPLATES setting."
                )
            tpl = {"NAME": default_name, "DIRS": [], "APP_DIRS": False, "OPTIONS": {}, **tpl}
            templates[tpl["NAME"]] = tpl
            backend_names.append(tpl["NAME"])
        counts = Counter(backend_names)
        duplicates = [alias for alias, count in counts.most_common() if count > 1]
        if duplicates:
            raise ImproperlyConfigured(
                "Template engine aliases aren't unique, duplicates: {}. Set a unique NAME for each engine "
                "in settings.TEMPLATES.".format(", ".join(duplicates))
            )
        return templates

    def __getitem__(self, alias: str) -> Any:
        from django.core.exceptions import ImproperlyConfigured
        from django.utils.module_loading import import_string

        built = self.__dict__.setdefault("_engines", {})
        try:
            return built[alias]
        except KeyError:
            try:
                params = self.templates[alias]
            except KeyError:
                raise InvalidTemplateEngineError(f"Could not find config for '{alias}' in settings.TEMPLATES")
            params = params.copy()
            backend = params.pop("BACKEND")
            try:
                engine_cls = import_string(backend)
            except ImportError as exc:
                raise ImproperlyConfigured("Invalid template backend %r: %s" % (backend, exc))
            engine = engine_cls(params)
            built[alias] = engine
            return engine

    def __iter__(self) -> Iterator[Any]:
        return iter(self.templates)

    def all(self) -> list:
        return [self[alias] for alias in self]

    def reset(self) -> None:
        """Forget built engines (after TEMPLATES changes in tests)."""
        self.__dict__.pop("templates", None)
        self._engines = {}


@functools.lru_cache
def get_app_template_dirs(dirname: str) -> tuple[Path, ...]:
    """The existing `<app>/<dirname>` directories of installed apps, in app order."""
    from django.apps import apps

    return tuple(
        path
        for app_config in apps.get_app_configs()
        if app_config.path and (path := Path(app_config.path) / dirname).is_dir()
    )
