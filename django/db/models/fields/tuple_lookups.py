"""Lookups on a CompositePrimaryKey: ``pk=(a, b)``, ``pk__in=[(a, b), ...]``, ``pk__isnull``.

The lhs is a ColPairs; each element of the rhs is prepared by its own field and
bound as a parameter. Conditions are spelled column by column (``x = %s AND
y = %s``) so every backend's indexes on the key columns are usable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db.models.fields.composite import CompositePrimaryKey
from django.db.models.lookups import Lookup

__all__ = ["TupleExact", "TupleIn", "TupleIsNull"]


class TupleLookupMixin:
    """Checks and prepares one tuple of values against the key's fields."""

    if TYPE_CHECKING:  # provided by the class this is mixed into
        lhs: Any
        lookup_name: Any

    def check_tuple(self, value: Any) -> tuple:
        fields = self.lhs.output_field.fields
        name = self.lhs.output_field.name
        if hasattr(value, "resolve_expression"):
            raise ValueError(f"{self.lookup_name!r} lookup of {name!r} doesn't accept expressions.")
        if not isinstance(value, (tuple, list)):
            raise ValueError(f"{self.lookup_name!r} lookup of {name!r} must be a tuple or a list")
        if len(value) != len(fields):
            raise ValueError(f"{self.lookup_name!r} lookup of {name!r} must have {len(fields)} elements")
        return tuple(value)

    def tuple_condition(self, compiler: Any, connection: Any, values: tuple) -> tuple[str, list]:
        parts = []
        params: list = []
        for col, field, value in zip(self.lhs.get_cols(), self.lhs.output_field.fields, values):
            sql, col_params = compiler.compile(col)
            params.extend(col_params)
            if value is None:
                parts.append(f"{sql} IS NULL")
                continue
            parts.append(f"{sql} = %s")
            params.append(field.get_db_prep_value(value, connection, prepared=False))
        return "(" + " AND ".join(parts) + ")", params


class TupleExact(TupleLookupMixin, Lookup):
    lookup_name = "exact"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return self.check_tuple(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return self.tuple_condition(compiler, connection, self.rhs)


class TupleIn(TupleLookupMixin, Lookup):
    lookup_name = "in"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        if hasattr(self.rhs, "resolve_expression"):
            raise ValueError(f"'in' lookup of {self.lhs.output_field.name!r} needs a list of tuples.")
        return [self.check_tuple(value) for value in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        values = list(dict.fromkeys(self.rhs))
        if not values:
            raise EmptyResultSet
        parts = []
        params: list = []
        for value in values:
            sql, value_params = self.tuple_condition(compiler, connection, value)
            parts.append(sql)
            params.extend(value_params)
        return "(" + " OR ".join(parts) + ")", params


class TupleIsNull(Lookup):
    """True when any key column is NULL (the key as a whole is unknown)."""

    lookup_name = "isnull"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        if not isinstance(self.rhs, bool):
            raise ValueError("The QuerySet value for an isnull lookup must be True or False.")
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        sqls = [compiler.compile(col)[0] for col in self.lhs.get_cols()]
        if self.rhs:
            return "(" + " OR ".join(f"{sql} IS NULL" for sql in sqls) + ")", []
        return "(" + " AND ".join(f"{sql} IS NOT NULL" for sql in sqls) + ")", []


for _lookup in (TupleExact, TupleIn, TupleIsNull):
    CompositePrimaryKey.register_lookup(_lookup)
