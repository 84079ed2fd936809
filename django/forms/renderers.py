"""Form renderers: load a template by name from a template engine and render it with a dict."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.utils.functional import cached_property
from django.utils.module_loading import import_string

ROOT = Path(__file__).parent


def get_default_renderer() -> BaseRenderer:
    """One renderer per FORM_RENDERER value, so override_settings takes effect at once."""
    from django.conf import settings

    return _renderer_for(getattr(settings, "FORM_RENDERER", "django.forms.renderers.DjangoTemplates"))


@functools.lru_cache
def _renderer_for(path: str) -> BaseRenderer:
    return import_string(path)()


class BaseRenderer:
    form_template_name = "django/forms/div.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "django/forms/field.html"
    bound_field_class = None

    def get_template(self, template_name: str) -> Any:
        raise NotImplementedError("subclasses must implement get_template()")

    def render(self, template_name: str, context: dict, request: Any = None) -> str:
        fast = self._fast_renderers.get(template_name)
        if fast is not None:
            return fast(self, context)
        # Templates are looked up once per renderer and kept: rendering a form touches
        # a dozen templates and the loader walk would dominate otherwise.
        try:
            template = self._template_cache[template_name]
        except KeyError:
            template = self._template_cache[template_name] = self.get_template(template_name)
        return template.render(context, request=request).strip()

    @cached_property
    def _template_cache(self) -> dict:
        return {}

    @cached_property
    def _fast_renderers(self) -> dict:
        """Python renderings of the built-in templates, when this renderer is sure to use them."""
        cls = type(self)
        if cls.get_template is not EngineMixin.get_template or "engine" in cls.__dict__:
            return {}
        from django.forms._fast import FAST

        return FAST


class EngineMixin:
    backend: Any

    def get_template(self, template_name: str) -> Any:
        return self.engine.get_template(template_name)

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [ROOT / self.backend.app_dirname],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )


class DjangoTemplates(EngineMixin, BaseRenderer):
    """Templates from django/forms/templates and every installed app's templates/ directory."""

    @property
    def backend(self) -> Any:  # type: ignore[override]
        from django.template.backends.django import DjangoTemplates

        return DjangoTemplates


class Jinja2(EngineMixin, BaseRenderer):
    """Templates from django/forms/jinja2 and every installed app's jinja2/ directory."""

    @property
    def backend(self) -> Any:  # type: ignore[override]
        from django.template.backends.jinja2 import Jinja2

        return Jinja2


class TemplatesSetting(BaseRenderer):
    """Load templates with the project's TEMPLATES setting (django.template.loader)."""

    def get_template(self, template_name: str) -> Any:
        from django.template.loader import get_template

        return get_template(template_name)

    def render(self, template_name: str, context: dict, request: Any = None) -> str:
        # No caching here: the project's engines own their cache and may be reconfigured.
        return self.get_template(template_name).render(context, request=request).strip()
