"""Join bookkeeping for Query: aliases, reference counts, promotion to LEFT OUTER."""

from __future__ import annotations

from django.db.models.sql.constants import INNER, LOUTER
from django.db.models.sql.where import AND, OR, XOR


class JoinPromoter:
    """Decide INNER vs LEFT OUTER for the joins used by the children of one Q node.

    Under OR a join must be LEFT OUTER unless every child needs it; under AND
    any child needing it makes it INNER.
    """

    def __init__(self, connector: str, num_children: int, negated: bool):
        self.connector = connector
        self.negated = negated
        if negated:
            self.effective_connector = OR if connector == AND else AND
        else:
            self.effective_connector = connector
        self.num_children = num_children
        # A plain dict: a Counter costs more than the counting for the one or two joins of a filter.
        self.votes: dict[str, int] = {}

    def add_votes(self, votes) -> None:
        counts = self.votes
        for alias in votes:
            counts[alias] = counts.get(alias, 0) + 1

    def update_join_types(self, query) -> set:
        if not self.votes:
            return set()
        to_promote = set()
        to_demote = set()
        for table, votes in self.votes.items():
            if self.effective_connector in (OR, XOR) and votes < self.num_children:
                to_promote.add(table)
            if self.effective_connector == AND or (
                self.effective_connector in (OR, XOR) and votes == self.num_children
            ):
                to_demote.add(table)
        query.promote_joins(to_promote)
        query.demote_joins(to_demote)
        return to_demote


def promote_joins(query, aliases) -> None:
    """Make nullable joins (and joins hanging off outer joins) LEFT OUTER."""
    pending = list(aliases)
    while pending:
        alias = pending.pop(0)
        join = query.alias_map[alias]
        if join.join_type is None:
            continue  # the base table
        parent = query.alias_map.get(join.parent_alias)
        parent_louter = parent is not None and parent.join_type == LOUTER
        if (join.nullable or parent_louter) and join.join_type != LOUTER:
            query.alias_map[alias] = join.promote()
            pending.extend(
                child
                for child, child_join in query.alias_map.items()
                if child_join.parent_alias == alias and child not in pending
            )


def demote_joins(query, aliases) -> None:
    """Make LEFT OUTER joins INNER again, walking up to their parents."""
    pending = list(aliases)
    while pending:
        alias = pending.pop(0)
        join = query.alias_map[alias]
        if join.join_type == LOUTER:
            query.alias_map[alias] = join.demote()
            parent = query.alias_map.get(join.parent_alias)
            if parent is not None and parent.join_type == INNER:
                pending.append(join.parent_alias)
