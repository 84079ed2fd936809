"""Aggregate functions: Count, Sum, Avg, Min, Max, StdDev, Variance, StringAgg, AnyValue."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError, FullResultSet
from django.db.models.expressions import Case, Func, OrderByList, Star, Value, When, _fields
from django.db.models.functions.mixins import FixDurationInputMixin, NumericOutputFieldMixin

__all__ = ["Aggregate", "AnyValue", "Avg", "Count", "Max", "Min", "StdDev", "StringAgg", "Sum", "Variance"]


class Aggregate(Func):
    """An SQL aggregate; supports distinct=, filter=, default= and (where allowed) order_by=."""

    template = "%(function)s(%(distinct)s%(expressions)s%(order_by)s)"
    contains_aggregate = True
    name: str | None = None
    filter_template = "%s FILTER (WHERE %%(filter)s)"
    window_compatible = True
    allow_distinct = False
    allow_order_by = False
    empty_result_set_value: Any = None

    def __init__(self, *expressions, distinct=False, filter=None, default=None, order_by=None, **extra):
        if distinct and not self.allow_distinct:
            raise TypeError(f"{self.__class__.__name__} does not allow distinct.")
        if order_by is not None and not self.allow_order_by:
            raise TypeError(f"{self.__class__.__name__} does not allow order_by().")
        if default is not None and self.empty_result_set_value is not None:
            raise TypeError(f"{self.__class__.__name__} does not allow default.")
        self.distinct = distinct
        self.filter = filter
        self.default = default
        if order_by is not None:
            if not isinstance(order_by, (list, tuple)):
                order_by = (order_by,)
            order_by = OrderByList(*order_by)
        self.order_by = order_by
        super().__init__(*expressions, **extra)

    def get_source_fields(self):
        # The filter and ordering do not decide the output type.
        return [e._output_field_or_none for e in super().get_source_expressions()]

    def get_source_expressions(self):
        return [*super().get_source_expressions(), self.filter, self.order_by]

    def set_source_expressions(self, exprs):
        *exprs, self.filter, self.order_by = exprs
        super().set_source_expressions(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        c = super().resolve_expression(query, allow_joins, reuse, summarize)
        if summarize:
            # aggregate() over an annotation that is itself an aggregate.
            for ref in c.get_refs():
                if query.annotations[ref].is_summary:
                    raise FieldError(f"Cannot compute {c.name}('{ref}'): '{ref}' is an aggregate")
        elif not self.is_summary:
            originals = super().get_source_expressions()
            for index, expr in enumerate(super(Aggregate, c).get_source_expressions()):
                if expr.contains_aggregate:
                    before = originals[index]
                    name = before.name if hasattr(before, "name") else repr(before)
                    raise FieldError(f"Cannot compute {c.name}('{name}'): '{name}' is an aggregate")
        default = c.default
        if default is None:
            return c
        from django.db.models.functions import Coalesce

        if hasattr(default, "resolve_expression"):
            default = default.resolve_expression(query, allow_joins, reuse, summarize)
            if default._output_field_or_none is None:
                default.output_field = c._output_field_or_none
        else:
            default = Value(default, c._output_field_or_none)
        c.default = None
        coalesce = Coalesce(c, default, output_field=c._output_field_or_none)
        coalesce.is_summary = c.is_summary
        return coalesce

    @property
    def default_alias(self):
        expressions = [e for e in self.get_source_expressions() if e is not None]
        if len(expressions) == 1 and hasattr(expressions[0], "name"):
            return f"{expressions[0].name}__{self.name.lower()}"  # type: ignore[union-attr]  # subclasses name themselves
        raise TypeError("Complex expressions require an alias")

    def get_group_by_cols(self):
        return []

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        extra_context["distinct"] = "DISTINCT " if self.distinct else ""
        order_by_params: list = []
        if self.order_by is not None:
            if not connection.features.supports_aggregate_order_by_clause:
                from django.db import NotSupportedError

                raise NotSupportedError(
                    "This database backend does not support specifying an order on aggregates."
                )
            order_sql, order_by_params = compiler.compile(self.order_by)
            extra_context["order_by"] = f" {order_sql}" if order_sql else ""
        else:
            extra_context.setdefault("order_by", "")
        if self.filter is not None:
            if connection.features.supports_aggregate_filter_clause:
                try:
                    filter_sql, filter_params = self.filter.as_sql(compiler, connection)
                except FullResultSet:
                    pass
                else:
                    template = self.filter_template % extra_context.get("template", self.template)
                    sql, params = super().as_sql(
                        compiler, connection, template=template, filter=filter_sql, **extra_context
                    )
                    return sql, [*params, *order_by_params, *filter_params]
            else:
                # Emulate FILTER with CASE WHEN condition THEN value END.
                copy = self.copy()
                copy.filter = None
                sources = copy.get_source_expressions()
                condition = When(self.filter, then=sources[0])
                copy.set_source_expressions([Case(condition), *sources[1:]])
                copy.order_by = None
                sql, params = super(Aggregate, copy).as_sql(compiler, connection, **extra_context)
                return sql, [*params, *order_by_params]
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, [*params, *order_by_params]

    def _get_repr_options(self):
        options = super()._get_repr_options()
        if self.distinct:
            options["distinct"] = self.distinct
        if self.filter:
            options["filter"] = self.filter
        return options


class Avg(FixDurationInputMixin, NumericOutputFieldMixin, Aggregate):
    function = "AVG"
    name = "Avg"
    allow_distinct = True


class Count(Aggregate):
    function = "COUNT"
    name = "Count"
    allow_distinct = True
    empty_result_set_value = 0

    def __init__(self, expression, filter=None, **extra):
        if expression == "*":
            expression = Star()
        if isinstance(expression, Star) and filter is not None:
            raise ValueError("Star cannot be used with filter. Please specify a field.")
        super().__init__(expression, filter=filter, **extra)

    def _resolve_output_field(self):
        return _fields().IntegerField()


class Max(Aggregate):
    function = "MAX"
    name = "Max"


class Min(Aggregate):
    function = "MIN"
    name = "Min"


class StdDev(NumericOutputFieldMixin, Aggregate):
    name = "StdDev"

    def __init__(self, expression, sample=False, **extra):
        self.function = "STDDEV_SAMP" if sample else "STDDEV_POP"
        super().__init__(expression, **extra)

    def _get_repr_options(self):
        return {**super()._get_repr_options(), "sample": self.function == "STDDEV_SAMP"}


class Sum(FixDurationInputMixin, Aggregate):
    function = "SUM"
    name = "Sum"
    allow_distinct = True


class Variance(NumericOutputFieldMixin, Aggregate):
    name = "Variance"

    def __init__(self, expression, sample=False, **extra):
        self.function = "VAR_SAMP" if sample else "VAR_POP"
        super().__init__(expression, **extra)

    def _get_repr_options(self):
        return {**super()._get_repr_options(), "sample": self.function == "VAR_SAMP"}


class StringAgg(Aggregate):
    """Concatenate values with a delimiter (STRING_AGG / GROUP_CONCAT)."""

    function = "STRING_AGG"
    name = "StringAgg"
    allow_distinct = True
    allow_order_by = True

    def __init__(self, expression, delimiter, **extra):
        if not hasattr(delimiter, "resolve_expression"):
            delimiter = Value(str(delimiter))
        super().__init__(expression, delimiter, **extra)

    def _resolve_output_field(self):
        return _fields().TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        if self.distinct and len(self.source_expressions) > 1:
            # SQLite's GROUP_CONCAT(DISTINCT x) takes no delimiter argument.
            from django.db import NotSupportedError

            raise NotSupportedError("StringAgg(distinct=True) with a delimiter is not supported on SQLite.")
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)

    def as_mysql(self, compiler, connection, **extra_context):
        # GROUP_CONCAT takes its ORDER BY and SEPARATOR inline; FILTER becomes CASE WHEN (NULLs are skipped).
        sources = self.source_expressions
        value = sources[0] if self.filter is None else Case(When(self.filter, then=sources[0]))
        expr_sql, expr_params = compiler.compile(value)
        delimiter_sql, delimiter_params = compiler.compile(sources[1])
        order_sql, order_params = ("", [])
        if self.order_by is not None:
            order_sql, order_params = compiler.compile(self.order_by)
            order_sql = f" {order_sql}" if order_sql else ""
        distinct = "DISTINCT " if self.distinct else ""
        sql = f"GROUP_CONCAT({distinct}{expr_sql}{order_sql} SEPARATOR {delimiter_sql})"
        return sql, [*expr_params, *order_params, *delimiter_params]


class AnyValue(Aggregate):
    """An arbitrary value from each group."""

    function = "ANY_VALUE"
    name = "AnyValue"

    def _resolve_output_field(self):
        return self.source_expressions[0]._output_field_or_none

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        from django.db import NotSupportedError

        if not getattr(connection.features, "supports_any_value", True):
            raise NotSupportedError("ANY_VALUE is not supported on this database backend.")
        return super().as_sql(compiler, connection, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite has no ANY_VALUE; MIN picks one of the group's values.
        return super().as_sql(compiler, connection, function="MIN", **extra_context)
