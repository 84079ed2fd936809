"""Functions turning a row of column values into a model instance, generated per column list.

A query loads many rows with one column list, so the builder is compiled once for that list:
``data["id"], data["name"] = values`` stores a row into the instance's ``__dict__`` without
the per-row ``zip``/``dict.update`` of a generic loop (about a third of the cost of building an
instance from a plain two-column row).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1024)
def compiled_row_builder(cls: type, db: str, attnames: tuple[str, ...], state_class: type) -> Callable:
    """``build(values) -> instance`` for rows of exactly ``attnames``, loaded from ``db``."""
    # repr() of each name makes a string constant: attribute names never become code.
    targets = "".join(f"data[{name!r}], " for name in attnames)
    source = (
        "def build(values):\n"
        "    obj = new(cls)\n"
        "    state = state_class()\n"
        "    state.adding = False\n"
        "    state.db = db\n"
        "    data = obj.__dict__\n"
        "    data['_state'] = state\n"
        f"    {targets}= values\n"
        "    return obj\n"
    )
    namespace: dict[str, Any] = {"new": cls.__new__, "cls": cls, "state_class": state_class, "db": db}
    exec(compile(source, f"<row builder for {cls.__qualname__}>", "exec"), namespace)
    return namespace["build"]
