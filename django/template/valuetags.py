"""Built-in tags that compute one value: spaceless, now, lorem, regroup, url, widthratio, querystring.

Registered into django.template.defaulttags.register (this module keeps defaulttags small).
"""

from __future__ import annotations

import re
from collections import namedtuple
from typing import Any

from django.template.base import Node, NodeList
from django.template.exceptions import TemplateSyntaxError
from django.template.library import Library
from django.template.nodes import PURE, WRITES

register = Library()


# -- spaceless ---------------------------------------------------------------------------------
_between_tags = re.compile(r">\s+<")


def _spaceless(text: str) -> Any:
    from django.utils.safestring import SafeString

    return SafeString(_between_tags.sub("><", text.strip()))


class SpacelessNode(Node):
    context_effect = PURE

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def compile(self, frame: Any) -> None:
        with frame.capture() as buf:
            with frame.branch():
                frame.compile_nodelist(self.nodelist)
        frame.write_expr("%s(''.join(%s))" % (frame.const(_spaceless, "spaceless"), buf))


@register.tag
def spaceless(parser: Any, token: Any) -> Node:
    nodelist = parser.parse(("endspaceless",))
    parser.delete_first_token()
    return SpacelessNode(nodelist)


# -- helpers shared by tags that can store their result with `as var` ---------------------------
class _ValueNode(Node):
    """A node computing one string, written out or stored with `as var`."""

    child_nodelists = ()
    asvar: str | None = None

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.asvar else PURE

    def value_expr(self, frame: Any) -> str:
        raise NotImplementedError

    def compile(self, frame: Any) -> None:
        value = self.value_expr(frame)
        if self.asvar:
            frame.emit("context[%r] = %s" % (self.asvar, value))
            frame.invalidate()
        else:
            frame.write_expr(value)


# -- now ---------------------------------------------------------------------------------------
def _now(format_string: str) -> str:
    from datetime import datetime

    from django.conf import settings
    from django.template.defaultfilters import date
    from django.utils import timezone

    tzinfo = timezone.get_current_timezone() if settings.USE_TZ else None
    return date(datetime.now(tz=tzinfo), format_string)


class NowNode(_ValueNode):
    def __init__(self, format_string: str, asvar: str | None = None) -> None:
        self.format_string = format_string
        self.asvar = asvar

    def value_expr(self, frame: Any) -> str:
        value = "%s(%r)" % (frame.const(_now, "now"), self.format_string)
        return value if self.asvar else "%s(%s, context)" % (frame.out_fn, value)


