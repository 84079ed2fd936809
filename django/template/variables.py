"""Variables and filter expressions: the `{{ a.b|filter:arg }}` grammar.

Parsing happens once (at template compile time); `resolve()` is the interpreted path
kept for third-party tags; compiled templates generate equivalent code.
"""

from __future__ import annotations

import re
from typing import Any

from django.template import runtime
from django.template.exceptions import TemplateSyntaxError
from django.utils.safestring import SafeData, mark_safe

VARIABLE_ATTRIBUTE_SEPARATOR = "."
FILTER_SEPARATOR = "|"
FILTER_ARGUMENT_SEPARATOR = ":"

_number_re = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_string = r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'"""
_constant = r"_\((?:%s)\)|(?:%s)" % (_string, _string)
_var_chars = r"[\w.+-]+"
# One piece of a filter expression: the leading value, or a `|filter[:arg]`.
_filter_re = re.compile(
    r"""
    ^(?P<constant>%(constant)s)
    |^(?P<var>%(var)s)
    |(?:\s*\|\s*(?P<filter_name>\w+)
        (?::(?:(?P<constant_arg>%(constant)s)|(?P<var_arg>%(var)s)))?
    )"""
    % {"constant": _constant, "var": _var_chars},
    re.VERBOSE,
)


class VariableDoesNotExist(Exception):
    def __init__(self, msg: str, params: tuple = ()) -> None:
        self.msg = msg
        self.params = params
        super().__init__(msg, params)

    def __str__(self) -> str:
        return self.msg % self.params


def unescape_string_literal(s: str) -> str:
    if not s or s[0] not in "\"'" or s[-1] != s[0] or len(s) < 2:
        raise ValueError("Not a string literal: %r" % s)
    quote = s[0]
    return s[1:-1].replace(r"\%s" % quote, quote).replace(r"\\", "\\")


class Variable:
    """A template variable (`article.section`) or literal (`"text"`, `1.5`, `_("x")`)."""

    __slots__ = ("var", "literal", "lookups", "translate", "message_context")

    def __init__(self, var: Any) -> None:
        if not isinstance(var, str):
            raise TypeError("Variable must be a string or number, got %s" % type(var))
        self.var = var
        self.literal: Any = None
        self.lookups: tuple[str, ...] | None = None
        self.translate = False
        self.message_context: str | None = None
        if _number_re.match(var) and not var.endswith("."):
            if "." in var or "e" in var.lower():
                self.literal = float(var)
            else:
                self.literal = int(var)
            return
        if var.startswith("_(") and var.endswith(")"):
            self.translate = True
            var = var[2:-1]
        try:
            self.literal = mark_safe(unescape_string_literal(var))
        except ValueError:
            if var.startswith("_") or "._" in var:
                raise TemplateSyntaxError(
                    "Variables and attributes may not begin with underscores: '%s'" % var
                )
            self.lookups = tuple(var.split(VARIABLE_ATTRIBUTE_SEPARATOR))
            if "" in self.lookups:
                raise TemplateSyntaxError("Variables and attributes may not be blank strings: '%s'" % var)

    def __repr__(self) -> str:
        return "<%s: %r>" % (type(self).__name__, self.var)

    def __str__(self) -> str:
        return self.var

    def resolve(self, context: Any) -> Any:
        """Resolve against a Context (or plain dict); raise VariableDoesNotExist if missing."""
        if self.lookups is None:
            value = self.literal
        else:
            value = self._resolve_lookup(context)
        if self.translate:
            return translate_literal(value, self.message_context)
        return value

    def _resolve_lookup(self, context: Any) -> Any:
        assert self.lookups is not None
        first, rest = self.lookups[0], self.lookups[1:]
        if hasattr(context, "dicts"):
            base = runtime.context_get(context, first)
        else:
            base = runtime.lookup_bit(context, first)
        value = runtime.resolve(base, rest, runtime.engine_sii(context))
        if value is runtime.MISSING:
            raise VariableDoesNotExist("Failed lookup for key [%s] in %r", (self.var, context))
        return value


def translate_literal(value: Any, message_context: str | None) -> Any:
    """The lazy translation of a template string: "%" doubled as in extracted message ids, and a
    safe (literal) source string stays safe once translated."""
    from django.utils.translation import gettext_lazy, pgettext_lazy

    msgid = value.replace("%", "%%")
    if isinstance(value, SafeData):
        msgid = mark_safe(msgid)
    if message_context:
        return pgettext_lazy(message_context, msgid)
    return gettext_lazy(msgid)


class FilterExpression:
    """A value followed by filters; `filters` is a list of (func, [(is_lookup, arg)])."""

    __slots__ = ("token", "filters", "var", "is_var")

    def __init__(self, token: str, parser: Any) -> None:
        self.token = token
        filters: list = []
        var_obj: Any = None
        upto = 0
        for match in _filter_re.finditer(token):
            start = match.start()
            if upto != start:
                raise TemplateSyntaxError(
                    "Could not parse some characters: %s|%s|%s"
                    % (token[:upto], token[upto:start], token[start:])
                )
            if var_obj is None:
                if match["constant"]:
                    var_obj = Variable(match["constant"]).resolve({})
                elif match["var"]:
                    var_obj = Variable(match["var"])
                else:
                    raise TemplateSyntaxError("Could not find variable at start of %s." % token)
            else:
                filters.append(self._parse_filter(match, parser))
            upto = match.end()
        if upto != len(token):
            raise TemplateSyntaxError("Could not parse the remainder: '%s' from '%s'" % (token[upto:], token))
        if var_obj is None:
            raise TemplateSyntaxError("Could not find variable at start of %s." % token)
        self.filters = filters
        self.var = var_obj
        self.is_var = isinstance(var_obj, Variable)

    def _parse_filter(self, match: re.Match, parser: Any) -> tuple:
        name = match["filter_name"]
        if name is None:
            raise TemplateSyntaxError(
                "Could not parse the remainder: '%s' from '%s'" % (match[0], self.token)
            )
        func = parser.find_filter(name)
        args = []
        if match["constant_arg"]:
            args.append((False, Variable(match["constant_arg"]).resolve({})))
        elif match["var_arg"]:
            args.append((True, Variable(match["var_arg"])))
        self.args_check(name, func, args)
        return (func, args)

    @staticmethod
    def args_check(name: str, func: Any, provided: list) -> bool:
        import inspect

        func = inspect.unwrap(func)
        try:
            params = list(inspect.signature(func).parameters.values())
        except (TypeError, ValueError):
            return True
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            return True
        required = sum(1 for p in positional if p.default is p.empty)
        plen = len(provided) + 1
        if plen < required or plen > len(positional):
            raise TemplateSyntaxError("%s requires %d arguments, %d provided" % (name, required, plen))
        return True

    def resolve(self, context: Any, ignore_failures: bool = False) -> Any:
        if self.is_var:
            try:
                obj = self.var.resolve(context)
            except VariableDoesNotExist:
                if ignore_failures:
                    obj = None
                else:
                    sii = runtime.engine_sii(context)
                    if sii:
                        return runtime.invalid(sii, self.var.var)
                    obj = sii
        else:
            obj = self.var
        for func, args in self.filters:
            values = [arg.resolve(context) if lookup else mark_safe(arg) for lookup, arg in args]
            obj = runtime.apply_filter(func, obj, tuple(values), context.autoescape, context)
        return obj

    def __str__(self) -> str:
        return self.token

    def __repr__(self) -> str:
        return "<%s %r>" % (type(self).__qualname__, self.token)


def is_safe_value(value: Any) -> bool:
    return isinstance(value, SafeData)
