"""The built-in tags (control flow and output). Each node compiles to Python code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import cycle as itertools_cycle
from typing import Any

from django.template.base import Node, NodeList, TextNode, token_kwargs
from django.template.exceptions import TemplateSyntaxError
from django.template.library import Library
from django.template.nodes import PURE, READS, WRITES, nodelist_effect
from django.template.smartif import IfParser, Literal
from django.utils.safestring import SafeData

register = Library()


def _mentions(nodelist: Any, words: tuple[str, ...]) -> bool:
    for node in nodelist.get_nodes_by_type(Node):
        token = getattr(node, "token", None)
        contents = getattr(token, "contents", "") or ""
        if any(word in contents for word in words):
            return True
    return False


# -- autoescape ---------------------------------------------------------------------------
class AutoEscapeControlNode(Node):
    context_effect = PURE

    def __init__(self, setting: bool, nodelist: NodeList) -> None:
        self.setting = setting
        self.nodelist = nodelist

    def compile(self, frame: Any) -> None:
        outer = frame.autoescape
        frame.autoescape = self.setting
        try:
            if nodelist_effect(self.nodelist) >= READS:
                saved = frame.temp("ae")
                frame.emit("%s = context.autoescape" % saved)
                frame.emit("context.autoescape = %r" % self.setting)
                with frame.try_finally(["context.autoescape = %s" % saved]):
                    frame.compile_nodelist(self.nodelist)
            else:
                frame.compile_nodelist(self.nodelist)
        finally:
            frame.flush()
            frame.autoescape = outer


@register.tag
def autoescape(parser: Any, token: Any) -> Node:
    args = token.contents.split()
    if len(args) != 2:
        raise TemplateSyntaxError("'autoescape' tag requires exactly one argument.")
    arg = args[1]
    if arg not in ("on", "off"):
        raise TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'")
    nodelist = parser.parse(("endautoescape",))
    parser.delete_first_token()
    return AutoEscapeControlNode(arg == "on", nodelist)


# -- comment / load / templatetag / verbatim -------------------------------------------------
class CommentNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def compile(self, frame: Any) -> None:
        pass


@register.tag
def comment(parser: Any, token: Any) -> Node:
    parser.skip_past("endcomment")
    return CommentNode()


class LoadNode(CommentNode):
    pass


def _find_library(parser: Any, name: str) -> Any:
    try:
        return parser.libraries[name]
    except KeyError:
        raise TemplateSyntaxError(
            "'%s' is not a registered tag library. Must be one of:\n%s"
            % (name, "\n".join(sorted(parser.libraries)))
        )


@register.tag
def load(parser: Any, token: Any) -> Node:
    bits = token.contents.split()
    if len(bits) >= 4 and bits[-2] == "from":
        lib = _find_library(parser, bits[-1])
        subset = Library()
        for name in bits[1:-2]:
            if name in lib.tags:
                subset.tags[name] = lib.tags[name]
                if name in lib.filters:
                    subset.filters[name] = lib.filters[name]
            elif name in lib.filters:
                subset.filters[name] = lib.filters[name]
            else:
                raise TemplateSyntaxError(
                    "'%s' is not a valid tag or filter in tag library '%s'" % (name, bits[-1])
                )
        parser.add_library(subset)
    else:
        for name in bits[1:]:
            parser.add_library(_find_library(parser, name))
    return LoadNode()


class TemplateTagNode(Node):
    child_nodelists = ()
    context_effect = PURE
    mapping = {
        "openblock": "{%",
        "closeblock": "%}",
        "openvariable": "{{",
        "closevariable": "}}",
        "openbrace": "{",
        "closebrace": "}",
        "opencomment": "{#",
        "closecomment": "#}",
    }

    def __init__(self, tagtype: str) -> None:
        self.tagtype = tagtype

    def compile(self, frame: Any) -> None:
        frame.write_text(self.mapping[self.tagtype])


@register.tag
def templatetag(parser: Any, token: Any) -> Node:
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError("'templatetag' statement takes one argument")
    if bits[1] not in TemplateTagNode.mapping:
        raise TemplateSyntaxError(
            "Invalid templatetag argument: '%s'. Must be one of: %s"
            % (bits[1], list(TemplateTagNode.mapping))
        )
    return TemplateTagNode(bits[1])


class VerbatimNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def __init__(self, content: str) -> None:
        self.content = content

    def compile(self, frame: Any) -> None:
        frame.write_text(self.content)


@register.tag
def verbatim(parser: Any, token: Any) -> Node:
    nodelist = parser.parse(("endverbatim",))
    parser.delete_first_token()
    return VerbatimNode("".join(getattr(node, "s", "") for node in nodelist))


# -- csrf_token ----------------------------------------------------------------------------
def _csrf_input(token: Any) -> str:
    from django.template.runtime import MISSING, escape_text

    if token is MISSING or not token:
        from django.conf import settings

        if settings.DEBUG:
            import warnings

            warnings.warn(
                "A {% csrf_token %} was used in a template, but the context did not provide "
                "the value. This is usually caused by not using RequestContext.",
                stacklevel=2,
            )
        return ""
    if token == "NOTPROVIDED":
        return ""
    return '<input type="hidden" name="csrfmiddlewaretoken" value="%s">' % escape_text(str(token))


class CsrfTokenNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def compile(self, frame: Any) -> None:
        frame.write_expr("%s(%s)" % (frame.const(_csrf_input, "csrf"), frame.name_ref("csrf_token")))


@register.tag
def csrf_token(parser: Any, token: Any) -> Node:
    return CsrfTokenNode()


# -- cycle / resetcycle ----------------------------------------------------------------------
class CycleNode(Node):
    child_nodelists = ()

    def __init__(self, cyclevars: list, variable_name: str | None = None, silent: bool = False) -> None:
        self.cyclevars = cyclevars
        self.variable_name = variable_name
        self.silent = silent

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.variable_name else PURE

    def next_index(self, context: Any) -> int:
        state = context.render_context.get(self)
        if state is None:
            state = context.render_context[self] = itertools_cycle(range(len(self.cyclevars)))
        return next(state)

    def reset(self, context: Any) -> None:
        context.render_context[self] = itertools_cycle(range(len(self.cyclevars)))

    def compile(self, frame: Any) -> None:
        node = frame.const(self, "cycle")
        literals = tuple(var.var for var in self.cyclevars if not var.is_var and not var.filters)
        if not self.variable_name and len(literals) == len(self.cyclevars):
            if all(isinstance(text, SafeData) for text in literals):  # quoted literals: output as is
                frame.write_expr("%s[%s.next_index(context)]" % (frame.const(literals, "cyc"), node))
                return
        index, value = frame.temp("i"), frame.temp("v")
        frame.emit("%s = %s.next_index(context)" % (index, node))
        for number, var in enumerate(self.cyclevars):
            keyword = "if" if number == 0 else "elif"
            frame.emit("%s %s == %d:" % (keyword, index, number))
            with frame.indented(), frame.branch():
                frame.emit("%s = %s" % (value, frame.expr(var)))
        if self.variable_name:
            frame.emit("context.set_upward(%r, %s)" % (self.variable_name, value))
            frame.invalidate()
        if not self.silent:
            frame.write_expr("%s(%s, context)" % (frame.out_fn, value))


@register.tag
def cycle(parser: Any, token: Any) -> Node:
    args = token.split_contents()
    if len(args) < 2:
        raise TemplateSyntaxError("'cycle' tag requires at least two arguments")
    named = parser.__dict__.setdefault("_named_cycle_nodes", {})
    if len(args) == 2:
        name = args[1]
        if name not in named:
            raise TemplateSyntaxError("No named cycles in template. '%s' is not defined" % name)
        return named[name]
    as_form = False
    if len(args) > 4:
        if args[-3] == "as":
            if args[-1] != "silent":
                raise TemplateSyntaxError(
                    "Only 'silent' flag is allowed after cycle's name, not '%s'." % args[-1]
                )
            as_form = True
            silent = True
            args = args[:-1]
        elif args[-2] == "as":
            as_form = True
            silent = False
    if as_form:
        name = args[-1]
        values = [parser.compile_filter(arg) for arg in args[1:-2]]
        node = CycleNode(values, name, silent=silent)
        named[name] = node
    else:
        node = CycleNode([parser.compile_filter(arg) for arg in args[1:]])
    parser.__dict__["_last_cycle_node"] = node
    return node


class ResetCycleNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def __init__(self, node: CycleNode) -> None:
        self.node = node

    def compile(self, frame: Any) -> None:
        frame.emit("%s.reset(context)" % frame.const(self.node, "cycle"))


@register.tag
def resetcycle(parser: Any, token: Any) -> Node:
    args = token.split_contents()
    if len(args) > 2:
        raise TemplateSyntaxError("%r tag accepts at most one argument." % args[0])
    if len(args) == 2:
        named = parser.__dict__.get("_named_cycle_nodes", {})
        if args[1] not in named:
            raise TemplateSyntaxError("Named cycle '%s' does not exist." % args[1])
        return ResetCycleNode(named[args[1]])
    last = parser.__dict__.get("_last_cycle_node")
    if last is None:
        raise TemplateSyntaxError("No cycles in template.")
    return ResetCycleNode(last)


# -- debug -------------------------------------------------------------------------------------
class DebugNode(Node):
    child_nodelists = ()
    context_effect = READS

    def render(self, context: Any) -> str:
        import sys
        from pprint import pformat

        from django.utils.html import escape

        output = [escape(pformat(d)) for d in context.dicts]
        output.append("\n\n")
        output.append(escape(pformat(sys.modules)))
        return "".join(output)


@register.tag
def debug(parser: Any, token: Any) -> Node:
    return DebugNode()


# -- filter ------------------------------------------------------------------------------------
class FilterNode(Node):
    context_effect = PURE

    def __init__(self, filter_expr: Any, nodelist: NodeList) -> None:
        self.filter_expr = filter_expr
        self.nodelist = nodelist

    def compile(self, frame: Any) -> None:
        with frame.capture() as buf:
            with frame.branch():
                frame.compile_nodelist(self.nodelist)
        content = frame.temp("content")
        frame.emit("%s = SafeString(''.join(%s))" % (content, buf))
        frame.write_expr("str(%s)" % frame.filters_expr(self.filter_expr, content))


@register.tag("filter")
def do_filter(parser: Any, token: Any) -> Node:
    _, rest = token.contents.split(None, 1) if " " in token.contents else (token.contents, "")
    filter_expr = parser.compile_filter("var|%s" % rest)
    for func, _args in filter_expr.filters:
        name = getattr(func, "_filter_name", None)
        if name in ("escape", "safe"):
            raise TemplateSyntaxError(
                '"filter %s" is not permitted.  Use the "autoescape" tag instead.' % name
            )
    nodelist = parser.parse(("endfilter",))
    parser.delete_first_token()
    return FilterNode(filter_expr, nodelist)


# -- firstof -----------------------------------------------------------------------------------
class FirstOfNode(Node):
    child_nodelists = ()

    def __init__(self, variables: list, asvar: str | None = None) -> None:
        self.vars = variables
        self.asvar = asvar

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.asvar else PURE

    def compile(self, frame: Any) -> None:
        result, value = frame.temp("first"), frame.temp("v")
        exprs = [frame.expr(var, ignore_failures=True) for var in self.vars]
        frame.emit("%s = ''" % result)
        for number, expr in enumerate(exprs):
            frame.emit("%s (%s := %s):" % ("if" if number == 0 else "elif", value, expr))
            with frame.indented():
                frame.emit("%s = %s(%s, context)" % (result, frame.out_fn, value))
        if self.asvar:
            frame.emit("context[%r] = %s" % (self.asvar, result))
            frame.invalidate()
        else:
            frame.write_expr(result)


@register.tag
def firstof(parser: Any, token: Any) -> Node:
    bits = token.split_contents()[1:]
    asvar = None
    if not bits:
        raise TemplateSyntaxError("'firstof' statement requires at least one argument")
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    return FirstOfNode([parser.compile_filter(bit) for bit in bits], asvar)


# -- for ---------------------------------------------------------------------------------------
class ForNode(Node):
    child_nodelists = ("nodelist_loop", "nodelist_empty")
    context_effect = PURE

    def __init__(
        self,
        loopvars: list[str],
        sequence: Any,
        is_reversed: bool,
        nodelist_loop: NodeList,
        nodelist_empty: NodeList | None = None,
    ) -> None:
        self.loopvars = loopvars
        self.sequence = sequence
        self.is_reversed = is_reversed
        self.nodelist_loop = nodelist_loop
        self.nodelist_empty = nodelist_empty if nodelist_empty is not None else NodeList()

    def __repr__(self) -> str:
        return "<%s: for %s in %s, tail_len: %d%s>" % (
            type(self).__name__,
            ", ".join(self.loopvars),
            self.sequence,
            len(self.nodelist_loop),
            " reversed" if self.is_reversed else "",
        )

    def compile(self, frame: Any) -> None:
        seq, size = frame.temp("seq"), frame.temp("n")
        frame.emit("%s = loop_sequence(%s)" % (seq, frame.expr(self.sequence, ignore_failures=True)))
        frame.emit("%s = len(%s)" % (size, seq))
        frame.emit("if %s:" % size)
        with frame.indented(), frame.branch():
            self._compile_loop(frame, seq, size)
        if self.nodelist_empty:
            frame.emit("else:")
            with frame.indented(), frame.branch():
                frame.compile_nodelist(self.nodelist_empty)

    def _compile_loop(self, frame: Any, seq: str, size: str) -> None:
        effect = nodelist_effect(self.nodelist_loop)
        sync = effect >= READS
        use_forloop = sync or _mentions(self.nodelist_loop, ("forloop", "ifchanged"))
        names: dict[str, str] = {}
        index = frame.temp("i")
        if use_forloop:
            loop, parent = frame.temp("forloop"), frame.name_ref("forloop")
            frame.emit(
                "%s = {'parentloop': ({} if %s is MISSING else %s), 'length': %s}"
                % (loop, parent, parent, size)
            )
            names["forloop"] = loop
        iterable = "reversed(%s)" % seq if self.is_reversed else seq
        item = frame.temp("item")
        unpack = len(self.loopvars) > 1
        loop_locals = [frame.temp("l_") for _ in self.loopvars]
        names.update(zip(self.loopvars, loop_locals))
        target = item if unpack else loop_locals[0]
        pushed = frame.temp("d")
        if sync:
            frame.emit("%s = {}" % pushed)
            frame.emit("context.dicts.append(%s)" % pushed)
            frame.emit("try:")
            frame.level += 1
            frame.block_depth += 1
        header = (
            "for %s, %s in enumerate(%s):" % (index, target, iterable)
            if use_forloop
            else "for %s in %s:" % (target, iterable)
        )
        if effect < WRITES and frame.scope.hoist is None:
            # The body changes no context variable: it reads outer names once, before the loop.
            frame.hoist_here()
        frame.emit(header)
        with frame.indented(python_block=True):
            if use_forloop:
                loop = names["forloop"]
                frame.emit(
                    "%s['counter0'] = %s; %s['counter'] = %s + 1; %s['revcounter'] = %s - %s; "
                    "%s['revcounter0'] = %s - %s - 1; %s['first'] = %s == 0; %s['last'] = %s == %s - 1"
                    % (
                        loop,
                        index,
                        loop,
                        index,
                        loop,
                        size,
                        index,
                        loop,
                        size,
                        index,
                        loop,
                        index,
                        loop,
                        index,
                        size,
                    )
                )
            if unpack:
                frame.emit("%s = unpack_loop_item(%s, %d)" % (", ".join(loop_locals), item, len(loop_locals)))
            if sync:
                for name, pyname in names.items():
                    frame.emit("%s[%r] = %s" % (pushed, name, pyname))
            with frame.branch(clear=effect >= WRITES, names=names):
                frame.compile_nodelist(self.nodelist_loop)
            frame.emit("pass")
        if sync:
            frame.level -= 1
            frame.block_depth -= 1
            frame.emit("finally:")
            with frame.indented():
                frame.emit("context.dicts.pop()")


@register.tag("for")
def do_for(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) < 4:
        raise TemplateSyntaxError("'for' statements should have at least four words: %s" % token.contents)
    is_reversed = bits[-1] == "reversed"
    in_index = -3 if is_reversed else -2
    if bits[in_index] != "in":
        raise TemplateSyntaxError("'for' statements should use the format 'for x in y': %s" % token.contents)
    invalid_chars = frozenset((" ", '"', "'", FILTER_SEPARATOR))
    loopvars = re.split(r" *, *", " ".join(bits[1:in_index]))
    for var in loopvars:
        if not var or not invalid_chars.isdisjoint(var):
            raise TemplateSyntaxError("'for' tag received an invalid argument: %s" % token.contents)
    sequence = parser.compile_filter(bits[in_index + 1])
    nodelist_loop = parser.parse(("empty", "endfor"))
    token = parser.next_token()
    if token.contents == "empty":
        nodelist_empty = parser.parse(("endfor",))
        parser.delete_first_token()
    else:
        nodelist_empty = None
    return ForNode(loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty)


FILTER_SEPARATOR = "|"


# -- if ----------------------------------------------------------------------------------------
class TemplateIfParser(IfParser):
    error_class = TemplateSyntaxError

    def __init__(self, parser: Any, *args: Any, **kwargs: Any) -> None:
        self.template_parser = parser
        super().__init__(*args, **kwargs)

    def create_var(self, value: str) -> Any:
        return Literal(self.template_parser.compile_filter(value))


class IfNode(Node):
    context_effect = PURE
    child_nodelists = ("nodelist",)

    def __init__(self, conditions_nodelists: list) -> None:
        self.conditions_nodelists = conditions_nodelists

    def __repr__(self) -> str:
        return "<%s>" % type(self).__name__

    def __iter__(self) -> Iterator[Any]:
        for _, nodelist in self.conditions_nodelists:
            yield from nodelist

    @property
    def nodelist(self) -> NodeList:
        return NodeList(node for _, nodelist in self.conditions_nodelists for node in nodelist)

    def compile(self, frame: Any) -> None:
        guarded = any(_needs_guard(cond) for cond, _ in self.conditions_nodelists if cond is not None)
        if guarded:
            self._compile_guarded(frame, self.conditions_nodelists)
            return
        exprs = [cond.compile(frame) if cond is not None else None for cond, _ in self.conditions_nodelists]
        for number, (expr, (_, nodelist)) in enumerate(zip(exprs, self.conditions_nodelists)):
            if expr is None:
                frame.emit("else:")
            else:
                frame.emit("%s %s:" % ("if" if number == 0 else "elif", expr))
            with frame.indented(), frame.branch():
                frame.compile_nodelist(nodelist)
                frame.emit("pass")

    def _compile_guarded(self, frame: Any, branches: list) -> None:
        condition, nodelist = branches[0]
        if condition is None:
            with frame.branch():
                frame.compile_nodelist(nodelist)
            return
        value = frame.temp("cond")
        frame.emit("try:")
        with frame.indented(python_block=True):
            frame.emit("%s = %s" % (value, condition.compile(frame)))
        frame.emit("except VariableDoesNotExist:")
        with frame.indented():
            frame.emit("%s = None" % value)
        frame.emit("if %s:" % value)
        with frame.indented(), frame.branch():
            frame.compile_nodelist(nodelist)
            frame.emit("pass")
        if len(branches) > 1:
            frame.emit("else:")
            with frame.indented(), frame.branch():
                self._compile_guarded(frame, branches[1:])
                frame.emit("pass")


def _needs_guard(condition: Any) -> bool:
    """A bare operand whose filter arguments are variables may raise VariableDoesNotExist."""
    if not isinstance(condition, Literal):
        return False  # operators turn every exception into False themselves
    return any(lookup for _func, args in condition.value.filters for lookup, _ in args)


@register.tag("if")
def do_if(parser: Any, token: Any) -> Node:
    bits = token.split_contents()[1:]
    condition = TemplateIfParser(parser, bits).parse()
    nodelist = parser.parse(("elif", "else", "endif"))
    conditions_nodelists = [(condition, nodelist)]
    token = parser.next_token()
    while token.contents.startswith("elif"):
        bits = token.split_contents()[1:]
        condition = TemplateIfParser(parser, bits).parse()
        nodelist = parser.parse(("elif", "else", "endif"))
        conditions_nodelists.append((condition, nodelist))
        token = parser.next_token()
    if token.contents == "else":
        nodelist = parser.parse(("endif",))
        conditions_nodelists.append((None, nodelist))
        token = parser.next_token()
    if token.contents != "endif":
        raise TemplateSyntaxError(f'Malformed template tag at line {token.lineno}: "{token.contents}"')
    return IfNode(conditions_nodelists)


# -- ifchanged ---------------------------------------------------------------------------------
class IfChangedNode(Node):
    child_nodelists = ("nodelist_true", "nodelist_false")
    context_effect = PURE

    def __init__(self, nodelist_true: NodeList, nodelist_false: NodeList, *varlist: Any) -> None:
        self.nodelist_true = nodelist_true
        self.nodelist_false = nodelist_false
        self._varlist = varlist

    def compile(self, frame: Any) -> None:
        node = frame.const(self, "ifchanged")
        state = frame.temp("state")
        loop = frame.scope.names.get("forloop")
        if loop is None:
            ref = frame.name_ref("forloop")
            frame.emit("%s = context.render_context if %s is MISSING else %s" % (state, ref, ref))
        else:
            frame.emit("%s = %s" % (state, loop))
        compare, output = frame.temp("compare"), frame.temp("out")
        if self._varlist:
            values = ", ".join(frame.expr(var, ignore_failures=True) for var in self._varlist)
            frame.emit("%s = [%s]" % (compare, values))
            frame.emit("if %s != %s.get(%s):" % (compare, state, node))
            with frame.indented(), frame.branch():
                frame.emit("%s[%s] = %s" % (state, node, compare))
                frame.compile_nodelist(self.nodelist_true)
        else:
            with frame.capture() as buf:
                with frame.branch():
                    frame.compile_nodelist(self.nodelist_true)
            frame.emit("%s = ''.join(%s)" % (output, buf))
            frame.emit("if %s != %s.get(%s):" % (output, state, node))
            with frame.indented():
                frame.emit("%s[%s] = %s" % (state, node, output))
                frame.write_expr(output)
        if self.nodelist_false:
            frame.emit("else:")
            with frame.indented(), frame.branch():
                frame.compile_nodelist(self.nodelist_false)
                frame.emit("pass")


@register.tag
def ifchanged(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    nodelist_true = parser.parse(("else", "endifchanged"))
    token = parser.next_token()
    if token.contents == "else":
        nodelist_false = parser.parse(("endifchanged",))
        parser.delete_first_token()
    else:
        nodelist_false = NodeList()
    values = [parser.compile_filter(bit) for bit in bits[1:]]
    return IfChangedNode(nodelist_true, nodelist_false, *values)


# -- with --------------------------------------------------------------------------------------
class WithNode(Node):
    context_effect = PURE

    def __init__(
        self, var: Any, name: str | None, nodelist: NodeList, extra_context: dict | None = None
    ) -> None:
        self.nodelist = nodelist
        self.extra_context = extra_context or {}
        if name:
            self.extra_context[name] = var

    def __repr__(self) -> str:
        return "<%s>" % type(self).__name__

    def compile(self, frame: Any) -> None:
        names = {}
        for name, fe in self.extra_context.items():
            local = frame.temp("w_")
            frame.emit("%s = %s" % (local, frame.expr(fe)))
            names[name] = local
        effect = nodelist_effect(self.nodelist)
        with frame.branch(names=names):
            if effect >= READS:
                with frame.pushed_context(names):
                    frame.compile_nodelist(self.nodelist)
            else:
                frame.compile_nodelist(self.nodelist)


@register.tag("with")
def do_with(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    remaining = bits[1:]
    extra_context = token_kwargs(remaining, parser, support_legacy=True)
    if not extra_context:
        raise TemplateSyntaxError("%r expected at least one variable assignment" % bits[0])
    if remaining:
        raise TemplateSyntaxError("%r received an invalid token: %r" % (bits[0], remaining[0]))
    nodelist = parser.parse(("endwith",))
    parser.delete_first_token()
    return WithNode(None, None, nodelist, extra_context=extra_context)


from django.template.valuetags import (  # noqa: E402
    GroupedResult,
    LoremNode,
    NowNode,
    RegroupNode,
    SpacelessNode,
    URLNode,
    WidthRatioNode,
    lorem,
    now,
    querystring,
    regroup,
    spaceless,
    url,
    widthratio,
)
from django.template.valuetags import register as _value_tags  # noqa: E402

register.tags.update(_value_tags.tags)

# Text for TextNode subclasses is reused as-is (imported by loader_tags).
__all__ = [
    "GroupedResult",
    "LoremNode",
    "NowNode",
    "RegroupNode",
    "SpacelessNode",
    "TextNode",
    "URLNode",
    "WidthRatioNode",
    "lorem",
    "now",
    "querystring",
    "regroup",
    "register",
    "spaceless",
    "url",
    "widthratio",
]
