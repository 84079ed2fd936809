"""Turn a URL regex into format strings for reversing, and lazily compiled regexes."""

from __future__ import annotations

import re
from typing import Any

from django.utils.functional import SimpleLazyObject

# What a class escape stands for when we must write out one example character;
# None means "matches no text" (anchors).
_ESCAPE_EXAMPLES: dict[str, str | None] = {
    "A": None,
    "b": None,
    "B": None,
    "Z": None,
    "z": None,
    "d": "0",
    "D": "x",
    "s": " ",
    "S": "x",
    "w": "x",
    "W": "!",
}

Alternatives = list[tuple[str, list[str]]]


class _Alternation(Exception):
    """The pattern uses '|', which reversal does not support."""


class _PatternReader:
    """A recursive-descent reader over a regex that yields, for each part,
    the format-string alternatives it can produce."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.pos = 0
        self.positional = 0

    def peek(self) -> str:
        return self.pattern[self.pos] if self.pos < len(self.pattern) else ""

    def take(self) -> str:
        char = self.peek()
        self.pos += 1
        return char

    def sequence(self, in_group: bool) -> Alternatives:
        result: Alternatives = [("", [])]
        while self.pos < len(self.pattern):
            char = self.peek()
            if char == ")" and in_group:
                return result
            if char == "|":
                raise _Alternation
            piece = self.atom()
            if piece is None:
                continue
            piece = self.apply_quantifier(piece)
            result = [(a + b, pa + pb) for a, pa in result for b, pb in piece]
        if in_group:
            raise ValueError(f"Unbalanced parenthesis in pattern {self.pattern!r}")
        return result

    def atom(self) -> Alternatives | None:
        char = self.take()
        if char in "^$":
            return None
        if char == ".":
            return [(".", [])]
        if char == "\\":
            return self.escape()
        if char == "[":
            return [(self.char_class(), [])]
        if char == "(":
            return self.group()
        if char == "%":
            return [("%%", [])]
        return [(char, [])]

    def escape(self) -> Alternatives | None:
        char = self.take()
        if char in _ESCAPE_EXAMPLES:
            example = _ESCAPE_EXAMPLES[char]
            return None if example is None else [(example, [])]
        return [("%%" if char == "%" else char, [])]

    def char_class(self) -> str:
        negated = self.peek() == "^"
        if negated:
            self.take()
        first = ""
        while True:
            char = self.take()
            if char == "":
                raise ValueError(f"Unterminated character class in pattern {self.pattern!r}")
            if char == "]" and first:
                break
            if char == "\\":
                escaped = self.take()
                char = _ESCAPE_EXAMPLES.get(escaped) or escaped
            if not first:
                first = char
        if negated:
            # Any character outside the class will do; pick a harmless one.
            return "_" if first != "_" else "x"
        return "%%" if first == "%" else first

    def group(self) -> Alternatives | None:
        name: str | None = None
        if self.peek() == "?":
            self.take()
            kind = self.take()
            if kind == "P":
                marker = self.take()
                if marker == "<":
                    name = self.read_until(">")
                elif marker == "=":
                    ref = self.read_until(")")
                    return [(f"%({ref})s", [])]
                else:
                    raise ValueError(f"Bad group syntax in pattern {self.pattern!r}")
            elif kind == "<" and self.peek() not in "=!":
                name = self.read_until(">")
            elif kind in "=!<" or kind == "#":
                self.skip_group()
                return None
            elif kind == ":":
                return self.group_body()
            else:
                # Inline flags: (?i) alone, or (?i:...) as a non-capturing group.
                self.read_while_flag()
                if self.take() == ")":
                    return None
                return self.group_body()
        else:
            name = f"_{self.positional}"
            self.positional += 1
        self.skip_group()
        return [(f"%({name})s", [name])]

    def group_body(self) -> Alternatives:
        body = self.sequence(in_group=True)
        self.take()  # the closing parenthesis
        return body

    def read_until(self, end: str) -> str:
        start = self.pos
        stop = self.pattern.find(end, start)
        if stop < 0:
            raise ValueError(f"Unterminated group name in pattern {self.pattern!r}")
        self.pos = stop + 1
        return self.pattern[start:stop]

    def read_while_flag(self) -> str:
        start = self.pos
        while self.peek() and self.peek() in "aiLmsux-":
            self.pos += 1
        return self.pattern[start : self.pos]

    def skip_group(self) -> None:
        depth = 1
        while depth:
            char = self.take()
            if char == "":
                raise ValueError(f"Unbalanced parenthesis in pattern {self.pattern!r}")
            if char == "\\":
                self.take()
            elif char == "[":
                self.char_class()
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1

    def apply_quantifier(self, piece: Alternatives) -> Alternatives:
        char = self.peek()
        if char in ("*", "?", "+"):
            self.take()
            minimum = 1 if char == "+" else 0
        elif char == "{" and re.match(r"\{\d*(,\d*)?\}", self.pattern[self.pos :]):
            spec = self.read_until("}")[1:]
            minimum = int(spec.split(",")[0] or 0)
        else:
            return piece
        if self.peek() in ("?", "+"):
            self.take()  # lazy or possessive modifier
        if minimum == 0:
            if any(params for _, params in piece):
                return [("", [])] + piece
            return [("", [])]
        result: Alternatives = [("", [])]
        for _ in range(minimum):
            result = [(a + b, pa + pb) for a, pa in result for b, pb in piece]
        return result


def normalize(pattern: str) -> list[tuple[str, list[str]]]:
    """Return ``[(format_string, [param names]), ...]`` that the regex can match.

    Repeats use their minimum count; optional parts holding groups give both
    the with- and without- versions; unnamed groups are named ``_0``, ``_1``...
    A pattern with '|' cannot be reversed and gives ``[("", [])]``.
    """
    try:
        return _PatternReader(pattern).sequence(in_group=False)
    except _Alternation:
        return [("", [])]


def _lazy_re_compile(regex: str | bytes | re.Pattern, flags: int = 0) -> Any:
    """A regex compiled on first use (keeps module import cheap)."""

    def _compile() -> re.Pattern:
        if isinstance(regex, (str, bytes)):
            return re.compile(regex, flags)
        if flags:
            raise AssertionError("flags must be empty if regex is passed pre-compiled")
        return regex

    return SimpleLazyObject(_compile)
