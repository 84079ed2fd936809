"""Lexer: template source -> tokens (text, {{ var }}, {% block %}, {# comment #})."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import Any

BLOCK_TAG_START = "{%"
BLOCK_TAG_END = "%}"
VARIABLE_TAG_START = "{{"
VARIABLE_TAG_END = "}}"
COMMENT_TAG_START = "{#"
COMMENT_TAG_END = "#}"
SINGLE_BRACE_START = "{"
SINGLE_BRACE_END = "}"

# A tag never spans lines; the shortest match wins, like the documented syntax.
tag_re = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})")

# Splits tag contents on whitespace while keeping quoted strings (with _("...")) whole.
smart_split_re = re.compile(
    r"""
    ((?:
        [^\s'"]*
        (?:
            (?:"(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*')
            [^\s'"]*
        )+
    ) | \S+)
    """,
    re.VERBOSE,
)


class TokenType(Enum):
    TEXT = 0
    VAR = 1
    BLOCK = 2
    COMMENT = 3


class Token:
    """One lexed piece of a template, with its line number and source position."""

    __slots__ = ("token_type", "contents", "position", "lineno")

    def __init__(
        self,
        token_type: TokenType,
        contents: str,
        position: tuple[int, int] | None = None,
        lineno: int | None = None,
    ) -> None:
        self.token_type = token_type
        self.contents = contents
        self.position = position
        self.lineno = lineno

    def __repr__(self) -> str:
        name = self.token_type.name.capitalize()
        return '<%s token: "%s...">' % (name, self.contents[:20].replace("\n", ""))

    def split_contents(self) -> list[str]:
        """Split on whitespace, keeping quoted strings and _("...") together."""
        split = []
        bits = smart_split(self.contents)
        for bit in bits:
            # A translated string split around its spaces is glued back together.
            if bit.startswith(('_("', "_('")):
                sentinel = bit[2] + ")"
                trans_bit = [bit]
                while not bit.endswith(sentinel):
                    bit = next(bits)
                    trans_bit.append(bit)
                bit = " ".join(trans_bit)
            split.append(bit)
        return split


def smart_split(text: str) -> Iterator[Any]:
    for match in smart_split_re.finditer(str(text)):
        yield match[0]


class Lexer:
    """Turns source into a list of Tokens; {% verbatim %} content stays text."""

    def __init__(self, template_string: str) -> None:
        self.template_string = template_string
        self.verbatim: str | bool = False

    def __repr__(self) -> str:
        return '<%s template_string="%s...", verbatim=%s>' % (
            type(self).__qualname__,
            self.template_string[:20].replace("\n", ""),
            self.verbatim,
        )

    def tokenize(self) -> list[Token]:
        source = self.template_string
        tokens: list[Token] = []
        lineno = 1
        upto = 0
        for match in tag_re.finditer(source):
            start, end = match.span()
            if start > upto:
                text = source[upto:start]
                tokens.append(self.create_token(text, (upto, start), lineno, in_tag=False))
                lineno += text.count("\n")
            tag = match[0]
            tokens.append(self.create_token(tag, (start, end), lineno, in_tag=True))
            lineno += tag.count("\n")
            upto = end
        if upto < len(source):
            tokens.append(self.create_token(source[upto:], (upto, len(source)), lineno, in_tag=False))
        return tokens

    def create_token(self, token_string: str, position: tuple[int, int], lineno: int, in_tag: bool) -> Token:
        if in_tag:
            opener = token_string[:2]
            if opener == BLOCK_TAG_START:
                content = token_string[2:-2].strip()
                if self.verbatim:
                    if content != self.verbatim:
                        return Token(TokenType.TEXT, token_string, position, lineno)
                    self.verbatim = False
                elif content[:9] in ("verbatim", "verbatim "):
                    self.verbatim = "end%s" % content
                return Token(TokenType.BLOCK, content, position, lineno)
            if not self.verbatim:
                content = token_string[2:-2].strip()
                if opener == VARIABLE_TAG_START:
                    return Token(TokenType.VAR, content, position, lineno)
                return Token(TokenType.COMMENT, content, position, lineno)
        return Token(TokenType.TEXT, token_string, position, lineno)


class DebugLexer(Lexer):
    """Kept for API compatibility: every Lexer records positions already."""
