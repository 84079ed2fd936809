"""Lookups on a CompositePrimaryKey: ``pk=(a, b)``, ``pk__in=[(a, b), ...]`` or a subquery,
``pk__gt``/``gte``/``lt``/``lte`` (the key's lexicographic order) and ``pk__isnull``.

The lhs is a ColPairs; each element of the rhs is prepared by its own field and
bound as a parameter. Conditions are spelled column by column (``x = %s AND
y = %s``) so every backend's indexes on the key columns are usable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db.models.fields.composite import CompositePrimaryKey
from django.db.models.lookups import Lookup

__all__ = [
    "TupleExact",
    "TupleGreaterThan",
    "TupleGreaterThanOrEqual",
    "TupleIn",
    "TupleIsNull",
    "TupleLessThan",
    "TupleLessThanOrEqual",
]


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
            value_sql, value_params = element_sql(compiler, connection, field, value)
            parts.append(f"{sql} = {value_sql}")
            params.extend(value_params)
        return "(" + " AND ".join(parts) + ")", params


def element_sql(compiler: Any, connection: Any, field: Any, value: Any) -> tuple[str, list]:
    """One element of the tuple: a bound parameter, or the SQL of an expression (``F("x")``)."""
    if hasattr(value, "as_sql"):
        sql, params = compiler.compile(value)
        return sql, list(params)
    return "%s", [field.get_db_prep_value(value, connection, prepared=False)]


class TupleExact(TupleLookupMixin, Lookup):
    lookup_name = "exact"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return self.check_tuple(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return self.tuple_condition(compiler, connection, self.rhs)


class TupleComparison(TupleLookupMixin, Lookup):
    """``pk__gt=(a, b)`` and friends: the lexicographic order of the key's columns.

    Spelled ``x > a OR (x = a AND y > b)`` rather than as a row-value comparison, so that
    it means the same on every backend.
    """

    prepare_rhs = False
    strict_operator = ">"
    inclusive = False

    def get_prep_lookup(self) -> Any:
        values = self.check_tuple(self.rhs)
        if any(value is None for value in values):
            raise ValueError(
                f"{self.lookup_name!r} lookup of {self.lhs.output_field.name!r} cannot compare None."
            )
        return values

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        # (column sql, its params, value sql, its params) per key column
        columns = []
        for col, field, value in zip(self.lhs.get_cols(), self.lhs.output_field.fields, self.rhs):
            sql, col_params = compiler.compile(col)
            columns.append((sql, list(col_params), *element_sql(compiler, connection, field, value)))
        alternatives = []
        params: list = []
        last = len(columns) - 1
        for position, (sql, col_params, value_sql, value_params) in enumerate(columns):
            terms = []
            for eq_sql, eq_params, eq_value_sql, eq_value_params in columns[:position]:
                terms.append(f"{eq_sql} = {eq_value_sql}")
                params.extend([*eq_params, *eq_value_params])
            operator = self.strict_operator + ("=" if self.inclusive and position == last else "")
            terms.append(f"{sql} {operator} {value_sql}")
            params.extend([*col_params, *value_params])
            alternatives.append("(" + " AND ".join(terms) + ")")
        return "(" + " OR ".join(alternatives) + ")", params


class TupleGreaterThan(TupleComparison):
    lookup_name = "gt"


class TupleGreaterThanOrEqual(TupleComparison):
    lookup_name = "gte"
    inclusive = True


class TupleLessThan(TupleComparison):
    lookup_name = "lt"
    strict_operator = "<"


class TupleLessThanOrEqual(TupleComparison):
    lookup_name = "lte"
    strict_operator = "<"
    inclusive = True


class TupleIn(TupleLookupMixin, Lookup):
    lookup_name = "in"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        from django.db.models.sql.query import Query

        if isinstance(self.rhs, Query):
            return self._prepare_subquery(self.rhs)
        if hasattr(self.rhs, "resolve_expression"):
            raise ValueError(
                f"'in' lookup of {self.lhs.output_field.name!r} needs a list of tuples or a subquery."
            )
        return [self.check_tuple(value) for value in self.rhs]

    def _prepare_subquery(self, query: Any) -> Any:
        query.clear_ordering(clear_default=True)
        if not query.has_select_fields:
            query.clear_select_clause()
            query.add_fields(["pk"])
        width = sum(len(col) if hasattr(col, "get_cols") else 1 for col in query.select)
        if width != len(self.lhs):
            raise ValueError(
                f"The subquery of the 'in' lookup of {self.lhs.output_field.name!r} must select "
                f"{len(self.lhs)} columns, not {width}."
            )
        return query

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if hasattr(self.rhs, "as_sql"):
            lhs_sql, lhs_params = compiler.compile(self.lhs)
            rhs_sql, rhs_params = compiler.compile(self.rhs)
            if not rhs_sql.startswith("("):
                rhs_sql = f"({rhs_sql})"
            return f"({lhs_sql}) IN {rhs_sql}", [*lhs_params, *rhs_params]
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


for _lookup in (
    TupleExact,
    TupleIn,
    TupleIsNull,
    TupleGreaterThan,
    TupleGreaterThanOrEqual,
    TupleLessThan,
    TupleLessThanOrEqual,
):
    CompositePrimaryKey.register_lookup(_lookup)
