"""Turn nested dicts/lists into something hashable (for __hash__ of value objects)."""

from __future__ import annotations

from typing import Any


def make_hashable(value: Any) -> Any:
    """Return a hashable equivalent of ``value``: dicts become sorted tuples of
    pairs, other unhashable iterables become tuples; hashable values pass through."""
    if isinstance(value, dict):
        return tuple(sorted((key, make_hashable(item)) for key, item in value.items()))
    try:
        hash(value)
    except TypeError:
        try:
            items = iter(value)
        except TypeError:
            raise TypeError(f"unhashable type: {type(value).__name__!r}") from None
        return tuple(make_hashable(item) for item in items)
    return value
