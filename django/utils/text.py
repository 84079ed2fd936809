"""Text helpers: capitalisation, wrapping, truncation, slugs, splitting, gzip."""

from __future__ import annotations

import re
import secrets
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator
from gzip import GzipFile
from io import BytesIO
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.utils._html_scan import text_only, tokenize
from django.utils.functional import SimpleLazyObject, keep_lazy_text, lazy
from django.utils.regex_helper import _lazy_re_compile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext


@keep_lazy_text
def capfirst(x: Any) -> Any:
    """Upper-case the first character (other characters are left alone)."""
    if not x:
        return x
    if not isinstance(x, str):
        x = str(x)
    return x[0].upper() + x[1:]


@keep_lazy_text
def wrap(text: Any, width: int) -> str:
    """Wrap lines to ``width`` columns without splitting words; existing line
    breaks are kept."""
    wrapper = textwrap.TextWrapper(
        width=width,
        break_long_words=False,
        break_on_hyphens=False,
        expand_tabs=False,
        replace_whitespace=False,
    )
    result = []
    for line in str(text).splitlines(True):
        ending = "\n" if line.endswith("\n") else ""
        body = line.removesuffix("\n")
        wrapped = wrapper.wrap(body) if body.strip() else [body]
        result.append("\n".join(wrapped) + ending)
    return "".join(result)


def add_truncation_text(text: str, truncate: str | None = None) -> str:
    if truncate is None:
        truncate = pgettext("String to return when truncating text", "%(truncated_text)s…")
    if "%(truncated_text)s" in truncate:
        return truncate % {"truncated_text": text}
    # Avoid doubling the marker if the text already ends with it.
    if text.endswith(truncate):
        return text
    return f"{text}{truncate}"


def _visible_length(text: str) -> int:
    return sum(1 for char in text if not unicodedata.combining(char))


_UNIT_RE = re.compile(r"&[a-zA-Z0-9#]+;|.", re.DOTALL)
_WORD_RE = re.compile(r"\S+")


def _cut_text(data: str, count: int, limit: int, by_words: bool) -> tuple[str, int, bool]:
    """Take units (characters or words) of ``data`` until ``limit`` is reached.
    Returns (kept text, new count, whether it was cut)."""
    if by_words:
        for match in _WORD_RE.finditer(data):
            if count >= limit:
                return data[: match.start()].rstrip(), count, True
            count += 1
        return data, count, False
    for match in _UNIT_RE.finditer(data):
        unit = match.group()
        if len(unit) == 1 and unicodedata.combining(unit):
            continue
        if count >= limit:
            return data[: match.start()], count, True
        count += 1
    return data, count, False


def _truncate_markup(text: str, limit: int, by_words: bool) -> tuple[str, list[str]]:
    """Copy HTML until ``limit`` units of text; return it and the tags left open
    (innermost first)."""
    from django.utils.html import VOID_ELEMENTS

    output: list[str] = []
    open_tags: list[str] = []
    count = 0
    for token in tokenize(text):
        if token.kind == "text":
            kept, count, cut = _cut_text(token.text, count, limit, by_words)
            output.append(kept)
            if cut:
                break
            continue
        output.append(token.text)
        if token.kind != "tag":
            continue
        if token.closing:
            # Close the innermost matching tag and anything opened inside it.
            for index in range(len(open_tags) - 1, -1, -1):
                if open_tags[index] == token.name:
                    del open_tags[index:]
                    break
        elif not token.self_closing and token.name not in VOID_ELEMENTS:
            open_tags.append(token.name)
    return "".join(output), open_tags[::-1]


class Truncator(SimpleLazyObject):
    """Lazily truncate text by characters or words, optionally keeping HTML
    tags balanced."""

    def __init__(self, text: Any) -> None:
        super().__init__(lambda: str(text))

    def add_truncation_text(self, text: str, truncate: str | None = None) -> str:
        return add_truncation_text(text, truncate)

    def chars(self, num: int, truncate: str | None = None, html: bool = False) -> str:
        """At most ``num`` characters, the truncation text included."""
        length = int(num)
        if length <= 0:
            return ""
        text = unicodedata.normalize("NFC", str(self))
        marker_length = _visible_length(self.add_truncation_text("", truncate))
        keep = max(length - marker_length, 0)
        if html:
            return self._truncate_html(text, keep, length, truncate, by_words=False)
        if _visible_length(text) <= length:
            return text
        kept, count = [], 0
        for char in text:
            if not unicodedata.combining(char):
                if count == keep:
                    break
                count += 1
            kept.append(char)
        return self.add_truncation_text("".join(kept), truncate)

    def words(self, num: int, truncate: str | None = None, html: bool = False) -> str:
        """At most ``num`` words, followed by the truncation text if cut."""
        length = int(num)
        if length <= 0:
            return ""
        text = str(self)
        if html:
            return self._truncate_html(text, length, length, truncate, by_words=True)
        words = text.split()
        if len(words) > length:
            return self.add_truncation_text(" ".join(words[:length]), truncate)
        return " ".join(words)

    def _truncate_html(self, text: str, keep: int, limit: int, truncate: str | None, by_words: bool) -> str:
        plain = _strip_tags_quick(text)
        size = len(plain.split()) if by_words else _visible_length(plain)
        if size <= limit:
            return text
        kept, open_tags = _truncate_markup(text, keep, by_words)
        out = self.add_truncation_text(kept, truncate)
        return out + "".join(f"</{tag}>" for tag in open_tags)


