"""Expressions with structure: Case/When, Subquery/Exists, OrderBy, Window and frames.

Import them from django.db.models.expressions (or django.db.models); this module
only keeps expressions.py to a readable size.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models.expressions import (
    BaseExpression,
    Combinable,
    Expression,
    ExpressionList,
    F,
    OrderByList,
    OuterRef,
    SQLiteNumericMixin,
    Value,
    _fields,
)
from django.db.models.query_utils import Q
from django.db.models.utils import cached_property
from django.utils.deconstruct import deconstructible


@deconstructible(path="django.db.models.When")
class When(Expression):
    """``WHEN condition THEN result`` inside a Case()."""

    template = "WHEN %(condition)s THEN %(result)s"
    # This isn't a complete conditional expression, must be used in Case().
    conditional = False

    def __init__(self, condition=None, then=None, **lookups):
        if lookups:
            if condition is None:
                condition, lookups = Q(**lookups), {}
            elif getattr(condition, "conditional", False):
                condition, lookups = Q(condition, **lookups), {}
        if condition is None or not getattr(condition, "conditional", False) or lookups:
            raise TypeError("When() supports a Q object, a boolean expression, or lookups as a condition.")
        if isinstance(condition, Q) and not condition:
            raise ValueError("An empty Q() can't be used as a When() condition.")
        super().__init__(output_field=None)
        self.condition = condition
        self.result = self._parse_expressions(then)[0]

    def __str__(self):
        return f"WHEN {self.condition!r} THEN {self.result!r}"

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def get_source_expressions(self):
        return [self.condition, self.result]

    def set_source_expressions(self, exprs):
        self.condition, self.result = exprs

    def get_source_fields(self):
        # The result decides the type.
        return [self.result._output_field_or_none]

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        c = self.copy()
        c.is_summary = summarize
        if hasattr(c.condition, "resolve_expression"):
            c.condition = c.condition.resolve_expression(query, allow_joins, reuse, summarize, False)
        c.result = c.result.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return c

    def as_sql(self, compiler, connection, template=None, **extra_context):
        connection.ops.check_expression_support(self)
        try:
            condition_sql, condition_params = compiler.compile(self.condition)
        except FullResultSet:
            condition_sql, condition_params = "", []
        if condition_sql == "":
            # Matches everything: CASE WHEN needs an explicit true predicate.
            condition_sql, condition_params = compiler.compile(Value(True))
        result_sql, result_params = compiler.compile(self.result)
        data = {**extra_context, "condition": condition_sql, "result": result_sql}
        template = template or self.template
        return template % data, [*condition_params, *result_params]

    def get_group_by_cols(self):
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    @cached_property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return self.condition.allowed_default and self.result.allowed_default


@deconstructible(path="django.db.models.Case")
class Case(SQLiteNumericMixin, Expression):
    """``CASE WHEN ... THEN ... ELSE default END``."""

    template = "CASE %(cases)s ELSE %(default)s END"
    case_joiner = " "

    def __init__(self, *cases, default=None, output_field=None, **extra):
        if not all(isinstance(case, When) for case in cases):
            raise TypeError("Positional arguments must all be When objects.")
        super().__init__(output_field)
        self.cases = list(cases)
        self.default = self._parse_expressions(default)[0]
        self.extra = extra

    def __str__(self):
        return "CASE {}, ELSE {!r}".format(", ".join(str(c) for c in self.cases), self.default)

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def get_source_expressions(self):
        return [*self.cases, self.default]

    def set_source_expressions(self, exprs):
        *self.cases, self.default = exprs

    def copy(self):
        c = super().copy()
        c.cases = c.cases[:]
        return c

    def as_sql(self, compiler, connection, template=None, case_joiner=None, **extra_context):
        connection.ops.check_expression_support(self)
        if not self.cases:
            return compiler.compile(self.default)
        data = {**self.extra, **extra_context}
        case_parts = []
        params: list = []
        default = self.default
        for case in self.cases:
            try:
                case_sql, case_params = compiler.compile(case)
            except EmptyResultSet:
                continue
            except FullResultSet:
                default = case.result
                break
            case_parts.append(case_sql)
            params.extend(case_params)
        default_sql, default_params = compiler.compile(default)
        if not case_parts:
            return default_sql, default_params
        case_joiner = case_joiner or self.case_joiner
        data["cases"] = case_joiner.join(case_parts)
        data["default"] = default_sql
        params.extend(default_params)
        template = template or data.get("template", self.template)
        sql = template % data
        if self._output_field_or_none is not None:
            sql = connection.ops.unification_cast_sql(self.output_field) % sql
        return sql, params

    def get_group_by_cols(self):
        if not self.cases:
            return self.default.get_group_by_cols()
        return super().get_group_by_cols()

    @cached_property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return self.default.allowed_default and all(case.allowed_default for case in self.cases)


class Subquery(BaseExpression, Combinable):
    """A QuerySet (or Query) used as a value: ``(SELECT ...)``."""

    template = "(%(subquery)s)"
    contains_aggregate = False
    empty_result_set_value: Any = None
    subquery = True

    def __init__(self, queryset, output_field=None, **extra):
        # Allow the usage of both QuerySet and sql.Query objects.
        self.query = getattr(queryset, "query", queryset).clone()
        self.query.subquery = True
        self.extra = extra
        super().__init__(output_field)

    def get_source_expressions(self):
        return [self.query]

    def set_source_expressions(self, exprs):
        (self.query,) = exprs

    def _resolve_output_field(self):
        return self.query.output_field

    def copy(self):
        clone = super().copy()
        clone.query = clone.query.clone()
        return clone

    @property
    def external_aliases(self):
        return self.query.external_aliases

    def get_external_cols(self):
        return self.query.get_external_cols()

    def as_sql(self, compiler, connection, template=None, **extra_context):
        connection.ops.check_expression_support(self)
        data = {**self.extra, **extra_context}
        subquery_sql, params = self.query.as_sql(compiler, connection)
        data["subquery"] = subquery_sql[1:-1]
        template = template or data.get("template", self.template)
        return template % data, params

    def get_group_by_cols(self):
        external_cols = self.get_external_cols()
        if any(getattr(col, "possibly_multivalued", False) for col in external_cols):
            return [self]
        return external_cols

    @cached_property
    def identity(self):
        return (self.__class__, id(self.query))

    def __eq__(self, other):
        return isinstance(other, Subquery) and other.query is self.query

    def __hash__(self):
        return hash(id(self.query))


class Exists(Subquery):
    """``EXISTS(SELECT ...)``: true when the queryset has any row."""

    template = "EXISTS(%(subquery)s)"
    empty_result_set_value = False

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        self.query = self.query.exists()

    @cached_property
    def output_field(self):
        return _fields().BooleanField()

    def select_format(self, compiler, sql, params):
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params

    @property
    def conditional(self):
        return True


@deconstructible(path="django.db.models.OrderBy")
class OrderBy(Expression):
    """``expression ASC|DESC [NULLS FIRST|LAST]``."""

    template = "%(expression)s %(ordering)s"
    conditional = False

    def __init__(self, expression, descending=False, nulls_first=None, nulls_last=None):
        if nulls_first and nulls_last:
            raise ValueError("nulls_first and nulls_last are mutually exclusive")
        if nulls_first is False or nulls_last is False:
            raise ValueError("nulls_first and nulls_last values must be True or None.")
        self.nulls_first = nulls_first
        self.nulls_last = nulls_last
        self.descending = descending
        if not hasattr(expression, "resolve_expression"):
            raise ValueError("expression must be an expression type")
        self.expression = expression

    def __repr__(self):
        return f"{self.__class__.__name__}({self.expression}, descending={self.descending})"

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def get_source_expressions(self):
        return [self.expression]

    def as_sql(self, compiler, connection, template=None, **extra_context):
        get_cols = getattr(self.expression, "get_cols", None)
        if get_cols is not None:
            return self._each_column_sql(get_cols(), compiler, connection, template, extra_context)
        template = template or self.template
        features = connection.features
        if features.supports_order_by_nulls_modifier:
            if self.nulls_last:
                template = f"{template} NULLS LAST"
            elif self.nulls_first:
                template = f"{template} NULLS FIRST"
        else:
            # Emulate with a leading IS [NOT] NULL sort key where the default differs.
            if self.nulls_last and not (self.descending and features.order_by_nulls_first):
                template = f"%(expression)s IS NULL, {template}"
            elif self.nulls_first and not (not self.descending and features.order_by_nulls_first):
                template = f"%(expression)s IS NOT NULL, {template}"
        connection.ops.check_expression_support(self)
        expression_sql, params = compiler.compile(self.expression)
        data = {
            "expression": expression_sql,
            "ordering": "DESC" if self.descending else "ASC",
            **extra_context,
        }
        params = list(params) * template.count("%(expression)s")
        return (template % data).rstrip(), params

    def _each_column_sql(self, cols, compiler, connection, template, extra_context):
        """A multi-column expression (a composite pk) sorts by each column in the same direction."""
        sqls, params = [], []
        for col in cols:
            term = OrderBy(col, self.descending, nulls_first=self.nulls_first, nulls_last=self.nulls_last)
            sql, col_params = term.as_sql(compiler, connection, template, **extra_context)
            sqls.append(sql)
            params.extend(col_params)
        return ", ".join(sqls), params

    def get_group_by_cols(self):
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    def reverse_ordering(self):
        self.descending = not self.descending
        if self.nulls_first:
            self.nulls_last, self.nulls_first = True, None
        elif self.nulls_last:
            self.nulls_first, self.nulls_last = True, None
        return self

    def asc(self):  # type: ignore[override]  # OrderBy flips itself, as in Django
        self.descending = False

    def desc(self):  # type: ignore[override]  # OrderBy flips itself, as in Django
        self.descending = True


class Window(SQLiteNumericMixin, Expression):
    """``expression OVER (PARTITION BY ... ORDER BY ... frame)``."""

    template = "%(expression)s OVER (%(window)s)"
    contains_aggregate = False
    contains_over_clause = True

    def __init__(self, expression, partition_by=None, order_by=None, frame=None, output_field=None):
        self.partition_by = partition_by
        self.order_by = order_by
        self.frame = frame
        if not getattr(expression, "window_compatible", False):
            raise ValueError(
                f"Expression '{expression.__class__.__name__}' isn't compatible with OVER clauses."
            )
        if self.partition_by is not None:
            if not isinstance(self.partition_by, (tuple, list)):
                self.partition_by = (self.partition_by,)
            self.partition_by = ExpressionList(*self.partition_by)
        if self.order_by is not None:
            if isinstance(self.order_by, (list, tuple)):
                self.order_by = OrderByList(*self.order_by)
            elif isinstance(self.order_by, (BaseExpression, str, F)):
                self.order_by = OrderByList(self.order_by)
            else:
                raise ValueError(
                    "Window.order_by must be either a string reference to a field, an expression, "
                    "or a list or tuple of them."
                )
        super().__init__(output_field=output_field)
        self.source_expression = self._parse_expressions(expression)[0]

    def _resolve_output_field(self):
        return self.source_expression.output_field

    def get_source_expressions(self):
        return [self.source_expression, self.partition_by, self.order_by, self.frame]

    def set_source_expressions(self, exprs):
        self.source_expression, self.partition_by, self.order_by, self.frame = exprs

    def as_sql(self, compiler, connection, template=None):
        from django.db import NotSupportedError

        connection.ops.check_expression_support(self)
        if not connection.features.supports_over_clause:
            raise NotSupportedError("This backend does not support window expressions.")
        expr_sql, params = compiler.compile(self.source_expression)
        window_sql: list[str] = []
        window_params: list = []
        if self.partition_by is not None:
            sql, part_params = self.partition_by.as_sql(
                compiler, connection, template="PARTITION BY %(expressions)s"
            )
            window_sql.append(sql)
            window_params.extend(part_params)
        if self.order_by is not None:
            sql, order_params = compiler.compile(self.order_by)
            if sql:
                window_sql.append(sql)
                window_params.extend(order_params)
        if self.frame:
            sql, frame_params = compiler.compile(self.frame)
            window_sql.append(sql)
            window_params.extend(frame_params)
        template = template or self.template
        data = {"expression": expr_sql, "window": " ".join(window_sql).strip()}
        return template % data, [*params, *window_params]

    def as_sqlite(self, compiler, connection):  # type: ignore[override]  # takes no template options
        if isinstance(self.output_field, _fields().DecimalField):
            # SQLite returns a float for decimal window results; cast it back.
            copy = self.copy()
            source_expressions = copy.get_source_expressions()
            source_expressions[0].output_field = _fields().FloatField()
            copy.set_source_expressions(source_expressions)
            return super(Window, copy).as_sqlite(compiler, connection)
        return self.as_sql(compiler, connection)

    def __str__(self):
        return "{} OVER ({}{}{})".format(
            str(self.source_expression),
            "PARTITION BY " + str(self.partition_by) if self.partition_by else "",
            str(self.order_by or ""),
            str(self.frame or ""),
        )

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def get_group_by_cols(self):
        cols = []
        if self.partition_by:
            cols.extend(self.partition_by.get_group_by_cols())
        if self.order_by is not None:
            cols.extend(self.order_by.get_group_by_cols())
        return cols


class WindowFrameExclusion(Enum):
    CURRENT_ROW = "CURRENT ROW"
    GROUP = "GROUP"
    TIES = "TIES"
    NO_OTHERS = "NO OTHERS"

    def __repr__(self):
        return f"{self.__class__.__qualname__}.{self._name_}"


def _frame_bound(value, start: bool) -> str:
    if value is None:
        return "UNBOUNDED PRECEDING" if start else "UNBOUNDED FOLLOWING"
    if isinstance(value, int):
        if value == 0:
            return "CURRENT ROW"
        if value < 0:
            return f"{abs(value)} PRECEDING"
        return f"{value} FOLLOWING"
    raise ValueError(
        f"{'start' if start else 'end'} argument must be a positive integer, zero, or None, but got '{value}'."
    )


class WindowFrame(Expression):
    """``ROWS|RANGE BETWEEN start AND end [EXCLUDE ...]``.

    start/end are integers (negative = PRECEDING, 0 = CURRENT ROW, positive =
    FOLLOWING) or None for UNBOUNDED.
    """

    ops_method: str  # the connection.ops method that renders the bounds, set by each subclass

    template = "%(frame_type)s BETWEEN %(start)s AND %(end)s%(exclude)s"
    frame_type = ""

    def __init__(self, start=None, end=None, exclusion=None):
        self.start = Value(start)
        self.end = Value(end)
        if exclusion is not None and not isinstance(exclusion, WindowFrameExclusion):
            raise TypeError(
                f"{self.__class__.__qualname__}.exclusion must be a WindowFrameExclusion instance."
            )
        self.exclusion = exclusion

    def set_source_expressions(self, exprs):
        self.start, self.end = exprs

    def get_source_expressions(self):
        return [self.start, self.end]

    def get_exclusion(self) -> str:
        if self.exclusion is None:
            return ""
        return f" EXCLUDE {self.exclusion.value}"

    def start_end(self, connection) -> tuple[str, str]:
        start, end = self.start.value, self.end.value
        if isinstance(start, int) and isinstance(end, int) and start > end:
            raise ValueError("start cannot be greater than end.")
        handler = getattr(connection.ops, self.ops_method, None)
        if handler is not None:
            return handler(start, end)
        return _frame_bound(start, True), _frame_bound(end, False)

    def as_sql(self, compiler, connection):
        from django.db import NotSupportedError

        connection.ops.check_expression_support(self)
        start, end = self.start_end(connection)
        if self.exclusion and not connection.features.supports_frame_exclusion:
            raise NotSupportedError("This backend does not support window frame exclusions.")
        data = {"frame_type": self.frame_type, "start": start, "end": end, "exclude": self.get_exclusion()}
        return self.template % data, []

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def get_group_by_cols(self):
        return []

    def __str__(self):
        start = self.start.value
        end = self.end.value
        return self.template % {
            "frame_type": self.frame_type,
            "start": _frame_bound(start, True) if start is None or isinstance(start, int) else start,
            "end": _frame_bound(end, False) if end is None or isinstance(end, int) else end,
            "exclude": self.get_exclusion(),
        }


class RowRange(WindowFrame):
    frame_type = "ROWS"
    ops_method = "window_frame_rows_start_end"


class ValueRange(WindowFrame):
    frame_type = "RANGE"
    ops_method = "window_frame_range_start_end"


class Sliced(SQLiteNumericMixin, Expression):
    """``F("name")[start:stop]``: a slice of a text (or array) value."""

    def __init__(self, obj, subscript):
        super().__init__()
        self.obj = obj
        if isinstance(subscript, int):
            if subscript < 0:
                raise ValueError("Negative indexing is not supported.")
            self.start = subscript + 1
            self.length: int | None = 1
        elif isinstance(subscript, slice):
            if (subscript.start is not None and subscript.start < 0) or (
                subscript.stop is not None and subscript.stop < 0
            ):
                raise ValueError("Negative indexing is not supported.")
            if subscript.step is not None:
                raise ValueError("Step argument is not supported.")
            if (
                subscript.stop is not None
                and subscript.start is not None
                and subscript.stop < subscript.start
            ):
                raise ValueError("Slice stop must be greater than slice start.")
            self.start = 1 if subscript.start is None else subscript.start + 1
            self.length = None if subscript.stop is None else subscript.stop - (subscript.start or 0)
        else:
            raise TypeError("Argument to slice must be either int or slice instance.")

    def __repr__(self):
        start = self.start - 1
        stop = None if self.length is None else start + self.length
        return f"{self.__class__.__qualname__}({self.obj!r}, {slice(start, stop)!r})"

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = query.resolve_ref(self.obj.name, allow_joins, reuse, summarize)
        if isinstance(self.obj, (OuterRef, self.__class__)):
            expr = self.obj.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        else:
            expr = resolved
        field = resolved.output_field
        if hasattr(field, "slice_expression"):
            return field.slice_expression(expr, self.start, self.length)
        from django.db.models.functions import Substr

        if self.length is None:
            return Substr(expr, self.start)
        return Substr(expr, self.start, self.length)
