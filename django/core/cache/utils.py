"""Helpers for callers of the cache."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

TEMPLATE_FRAGMENT_KEY_TEMPLATE = "template.cache.%s.%s"


def make_template_fragment_key(fragment_name: str, vary_on: Iterable[Any] | None = None) -> str:
    """The key under which ``{% cache ... fragment_name vary_on... %}`` stores its output."""
    hasher = hashlib.md5(usedforsecurity=False)
    for arg in vary_on or ():
        hasher.update(str(arg).encode())
        hasher.update(b":")
    return TEMPLATE_FRAGMENT_KEY_TEMPLATE % (fragment_name, hasher.hexdigest())