def _strip_tags_quick(text: str) -> str:
    return re.sub(r"&[a-zA-Z0-9#]+;", "x", text_only(text))


@keep_lazy_text
def get_valid_filename(name: Any) -> str:
    """A safe file name: spaces become underscores, only letters, digits,
    dashes, underscores and dots remain. SuspiciousFileOperation if nothing does."""
    s = str(name).strip().replace(" ", "_")
    s = re.sub(r"(?u)[^-\w.]", "", s)
    if s in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return s


@keep_lazy_text
def get_text_list(list_: list, last_word: Any = gettext_lazy("or")) -> str:
    """['a', 'b', 'c'] -> 'a, b or c'."""
    if not list_:
        return ""
    if len(list_) == 1:
        return str(list_[0])
    return "%s %s %s" % (_(", ").join(str(item) for item in list_[:-1]), str(last_word), str(list_[-1]))


_newlines_re = _lazy_re_compile(r"\r\n|\r")


@keep_lazy_text
def normalize_newlines(text: Any) -> str:
    """Turn \\r\\n and \\r into \\n."""
    return _newlines_re.sub("\n", str(text))


_PHONE_KEYS = str.maketrans(
    {
        letter: digit
        for digit, letters in {
            "2": "abc",
            "3": "def",
            "4": "ghi",
            "5": "jkl",
            "6": "mno",
            "7": "pqrs",
            "8": "tuv",
            "9": "wxyz",
        }.items()
        for letter in letters
    }
)


@keep_lazy_text
def phone2numeric(phone: Any) -> str:
    """'1-800-COLLECT' -> '1-800-2655328'."""
    return str(phone).lower().translate(_PHONE_KEYS)


def _random_filename(max_random_bytes: int) -> bytes:
    """Random-length filename header so compressed sizes leak less (BREACH)."""
    return secrets.token_bytes(secrets.randbelow(max_random_bytes) + 1).hex().encode()[:max_random_bytes]


def compress_string(s: bytes, *, max_random_bytes: int | None = None) -> bytes:
    """Gzip ``s``; with ``max_random_bytes`` a random-length filename is added."""
    buffer = BytesIO()
    filename = _random_filename(max_random_bytes) if max_random_bytes else None
    with GzipFile(filename=filename, mode="wb", compresslevel=6, fileobj=buffer, mtime=0) as zfile:
        zfile.write(s)
    return buffer.getvalue()


class StreamingBuffer(BytesIO):
    """A BytesIO whose content is taken (and cleared) by ``read()``."""

    def read(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        value = self.getvalue()
        self.seek(0)
        self.truncate()
        return value


def compress_sequence(sequence: Iterable[bytes], *, max_random_bytes: int | None = None) -> Iterator[bytes]:
    """Gzip an iterable of bytes chunk by chunk (for streaming responses)."""
    buffer = StreamingBuffer()
    filename = _random_filename(max_random_bytes) if max_random_bytes else None
    with GzipFile(filename=filename, mode="wb", compresslevel=6, fileobj=buffer, mtime=0) as zfile:
        yield buffer.read()  # the header
        for item in sequence:
            zfile.write(item)
            data = buffer.read()
            if data:
                yield data
    yield buffer.read()


# A piece is a run of unquoted non-space characters and quoted strings (which
# may contain spaces and backslash escapes); a lone unbalanced quote falls back
# to plain non-space runs.
_UNQUOTED = r"""[^\s'"]*"""
_QUOTED = r'"(?:\\.|[^"\\])*"' + "|" + r"'(?:\\.|[^'\\])*'"
_smart_split_re = _lazy_re_compile(rf"{_UNQUOTED}(?:(?:{_QUOTED}){_UNQUOTED})+|\S+")


def smart_split(text: str) -> Iterator[str]:
    """Split on whitespace, keeping quoted substrings (with escapes) together;
    the quotes stay in the pieces."""
    for match in _smart_split_re.finditer(str(text)):
        yield match[0]


def unescape_string_literal(s: str) -> str:
    """'"abc\\"def"' -> 'abc"def'; ValueError if ``s`` is not quoted."""
    if not s or s[0] not in "\"'" or s[-1] != s[0] or len(s) < 2:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")


@keep_lazy_text
def slugify(value: Any, allow_unicode: bool = False) -> str:
    """Lowercase, drop characters that are not letters, digits, underscores,
    spaces or hyphens, and join words with single hyphens."""
    value = str(value)
    if allow_unicode:
        value = unicodedata.normalize("NFKC", value)
    else:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


_camel_re = _lazy_re_compile(r"(?<=[a-z])(?=[A-Z])|(?<=.)(?=[A-Z][a-z])")


def camel_case_to_spaces(value: str) -> str:
    """'MyModelName' -> 'my model name' (used for verbose_name)."""
    return _camel_re.sub(" ", value).strip().lower()


def _format_lazy(format_string: str, *args: Any, **kwargs: Any) -> str:
    return str(format_string).format(*args, **kwargs)


format_lazy = lazy(_format_lazy, str)
