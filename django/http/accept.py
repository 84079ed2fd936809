"""Media types from the Accept header: parsing, ranking and matching."""

from __future__ import annotations

from typing import Any


def _split_params(line: str) -> tuple[str, dict[str, str]]:
    main, *pieces = line.split(";")
    params: dict[str, str] = {}
    for piece in pieces:
        name, sep, value = piece.partition("=")
        name = name.strip().lower()
        if name and sep:
            params[name] = value.strip().strip('"')
    return main.strip(), params


class MediaType:
    """One media range such as ``text/html;q=0.8``."""

    def __init__(self, media_type_raw_line: str | bytes) -> None:
        if isinstance(media_type_raw_line, bytes):
            media_type_raw_line = media_type_raw_line.decode("ascii", "replace")
        full_type, self.params = _split_params(media_type_raw_line or "")
        main, _, sub = full_type.partition("/")
        self.main_type = main.strip().lower()
        self.sub_type = sub.strip().lower()

    def __str__(self) -> str:
        params = "".join(f"; {k}={v}" for k, v in self.params.items())
        return f"{self.main_type}{'/' + self.sub_type if self.sub_type else ''}{params}"

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: {self}>"

    @property
    def range_params(self) -> dict[str, str]:
        """Parameters other than the quality weight."""
        return {k: v for k, v in self.params.items() if k != "q"}

    @property
    def is_all_types(self) -> bool:
        return self.main_type == "*" and self.sub_type == "*"

    @property
    def quality(self) -> float:
        try:
            value = float(self.params.get("q", 1))
        except ValueError:
            return 1.0
        return value if 0 <= value <= 1 else 1.0

    @property
    def specificity(self) -> int:
        """0 for */*, 1 for type/*, 2 for type/subtype, 3 with parameters."""
        if self.main_type == "*":
            return 0
        if self.sub_type == "*":
            return 1
        return 3 if self.range_params else 2

    def match(self, other: Any) -> bool:
        """Whether this (accepted) range covers the concrete media type ``other``."""
        if not other:
            return False
        if not isinstance(other, MediaType):
            other = MediaType(other)
        if self.main_type not in ("*", other.main_type):
            return False
        if self.sub_type not in ("*", other.sub_type):
            return False
        wanted = self.range_params
        return all(other.range_params.get(k) == v for k, v in wanted.items())


def parse_accept_header(header: str) -> list[MediaType]:
    """The acceptable ranges, best first (quality, then specificity); q=0 dropped."""
    ranges = [MediaType(token) for token in header.split(",") if token.strip()]
    ranges = [r for r in ranges if r.main_type and r.quality > 0]
    return sorted(ranges, key=lambda r: (-r.quality, -r.specificity))
