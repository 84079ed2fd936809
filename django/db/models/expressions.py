"""Query expressions: F, Value, Func, Case/When, Subquery/Exists, OrderBy, Window...

Every expression answers ``as_sql(compiler, connection) -> (sql, params)``; the
compiler picks ``as_<vendor>`` when one exists. Expressions are immutable once
resolved against a Query: resolving, relabeling and replacing return copies.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import inspect
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.query_utils import Q
from django.db.models.utils import cached_property
from django.utils.deconstruct import deconstructible


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_hashable(v) for v in value)
    hash(value)
    return value


def _fields():
    from django.db.models import fields

    return fields


class SQLiteNumericMixin:
    """Make SQLite compute with decimal affinity when the output is a DecimalField."""

    if TYPE_CHECKING:  # provided by the expression this is mixed into
        output_field: Any
        as_sql: Any

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        try:
            if self.output_field.get_internal_type() == "DecimalField":
                sql = f"CAST({sql} AS NUMERIC)"
        except FieldError:
            pass
        return sql, params


class Combinable:
    """Arithmetic and bitwise operators that build CombinedExpressions."""

    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"
    POW = "^"
    MOD = "%%"  # doubled: it goes through %-formatting with the params
    BITAND = "&"
    BITOR = "|"
    BITLEFTSHIFT = "<<"
    BITRIGHTSHIFT = ">>"
    BITXOR = "#"

    def _combine(self, other, connector, reversed):
        if not hasattr(other, "resolve_expression"):
            other = Value(other)
        if reversed:
            return CombinedExpression(other, connector, self)
        return CombinedExpression(self, connector, other)

    def __neg__(self):
        return self._combine(-1, self.MUL, False)

    def __add__(self, other):
        return self._combine(other, self.ADD, False)

    def __sub__(self, other):
        return self._combine(other, self.SUB, False)

    def __mul__(self, other):
        return self._combine(other, self.MUL, False)

    def __truediv__(self, other):
        return self._combine(other, self.DIV, False)

    def __mod__(self, other):
        return self._combine(other, self.MOD, False)

    def __pow__(self, other):
        return self._combine(other, self.POW, False)

    def __and__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) & Q(other)
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __or__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) | Q(other)
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __xor__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) ^ Q(other)
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __invert__(self):
        return NegatedExpression(self)

    def bitand(self, other):
        return self._combine(other, self.BITAND, False)

    def bitor(self, other):
        return self._combine(other, self.BITOR, False)

    def bitxor(self, other):
        return self._combine(other, self.BITXOR, False)

    def bitleftshift(self, other):
        return self._combine(other, self.BITLEFTSHIFT, False)

    def bitrightshift(self, other):
        return self._combine(other, self.BITRIGHTSHIFT, False)

    def __radd__(self, other):
        return self._combine(other, self.ADD, True)

    def __rsub__(self, other):
        return self._combine(other, self.SUB, True)

    def __rmul__(self, other):
        return self._combine(other, self.MUL, True)

    def __rtruediv__(self, other):
        return self._combine(other, self.DIV, True)

    def __rmod__(self, other):
        return self._combine(other, self.MOD, True)

    def __rpow__(self, other):
        return self._combine(other, self.POW, True)

    def __rand__(self, other):
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __ror__(self, other):
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __rxor__(self, other):
        raise NotImplementedError("Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")


def _noop_converter(value, expression, connection):
    return value


class BaseExpression:
    """The protocol every expression follows; see the module docstring."""

    empty_result_set_value: Any = NotImplemented
    is_summary = False
    _output_field_resolved_to_none = False
    filterable = True
    window_compatible = False
    allowed_default = False
    constraint_validation_compatible = True
    set_returning = False
    contains_outer_ref = False

    def __init__(self, output_field=None):
        if output_field is not None:
            self.output_field = output_field

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("convert_value", None)
        return state

    def get_db_converters(self, connection) -> list:
        converters = [] if self.convert_value is _noop_converter else [self.convert_value]
        return converters + self.output_field.get_db_converters(connection)

    def get_source_expressions(self) -> list:
        return []

    def set_source_expressions(self, exprs) -> None:
        assert not exprs

    def _parse_expressions(self, *expressions) -> list:
        return [
            arg if hasattr(arg, "resolve_expression") else (F(arg) if isinstance(arg, str) else Value(arg))
            for arg in expressions
        ]

    def as_sql(self, compiler, connection):
        raise NotImplementedError("Subclasses must implement as_sql()")

    @cached_property
    def contains_aggregate(self) -> bool:
        return any(expr and expr.contains_aggregate for expr in self.get_source_expressions())

    @cached_property
    def contains_over_clause(self) -> bool:
        return any(expr and expr.contains_over_clause for expr in self.get_source_expressions())

    @cached_property
    def contains_column_references(self) -> bool:
        return any(expr and expr.contains_column_references for expr in self.get_source_expressions())

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        """Return a copy bound to ``query``: F() names become columns, joins are set up."""
        c = self.copy()
        c.is_summary = summarize
        c.set_source_expressions(
            [
                expr.resolve_expression(query, allow_joins, reuse, summarize) if expr is not None else None
                for expr in c.get_source_expressions()
            ]
        )
        return c

    @property
    def conditional(self) -> bool:
        return isinstance(self.output_field, _fields().BooleanField)

    @property
    def field(self):
        return self.output_field

    @cached_property
    def output_field(self):
        output_field = self._resolve_output_field()
        if output_field is None:
            self._output_field_resolved_to_none = True
            raise FieldError("Cannot resolve expression type, unknown output_field")
        return output_field

    @cached_property
    def _output_field_or_none(self):
        try:
            return self.output_field
        except FieldError:
            if not self._output_field_resolved_to_none:
                raise
            return None

    def _resolve_output_field(self):
        """The sources' common field type; mixed types need an explicit output_field."""
        sources = [source for source in self.get_source_fields() if source is not None]
        if not sources:
            return None
        output_field = sources[0]
        for source in sources[1:]:
            if not isinstance(output_field, source.__class__):
                raise FieldError(
                    f"Expression contains mixed types: {output_field.__class__.__name__}, "
                    f"{source.__class__.__name__}. You must set output_field."
                )
        return output_field

    @cached_property
    def convert_value(self):
        """A converter from the database value to the output field's Python type."""
        internal_type = self.output_field.get_internal_type()
        if internal_type == "FloatField":
            return lambda value, expression, connection: None if value is None else float(value)
        if internal_type.endswith("IntegerField"):
            return lambda value, expression, connection: None if value is None else int(value)
        if internal_type == "DecimalField":
            return lambda value, expression, connection: (
                None if value is None else decimal.Decimal(str(value) if isinstance(value, float) else value)
            )
        return _noop_converter

    def get_lookup(self, lookup):
        return self.output_field.get_lookup(lookup)

    def get_transform(self, name):
        return self.output_field.get_transform(name)

    def relabeled_clone(self, change_map: dict):
        clone = self.copy()
        clone.set_source_expressions(
            [e.relabeled_clone(change_map) if e is not None else None for e in self.get_source_expressions()]
        )
        return clone

    def replace_expressions(self, replacements: dict):
        if replacement := replacements.get(self):
            return replacement
        clone = self.copy()
        clone.set_source_expressions(
            [
                expr.replace_expressions(replacements) if expr is not None else None
                for expr in self.get_source_expressions()
            ]
        )
        return clone

    def get_refs(self) -> set:
        refs = set()
        for expr in self.get_source_expressions():
            if expr is not None:
                refs |= expr.get_refs()
        return refs

    def copy(self):
        return copy.copy(self)

    def prefix_references(self, prefix: str):
        clone = self.copy()
        clone.set_source_expressions(
            [
                F(f"{prefix}{expr.name}")
                if isinstance(expr, F)
                else (expr.prefix_references(prefix) if expr is not None else None)
                for expr in self.get_source_expressions()
            ]
        )
        return clone

    def get_group_by_cols(self) -> list:
        if not self.contains_aggregate:
            return [self]
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    def get_source_fields(self) -> list:
        return [e._output_field_or_none for e in self.get_source_expressions()]

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def reverse_ordering(self):
        return self

    def flatten(self):
        yield self
        for expr in self.get_source_expressions():
            if expr:
                if hasattr(expr, "flatten"):
                    yield from expr.flatten()
                else:
                    yield expr

    def select_format(self, compiler, sql, params):
        output_field = self._output_field_or_none
        if output_field is not None and hasattr(output_field, "select_format"):
            return output_field.select_format(compiler, sql, params)
        return sql, params

    @cached_property
    def identity(self) -> tuple:
        args, kwargs = getattr(self, "_constructor_args", ((), {}))
        try:
            bound = inspect.signature(self.__init__).bind_partial(*args, **kwargs)  # type: ignore[misc]  # the instance's own __init__ is meant
            bound.apply_defaults()
            items: Any = bound.arguments.items()
        except TypeError:
            items = [("args", args), ("kwargs", kwargs)]
        identity: list[Any] = [self.__class__]
        for name, value in items:
            identity.append((name, _identity_value(value)))
        return tuple(identity)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseExpression):
            return NotImplemented
        return other.identity == self.identity

    def __hash__(self) -> int:
        return hash(self.identity)


