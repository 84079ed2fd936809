"""Tags that involve other templates: block, extends, include, partialdef, partial."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable
from copy import copy
from typing import Any

from django.template.base import Node, NodeList, Template, TextNode, token_kwargs
from django.template.exceptions import TemplateSyntaxError
from django.template.library import Library
from django.template.nodes import READS, WRITES, nodelist_effect
from django.utils.safestring import SafeString, mark_safe

register = Library()

BLOCK_CONTEXT_KEY = "block_context"
MAX_INCLUDE_DEPTH = 100


class BlockContext:
    """Per-render chain of block overrides: most derived template first."""

    def __init__(self) -> None:
        self.blocks: defaultdict[str, list] = defaultdict(list)

    def __repr__(self) -> str:
        return "<%s: blocks=%r>" % (type(self).__qualname__, self.blocks)

    def add_blocks(self, blocks: dict) -> None:
        for name, block in blocks.items():
            self.blocks[name].insert(0, block)

    def pop(self, name: str) -> Any:
        try:
            return self.blocks[name].pop()
        except IndexError:
            return None

    def push(self, name: str, block: Any) -> None:
        self.blocks[name].append(block)

    def get_block(self, name: str) -> Any:
        try:
            return self.blocks[name][-1]
        except IndexError:
            return None


class BlockNode(Node):
    # Renders code this template can't see (an overriding block, another template, a partial): a
    # {% cycle ... as x %} there updates an outer x through set_upward, so assume writes.
    context_effect = WRITES
    _func: Callable  # the compiled block, attached when its module is built

    def __init__(self, name: str, nodelist: NodeList, parent: Any = None) -> None:
        self.name = name
        self.nodelist = nodelist
        self.parent = parent

    def __repr__(self) -> str:
        return "<Block Node: %s. Contents: %r>" % (self.name, self.nodelist)

    def ensure_function(self, module: Any) -> None:
        """Compile this block's body as its own function in `module` (once)."""
        if id(self) in module.compiled_blocks:
            return
        module.compiled_blocks.add(id(self))
        frame = module.frame(module.unique("block_"), "context, block", kind="block")
        frame.token = self.token
        frame.scope.names["block"] = "block"
        if nodelist_effect(self.nodelist) >= READS:
            with frame.pushed_context({"block": "block"}):
                frame.compile_nodelist(self.nodelist)
        else:
            frame.compile_nodelist(self.nodelist)
        name = frame.name

        def attach(namespace: dict, node: BlockNode = self) -> None:
            node._func = namespace[name]

        module.on_build.append(attach)

    def compile(self, frame: Any) -> None:
        self.ensure_function(frame.module)
        frame.write_expr(
            "%s(context, %s)" % (frame.const(render_block, "render_block"), frame.const(self, "blk"))
        )

    def render(self, context: Any) -> SafeString:
        return render_block(context, self)

    def super(self) -> SafeString:
        if not hasattr(self, "context"):
            raise TemplateSyntaxError(
                "'%s' object has no attribute 'context'. Did you use {{ block.super }} in a base template?"
                % type(self).__name__
            )
        render_context = self.context.render_context
        block_context = render_context.get(BLOCK_CONTEXT_KEY)
        if block_context is not None and block_context.get_block(self.name) is not None:
            return mark_safe(render_block(self.context, self))
        return SafeString("")


def _block_function(block: BlockNode, context: Any) -> Any:
    func = block.__dict__.get("_func")
    if func is None:
        from django.template.compiler import Module

        template = getattr(context, "template", None)
        sii = template.engine.string_if_invalid if template is not None else ""
        module = Module(block.name, sii)
        block.ensure_function(module)
        module.build()
        func = block._func
    return func


def render_block(context: Any, node: BlockNode) -> SafeString:
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    if block_context is None:
        return _block_function(node, context)(context, node)
    push = block = block_context.pop(node.name)
    if block is None:
        block = node
    runtime_block = copy(block)
    runtime_block.context = context
    try:
        return _block_function(block, context)(context, runtime_block)
    finally:
        if push is not None:
            block_context.push(node.name, push)


@register.tag("block")
def do_block(parser: Any, token: Any) -> Node:
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError("'%s' tag takes only one argument" % bits[0])
    block_name = bits[1]
    loaded = parser.__dict__.setdefault("_loaded_blocks", [])
    if block_name in loaded:
        raise TemplateSyntaxError("'%s' tag with name '%s' appears more than once" % (bits[0], block_name))
    loaded.append(block_name)
    nodelist = parser.parse(("endblock",))
    endblock = parser.next_token()
    acceptable = ("endblock", "endblock %s" % block_name)
    if endblock.contents not in acceptable:
        parser.invalid_block_tag(endblock, "endblock", acceptable)
    return BlockNode(block_name, nodelist)


