"""An XML writer with a one-call element helper and deterministic attribute order."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import XMLGenerator

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


class UnserializableContentError(ValueError):
    """The text contains characters XML 1.0 cannot represent."""


class SimplerXMLGenerator(XMLGenerator):
    def addQuickElement(self, name: str, contents: Any = None, attrs: dict | None = None) -> None:
        """Write ``<name attrs>contents</name>`` in one call."""
        self.startElement(name, attrs or {})
        if contents is not None:
            self.characters(contents)
        self.endElement(name)

    def characters(self, content: str) -> None:
        if content and _CONTROL_CHARS.search(content):
            raise UnserializableContentError("Control characters are not supported in XML 1.0")
        super().characters(content)

    def startElement(self, name: str, attrs: Any) -> None:
        # Sorted attributes make the output stable (and testable).
        super().startElement(name, dict(sorted(dict(attrs).items())))  # type: ignore[arg-type]