def _identity_value(value):
    fields = _fields()
    if isinstance(value, fields.Field):
        if getattr(value, "name", None) and getattr(value, "model", None):
            return (value.model._meta.label, value.name)
        return type(value)
    try:
        return _hashable(value)
    except TypeError:
        return id(value)


@deconstructible(path="django.db.models.Expression")
class Expression(BaseExpression, Combinable):
    """An expression that can be combined with others through operators."""


@deconstructible(path="django.db.models.F")
class F(Combinable):
    """A reference to a field (or annotation) of the model being queried."""

    allowed_default = False

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name})"

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return query.resolve_ref(self.name, allow_joins, reuse, summarize)

    def replace_expressions(self, replacements):
        return replacements.get(self, self)

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def copy(self):
        return copy.copy(self)

    def __getitem__(self, subscript):
        return Sliced(self, subscript)

    def __contains__(self, other):
        # Stop Python falling back to __getitem__ for "in".
        raise TypeError(f"argument of type '{self.__class__.__name__}' is not iterable")


class ResolvedOuterRef(F):
    """An OuterRef resolved in the inner query, waiting for the outer query."""

    contains_aggregate = False
    contains_over_clause = False
    contains_outer_ref = True

    def as_sql(self, *args, **kwargs):
        raise ValueError(
            "This queryset contains a reference to an outer query and may only be used in a subquery."
        )

    def resolve_expression(self, *args, **kwargs):
        from django.db import NotSupportedError

        col = super().resolve_expression(*args, **kwargs)
        if col.contains_over_clause:
            raise NotSupportedError(
                f"Referencing outer query window expression is not supported: {self.name}."
            )
        col.possibly_multivalued = LOOKUP_SEP in self.name
        return col

    def relabeled_clone(self, change_map):
        return self

    def get_group_by_cols(self):
        return []

    def get_refs(self):
        return set()


