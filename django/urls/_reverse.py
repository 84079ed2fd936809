"""Reverse templates: a URL pattern turned into literal text and typed holes.

A template is built once per pattern (and joined once per include chain); reversing
then fills the holes, checks each value against its own regex and joins the parts.
"""

from __future__ import annotations

import re
from typing import Any

_CLASS_SAMPLES = {"d": "0", "D": "x", "w": "x", "W": "!", "s": " ", "S": "x"}
_ZERO_WIDTH = set("AbBZz")


class Param:
    """A hole in a template: a name (or a position) plus the regex its text must match."""

    __slots__ = ("name", "regex", "converter", "_fullmatch")

    def __init__(self, name: str | int, regex: str, converter: Any = None) -> None:
        self.name = name
        self.regex = regex
        self.converter = converter
        self._fullmatch = re.compile(regex).fullmatch

    def renumbered(self, offset: int) -> Param:
        if isinstance(self.name, str) or not offset:
            return self
        return Param(self.name + offset, self.regex, self.converter)

    def to_text(self, value: Any) -> str | None:
        """The value as URL text, or None when it cannot fill this hole."""
        if self.converter is not None:
            try:
                text = self.converter.to_url(value)
            except ValueError:
                return None
        else:
            text = value
        text = str(text)
        return text if self._fullmatch(text) else None


class Template:
    """One way to spell a URL: ordered parts (text, Param, dynamic prefix) and defaults."""

    __slots__ = ("parts", "params", "defaults", "display")

    def __init__(self, parts: tuple, defaults: dict | None = None, display: str = "") -> None:
        self.parts = parts
        self.params = tuple(p.name for p in parts if isinstance(p, Param))
        self.defaults = defaults or {}
        self.display = display

    def joined(self, child: Template) -> Template:
        """This template as a prefix of ``child`` (positional holes keep their order)."""
        offset = sum(1 for name in self.params if isinstance(name, int))
        parts = self.parts + tuple(p.renumbered(offset) if isinstance(p, Param) else p for p in child.parts)
        return Template(_merge_text(parts), {**self.defaults, **child.defaults}, self.display + child.display)

    def accepts(self, args: tuple, kwargs: dict) -> bool:
        if args:
            return len(args) == len(self.params)
        given = set(kwargs)
        params = set(self.params)
        if (given ^ params) - set(self.defaults):
            return False
        return all(
            kwargs.get(key, value) == value for key, value in self.defaults.items() if key not in params
        )

    def fill(self, args: tuple, kwargs: dict) -> str | None:
        """The URL text for these arguments, or None if a value does not fit its hole."""
        values = dict(zip(self.params, args)) if args else {**self.defaults, **kwargs}
        out = []
        for part in self.parts:
            if type(part) is str:
                out.append(part)
            elif type(part) is Param:
                text = part.to_text(values[part.name])
                if text is None:
                    return None
                out.append(text)
            else:
                out.append(part.language_prefix)
        return "".join(out)


def _merge_text(parts: tuple) -> tuple:
    merged: list = []
    for part in parts:
        if type(part) is str and merged and type(merged[-1]) is str:
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return tuple(merged)


def templates_for_regex(pattern: str) -> list[tuple]:
    """All the part tuples a ``re_path`` regex can be reversed to (first alternative of ``|``)."""
    parser = _RegexReverser(pattern)
    alternatives = parser.sequence(top=True)
    positional = 0
    result = []
    for parts in alternatives:
        numbered = []
        positional = 0
        for part in parts:
            if isinstance(part, Param) and part.name is None:
                part = Param(positional, part.regex)
                positional += 1
            numbered.append(part)
        result.append(_merge_text(tuple(numbered)))
    return result


