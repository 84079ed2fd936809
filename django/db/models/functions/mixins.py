"""Behaviour shared by several database functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models.expressions import Func, _fields

if TYPE_CHECKING:
    _FuncMixin = Func  # type checkers see the mixins below as the Funcs they are mixed into
else:
    _FuncMixin = object


class FixDecimalInputMixin(_FuncMixin):
    """PostgreSQL's math functions need NUMERIC, not double precision, for decimals."""

    def as_postgresql(self, compiler, connection, **extra_context):
        from django.db.models.functions.comparison import Cast

        fields = _fields()
        clone = self.copy()
        clone.set_source_expressions(
            [
                Cast(expression, fields.DecimalField(max_digits=1000, decimal_places=0))
                if isinstance(expression.output_field, fields.FloatField)
                else expression
                for expression in self.get_source_expressions()
            ]
        )
        return clone.as_sql(compiler, connection, **extra_context)


class FixDurationInputMixin(_FuncMixin):
    """Durations are stored as microseconds on some backends; aggregate the number."""

    def as_mysql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        if self.output_field.get_internal_type() == "DurationField":
            sql = f"CAST({sql} AS SIGNED)"
        return sql, params


class NumericOutputFieldMixin(_FuncMixin):
    """Decimal input gives a decimal; integer input a float; otherwise the sources decide."""

    def _resolve_output_field(self):
        fields = _fields()
        source_fields = self.get_source_fields()
        if any(isinstance(s, fields.DecimalField) for s in source_fields):
            return fields.DecimalField()
        if any(isinstance(s, fields.IntegerField) for s in source_fields):
            return fields.FloatField()
        return super()._resolve_output_field() if source_fields else fields.FloatField()


__all__ = ["FixDecimalInputMixin", "FixDurationInputMixin", "NumericOutputFieldMixin"]