@register.tag
def now(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    if len(bits) != 2:
        raise TemplateSyntaxError("'now' statement takes one argument")
    return NowNode(bits[1][1:-1], asvar)


# -- lorem -------------------------------------------------------------------------------------
def _lorem(count: Any, method: str, common: bool) -> str:
    from django.utils import lorem_ipsum

    try:
        count = int(count)
    except (ValueError, TypeError):
        count = 1
    if method == "w":
        return lorem_ipsum.words(count, common=common)
    paras = lorem_ipsum.paragraphs(count, common=common)
    if method == "p":
        paras = ["<p>%s</p>" % p for p in paras]
    return "\n\n".join(paras)


class LoremNode(Node):
    child_nodelists = ()
    context_effect = PURE

    def __init__(self, count: Any, method: str, common: bool) -> None:
        self.count = count
        self.method = method
        self.common = common

    def compile(self, frame: Any) -> None:
        frame.write_expr(
            "%s(%s, %r, %r)"
            % (frame.const(_lorem, "lorem"), frame.expr(self.count), self.method, self.common)
        )


@register.tag
def lorem(parser: Any, token: Any) -> Node:
    bits = list(token.split_contents())
    tagname = bits[0]
    common = bits[-1] != "random"
    if not common:
        bits.pop()
    method = bits.pop() if bits[-1] in ("w", "p", "b") else "b"
    count = bits.pop() if len(bits) > 1 else "1"
    if len(bits) != 1:
        raise TemplateSyntaxError("Incorrect format for %r tag" % tagname)
    return LoremNode(parser.compile_filter(count), method, common)


# -- regroup -----------------------------------------------------------------------------------
GroupedResult = namedtuple("GroupedResult", ["grouper", "list"])


def _regroup(sequence: Any, keyfunc: Any) -> list:
    from itertools import groupby

    if sequence is None:
        return []
    return [GroupedResult(key, list(values)) for key, values in groupby(sequence, keyfunc)]


class RegroupNode(Node):
    child_nodelists = ()
    context_effect = WRITES

    def __init__(self, target: Any, expression: Any, var_name: str) -> None:
        self.target = target
        self.expression = expression
        self.var_name = var_name

    def compile(self, frame: Any) -> None:
        target = frame.expr(self.target, ignore_failures=True)
        param = frame.temp("obj")
        with frame.branch(names={self.var_name: param}):
            key = frame.expr(self.expression, ignore_failures=True)
        frame.emit(
            "context[%r] = %s(%s, lambda %s: %s)"
            % (self.var_name, frame.const(_regroup, "regroup"), target, param, key)
        )
        frame.invalidate()


@register.tag
def regroup(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) != 6:
        raise TemplateSyntaxError("'regroup' tag takes five arguments")
    target = parser.compile_filter(bits[1])
    if bits[2] != "by":
        raise TemplateSyntaxError("second argument to 'regroup' tag must be 'by'")
    if bits[4] != "as":
        raise TemplateSyntaxError("next-to-last argument to 'regroup' tag must be 'as'")
    var_name = bits[5]
    expression = parser.compile_filter(var_name + "." + bits[3])
    return RegroupNode(target, expression, var_name)


# -- url ---------------------------------------------------------------------------------------
_url_api: Any = None


def _reverse(context: Any, view_name: Any, args: list, kwargs: dict, asvar: bool) -> str:
    """reverse() for {% url %}, in the current application of a RequestContext's request."""
    global _url_api
    if _url_api is None:  # django.urls is imported on first use, not with the template engine
        from django.urls import NoReverseMatch, reverse

        _url_api = reverse, NoReverseMatch
    reverse, no_match = _url_api
    request = getattr(context, "request", None)
    current_app = getattr(request, "current_app", None)
    if current_app is None:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    try:
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    except no_match:
        if not asvar:
            raise
        return ""


class URLNode(_ValueNode):
    def __init__(self, view_name: Any, args: list, kwargs: dict, asvar: str | None) -> None:
        self.view_name = view_name
        self.args = args
        self.kwargs = kwargs
        self.asvar = asvar

    def __repr__(self) -> str:
        return "<%s view_name='%s' args=%s kwargs=%s as=%s>" % (
            type(self).__qualname__,
            self.view_name,
            self.args,
            self.kwargs,
            self.asvar,
        )

    def value_expr(self, frame: Any) -> str:
        args = "[%s]" % ", ".join(frame.expr(arg) for arg in self.args)
        kwargs = "{%s}" % ", ".join("%r: %s" % (k, frame.expr(v)) for k, v in self.kwargs.items())
        url = "%s(context, %s, %s, %s, %r)" % (
            frame.const(_reverse, "reverse"),
            frame.expr(self.view_name),
            args,
            kwargs,
            bool(self.asvar),
        )
        return url if self.asvar else "%s(%s, context)" % (frame.out_fn, url)


@register.tag
def url(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError("'%s' takes at least one argument, a URL pattern name." % bits[0])
    viewname = parser.compile_filter(bits[1])
    args: list = []
    kwargs: dict = {}
    asvar = None
    bits = bits[2:]
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    for bit in bits:
        match = re.match(r"(?:(\w+)=)?(.+)", bit)
        if not match:
            raise TemplateSyntaxError("Malformed arguments to url tag")
        name, value = match.groups()
        if name:
            kwargs[name] = parser.compile_filter(value)
        else:
            args.append(parser.compile_filter(value))
    return URLNode(viewname, args, kwargs, asvar)


# -- widthratio --------------------------------------------------------------------------------
def _widthratio(value: Any, max_value: Any, max_width: Any) -> str:
    try:
        max_width = int(max_width)
    except (ValueError, TypeError):
        raise TemplateSyntaxError("widthratio final argument must be a number")
    try:
        ratio = (float(value) / float(max_value)) * max_width
        return str(round(ratio))
    except ZeroDivisionError:
        return "0"
    except (ValueError, TypeError, OverflowError):
        return ""


class WidthRatioNode(_ValueNode):
    def __init__(self, val_expr: Any, max_expr: Any, max_width: Any, asvar: str | None = None) -> None:
        self.val_expr = val_expr
        self.max_expr = max_expr
        self.max_width = max_width
        self.asvar = asvar

    def value_expr(self, frame: Any) -> str:
        width = frame.temp("width")
        frame.emit("%s = %s" % (width, frame.expr(self.max_width, ignore_failures=True)))
        return "('' if %s is None else %s(%s, %s, %s))" % (
            width,
            frame.const(_widthratio, "widthratio"),
            frame.expr(self.val_expr),
            frame.expr(self.max_expr),
            width,
        )


@register.tag
def widthratio(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    asvar = None
    if len(bits) == 6:
        if bits[4] != "as":
            raise TemplateSyntaxError("Invalid syntax in widthratio tag. Expecting 'as' keyword")
        asvar = bits[5]
    elif len(bits) != 4:
        raise TemplateSyntaxError("widthratio takes at least three arguments")
    tag, this_value_expr, max_value_expr, max_width = bits[:4]
    return WidthRatioNode(
        parser.compile_filter(this_value_expr),
        parser.compile_filter(max_value_expr),
        parser.compile_filter(max_width),
        asvar=asvar,
    )


# -- querystring (5.1+) --------------------------------------------------------------------------
@register.simple_tag(name="querystring", takes_context=True)
def querystring(context: Any, *args: Any, **kwargs: Any) -> str:
    """Build "?..." from request.GET (or the given mappings) with keyword changes; None removes."""
    from django.http import QueryDict
    from django.utils.html import escape

    if not args:
        request = context.get("request")
        args = (request.GET,) if request is not None else (QueryDict(),)
    params = QueryDict(mutable=True)
    for mapping in args:
        if mapping is None:
            continue
        if not hasattr(mapping, "items"):
            raise TemplateSyntaxError(
                "querystring requires mappings for positional arguments (got %r)." % mapping
            )
        if isinstance(mapping, QueryDict):
            for key, values in mapping.lists():
                params.setlist(key, values)
        else:
            for key, value in mapping.items():
                _set_param(params, key, value)
    for key, value in kwargs.items():
        _set_param(params, key, value)
    return escape("?" + params.urlencode())


def _set_param(params: Any, key: Any, value: Any) -> None:
    if value is None:
        params.pop(key, None)
    elif isinstance(value, (list, tuple)):
        params.setlist(key, [str(v) for v in value])
    else:
        params[key] = str(value)
