"""The node tree: what the parser builds and the compiler turns into code.

Built-in nodes implement `compile(frame)`; their `render(context)` compiles the node
alone on first use (for third-party tags that call `nodelist.render(context)`).
A node whose class overrides `render` is treated as opaque: generated code calls it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from django.template.compiler import Frame

_N = TypeVar("_N")  # the node class get_nodes_by_type() looks for

# How a node uses the Context at run time (see compiler.Frame).
PURE = 0  # only through compiled lookups
READS = 1  # reads the whole context (include, block, tags with takes_context)
WRITES = 2  # may change context variables (opaque tags, `as var` setters)


class Node:
    must_be_first = False
    child_nodelists: tuple[str, ...] = ("nodelist",)
    token: Any = None
    origin: Any = None
    context_effect = WRITES  # opaque nodes are assumed to do anything

    def render(self, context: Any) -> str:
        """Return the node rendered as a string."""
        if type(self).compile is Node.compile:
            return None  # type: ignore[return-value]  # a bare Node renders nothing, as in Django
        return _render_standalone(self, context)

    def render_annotated(self, context: Any) -> str:
        try:
            return self.render(context)
        except Exception as exc:
            template = getattr(context, "template", None)
            if template is not None and template.engine.debug and not hasattr(exc, "template_debug"):
                exc.template_debug = template.get_exception_info(exc, self.token)  # type: ignore[attr-defined]  # any exception may carry it
            raise

    def get_nodes_by_type(self, nodetype: type[_N]) -> list[_N]:
        nodes: list[_N] = []
        if isinstance(self, nodetype):
            nodes.append(self)
        for attr in self.child_nodelists:
            nodelist = getattr(self, attr, None)
            if nodelist:
                nodes.extend(nodelist.get_nodes_by_type(nodetype))
        return nodes

    def __iter__(self) -> Iterator[Any]:
        yield self

    def __repr__(self) -> str:
        return "<%s>" % type(self).__name__

    def child_effect(self) -> int:
        """The strongest context effect among this node's children."""
        effect = PURE
        for attr in self.child_nodelists:
            nodelist = getattr(self, attr, None)
            if nodelist:
                effect = max(effect, nodelist_effect(nodelist))
        return effect

    def effect(self) -> int:
        if not is_native(self):
            # An opaque tag renders its children itself: their writes ({% cycle ... as %} inside
            # {% language %}) count as its own.
            return max(getattr(self, "context_effect", WRITES), READS, self.child_effect())
        return max(self.context_effect, self.child_effect())

    def compile(self, frame: Frame) -> None:
        frame.opaque(self)


class NodeList(list):
    contains_nontext = False

    def render(self, context: Any) -> SafeString:
        fn = self.__dict__.get("_compiled")
        if fn is None:
            from django.template.compiler import compile_standalone

            fn = self._compiled = compile_standalone(self, getattr(context, "template", None))
        return fn(context)

    def get_nodes_by_type(self, nodetype: type[_N]) -> list[_N]:
        nodes: list[_N] = []
        for node in self:
            nodes.extend(node.get_nodes_by_type(nodetype))
        return nodes


def nodelist_effect(nodelist: Any) -> int:
    effect = PURE
    for node in nodelist:
        effect = max(effect, node.effect())
        if effect == WRITES:
            break
    return effect


class TextNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def __init__(self, s: str) -> None:
        self.s = s

    def __repr__(self) -> str:
        return "<%s: %r>" % (type(self).__name__, self.s[:25])

    def render(self, context: Any) -> str:
        return self.s

    def compile(self, frame: Frame) -> None:
        frame.write_text(self.s)


class VariableNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def __init__(self, filter_expression: Any) -> None:
        self.filter_expression = filter_expression

    def __repr__(self) -> str:
        return "<Variable Node: %s>" % self.filter_expression

    def render(self, context: Any) -> str:
        from django.template.runtime import render_value_in_context

        return render_value_in_context(self.filter_expression.resolve(context), context)

    def compile(self, frame: Frame) -> None:
        frame.output(self.filter_expression)


_NATIVE_RENDERS = {Node.render, TextNode.render, VariableNode.render}


def is_native(node: Any) -> bool:
    """True when generated code may inline this node instead of calling its render()."""
    cls = type(node)
    return cls.render in _NATIVE_RENDERS and cls.compile is not Node.compile


def _render_standalone(node: Node, context: Any) -> str:
    fn = node.__dict__.get("_compiled")
    if fn is None:
        from django.template.compiler import compile_standalone

        fn = node._compiled = compile_standalone([node], getattr(context, "template", None))  # type: ignore[attr-defined]
    return fn(context)
