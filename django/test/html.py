"""A forgiving HTML tree for assertHTMLEqual/assertInHTML: equal when semantically equal.

Whitespace runs collapse, whitespace at element edges is dropped, attributes compare
without order, class lists without order, and ``<input disabled>`` equals
``<input disabled="disabled">``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

WHITESPACE = re.compile(r"\s+")
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Attributes whose mere presence means true.
BOOLEAN_ATTRIBUTES = frozenset(
    "allowfullscreen async autofocus autoplay checked controls default defer disabled formnovalidate "
    "hidden inert ismap itemscope loop multiple muted nomodule novalidate open playsinline readonly "
    "required reversed selected".split()
)


class HTMLParseError(Exception):
    pass


def _normalize_attribute(name: str, value: str | None) -> tuple[str, str | None]:
    if value is None or (name in BOOLEAN_ATTRIBUTES and value in ("", name)):
        return name, None
    if name == "class":
        value = " ".join(sorted(value.split()))
    return name, value


class Element:
    def __init__(self, name: str | None, attributes: list[tuple[str, str | None]]) -> None:
        self.name = name
        self.attributes = sorted(_normalize_attribute(n, v) for n, v in attributes)
        self.children: list[Any] = []

    def append(self, child: Any) -> None:
        if isinstance(child, str):
            child = WHITESPACE.sub(" ", child)
            if not child:
                return
            if self.children and isinstance(self.children[-1], str):
                self.children[-1] += child
                self.children[-1] = WHITESPACE.sub(" ", self.children[-1])
                return
        self.children.append(child)

    def finalize(self) -> None:
        """Drop whitespace at the edges of this element and whitespace-only text between tags."""
        kids = self.children
        if kids and isinstance(kids[0], str):
            kids[0] = kids[0].lstrip()
        if kids and isinstance(kids[-1], str):
            kids[-1] = kids[-1].rstrip()
        self.children = [child for child in kids if not (isinstance(child, str) and not child.strip())]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Element):
            return False
        return (self.name, self.attributes, self.children) == (other.name, other.attributes, other.children)

    def __hash__(self) -> int:
        return hash((self.name, tuple(self.attributes)))

    def _count(self, needle: Any) -> int:
        total = 0
        for child in self.children:
            if isinstance(needle, str):
                if isinstance(child, str):
                    total += child.count(needle)
                else:
                    total += child._count(needle)
            elif child == needle:
                total += 1
            elif isinstance(child, Element):
                total += child._count(needle)
        return total

    def count(self, element: Any) -> int:
        """How many times ``element`` (an Element or text) occurs in this tree."""
        if isinstance(element, RootElement) and len(element.children) == 1:
            element = element.children[0]
        if not isinstance(element, str) and self == element:
            return 1
        return self._count(element)

    def __contains__(self, element: Any) -> bool:
        return self.count(element) > 0

    def __getitem__(self, index: int) -> Any:
        return self.children[index]

    def __len__(self) -> int:
        return len(self.children)

    def __str__(self) -> str:
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{value}"' for name, value in self.attributes
        )
        inner = "".join(str(child) for child in self.children)
        if self.name in VOID_ELEMENTS:
            return f"<{self.name}{attrs}>"
        return f"<{self.name}{attrs}>{inner}</{self.name}>"

    def __repr__(self) -> str:
        return str(self)


class RootElement(Element):
    def __init__(self) -> None:
        super().__init__(None, [])

    def __str__(self) -> str:
        return "".join(str(child) for child in self.children)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = RootElement()
        self.open: list[Element] = [self.root]

    def error(self, message: str) -> None:
        raise HTMLParseError(message)

    @property
    def current(self) -> Element:
        return self.open[-1]

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        element = Element(tag, attrs)
        self.current.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        if tag not in [element.name for element in self.open[1:]]:
            raise HTMLParseError(f"Unexpected end tag `{tag}` ({self.getpos()})")
        while True:
            element = self.open.pop()
            element.finalize()
            if element.name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def parse_html(html: str) -> Any:
    """The tree of ``html``; a document of one element is that element itself."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    while len(parser.open) > 1:
        parser.open.pop().finalize()
    root = parser.root
    root.finalize()
    if len(root.children) == 1 and not isinstance(root.children[0], str):
        return root.children[0]
    return root