def construct_relative_path(
    current_template_name: Any, relative_name: str, allow_recursion: bool = False
) -> str:
    """Resolve "./x.html" / "../x.html" against the current template's name."""
    new_name = relative_name.strip("'\"")
    if not new_name.startswith(("./", "../")):
        return relative_name
    if current_template_name is None:
        raise TemplateSyntaxError(
            "The relative path %s cannot be used in a template without a name." % relative_name
        )
    new_name = posixpath.normpath(
        posixpath.join(posixpath.dirname(current_template_name.lstrip("/")), new_name)
    )
    if new_name.startswith("../"):
        raise TemplateSyntaxError(
            "The relative path '%s' points outside the file hierarchy that template '%s' is in."
            % (relative_name, current_template_name)
        )
    if not allow_recursion and current_template_name.lstrip("/") == new_name:
        raise TemplateSyntaxError(
            "The relative path '%s' was translated to template name '%s', the same template in which the tag appears."
            % (relative_name, current_template_name)
        )
    has_quotes = relative_name[:1] in "\"'" and relative_name[-1:] == relative_name[:1]
    return '"%s"' % new_name if has_quotes else new_name


class ExtendsNode(Node):
    must_be_first = True
    context_key = "extends_context"
    context_effect = READS

    def __init__(self, nodelist: NodeList, parent_name: Any, template_dirs: Any = None) -> None:
        self.nodelist = nodelist
        self.parent_name = parent_name
        self.template_dirs = template_dirs
        self.blocks = {n.name: n for n in nodelist.get_nodes_by_type(BlockNode)}

    def __repr__(self) -> str:
        return "<%s: extends %s>" % (type(self).__name__, self.parent_name.token)

    def compile(self, frame: Any) -> None:
        for block in self.blocks.values():
            block.ensure_function(frame.module)
        parent = frame.temp("parent")
        frame.emit("%s = %s" % (parent, frame.expr(self.parent_name)))
        frame.write_expr("%s.render_with_parent(context, %s)" % (frame.const(self, "extends"), parent))

    def find_template(self, template_name: str, context: Any) -> Any:
        history = context.render_context.setdefault(self.context_key, [self.origin])
        template, origin = context.template.engine.find_template(template_name, skip=history)
        history.append(origin)
        return template

    def get_parent(self, context: Any) -> Any:
        return self._parent_template(self.parent_name.resolve(context), context)

    def _parent_template(self, parent: Any, context: Any) -> Any:
        if not parent:
            error = "Invalid template name in 'extends' tag: %r." % parent
            if self.parent_name.filters or self.parent_name.is_var:
                error += " Got this from the '%s' variable." % self.parent_name.token
            raise TemplateSyntaxError(error)
        if isinstance(parent, Template):
            return parent
        if isinstance(getattr(parent, "template", None), Template):
            return parent.template
        return self.find_template(parent, context)

    def render_with_parent(self, context: Any, parent: Any) -> str:
        compiled_parent = self._parent_template(parent, context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        for node in compiled_parent.nodelist:
            if not isinstance(node, TextNode):
                if not isinstance(node, ExtendsNode):
                    blocks = {n.name: n for n in compiled_parent.nodelist.get_nodes_by_type(BlockNode)}
                    block_context.add_blocks(blocks)
                break
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)

    def render(self, context: Any) -> str:
        return self.render_with_parent(context, self.parent_name.resolve(context))


