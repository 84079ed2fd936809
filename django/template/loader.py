"""Backend-independent template loading: get_template, select_template, render_to_string."""

from __future__ import annotations

from typing import Any

from django.template import engines
from django.template.exceptions import TemplateDoesNotExist


def get_template(template_name: str, using: str | None = None) -> Any:
    """The first engine's template named `template_name`; TemplateDoesNotExist lists every try."""
    chain = []
    for engine in _engine_list(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as exc:
            chain.append(exc)
    raise TemplateDoesNotExist(template_name, chain=chain)


def select_template(template_name_list: Any, using: str | None = None) -> Any:
    if isinstance(template_name_list, str):
        raise TypeError(
            "select_template() takes an iterable of template names but got a string: %r. "
            "Use get_template() if you want to load a single template by name." % template_name_list
        )
    chain = []
    engines_ = _engine_list(using)
    for template_name in template_name_list:
        for engine in engines_:
            try:
                return engine.get_template(template_name)
            except TemplateDoesNotExist as exc:
                chain.append(exc)
    if template_name_list:
        raise TemplateDoesNotExist(", ".join(template_name_list), chain=chain)
    raise TemplateDoesNotExist("No template names provided")


def render_to_string(
    template_name: Any, context: Any = None, request: Any = None, using: str | None = None
) -> str:
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name, using=using)
    else:
        template = get_template(template_name, using=using)
    return template.render(context, request)


def _engine_list(using: str | None = None) -> list:
    return engines.all() if using is None else [engines[using]]
