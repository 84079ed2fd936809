"""GenericPrefetch: prefetch a GenericForeignKey with one queryset per target model."""

from __future__ import annotations

from typing import Any

from django.db.models.query_prefetch import Prefetch

__all__ = ["GenericPrefetch"]


class GenericPrefetch(Prefetch):
    """``GenericPrefetch("content_object", [Bookmark.objects.all(), Note.objects.only("text")])``."""

    def __init__(self, lookup: str, querysets: list, to_attr: str | None = None) -> None:
        for queryset in querysets:
            # The parent validates one queryset at a time (no values(), no raw()).
            Prefetch(lookup, queryset)
        super().__init__(lookup, to_attr=to_attr)
        self.querysets = list(querysets)

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state["querysets"] = [
            Prefetch(self.prefetch_through, qs).__getstate__()["queryset"] for qs in self.querysets
        ]
        return state

    def get_current_querysets(self, level: int) -> Any:
        if self.get_current_prefetch_to(level) == self.prefetch_to:
            return self.querysets
        return None
