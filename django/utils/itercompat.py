"""Iteration helpers kept for code written against older Django versions."""

from __future__ import annotations

from typing import Any


def is_iterable(value: Any) -> bool:
    """True if ``iter(value)`` works."""
    try:
        iter(value)
    except TypeError:
        return False
    return True
