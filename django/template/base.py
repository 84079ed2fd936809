"""The public template API: Template, Origin and the names custom tags are written against.

The stages live in their own modules (lexer, parser, nodes, variables, compiler,
runtime); this module ties them together and re-exports Django's documented names.
"""

from __future__ import annotations

import linecache
import weakref
from collections.abc import Iterator
from typing import Any

from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from django.template.lexer import (
    BLOCK_TAG_END,
    BLOCK_TAG_START,
    COMMENT_TAG_END,
    COMMENT_TAG_START,
    SINGLE_BRACE_END,
    SINGLE_BRACE_START,
    VARIABLE_TAG_END,
    VARIABLE_TAG_START,
    DebugLexer,
    Lexer,
    Token,
    TokenType,
    smart_split,
    tag_re,
)
from django.template.nodes import Node, NodeList, TextNode, VariableNode
from django.template.parser import Parser
from django.template.runtime import render_value_in_context
from django.template.variables import (
    FILTER_ARGUMENT_SEPARATOR,
    FILTER_SEPARATOR,
    VARIABLE_ATTRIBUTE_SEPARATOR,
    FilterExpression,
    Variable,
    VariableDoesNotExist,
)

UNKNOWN_SOURCE = "<unknown source>"
# Template files may be read in any encoding the engine is told about.
CONTEXT_LINES = 10

__all__ = [
    "BLOCK_TAG_END",
    "BLOCK_TAG_START",
    "COMMENT_TAG_END",
    "COMMENT_TAG_START",
    "FILTER_ARGUMENT_SEPARATOR",
    "FILTER_SEPARATOR",
    "SINGLE_BRACE_END",
    "SINGLE_BRACE_START",
    "UNKNOWN_SOURCE",
    "VARIABLE_ATTRIBUTE_SEPARATOR",
    "VARIABLE_TAG_END",
    "VARIABLE_TAG_START",
    "DebugLexer",
    "FilterExpression",
    "Lexer",
    "Node",
    "NodeList",
    "Origin",
    "Parser",
    "Template",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "TextNode",
    "Token",
    "TokenType",
    "Variable",
    "VariableDoesNotExist",
    "VariableNode",
    "render_value_in_context",
    "smart_split",
    "tag_re",
    "token_kwargs",
]


class Origin:
    """Where a template came from: a file path (name), the name asked for, the loader."""

    def __init__(self, name: str, template_name: str | None = None, loader: Any = None) -> None:
        self.name = name
        self.template_name = template_name
        self.loader = loader

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return "<%s name=%r>" % (type(self).__qualname__, self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Origin) and self.name == other.name and self.loader == other.loader

    def __hash__(self) -> int:
        return hash((self.name, id(self.loader)))

    @property
    def loader_name(self) -> str | None:
        if self.loader:
            cls = type(self.loader)
            return "%s.%s" % (cls.__module__, cls.__name__)
        return None


