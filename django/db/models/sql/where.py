"""The WHERE/HAVING tree: conditions joined by AND, OR or XOR, possibly negated."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models.utils import cached_property
from django.utils import tree

AND = "AND"
OR = "OR"
XOR = "XOR"


class WhereNode(tree.Node):
    """A node of conditions; leaves are Lookups or other boolean expressions.

    Compiling a node raises EmptyResultSet when it can match nothing and
    FullResultSet when it matches everything, so callers can drop the clause.
    """

    default = AND
    resolved = False
    conditional = True

    def split_having_qualify(self, negated: bool = False, must_group_by: bool = False):
        """Split into (WHERE part, HAVING part, QUALIFY part) by what the children contain."""
        if not self.contains_aggregate and not self.contains_over_clause:
            return self, None, None
        in_negated = negated ^ self.negated
        # Under OR (or a negated AND) a mixed node cannot be split.
        must_remain_connected = (in_negated and self.connector == AND) or (
            not in_negated and self.connector in (OR, XOR)
        )
        if must_remain_connected and self.contains_aggregate and not self.contains_over_clause:
            return None, self, None
        where_parts, having_parts, qualify_parts = [], [], []
        for child in self.children:
            if hasattr(child, "split_having_qualify"):
                where_part, having_part, qualify_part = child.split_having_qualify(in_negated, must_group_by)
                if where_part is not None:
                    where_parts.append(where_part)
                if having_part is not None:
                    having_parts.append(having_part)
                if qualify_part is not None:
                    qualify_parts.append(qualify_part)
            elif getattr(child, "contains_over_clause", False):
                qualify_parts.append(child)
            elif getattr(child, "contains_aggregate", False):
                having_parts.append(child)
            else:
                where_parts.append(child)
        if must_remain_connected and qualify_parts:
            # Everything has to be evaluated after the window functions.
            return None, None, self
        where_node = self.create(where_parts, self.connector, self.negated) if where_parts else None
        having_node = self.create(having_parts, self.connector, self.negated) if having_parts else None
        qualify_node = self.create(qualify_parts, self.connector, self.negated) if qualify_parts else None
        return where_node, having_node, qualify_node

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        if self.connector == XOR and not connection.features.supports_logical_xor:
            return self._xor_fallback().as_sql(compiler, connection)
        if self.connector == AND:
            full_needed, empty_needed = len(self.children), 1
        else:
            full_needed, empty_needed = 1, len(self.children)
        parts: list[str] = []
        params: list = []
        for child in self.children:
            try:
                sql, child_params = compiler.compile(child)
            except EmptyResultSet:
                empty_needed -= 1
            except FullResultSet:
                full_needed -= 1
            else:
                if sql:
                    parts.append(sql)
                    params.extend(child_params)
                else:
                    full_needed -= 1
            if empty_needed == 0:
                raise FullResultSet if self.negated else EmptyResultSet
            if full_needed == 0:
                raise EmptyResultSet if self.negated else FullResultSet
        sql = f" {self.connector} ".join(parts)
        if not sql:
            raise FullResultSet
        if self.negated:
            sql = f"NOT ({sql})"
        elif len(parts) > 1 or self.resolved:
            sql = f"({sql})"
        return sql, params

    def _xor_fallback(self) -> WhereNode:
        # a XOR b XOR c  ==  (a OR b OR c) AND the number of true operands is odd.
        from django.db.models.expressions import Case, Value, When
        from django.db.models.functions import Mod
        from django.db.models.lookups import Exact

        any_true = self.create(self.children, OR)
        count: Any = reduce(
            operator.add, (Case(When(child, then=Value(1)), default=Value(0)) for child in self.children)
        )
        if len(self.children) > 2:
            count = Mod(count, 2)
        return self.create([any_true, Exact(Value(1), count)], AND, self.negated)

    def get_group_by_cols(self) -> list:
        cols = []
        for child in self.children:
            cols.extend(child.get_group_by_cols())
        return cols

    def get_source_expressions(self) -> list:
        return self.children[:]

    def set_source_expressions(self, children) -> None:
        assert len(children) == len(self.children)
        self.children = list(children)

    def relabel_aliases(self, change_map: dict) -> None:
        """Relabel table aliases in place (used on fresh clones only)."""
        for pos, child in enumerate(self.children):
            if hasattr(child, "relabel_aliases"):
                child.relabel_aliases(change_map)
            elif hasattr(child, "relabeled_clone"):
                self.children[pos] = child.relabeled_clone(change_map)

    def clone(self) -> WhereNode:
        clone = self.create(connector=self.connector, negated=self.negated)
        clone.children = [child.clone() if isinstance(child, WhereNode) else child for child in self.children]
        clone.resolved = self.resolved
        return clone

    def relabeled_clone(self, change_map: dict) -> WhereNode:
        clone = self.clone()
        clone.relabel_aliases(change_map)
        return clone

    def replace_expressions(self, replacements: dict):
        if replacement := replacements.get(self):
            return replacement
        clone = self.create(connector=self.connector, negated=self.negated)
        for child in self.children:
            clone.children.append(child.replace_expressions(replacements))
        return clone

    def get_refs(self) -> set:
        refs = set()
        for child in self.children:
            refs |= child.get_refs()
        return refs

    def leaves(self):
        for child in self.children:
            if isinstance(child, WhereNode):
                yield from child.leaves()
            else:
                yield child

    @classmethod
    def _contains(cls, obj, attribute: str) -> bool:
        # A plain loop: the compiler asks both questions of every fresh WHERE tree.
        if not isinstance(obj, tree.Node):
            return getattr(obj, attribute, False)
        for child in obj.children:
            if cls._contains(child, attribute):
                return True
        return False

    @cached_property
    def contains_aggregate(self) -> bool:
        return self._contains(self, "contains_aggregate")

    @cached_property
    def contains_over_clause(self) -> bool:
        return self._contains(self, "contains_over_clause")

    @property
    def is_summary(self) -> bool:
        return any(getattr(child, "is_summary", False) for child in self.children)

    def resolve_expression(self, query=None, *args, **kwargs) -> WhereNode:
        clone = self.create(connector=self.connector, negated=self.negated)
        for child in self.children:
            if hasattr(child, "resolve_expression"):
                child = child.resolve_expression(query, *args, **kwargs)
            clone.children.append(child)
        clone.resolved = True
        return clone

    @cached_property
    def output_field(self):
        from django.db.models.fields import BooleanField

        return BooleanField()

    @property
    def _output_field_or_none(self):
        return self.output_field

    def select_format(self, compiler, sql, params):
        # Wrap a bare condition so it is a valid SELECT expression everywhere.
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params

    def get_db_converters(self, connection) -> list:
        return self.output_field.get_db_converters(connection)

    def get_lookup(self, lookup):
        return self.output_field.get_lookup(lookup)

    def leaves_contain_outer_ref(self) -> bool:
        return any(getattr(leaf, "contains_outer_ref", False) for leaf in self.leaves())

    def flatten(self):
        yield self
        for child in self.children:
            if hasattr(child, "flatten"):
                yield from child.flatten()
            else:
                yield child


class NothingNode:
    """A condition that matches nothing (from QuerySet.none())."""

    contains_aggregate = False
    contains_over_clause = False

    def as_sql(self, compiler=None, connection=None):
        raise EmptyResultSet

    def get_group_by_cols(self) -> list:
        return []

    def get_refs(self) -> set:
        return set()

    def relabeled_clone(self, change_map):
        return self

    def replace_expressions(self, replacements):
        return self


class ExtraWhere:
    """Raw SQL conditions from QuerySet.extra(where=...)."""

    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, sqls, params):
        self.sqls = list(sqls)
        self.params = list(params) if params else []

    def as_sql(self, compiler=None, connection=None):
        return " AND ".join(f"({sql})" for sql in self.sqls), list(self.params)

    def get_group_by_cols(self) -> list:
        return []

    def get_refs(self) -> set:
        return set()

    def relabeled_clone(self, change_map):
        return self

    def replace_expressions(self, replacements):
        return self
