"""A small tree of AND/OR connected children, the base of Q objects and WHERE clauses."""

from __future__ import annotations

import copy
from typing import Any, Self

from django.utils.hashable import make_hashable


class Node:
    """A node with ``children`` joined by ``connector`` and possibly negated."""

    default = "AND"

    def __init__(self, children: list | None = None, connector: str | None = None, negated: bool = False):
        self.children = children[:] if children else []
        self.connector = connector or self.default
        self.negated = negated

    @classmethod
    def create(
        cls, children: list | None = None, connector: str | None = None, negated: bool = False
    ) -> Self:
        """Make a node of this class without running a subclass's ``__init__``
        (whose signature may differ, as for Q)."""
        obj: Any = Node(children, connector or cls.default, negated)
        obj.__class__ = cls
        return obj

    def __str__(self) -> str:
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return template % (self.connector, ", ".join(str(c) for c in self.children))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self}>"

    def __copy__(self) -> Self:
        obj = self.create(connector=self.connector, negated=self.negated)
        obj.children = self.children[:]
        return obj

    copy = __copy__

    def __deepcopy__(self, memo: dict) -> Node:
        obj = self.create(connector=self.connector, negated=self.negated)
        obj.children = copy.deepcopy(self.children, memo)
        return obj

    def __len__(self) -> int:
        return len(self.children)

    def __bool__(self) -> bool:
        return bool(self.children)

    def __contains__(self, other: object) -> bool:
        return other in self.children

    def __eq__(self, other: object) -> bool:
        return (
            self.__class__ == other.__class__
            and self.connector == other.connector  # type: ignore[attr-defined]
            and self.negated == other.negated  # type: ignore[attr-defined]
            and self.children == other.children  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return hash((self.__class__, self.connector, self.negated, *make_hashable(self.children)))

    def add(self, data: Any, conn_type: str) -> Any:
        """Combine ``data`` into this node with ``conn_type``, squashing nested
        nodes of the same connector; return the node that now holds ``data``."""
        if conn_type != self.connector:
            # Push the current contents down one level under the old connector.
            self.children, self.connector = [self.copy(), data], conn_type
            return data
        squashable = isinstance(data, Node) and not data.negated
        if squashable and (len(data) == 1 or data.connector == conn_type):
            # A same-connector (or single-child) node flattens into this one.
            self.children += data.children
            return self
        self.children.append(data)
        return data

    def negate(self) -> None:
        """Flip this node's negation."""
        self.negated = not self.negated
