"""{% static %}, {% get_static_prefix %} and {% get_media_prefix %}."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urljoin

from django import template
from django.template.nodes import PURE, WRITES

register = template.Library()


class PrefixNode(template.Node):
    child_nodelists = ()

    def __repr__(self) -> str:
        return "<PrefixNode for %r>" % self.name

    def __init__(self, varname: str | None = None, name: str | None = None) -> None:
        if name is None:
            raise template.TemplateSyntaxError("Prefix nodes must be given a name to return.")
        self.varname = varname
        self.name = name

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.varname else PURE

    @classmethod
    def handle_token(cls, parser: Any, token: Any, name: str) -> PrefixNode:
        tokens = token.contents.split()
        if len(tokens) > 1 and tokens[1] != "as":
            raise template.TemplateSyntaxError("First argument in '%s' must be 'as'" % tokens[0])
        varname = tokens[2] if len(tokens) > 1 else None
        return cls(varname, name)

    @classmethod
    def handle_simple(cls, name: str) -> str:
        from django.conf import settings
        from django.utils.encoding import iri_to_uri

        return iri_to_uri(getattr(settings, name, ""))

    def render(self, context: Any) -> str:
        prefix = self.handle_simple(self.name)
        if self.varname is None:
            return prefix
        context[self.varname] = prefix
        return ""


@register.tag
def get_static_prefix(parser: Any, token: Any) -> PrefixNode:
    return PrefixNode.handle_token(parser, token, "STATIC_URL")


@register.tag
def get_media_prefix(parser: Any, token: Any) -> PrefixNode:
    return PrefixNode.handle_token(parser, token, "MEDIA_URL")


class StaticNode(template.Node):
    child_nodelists = ()

    def __init__(self, varname: str | None = None, path: Any = None) -> None:
        if path is None:
            raise template.TemplateSyntaxError("Static template nodes must be given a path to return.")
        self.path = path
        self.varname = varname

    def __repr__(self) -> str:
        return "%s(varname=%r, path=%r)" % (type(self).__name__, self.varname, self.path)

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.varname else PURE

    def url(self, context: Any) -> str:
        return self.handle_simple(self.path.resolve(context))

    def render(self, context: Any) -> str:
        from django.utils.html import conditional_escape

        url = self.url(context)
        if context.autoescape:
            url = conditional_escape(url)
        if self.varname is None:
            return url
        context[self.varname] = url
        return ""

    @classmethod
    def handle_simple(cls, path: str) -> str:
        from django.apps import apps

        if apps.is_installed("django.contrib.staticfiles"):
            from django.contrib.staticfiles.storage import staticfiles_storage

            return staticfiles_storage.url(path)
        return urljoin(PrefixNode.handle_simple("STATIC_URL"), quote(path))

    @classmethod
    def handle_token(cls, parser: Any, token: Any) -> StaticNode:
        bits = token.split_contents()
        if len(bits) < 2:
            raise template.TemplateSyntaxError("'%s' takes at least one argument (path to file)" % bits[0])
        path = parser.compile_filter(bits[1])
        varname = bits[3] if len(bits) >= 2 and bits[-2] == "as" else None
        return cls(varname, path)


@register.tag("static")
def do_static(parser: Any, token: Any) -> StaticNode:
    return StaticNode.handle_token(parser, token)


def static(path: str) -> str:
    """The URL of a static file (through staticfiles' storage when it is installed)."""
    return StaticNode.handle_simple(path)