@register.tag("extends")
def do_extends(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("'%s' takes one argument" % bits[0])
    bits[1] = construct_relative_path(getattr(parser.origin, "template_name", None), bits[1])
    parent_name = parser.compile_filter(bits[1])
    nodelist = parser.parse()
    if nodelist.get_nodes_by_type(ExtendsNode):
        raise TemplateSyntaxError("'%s' cannot appear more than once in the same template" % bits[0])
    return ExtendsNode(nodelist, parent_name)


class IncludeNode(Node):
    context_key = "__include_context"
    child_nodelists = ()
    # Renders code this template can't see: see BlockNode.context_effect.
    context_effect = WRITES

    def __init__(
        self,
        template: Any,
        *args: Any,
        extra_context: dict | None = None,
        isolated_context: bool = False,
        **kwargs: Any,
    ) -> None:
        self.template = template
        self.extra_context = extra_context or {}
        self.isolated_context = isolated_context
        super().__init__(*args, **kwargs)

    def __repr__(self) -> str:
        return "<%s: template=%r>" % (type(self).__qualname__, self.template)

    def compile(self, frame: Any) -> None:
        template = frame.expr(self.template)
        values = "{%s}" % ", ".join("%r: %s" % (k, frame.expr(v)) for k, v in self.extra_context.items())
        frame.write_expr(
            "%s.render_include(context, %s, %s)" % (frame.const(self, "include"), template, values)
        )

    def _resolve_template(self, context: Any, template: Any) -> Any:
        if not callable(getattr(template, "render", None)):
            names = template or ()
            if isinstance(names, str):
                names = (construct_relative_path(self.origin.template_name, names, allow_recursion=True),)
            else:
                names = tuple(names)
            cache = context.render_context.dicts[0].setdefault(self, {})
            found = cache.get(names)
            if found is None:
                found = cache[names] = context.template.engine.select_template(names)
            return found
        if hasattr(template, "template"):
            return template.template
        return template

    def render_include(self, context: Any, template: Any, values: dict) -> str:
        template = self._resolve_template(context, template)
        depth = getattr(context, "_include_depth", 0)
        if depth >= MAX_INCLUDE_DEPTH:
            raise TemplateSyntaxError(
                "Include depth exceeded %d levels at %r: is a template including itself?"
                % (MAX_INCLUDE_DEPTH, getattr(template, "origin", template))
            )
        context._include_depth = depth + 1
        try:
            if self.isolated_context:
                return template.render(context.new(values))
            with context.push(**values):
                return template.render(context)
        finally:
            context._include_depth = depth

    def render(self, context: Any) -> str:
        values = {name: var.resolve(context) for name, var in self.extra_context.items()}
        return self.render_include(context, self.template.resolve(context), values)


@register.tag("include")
def do_include(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            "%r tag takes at least one argument: the name of the template to be included." % bits[0]
        )
    options: dict = {}
    remaining = bits[2:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError("The %r option was specified more than once." % option)
        value: Any
        if option == "with":
            value = token_kwargs(remaining, parser, support_legacy=False)
            if not value:
                raise TemplateSyntaxError('"with" in %r tag needs at least one keyword argument.' % bits[0])
        elif option == "only":
            value = True
        else:
            raise TemplateSyntaxError("Unknown argument for %r tag: %r." % (bits[0], option))
        options[option] = value
    bits[1] = construct_relative_path(
        getattr(parser.origin, "template_name", None), bits[1], allow_recursion=True
    )
    return IncludeNode(
        parser.compile_filter(bits[1]),
        extra_context=options.get("with", {}),
        isolated_context=options.get("only", False),
    )


# -- template partials (6.0) ---------------------------------------------------------------------
class PartialTemplate:
    """A named fragment of a template, renderable on its own ("page.html#name")."""

    def __init__(
        self, nodelist: NodeList, origin: Any, name: str, template: Any = None, source: str = ""
    ) -> None:
        self.nodelist = nodelist
        self.origin = origin
        self.name = name
        self.template = template
        self.source = source

    @property
    def engine(self) -> Any:
        return self.template.engine

    def get_exception_info(self, exception: Any, token: Any) -> dict:
        return self.template.get_exception_info(exception, token)

    def render(self, context: Any) -> SafeString:
        with context.render_context.push_state(self.template):
            if context.template is None:
                with context.bind_template(self.template):
                    context.template_name = self.name
                    return self.nodelist.render(context)
            return self.nodelist.render(context)


class PartialDefNode(Node):
    context_effect = READS

    def __init__(self, partial_name: str, inline: bool, nodelist: NodeList) -> None:
        self.partial_name = partial_name
        self.inline = inline
        self.nodelist = nodelist

    def compile(self, frame: Any) -> None:
        if self.inline:
            with frame.branch():
                frame.compile_nodelist(self.nodelist)

    def effect(self) -> int:
        return nodelist_effect(self.nodelist) if self.inline else 0


class PartialNode(Node):
    child_nodelists = ()
    # Renders code this template can't see: see BlockNode.context_effect.
    context_effect = WRITES

    def __init__(self, partial_name: str, extra_data: dict) -> None:
        self.partial_name = partial_name
        self.extra_data = extra_data

    def render(self, context: Any) -> SafeString:
        partials = self.extra_data.get("partials", {})
        try:
            partial = partials[self.partial_name]
        except KeyError:
            raise TemplateSyntaxError(
                "Partial '%s' is not defined in the current template." % self.partial_name
            )
        return partial.nodelist.render(context)


@register.tag("partialdef")
def partialdef_func(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != "inline"):
        raise TemplateSyntaxError("'partialdef' tag requires a name and an optional 'inline' argument.")
    name = bits[1]
    inline = len(bits) == 3
    nodelist = parser.parse(("endpartialdef",))
    end = parser.next_token()
    if end.contents not in ("endpartialdef", "endpartialdef %s" % name):
        parser.invalid_block_tag(end, "endpartialdef", ("endpartialdef", "endpartialdef %s" % name))
    partials = parser.extra_data.setdefault("partials", {})
    if name in partials:
        raise TemplateSyntaxError(
            "Partial '%s' is already defined in the '%s' template."
            % (name, getattr(parser.origin, "name", ""))
        )
    partials[name] = PartialTemplate(nodelist, parser.origin, name)
    parser.extra_data.setdefault("_partial_tokens", {})[name] = (token, end)
    return PartialDefNode(name, inline, nodelist)


@register.tag("partial")
def partial_func(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("'partial' tag requires a single argument (the partial name).")
    return PartialNode(bits[1], parser.extra_data)