class OuterRef(F):
    """A reference to a field of the query enclosing a Subquery."""

    contains_aggregate = False
    contains_over_clause = False

    def resolve_expression(self, *args, **kwargs):
        if isinstance(self.name, self.__class__):
            return self.name
        return ResolvedOuterRef(self.name)

    def relabeled_clone(self, change_map):
        return self


@deconstructible(path="django.db.models.Func")
class Func(SQLiteNumericMixin, Expression):
    """An SQL function call: ``function(arg, arg, ...)`` shaped by ``template``."""

    function: str | None = None
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "
    arity: int | None = None

    def __init__(self, *expressions, output_field=None, **extra):
        if self.arity is not None and len(expressions) != self.arity:
            raise TypeError(
                "'%s' takes exactly %s %s (%s given)"
                % (
                    self.__class__.__name__,
                    self.arity,
                    "argument" if self.arity == 1 else "arguments",
                    len(expressions),
                )
            )
        super().__init__(output_field=output_field)
        self.source_expressions = self._parse_expressions(*expressions)
        self.extra = extra

    def __repr__(self):
        args = self.arg_joiner.join(str(arg) for arg in self.source_expressions)
        extra = {**self.extra, **self._get_repr_options()}
        if extra:
            extra_text = ", ".join(f"{key}={value}" for key, value in sorted(extra.items()))
            return f"{self.__class__.__name__}({args}, {extra_text})"
        return f"{self.__class__.__name__}({args})"

    def _get_repr_options(self):
        return {}

    def get_source_expressions(self):
        return self.source_expressions

    def set_source_expressions(self, exprs):
        self.source_expressions = list(exprs)

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        connection.ops.check_expression_support(self)
        sql_parts = []
        params: list = []
        for arg in self.source_expressions:
            try:
                arg_sql, arg_params = compiler.compile(arg)
            except EmptyResultSet:
                empty_value = getattr(arg, "empty_result_set_value", NotImplemented)
                if empty_value is NotImplemented:
                    raise
                arg_sql, arg_params = compiler.compile(Value(empty_value))
            except FullResultSet:
                arg_sql, arg_params = compiler.compile(Value(True))
            sql_parts.append(arg_sql)
            params.extend(arg_params)
        data = {**self.extra, **extra_context}
        if function is not None:
            data["function"] = function
        else:
            data.setdefault("function", self.function)
        template = template or data.get("template", self.template)
        arg_joiner = arg_joiner or data.get("arg_joiner", self.arg_joiner)
        data["expressions"] = data["field"] = arg_joiner.join(sql_parts)
        return template % data, params

    def copy(self):
        clone = super().copy()
        clone.source_expressions = self.source_expressions[:]
        clone.extra = self.extra.copy()
        return clone

    @cached_property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return all(expression.allowed_default for expression in self.source_expressions)


