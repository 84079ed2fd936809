"""XML equality for assertXMLEqual: same elements, attributes and text, whitespace-insensitive."""

from __future__ import annotations

from typing import Any
from xml.dom.minidom import Node, parseString


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _children(element: Any) -> list[Any]:
    return [
        child
        for child in element.childNodes
        if child.nodeType
        not in (Node.COMMENT_NODE, Node.DOCUMENT_TYPE_NODE, Node.PROCESSING_INSTRUCTION_NODE)
        and not (child.nodeType == Node.TEXT_NODE and not child.data.strip())
    ]


def _equal(a: Any, b: Any) -> bool:
    if a.nodeType != b.nodeType:
        return False
    if a.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE):
        return _normalize(a.data) == _normalize(b.data)
    if a.nodeType == Node.ELEMENT_NODE:
        if a.tagName != b.tagName or dict(a.attributes.items()) != dict(b.attributes.items()):
            return False
    kids_a, kids_b = _children(a), _children(b)
    return len(kids_a) == len(kids_b) and all(_equal(x, y) for x, y in zip(kids_a, kids_b))


def xml_equal(want: str, got: str) -> bool:
    wrapper = "<root>%s</root>"
    want, got = want.strip(), got.strip()
    if want.startswith("<?xml"):
        return _equal(parseString(want).documentElement, parseString(got).documentElement)
    return _equal(parseString(wrapper % want).documentElement, parseString(wrapper % got).documentElement)
