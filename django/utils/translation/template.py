"""templatize(): a Django template rewritten as Python-like text that ``xgettext --language=Python``
reads, for makemessages.

Only what carries a translatable string survives: ``{% translate %}``, ``{% blocktranslate %}``
(with ``plural``, ``count``, ``context`` and ``trimmed``), ``_("...")`` inside variables and tag
arguments, and translator comments. Each call is written on the template line it came from, so
the ``#:`` references in the catalog point at the template itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.template.lexer import Lexer, Token, TokenType
from django.utils.translation import trim_whitespace

__all__ = ["TemplateSyntaxForTranslation", "templatize"]

TRANSLATE_TAGS = {"translate", "trans"}
BLOCK_TAGS = {"blocktranslate", "blocktrans"}
END_BLOCK_TAGS = {"endblocktranslate", "endblocktrans"}
# _("...") / _('...') wherever a filter argument or tag argument may hold one.
_CONSTANT_RE = re.compile(r"""_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)""")
_LITERAL_RE = re.compile(r"""^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$""")
_LEADING_LITERAL_RE = re.compile(r"""^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(?:\|.*)?$""")
_TRANSLATOR_PREFIX = "Translators"


class TemplateSyntaxForTranslation(SyntaxError):
    """A translation tag that can't be turned into a message (with the template and line)."""


def _quote(text: str) -> str:
    """A double-quoted Python literal of ``text`` on one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


@dataclass
class _Block:
    """A {% blocktranslate %} being read."""

    lineno: int
    context: str | None
    counted: bool
    trimmed: bool
    singular: list[str] = field(default_factory=list)
    plural: list[str] = field(default_factory=list)
    in_plural: bool = False

    def add(self, text: str) -> None:
        (self.plural if self.in_plural else self.singular).append(text)

    def call(self) -> str:
        singular, plural = "".join(self.singular), "".join(self.plural)
        if self.trimmed:
            singular, plural = trim_whitespace(singular), trim_whitespace(plural)
        ctx = f"{self.context}, " if self.context else ""
        if self.counted and self.in_plural:
            name = "npgettext" if self.context else "ngettext"
            return f"{name}({ctx}{_quote(singular)}, {_quote(plural)}, count)"
        return f"{'pgettext' if self.context else 'gettext'}({ctx}{_quote(singular)})"


class _Templatizer:
    def __init__(self, source: str, origin: str | None) -> None:
        self.origin = origin or "<template>"
        self.tokens = Lexer(source).tokenize()
        self.lines: list[list[str]] = [[] for _ in range(source.count("\n") + 2)]
        self.block: _Block | None = None
        self.in_comment: list[Token] | None = None

    def emit(self, lineno: int | None, text: str) -> None:
        self.lines[lineno or 1].append(text)

    def fail(self, message: str, token: Token) -> TemplateSyntaxForTranslation:
        return TemplateSyntaxForTranslation(f"{message} ({self.origin}, line {token.lineno})")

    def run(self) -> str:
        for token in self.tokens:
            if self.in_comment is not None:
                self.read_comment_block(token)
            elif self.block is not None:
                self.read_in_block(token)
            else:
                self.read(token)
        if self.block is not None:
            raise TemplateSyntaxForTranslation(
                f"{{% blocktranslate %}} opened on line {self.block.lineno} is never closed ({self.origin})"
            )
        # Line n of the output is line n of the template (the first list is a placeholder).
        # A comment goes last on its line so that it can't hide a call written after it.
        return "\n".join(
            " ".join(sorted(parts, key=lambda part: part.startswith("#"))) for parts in self.lines[1:]
        )

    # -- outside blocktranslate ------------------------------------------------------------

    def read(self, token: Token) -> None:
        if token.token_type is TokenType.COMMENT:
            if token.contents.startswith(_TRANSLATOR_PREFIX):
                self.emit(token.lineno, f"# {token.contents}")
            return
        if token.token_type is TokenType.TEXT:
            return
        if token.token_type is TokenType.BLOCK:
            bits = token.split_contents()
            name = bits[0] if bits else ""
            if name in TRANSLATE_TAGS:
                self.read_translate(token, bits)
                return
            if name in BLOCK_TAGS:
                self.block = self.open_block(token, bits)
                return
            if name == "comment":
                self.in_comment = []
                return
        for literal in _CONSTANT_RE.findall(token.contents):
            self.emit(token.lineno, f"gettext({literal})")

    def read_translate(self, token: Token, bits: list[str]) -> None:
        if len(bits) < 2:
            raise self.fail("{% translate %} needs a string or a variable", token)
        message = bits[1]
        if message.startswith("_("):
            match = _CONSTANT_RE.fullmatch(message)
            message = match.group(1) if match else message
        literal = _LEADING_LITERAL_RE.match(message)  # "text" or "text"|filter
        if literal is None:
            return  # a variable: its value is translated at run time, nothing to extract
        message = literal.group(1)
        context = self.option_value(bits, "context", token)
        if context is not None:
            self.emit(token.lineno, f"pgettext({context}, {message})")
        else:
            self.emit(token.lineno, f"gettext({message})")

    def option_value(self, bits: list[str], option: str, token: Token) -> str | None:
        if option not in bits[2:]:
            return None
        index = bits.index(option, 2)
        if index + 1 >= len(bits) or not _LITERAL_RE.match(bits[index + 1]):
            raise self.fail(f"The '{option}' option of {{% {bits[0]} %}} needs a quoted string", token)
        return bits[index + 1]

    def open_block(self, token: Token, bits: list[str]) -> _Block:
        return _Block(
            lineno=token.lineno or 1,
            context=self.option_value(bits, "context", token),
            counted="count" in bits[1:],
            trimmed="trimmed" in bits[1:],
        )

    def read_comment_block(self, token: Token) -> None:
        assert self.in_comment is not None
        if token.token_type is TokenType.BLOCK and token.contents == "endcomment":
            text_tokens = [t for t in self.in_comment if t.token_type is TokenType.TEXT]
            text = "".join(t.contents for t in text_tokens)
            if text_tokens and text.strip().startswith(_TRANSLATOR_PREFIX):
                for offset, line in enumerate(text.split("\n")):
                    if line.strip():
                        self.emit((text_tokens[0].lineno or 1) + offset, f"# {line.strip()}")
            self.in_comment = None
            return
        self.in_comment.append(token)

    # -- inside blocktranslate -------------------------------------------------------------

    def read_in_block(self, token: Token) -> None:
        block = self.block
        assert block is not None
        if token.token_type is TokenType.TEXT:
            block.add(token.contents.replace("%", "%%"))
        elif token.token_type is TokenType.VAR:
            name = token.contents.strip()
            if "|" in name or not name:
                raise self.fail(
                    f"Only plain variables may appear inside {{% blocktranslate %}}, not {{{{ {name} }}}}",
                    token,
                )
            block.add(f"%({name})s")
        elif token.token_type is TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in END_BLOCK_TAGS:
                self.emit(block.lineno, block.call())
                self.block = None
            elif name == "plural" and not block.in_plural:
                if not block.counted:
                    raise self.fail("{% plural %} needs a 'count' in its {% blocktranslate %}", token)
                block.in_plural = True
            else:
                raise self.fail(
                    f"Translation blocks must not include other block tags: {{% {token.contents} %}}", token
                )


def templatize(src: str, origin: str | None = None) -> str:
    """Turn the template source ``src`` into text xgettext can read as Python (line numbers kept)."""
    return _Templatizer(src, origin).run()