_VALUE_FIELD_TYPES = (
    (bool, "BooleanField"),
    (str, "CharField"),
    (int, "IntegerField"),
    (float, "FloatField"),
    (datetime.datetime, "DateTimeField"),
    (datetime.date, "DateField"),
    (datetime.time, "TimeField"),
    (datetime.timedelta, "DurationField"),
    (decimal.Decimal, "DecimalField"),
    (bytes, "BinaryField"),
    (uuid.UUID, "UUIDField"),
)


@deconstructible(path="django.db.models.Value")
class Value(SQLiteNumericMixin, Expression):
    """A literal value, always sent as a query parameter."""

    for_save = False
    allowed_default = True

    def __init__(self, value, output_field=None):
        super().__init__(output_field=output_field)
        self.value = value

    def __repr__(self):
        return f"{self.__class__.__name__}({self.value!r})"

    def as_sql(self, compiler, connection):
        connection.ops.check_expression_support(self)
        value = self.value
        output_field = self._output_field_or_none
        if output_field is not None:
            if self.for_save:
                value = output_field.get_db_prep_save(value, connection=connection)
            else:
                value = output_field.get_db_prep_value(value, connection=connection)
            if hasattr(output_field, "get_placeholder"):
                return output_field.get_placeholder(value, compiler, connection), [value]
        if value is None:
            # Oracle-style backends store '' as NULL; NULL needs no parameter anyway.
            return "NULL", []
        return "%s", [value]

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        c = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        c.for_save = for_save
        return c

    def get_group_by_cols(self):
        return []

    def _resolve_output_field(self):
        fields = _fields()
        for python_type, field_name in _VALUE_FIELD_TYPES:
            if isinstance(self.value, python_type):
                if field_name == "DecimalField":
                    return fields.DecimalField()
                return getattr(fields, field_name)()
        return None

    @property
    def empty_result_set_value(self):
        return self.value


class RawSQL(Expression):
    """A fragment of raw SQL with its own params."""

    allowed_default = True

    def __init__(self, sql, params, output_field=None):
        if output_field is None:
            output_field = _fields().Field()
        self.sql, self.params = sql, params
        super().__init__(output_field=output_field)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.sql}, {self.params})"

    def as_sql(self, compiler, connection):
        return f"({self.sql})", list(self.params)

    def get_group_by_cols(self):
        return [self]

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        # A column of a parent model mentioned in the SQL needs the parent join.
        if query is not None and query.model is not None:
            for parent in query.model._meta.get_parent_list():
                for field in parent._meta.local_fields:
                    if field.column and field.column.lower() in self.sql.lower():
                        query.resolve_ref(field.name, allow_joins, reuse, summarize)
                        return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)


class Star(Expression):
    def __repr__(self):
        return "'*'"

    def as_sql(self, compiler, connection):
        return "*", []


