"""Arithmetic between expressions: CombinedExpression and its date/duration forms.

Import these from django.db.models.expressions; this module keeps that one readable.
"""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db.models.expressions import Combinable, Expression, SQLiteNumericMixin, _fields
from django.db.models.utils import cached_property
from django.utils.deconstruct import deconstructible

# Output types of arithmetic between field types, per connector group.
_NUMERIC_CONNECTORS = (
    Combinable.ADD,
    Combinable.SUB,
    Combinable.MUL,
    Combinable.DIV,
    Combinable.MOD,
    Combinable.POW,
)
_BITWISE_CONNECTORS = (
    Combinable.BITAND,
    Combinable.BITOR,
    Combinable.BITLEFTSHIFT,
    Combinable.BITRIGHTSHIFT,
    Combinable.BITXOR,
)


def _combined_output_field(lhs, connector, rhs):
    """The output field of ``lhs <connector> rhs``, or None when unknown."""
    fields = _fields()
    if lhs is None or rhs is None:
        known = lhs if rhs is None else rhs
        if known is not None and connector in _NUMERIC_CONNECTORS + _BITWISE_CONNECTORS:
            return known.__class__()
        return None
    numeric = (fields.IntegerField, fields.DecimalField, fields.FloatField)
    if connector in _NUMERIC_CONNECTORS and isinstance(lhs, numeric) and isinstance(rhs, numeric):
        if isinstance(lhs, type(rhs)) or isinstance(rhs, type(lhs)):
            return (lhs if isinstance(lhs, type(rhs)) else rhs).__class__()
        # Integers mix with decimals or floats; decimals and floats do not mix.
        for kind in (fields.FloatField, fields.DecimalField):
            if (isinstance(lhs, kind) and isinstance(rhs, fields.IntegerField)) or (
                isinstance(rhs, kind) and isinstance(lhs, fields.IntegerField)
            ):
                return kind()
        return None
    if (
        connector in _BITWISE_CONNECTORS
        and isinstance(lhs, fields.IntegerField)
        and isinstance(rhs, fields.IntegerField)
    ):
        return fields.IntegerField()
    duration = fields.DurationField
    if connector in (Combinable.ADD, Combinable.SUB):
        if isinstance(lhs, duration) and isinstance(rhs, duration):
            return duration()
        for temporal in (fields.DateTimeField, fields.DateField, fields.TimeField):
            if isinstance(lhs, temporal) and isinstance(rhs, duration):
                return fields.DateTimeField() if temporal is fields.DateField else temporal()
            if connector == Combinable.ADD and isinstance(rhs, temporal) and isinstance(lhs, duration):
                return fields.DateTimeField() if temporal is fields.DateField else temporal()
    if connector == Combinable.SUB:
        for temporal in (fields.DateTimeField, fields.DateField, fields.TimeField):
            if isinstance(lhs, temporal) and isinstance(rhs, temporal):
                return duration()
    if (
        connector in (Combinable.MUL, Combinable.DIV)
        and isinstance(lhs, duration)
        and isinstance(rhs, numeric)
    ):
        return duration()
    if type(lhs) is type(rhs):
        return lhs.__class__()
    return None


@deconstructible(path="django.db.models.expressions.CombinedExpression")
class CombinedExpression(SQLiteNumericMixin, Expression):
    def __init__(self, lhs, connector, rhs, output_field=None):
        super().__init__(output_field=output_field)
        self.connector = connector
        self.lhs = lhs
        self.rhs = rhs

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def __str__(self):
        return f"{self.lhs} {self.connector} {self.rhs}"

    def get_source_expressions(self):
        return [self.lhs, self.rhs]

    def set_source_expressions(self, exprs):
        self.lhs, self.rhs = exprs

    def _resolve_output_field(self):
        lhs = self.lhs._output_field_or_none
        rhs = self.rhs._output_field_or_none
        combined = _combined_output_field(lhs, self.connector, rhs)
        if combined is None:
            raise FieldError(
                f"Cannot infer type of {self.connector!r} expression involving these types: "
                f"{lhs.__class__.__name__}, {rhs.__class__.__name__}. You must set output_field."
            )
        return combined

    def as_sql(self, compiler, connection):
        parts = []
        params: list = []
        for side in (self.lhs, self.rhs):
            sql, side_params = compiler.compile(side)
            parts.append(sql)
            params.extend(side_params)
        sql = connection.ops.combine_expression(self.connector, parts)
        return f"({sql})", params

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        lhs = self.lhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        rhs = self.rhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if not isinstance(self, (DurationExpression, TemporalSubtraction)):
            lhs_type = _internal_type(lhs)
            rhs_type = _internal_type(rhs)
            temporal = {"DateField", "DateTimeField", "TimeField"}
            if (
                "DurationField" in (lhs_type, rhs_type)
                and lhs_type != rhs_type
                and None not in (lhs_type, rhs_type)
            ):
                return DurationExpression(
                    lhs, self.connector, rhs, output_field=self.__dict__.get("output_field")
                ).resolve_expression(query, allow_joins, reuse, summarize, for_save)
            if self.connector == self.SUB and lhs_type in temporal and lhs_type == rhs_type:
                return TemporalSubtraction(lhs, rhs).resolve_expression(
                    query, allow_joins, reuse, summarize, for_save
                )
        c = self.copy()
        c.is_summary = summarize
        c.lhs = lhs
        c.rhs = rhs
        return c

    @cached_property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return self.lhs.allowed_default and self.rhs.allowed_default


def _internal_type(expression):
    field = getattr(expression, "_output_field_or_none", None)
    try:
        return field.get_internal_type() if field is not None else None
    except AttributeError:
        return None


class DurationExpression(CombinedExpression):
    """Date/time plus or minus a duration, for databases without an interval type."""

    def _compile_side(self, side, compiler, connection):
        sql, params = compiler.compile(side)
        if _internal_type(side) == "DurationField" and not connection.features.has_native_duration_field:
            sql = connection.ops.format_for_duration_arithmetic(sql)
        return sql, params

    def as_sql(self, compiler, connection):
        if connection.features.has_native_duration_field:
            return super().as_sql(compiler, connection)
        connection.ops.check_expression_support(self)
        parts = []
        params: list = []
        for side in (self.lhs, self.rhs):
            sql, side_params = self._compile_side(side, compiler, connection)
            parts.append(sql)
            params.extend(side_params)
        sql = connection.ops.combine_duration_expression(self.connector, parts)
        return f"({sql})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        if self.connector in (self.MUL, self.DIV):
            try:
                if (
                    self.lhs.output_field.get_internal_type() == "DecimalField"
                    or self.rhs.output_field.get_internal_type() == "DecimalField"
                ):
                    sql = f"CAST({sql} AS NUMERIC)"
            except FieldError:
                pass
        return sql, params


class TemporalSubtraction(CombinedExpression):
    """The difference between two dates/datetimes/times, as a DurationField."""

    def __init__(self, lhs, rhs):
        super().__init__(lhs, self.SUB, rhs, output_field=_fields().DurationField())

    def as_sql(self, compiler, connection):
        connection.ops.check_expression_support(self)
        lhs = compiler.compile(self.lhs)
        rhs = compiler.compile(self.rhs)
        return connection.ops.subtract_temporals(self.lhs.output_field.get_internal_type(), lhs, rhs)
