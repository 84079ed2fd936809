"""Django's template system: engines registry, the DTL (compiled to Python) and backends."""

from django.template.engine import Engine
from django.template.utils import EngineHandler

engines = EngineHandler()

__all__: tuple[str, ...] = ("Engine", "engines")

from django.template.base import (  # noqa: E402
    Node,
    NodeList,
    Origin,
    Template,
    Variable,
    VariableDoesNotExist,
)
from django.template.context import Context, RequestContext  # noqa: E402
from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError  # noqa: E402
from django.template.library import Library  # noqa: E402

from . import defaultfilters, defaulttags  # noqa: E402

__all__ += (
    "Template",
    "Context",
    "RequestContext",
    "Origin",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "VariableDoesNotExist",
    "Library",
    "Node",
    "NodeList",
    "Variable",
)
