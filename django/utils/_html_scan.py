"""A linear-time HTML tokenizer for strip_tags() and HTML-aware truncation.

The standard library's HTMLParser rescans unfinished constructs and can take
minutes on hostile input such as ``"<a b='" * 20000``; this scanner never
looks at a character more than a constant number of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_SPECIAL = re.compile(r"[>\"']")
_TAG_NAME = re.compile(r"</?([a-zA-Z][^\s/>]*)")


class Token(NamedTuple):
    kind: str  # "text", "tag" or "other" (comments, doctypes, processing instructions)
    text: str
    name: str = ""
    closing: bool = False
    self_closing: bool = False


def _tag_end(value: str, start: int, no_more: set[str]) -> int:
    """Index of the '>' ending the tag that starts before ``start``; quoted
    attribute values may contain '>'. -1 if the tag never ends."""
    index = start
    while True:
        match = _SPECIAL.search(value, index)
        if match is None:
            return -1
        char = match.group()
        if char == ">":
            return match.start()
        closing = -1 if char in no_more else value.find(char, match.end())
        if closing == -1:
            # Unbalanced quote: remember it so later tags do not rescan, and
            # end the tag at the next '>' as browsers do.
            no_more.add(char)
            return value.find(">", match.end())
        index = closing + 1


def tokenize(value: str) -> Iterator[Token]:
    """Split ``value`` into text, tags and other markup, in order."""
    position = 0
    last_gt = value.rfind(">")
    no_more: set[str] = set()
    while True:
        lt = value.find("<", position)
        if lt == -1 or lt > last_gt:
            break
        following = value[lt + 1 : lt + 2]
        if value.startswith("<!--", lt):
            end = value.find("-->", lt + 4)
            if end == -1:
                break
            if lt > position:
                yield Token("text", value[position:lt])
            yield Token("other", value[lt : end + 3])
            position = end + 3
            continue
        if not (following.isalpha() or following in ("/", "!", "?")):
            # A lone '<' (as in "1 < 2") is text.
            yield Token("text", value[position : lt + 1])
            position = lt + 1
            continue
        end = _tag_end(value, lt + 1, no_more)
        if end == -1:
            break
        if lt > position:
            yield Token("text", value[position:lt])
        markup = value[lt : end + 1]
        name_match = _TAG_NAME.match(markup)
        if name_match is None:
            yield Token("other", markup)
        else:
            yield Token(
                "tag",
                markup,
                name_match.group(1).lower(),
                closing=markup.startswith("</"),
                self_closing=markup.endswith("/>"),
            )
        position = end + 1
    if position < len(value):
        yield Token("text", value[position:])


def text_only(value: str) -> str:
    """``value`` with every tag, comment and declaration removed."""
    return "".join(token.text for token in tokenize(value) if token.kind == "text")