class DatabaseDefault(Expression):
    """The DEFAULT keyword in an INSERT, standing for a field's db_default."""

    def __init__(self, expression, output_field=None):
        super().__init__(output_field)
        self.expression = expression

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.expression.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if not for_save:
            return resolved
        c = self.copy()
        c.expression = resolved
        return c

    def as_sql(self, compiler, connection):
        if not connection.features.supports_default_keyword_in_insert:
            return compiler.compile(self.expression)
        return "DEFAULT", []


class ExpressionList(Func):
    """Comma-separated expressions, as in GROUP BY or PARTITION BY."""

    template = "%(expressions)s"

    def __str__(self):
        return self.arg_joiner.join(str(arg) for arg in self.source_expressions)

    def as_sqlite(self, compiler, connection, **extra_context):
        # No numeric cast for a list.
        return self.as_sql(compiler, connection, **extra_context)


class OrderByList(ExpressionList):
    template = "ORDER BY %(expressions)s"

    def __init__(self, *expressions, **extra):
        expressions = tuple(
            OrderBy(F(expr[1:]), descending=True) if isinstance(expr, str) and expr.startswith("-") else expr
            for expr in expressions
        )
        super().__init__(*expressions, **extra)

    def as_sql(self, *args, **kwargs):
        if not self.source_expressions:
            return "", ()
        return super().as_sql(*args, **kwargs)

    def get_group_by_cols(self):
        cols = []
        for expr in self.source_expressions:
            cols.extend(expr.get_group_by_cols())
        return cols


@deconstructible(path="django.db.models.ExpressionWrapper")
class ExpressionWrapper(SQLiteNumericMixin, Expression):
    """Give an expression an explicit output_field (e.g. mixed-type arithmetic)."""

    def __init__(self, expression, output_field):
        super().__init__(output_field=output_field)
        self.expression = expression

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def get_source_expressions(self):
        return [self.expression]

    def get_group_by_cols(self):
        if isinstance(self.expression, Expression):
            expression = self.expression.copy()
            expression.output_field = self.output_field
            return expression.get_group_by_cols()
        return super().get_group_by_cols()

    def as_sql(self, compiler, connection):
        return compiler.compile(self.expression)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.expression})"

    @property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return self.expression.allowed_default


class NegatedExpression(ExpressionWrapper):
    """``~expression`` for a boolean expression."""

    def __init__(self, expression):
        super().__init__(expression, output_field=_fields().BooleanField())

    def __invert__(self):
        return self.expression.copy()

    def as_sql(self, compiler, connection):
        try:
            sql, params = super().as_sql(compiler, connection)
        except EmptyResultSet:
            features = compiler.connection.features
            if not features.supports_boolean_expr_in_select_clause:
                return "1=1", ()
            return compiler.compile(Value(True))
        ops = compiler.connection.ops
        if not ops.conditional_expression_supported_in_where_clause(self.expression):
            return f"CASE WHEN {sql} = 0 THEN 1 ELSE 0 END", params
        return f"NOT {sql}", params

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if not getattr(resolved.expression, "conditional", False):
            raise TypeError("Cannot negate non-conditional expressions.")
        return resolved

    def select_format(self, compiler, sql, params):
        # Wrap boolean expressions with a CASE WHEN where needed.
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params


from django.db.models.expressions_arithmetic import (  # noqa: E402
    CombinedExpression,
    DurationExpression,
    TemporalSubtraction,
)
from django.db.models.expressions_columns import Col, ColPairs, Ref  # noqa: E402
from django.db.models.expressions_conditional import (  # noqa: E402
    Case,
    Exists,
    OrderBy,
    RowRange,
    Sliced,
    Subquery,
    ValueRange,
    When,
    Window,
    WindowFrame,
    WindowFrameExclusion,
)

__all__ = [
    "Case",
    "Col",
    "ColPairs",
    "Combinable",
    "CombinedExpression",
    "DatabaseDefault",
    "DurationExpression",
    "Exists",
    "Expression",
    "ExpressionList",
    "ExpressionWrapper",
    "F",
    "Func",
    "NegatedExpression",
    "OrderBy",
    "OrderByList",
    "OuterRef",
    "RawSQL",
    "Ref",
    "ResolvedOuterRef",
    "RowRange",
    "Sliced",
    "Star",
    "Subquery",
    "TemporalSubtraction",
    "Value",
    "ValueRange",
    "When",
    "Window",
    "WindowFrame",
    "WindowFrameExclusion",
]
