"""Shorten a list of operations by merging pairs that reduce into fewer operations."""

from __future__ import annotations

from typing import Any


class MigrationOptimizer:
    """Merge each operation with a later one it reduces with, and repeat until nothing changes.

    ``a.reduce(b)`` answers a list (the merge), True (a and b are independent, so a may be moved
    past b) or False (a must stay before b). A merge lands in b's place if a could travel right
    past everything in between, or in a's place if b could travel left past it.
    """

    def optimize(self, operations: list, app_label: str) -> list:
        if app_label is None:
            raise TypeError("app_label must be a str.")
        self._iterations = 0
        while True:
            self._iterations += 1
            shorter = self.optimize_inner(operations, app_label)
            if shorter == operations:
                return shorter
            operations = shorter

    def optimize_inner(self, operations: list, app_label: str) -> list:
        for index, operation in enumerate(operations):
            merged = self._merge_forward(operations, index, operation, app_label)
            if merged is not None:
                return merged
        return list(operations)

    @staticmethod
    def _merge_forward(operations: list, index: int, operation: Any, app_label: str) -> list | None:
        can_move_right = True
        for offset, later in enumerate(operations[index + 1 :], start=index + 1):
            outcome = operation.reduce(later, app_label)
            if not isinstance(outcome, list):
                if not outcome:
                    can_move_right = False
                continue
            between = operations[index + 1 : offset]
            head, tail = operations[:index], operations[offset + 1 :]
            if can_move_right:
                return [*head, *between, *outcome, *tail]
            if all(op.reduce(later, app_label) is True for op in between):
                return [*head, *outcome, *between, *tail]
            return None
        return None