class _RegexReverser:
    """A small recursive reader of the regex subset that makes sense in URLs."""

    def __init__(self, pattern: str) -> None:
        self.src = pattern
        self.pos = 0

    def sequence(self, top: bool = False) -> list[list]:
        alternatives: list[list] = [[]]
        src = self.src
        if top and src.startswith("^"):
            self.pos = 1
        while self.pos < len(src):
            char = src[self.pos]
            if char == ")":
                if top:
                    self.pos += 1
                    continue
                break
            if char == "|":
                self._skip_alternative(top)
                continue
            atom = self._atom()
            atom = self._quantified(atom)
            alternatives = [alt + choice for alt in alternatives for choice in atom]
        return alternatives

    def _skip_alternative(self, top: bool) -> None:
        """Only the first branch of ``a|b`` is used to reverse; skip the rest of the group."""
        depth = 0
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "[":
                self._char_class()
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0 and not top:
                    return
                depth -= 1
            self.pos += 1

    def _atom(self) -> list[list]:
        src, pos = self.src, self.pos
        char = src[pos]
        if char == "\\":
            self.pos += 2
            nxt = src[pos + 1] if pos + 1 < len(src) else ""
            if nxt in _ZERO_WIDTH or nxt.isdigit():
                return [[]]
            return [[_CLASS_SAMPLES.get(nxt, nxt)]]
        if char == "[":
            return [[self._char_class()]]
        if char == "(":
            return self._group()
        self.pos += 1
        if char == "$" or char == "^":
            return [[]]
        return [[char]]

    def _char_class(self) -> str:
        src = self.src
        end = self.pos + 1
        if end < len(src) and src[end] == "^":
            end += 1
        negated = end > self.pos + 1
        first = None
        if end < len(src) and src[end] == "]":
            first = "]"
            end += 1
        while end < len(src) and src[end] != "]":
            if src[end] == "\\":
                first = first or _CLASS_SAMPLES.get(src[end + 1], src[end + 1])
                end += 2
                continue
            first = first or src[end]
            end += 1
        self.pos = end + 1
        return "x" if negated or first is None else first

    def _group(self) -> list[list]:
        src = self.src
        self.pos += 1
        if src.startswith("?P<", self.pos):
            close = src.index(">", self.pos)
            name = src[self.pos + 3 : close]
            self.pos = close + 1
            return [[Param(name, self._group_body())]]
        if src.startswith("?P=", self.pos) or src.startswith(("?=", "?!", "?<=", "?<!", "?#"), self.pos):
            self._group_body()
            return [[]]
        if src.startswith("?:", self.pos):
            self.pos += 2
            inner = self.sequence()
            self.pos += 1
            return inner
        if src.startswith("?", self.pos):
            # Inline flags such as (?i) or (?i:...) carry no text of their own.
            close = self.pos
            while close < len(src) and src[close] not in ":)":
                close += 1
            self.pos = close + 1
            if src[close] == ")":
                return [[]]
            inner = self.sequence()
            self.pos += 1
            return inner
        return [[Param(None, self._group_body())]]  # type: ignore[arg-type]

    def _group_body(self) -> str:
        """Skip to the matching parenthesis and return the group's own regex text."""
        start, depth, src = self.pos, 0, self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "[":
                self._char_class()
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    self.pos += 1
                    return src[start : self.pos - 1]
                depth -= 1
            self.pos += 1
        return src[start:]

    def _quantified(self, atom: list[list]) -> list[list]:
        src = self.src
        if self.pos >= len(src):
            return atom
        char = src[self.pos]
        if char in "?*+":
            self.pos += 1
            if self.pos < len(src) and src[self.pos] in "?+":
                self.pos += 1
            if char == "+":
                return atom
            has_param = any(isinstance(p, Param) for choice in atom for p in choice)
            return [[]] + atom if has_param else [[]]
        if char == "{" and re.match(r"\{\d*(,\d*)?\}", src[self.pos :]):
            close = src.index("}", self.pos)
            low = src[self.pos + 1 : close].split(",")[0]
            self.pos = close + 1
            count = int(low or 0)
            if count == 0:
                return [[]]
            return [[p for _ in range(count) for p in choice] for choice in atom]
        return atom
