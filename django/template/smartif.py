"""The {% if %} expression grammar: a small Pratt parser with Django's precedence.

or < and < not < in/not in < is/is not/==/!=/</<=/>/>=. The tree compiles to a Python
expression; comparison helpers turn exceptions into False, as documented.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from django.template.exceptions import TemplateSyntaxError


def _guard(func: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def compare(x: Any, y: Any) -> Any:
        try:
            return func(x, y)
        except Exception:
            return False

    compare.__name__ = "op_" + func.__name__
    return compare


COMPARISONS: dict[str, Callable] = {
    "in": _guard(lambda x, y: x in y),
    "not in": _guard(lambda x, y: x not in y),
    "==": _guard(operator.eq),
    "!=": _guard(operator.ne),
    ">": _guard(operator.gt),
    ">=": _guard(operator.ge),
    "<": _guard(operator.lt),
    "<=": _guard(operator.le),
}

BINDING_POWER = {
    "or": 6,
    "and": 7,
    "not": 8,
    "in": 9,
    "not in": 9,
    "is": 10,
    "is not": 10,
    "==": 10,
    "!=": 10,
    ">": 10,
    ">=": 10,
    "<": 10,
    "<=": 10,
}


class Operator:
    def __init__(self, op: str, first: Any = None, second: Any = None) -> None:
        self.op = op
        self.lbp = BINDING_POWER[op]
        self.first = first
        self.second = second

    def __repr__(self) -> str:
        return "(%s %r %r)" % (self.op, self.first, self.second)

    def nud(self, parser: IfParser) -> Operator:
        if self.op != "not":
            raise parser.error_class("Not expecting '%s' in this position in if tag." % self.op)
        return Operator("not", parser.expression(self.lbp))

    def led(self, left: Any, parser: IfParser) -> Operator:
        if self.op == "not":
            raise parser.error_class("Not expecting '%s' as infix operator in if tag." % self.op)
        return Operator(self.op, left, parser.expression(self.lbp))

    def leaves(self) -> Iterator[Any]:
        for part in (self.first, self.second):
            if part is not None:
                yield from part.leaves()

    def compile(self, frame: Any) -> str:
        if self.op == "not":
            inner = "(not %s)" % self.first.compile(frame)
        else:
            left = self.first.compile(frame)
            right = self.second.compile(frame)
            if self.op in ("or", "and", "is", "is not"):
                inner = "(%s %s %s)" % (left, self.op, right)
            else:
                inner = "%s(%s, %s)" % (frame.const(COMPARISONS[self.op], "op"), left, right)
        # Like Django, any exception while evaluating an operator makes it False.
        return "%s(lambda: %s)" % (frame.const(_evaluate, "guard"), inner)


def _evaluate(thunk: Callable[[], Any]) -> Any:
    try:
        return thunk()
    except Exception:
        return False


class Literal:
    """An operand: a FilterExpression resolved with missing values as None."""

    lbp = 0

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "(literal %r)" % self.value

    def nud(self, parser: IfParser) -> Literal:
        return self

    def led(self, left: Any, parser: IfParser) -> Any:
        raise parser.error_class("Not expecting '%s' as infix operator in if tag." % self.value)

    def leaves(self) -> Iterator[Any]:
        yield self

    def compile(self, frame: Any) -> str:
        return frame.expr(self.value, ignore_failures=True)


class EndToken:
    lbp = 0

    def nud(self, parser: IfParser) -> Any:
        raise parser.error_class("Unexpected end of expression in if tag.")


class IfParser:
    error_class = TemplateSyntaxError

    def __init__(self, tokens: list[str]) -> None:
        merged: list[Any] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            pair = " ".join(tokens[i : i + 2])
            if pair in ("is not", "not in"):
                merged.append(Operator(pair))
                i += 2
                continue
            merged.append(Operator(token) if token in BINDING_POWER else self.create_var(token))
            i += 1
        self.tokens = merged
        self.pos = 0
        self.current_token = self.next_token()

    def create_var(self, value: str) -> Any:
        return Literal(value)

    def next_token(self) -> Any:
        if self.pos >= len(self.tokens):
            return EndToken()
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Any:
        result = self.expression()
        if not isinstance(self.current_token, EndToken):
            shown = getattr(self.current_token, "op", None) or getattr(self.current_token, "value", "")
            raise self.error_class("Unused '%s' at end of if expression." % shown)
        return result

    def expression(self, rbp: int = 0) -> Any:
        token = self.current_token
        self.current_token = self.next_token()
        left = token.nud(self)
        while rbp < self.current_token.lbp:
            token = self.current_token
            self.current_token = self.next_token()
            left = token.led(left, self)
        return left