class Template:
    """A compiled template: parsed and turned into Python code once, rendered many times."""

    def __init__(
        self,
        template_string: Any,
        origin: Origin | None = None,
        name: str | None = None,
        engine: Any = None,
    ) -> None:
        if engine is None:
            from django.template.engine import Engine

            engine = Engine.get_default()
        if origin is None:
            origin = Origin(UNKNOWN_SOURCE)
        self.name = name
        self.origin = origin
        self.engine = engine
        self.source = str(template_string)
        self._modules: list[Any] = []
        self.extra_data: dict[str, Any] = {}
        self.nodelist = self.compile_nodelist()
        self._root = self._compile_code()

    def __repr__(self) -> str:
        return '<%s template_string="%s...">' % (
            type(self).__qualname__,
            self.source[:20].replace("\n", ""),
        )

    def __iter__(self) -> Iterator[Any]:
        for node in self.nodelist:
            yield from node

    def compile_nodelist(self) -> NodeList:
        tokens = Lexer(self.source).tokenize()
        parser = Parser(
            tokens,
            self.engine.template_libraries,
            self.engine.template_builtins,
            self.origin,
        )
        try:
            nodelist = parser.parse()
        except RecursionError:
            raise TemplateSyntaxError(
                "Template %r is nested too deeply to parse." % (self.origin.name,)
            ) from None
        except Exception as exc:
            token = getattr(exc, "token", None)
            if token is not None:
                self._annotate(exc, token)
            raise
        self.extra_data = parser.extra_data
        self._bind_partials()
        return nodelist

    def _bind_partials(self) -> None:
        tokens = self.extra_data.pop("_partial_tokens", {})
        for name, partial in self.extra_data.get("partials", {}).items():
            partial.template = self
            start, end = tokens.get(name, (None, None))
            if start is not None and start.position and end.position:
                partial.source = self.source[start.position[1] : end.position[0]]

    def _compile_code(self) -> Any:
        from django.template.compiler import compile_nodelist_module

        root, module = compile_nodelist_module(self.nodelist, self.origin.name, self.engine)
        self._modules.append(module)
        # Generated source stays in linecache only as long as the template lives.
        weakref.finalize(self, _forget_sources, self._modules)
        return root

    def _render(self, context: Any) -> str:
        try:
            return self._root(context)
        except Exception as exc:
            token = self._token_from_traceback(exc)
            if token is not None:
                self._annotate(exc, token)
            raise

    def render(self, context: Any) -> Any:
        """Render with a Context (use the backend's template for a plain dict)."""
        from django.utils.safestring import SafeString

        with context.render_context.push_state(self):
            if context.template is None:
                with context.bind_template(self):
                    context.template_name = self.name
                    return SafeString(self._render(context))
            return SafeString(self._render(context))

    # -- error locations --------------------------------------------------------
    def _token_from_traceback(self, exc: BaseException) -> Any:
        by_file = {m.filename: m for m in self._modules}
        found = None
        tb = exc.__traceback__
        while tb is not None:
            module = by_file.get(tb.tb_frame.f_code.co_filename)
            if module is not None:
                found = module.token_for_line(tb.tb_lineno) or found
            tb = tb.tb_next
        return found

    def _annotate(self, exc: BaseException, token: Token) -> None:
        if token.position is None or getattr(exc, "_template_noted", None) is self:
            return
        info = self.get_exception_info(exc, token)
        note = "In template %s, line %d: %s" % (info["name"], info["line"], info["during"])
        if note not in getattr(exc, "__notes__", ()):
            exc.add_note(note)
        try:
            exc._template_noted = self  # type: ignore[attr-defined]
        except AttributeError:
            pass
        if not hasattr(exc, "template_debug") and (self.engine.debug or isinstance(exc, TemplateSyntaxError)):
            try:
                exc.template_debug = info  # type: ignore[attr-defined]
            except AttributeError:
                pass

    def get_exception_info(self, exception: BaseException, token: Token) -> dict[str, Any]:
        """What the debug page shows: the failing line and its surroundings."""
        start, end = token.position or (0, 0)
        source = self.source
        lines: list[tuple[int, str]] = []
        line = 0
        before = during = after = ""
        offset = 0
        for number, text in enumerate(source.splitlines(True) or [""], start=1):
            next_offset = offset + len(text)
            if offset <= start < next_offset or (start == next_offset == len(source) and not line):
                line = number
                before = source[offset:start]
                during = source[start:end]
                after = source[end:next_offset]
            lines.append((number, text))
            offset = next_offset
        total = len(lines)
        top = max(1, line - CONTEXT_LINES)
        bottom = min(total, line + 1 + CONTEXT_LINES)
        return {
            "message": str(exception),
            "source_lines": lines[top - 1 : bottom],
            "before": before,
            "during": during,
            "after": after,
            "top": top,
            "bottom": bottom,
            "total": total,
            "line": line,
            "name": self.origin.name,
            "start": start,
            "end": end,
        }


def _forget_sources(modules: list) -> None:
    for module in modules:
        linecache.cache.pop(module.filename, None)


def token_kwargs(bits: list[str], parser: Parser, support_legacy: bool = False) -> dict:
    """Consume `name=value` bits (or legacy `value as name`) from the front of `bits`."""
    import re

    kwarg_re = re.compile(r"(?:(\w+)=)?(.+)")
    if not bits:
        return {}
    match = kwarg_re.match(bits[0])
    kwarg_format = match and match[1]
    if not kwarg_format:
        if not support_legacy:
            return {}
        if len(bits) < 3 or bits[1] != "as":
            return {}
    kwargs: dict = {}
    while bits:
        if kwarg_format:
            match = kwarg_re.match(bits[0])
            if not match or not match[1]:
                return kwargs
            key, value = match.groups()
            del bits[:1]
        else:
            if len(bits) < 3 or bits[1] != "as":
                return kwargs
            key, value = bits[2], bits[0]
            del bits[:3]
        kwargs[key] = parser.compile_filter(value)
        if bits and not kwarg_format:
            if bits[0] != "and":
                return kwargs
            del bits[:1]
    return kwargs
