"""Lookups (``field__lookup=value`` conditions) and Transforms (``field__transform``).

The built-in lookups are registered on Field here; the date/time transforms are
registered by django.db.models.functions.datetime.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models.expressions import Col, Expression, Func, Value, _hashable
from django.db.models.fields import (
    BooleanField,
    DateTimeField,
    Field,
    IntegerField,
    UUIDField,
)
from django.db.models.query_utils import RegisterLookupMixin
from django.db.models.utils import cached_property


class Lookup(Expression):
    """A boolean condition comparing ``lhs`` with ``rhs``."""

    lookup_name: str | None = None
    prepare_rhs = True
    can_use_none_as_rhs = False

    def __init__(self, lhs, rhs):
        self.lhs, self.rhs = lhs, rhs
        self.rhs = self.get_prep_lookup()
        self.lhs = self.get_prep_lhs()
        if hasattr(self.lhs, "get_bilateral_transforms"):
            bilateral_transforms = self.lhs.get_bilateral_transforms()
        else:
            bilateral_transforms = []
        if bilateral_transforms:
            from django.db.models.sql.query import Query

            if isinstance(rhs, Query):
                raise NotImplementedError(
                    "Bilateral transformations on nested querysets are not implemented."
                )
        self.bilateral_transforms = bilateral_transforms

    def apply_bilateral_transforms(self, value):
        for transform in self.bilateral_transforms:
            value = transform(value)
        return value

    def __repr__(self):
        return f"{self.__class__.__name__}({self.lhs!r}, {self.rhs!r})"

    def batch_process_rhs(self, compiler, connection, rhs=None):
        if rhs is None:
            rhs = self.rhs
        if self.bilateral_transforms:
            sqls, sqls_params = [], []
            for item in rhs:
                value = Value(item, output_field=self.lhs.output_field)
                value = self.apply_bilateral_transforms(value)
                value = value.resolve_expression(compiler.query)
                sql, sql_params = compiler.compile(value)
                sqls.append(sql)
                sqls_params.extend(sql_params)
        else:
            _, params = self.get_db_prep_lookup(rhs, connection)
            sqls, sqls_params = ["%s"] * len(params), params
        return sqls, sqls_params

    def get_source_expressions(self):
        if self.rhs_is_direct_value():
            return [self.lhs]
        return [self.lhs, self.rhs]

    # A column compared with a plain value (most filters) holds no aggregate and no window:
    # answered without walking the expressions, which the compiler asks for every WHERE.
    @cached_property
    def contains_aggregate(self) -> bool:
        if self.lhs.__class__ is Col and self.rhs_is_direct_value():
            return False
        return any(expr and expr.contains_aggregate for expr in self.get_source_expressions())

    @cached_property
    def contains_over_clause(self) -> bool:
        if self.lhs.__class__ is Col and self.rhs_is_direct_value():
            return False
        return any(expr and expr.contains_over_clause for expr in self.get_source_expressions())

    def set_source_expressions(self, new_exprs):
        if len(new_exprs) == 1:
            self.lhs = new_exprs[0]
        else:
            self.lhs, self.rhs = new_exprs

    def get_prep_lookup(self):
        if not self.prepare_rhs or hasattr(self.rhs, "resolve_expression"):
            return self.rhs
        if hasattr(self.lhs, "output_field"):
            if hasattr(self.lhs.output_field, "get_prep_value"):
                return self.lhs.output_field.get_prep_value(self.rhs)
        elif self.rhs_is_direct_value():
            return Value(self.rhs)
        return self.rhs

    def get_prep_lhs(self):
        if hasattr(self.lhs, "resolve_expression"):
            return self.lhs
        return Value(self.lhs)

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [value])

    def process_lhs(self, compiler, connection, lhs=None):
        lhs = lhs or self.lhs
        if hasattr(lhs, "resolve_expression"):
            lhs = lhs.resolve_expression(compiler.query)
        sql, params = compiler.compile(lhs)
        if isinstance(lhs, Lookup):
            # Parenthesize a nested condition so operator precedence holds.
            sql = f"({sql})"
        return sql, list(params)

    def process_rhs(self, compiler, connection):
        value = self.rhs
        if self.bilateral_transforms:
            if self.rhs_is_direct_value():
                # Do not call get_db_prep_lookup here: the transform handles the value.
                value = Value(value, output_field=self.lhs.output_field)
            value = self.apply_bilateral_transforms(value)
            value = value.resolve_expression(compiler.query)
        if hasattr(value, "as_sql"):
            sql, params = compiler.compile(value)
            # Parenthesize for precedence, but never twice (subqueries already are).
            if sql and sql[0] != "(":
                sql = f"({sql})"
            return sql, list(params)
        return self.get_db_prep_lookup(value, connection)

    def rhs_is_direct_value(self) -> bool:
        return not hasattr(self.rhs, "as_sql")

    def get_group_by_cols(self):
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    @cached_property
    def output_field(self):
        return BooleanField()

    @property
    def identity(self):
        return self.__class__, self.lhs, _identity_rhs(self.rhs)

    def __eq__(self, other):
        if not isinstance(other, Lookup):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        c = self.copy()
        c.is_summary = summarize
        c.lhs = self.lhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if hasattr(self.rhs, "resolve_expression"):
            c.rhs = self.rhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return c

    def relabeled_clone(self, change_map):
        c = self.copy()
        c.lhs = self.lhs.relabeled_clone(change_map)
        if hasattr(self.rhs, "relabeled_clone"):
            c.rhs = self.rhs.relabeled_clone(change_map)
        return c

    def select_format(self, compiler, sql, params):
        # A WHERE-style condition in SELECT needs CASE on some backends.
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params

    @cached_property
    def allowed_default(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return self.lhs.allowed_default and getattr(self.rhs, "allowed_default", True)

    @property
    def contains_outer_ref(self):  # type: ignore[override]  # computed here, a plain flag on the base
        return getattr(self.rhs, "contains_outer_ref", False) or getattr(
            self.lhs, "contains_outer_ref", False
        )


def _identity_rhs(rhs):
    try:
        return _hashable(rhs)
    except TypeError:
        return id(rhs)


class Transform(RegisterLookupMixin, Func):
    """A function of one field that can be chained before a lookup: ``name__lower``."""

    bilateral = False
    arity: int | None = 1

    @property
    def lhs(self):
        return self.get_source_expressions()[0]

    def get_bilateral_transforms(self):
        if hasattr(self.lhs, "get_bilateral_transforms"):
            bilateral_transforms = self.lhs.get_bilateral_transforms()
        else:
            bilateral_transforms = []
        if self.bilateral:
            bilateral_transforms.append(self.__class__)
        return bilateral_transforms


class BuiltinLookup(Lookup):
    """A lookup whose operator comes from ``connection.operators``."""

    def process_lhs(self, compiler, connection, lhs=None):
        lhs_sql, params = super().process_lhs(compiler, connection, lhs)
        field_internal_type = self.lhs.output_field.get_internal_type()
        lhs_sql = connection.ops.lookup_cast(self.lookup_name, field_internal_type) % lhs_sql
        return lhs_sql, list(params)

    def as_sql(self, compiler, connection):
        lhs_sql, params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        params.extend(rhs_params)
        rhs_sql = self.get_rhs_op(connection, rhs_sql)
        return f"{lhs_sql} {rhs_sql}", params

    def get_rhs_op(self, connection, rhs):
        return connection.operators[self.lookup_name] % rhs


if TYPE_CHECKING:
    _LookupMixin = BuiltinLookup  # type checkers see the mixins below as the lookups they are mixed into
else:
    _LookupMixin = object


class FieldGetDbPrepValueMixin(_LookupMixin):
    """Prepare the rhs with the field's get_db_prep_value() (the target field for relations)."""

    get_db_prep_lookup_value_is_iterable = False

    def get_db_prep_lookup(self, value, connection):
        field = getattr(self.lhs.output_field, "target_field", None)
        get_db_prep_value = (
            getattr(field, "get_db_prep_value", None) or self.lhs.output_field.get_db_prep_value
        )
        if self.get_db_prep_lookup_value_is_iterable:
            return "%s", [get_db_prep_value(v, connection, prepared=True) for v in value]
        return "%s", [get_db_prep_value(value, connection, prepared=True)]


class FieldGetDbPrepValueIterableMixin(FieldGetDbPrepValueMixin):
    """Like FieldGetDbPrepValueMixin, for an iterable rhs (in, range)."""

    get_db_prep_lookup_value_is_iterable = True

    def get_prep_lookup(self):
        if hasattr(self.rhs, "resolve_expression"):
            return self.rhs
        prepared = []
        for value in self.rhs:
            if hasattr(value, "resolve_expression"):
                pass
            elif self.prepare_rhs and hasattr(self.lhs.output_field, "get_prep_value"):
                value = self.lhs.output_field.get_prep_value(value)
            prepared.append(value)
        return prepared

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            return self.batch_process_rhs(compiler, connection)
        return super().process_rhs(compiler, connection)

    def resolve_expression_parameter(self, compiler, connection, sql, param):
        params = [param]
        if hasattr(param, "resolve_expression"):
            param = param.resolve_expression(compiler.query)
        if hasattr(param, "as_sql"):
            sql, params = compiler.compile(param)
        return sql, params

    def batch_process_rhs(self, compiler, connection, rhs=None):
        pre_processed = super().batch_process_rhs(compiler, connection, rhs)
        pairs = [
            self.resolve_expression_parameter(compiler, connection, sql, param)
            for sql, param in zip(*pre_processed)
        ]
        if not pairs:
            return (), ()
        sqls, params = zip(*pairs)
        return sqls, tuple(itertools.chain.from_iterable(params))

    def get_db_prep_lookup(self, value, connection):
        # Expressions inside the list are compiled, not prepared.
        field = getattr(self.lhs.output_field, "target_field", None)
        get_db_prep_value = (
            getattr(field, "get_db_prep_value", None) or self.lhs.output_field.get_db_prep_value
        )
        return "%s", [
            v if hasattr(v, "resolve_expression") else get_db_prep_value(v, connection, prepared=True)
            for v in value
        ]


class PostgresOperatorLookup(Lookup):
    """A lookup written as an operator on PostgreSQL (contains, overlap, ...)."""

    postgres_operator: str | None = None

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {self.postgres_operator} {rhs}", [*lhs_params, *rhs_params]


@Field.register_lookup
class Exact(FieldGetDbPrepValueMixin, BuiltinLookup):
    lookup_name = "exact"

    def get_prep_lookup(self):
        from django.db.models.sql.query import Query

        if isinstance(self.rhs, Query):
            if self.rhs.has_limit_one():
                if not self.rhs.has_select_fields:
                    self.rhs.clear_select_clause()
                    self.rhs.add_fields(["pk"])
            else:
                raise ValueError(
                    "The QuerySet value for an exact lookup must be limited to one result using slicing."
                )
        return super().get_prep_lookup()

    def as_sql(self, compiler, connection):
        # A boolean condition compared to True/False needs no "= true".
        if (
            isinstance(self.rhs, bool)
            and getattr(self.lhs, "conditional", False)
            and connection.ops.conditional_expression_supported_in_where_clause(self.lhs)
        ):
            lhs_sql, params = self.process_lhs(compiler, connection)
            template = "%s" if self.rhs else "NOT %s"
            return template % lhs_sql, params
        return super().as_sql(compiler, connection)


@Field.register_lookup
class IExact(BuiltinLookup):
    lookup_name = "iexact"
    prepare_rhs = False

    def process_rhs(self, qn, connection):
        rhs, params = super().process_rhs(qn, connection)
        if params:
            params[0] = connection.ops.prep_for_iexact_query(params[0])
        return rhs, params


@Field.register_lookup
class GreaterThan(FieldGetDbPrepValueMixin, BuiltinLookup):
    lookup_name = "gt"


@Field.register_lookup
class GreaterThanOrEqual(FieldGetDbPrepValueMixin, BuiltinLookup):
    lookup_name = "gte"


@Field.register_lookup
class LessThan(FieldGetDbPrepValueMixin, BuiltinLookup):
    lookup_name = "lt"


@Field.register_lookup
class LessThanOrEqual(FieldGetDbPrepValueMixin, BuiltinLookup):
    lookup_name = "lte"


class IntegerFieldOverflow(_LookupMixin):
    """Values outside the column's integer range match everything or nothing."""

    underflow_exception: type[Exception] = EmptyResultSet
    overflow_exception: type[Exception] = EmptyResultSet

    def process_rhs(self, compiler, connection):
        rhs = self.rhs
        if isinstance(rhs, int):
            field_internal_type = self.lhs.output_field.get_internal_type()
            ranges = getattr(connection.ops, "integer_field_ranges", {})
            min_value, max_value = ranges.get(field_internal_type, (None, None))
            if min_value is not None and rhs < min_value:
                raise self.underflow_exception
            if max_value is not None and rhs > max_value:
                raise self.overflow_exception
        return super().process_rhs(compiler, connection)


class IntegerFieldFloatRounding(_LookupMixin):
    """Round a float rhs up so ``int_field >= 1.5`` means ``>= 2``."""

    def get_prep_lookup(self):
        if isinstance(self.rhs, float):
            self.rhs = math.ceil(self.rhs)
        return super().get_prep_lookup()


@IntegerField.register_lookup
class IntegerFieldExact(IntegerFieldOverflow, Exact):
    pass


@IntegerField.register_lookup
class IntegerGreaterThan(IntegerFieldOverflow, GreaterThan):
    underflow_exception = FullResultSet


@IntegerField.register_lookup
class IntegerGreaterThanOrEqual(IntegerFieldOverflow, IntegerFieldFloatRounding, GreaterThanOrEqual):
    underflow_exception = FullResultSet


@IntegerField.register_lookup
class IntegerLessThan(IntegerFieldOverflow, IntegerFieldFloatRounding, LessThan):
    overflow_exception = FullResultSet


@IntegerField.register_lookup
class IntegerLessThanOrEqual(IntegerFieldOverflow, LessThanOrEqual):
    overflow_exception = FullResultSet


@Field.register_lookup
class In(FieldGetDbPrepValueIterableMixin, BuiltinLookup):
    lookup_name = "in"

    def get_prep_lookup(self):
        from django.db.models.sql.query import Query

        if isinstance(self.rhs, Query):
            self.rhs.clear_ordering(clear_default=True)
            if not self.rhs.has_select_fields:
                self.rhs.clear_select_clause()
                self.rhs.add_fields(["pk"])
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        db_rhs = getattr(self.rhs, "_db", None)
        if db_rhs is not None and db_rhs != connection.alias:
            raise ValueError(
                "Subqueries aren't allowed across different databases. Force the inner query to be "
                "evaluated using `list(inner_query)`."
            )
        if self.rhs_is_direct_value():
            # NULL never matches IN; duplicates are dropped keeping order.
            values = []
            seen = set()
            for value in self.rhs:
                if value is None:
                    continue
                try:
                    if value in seen:
                        continue
                    seen.add(value)
                except TypeError:
                    pass
                values.append(value)
            if not values:
                raise EmptyResultSet
            sqls, sqls_params = self.batch_process_rhs(compiler, connection, values)
            return "(" + ", ".join(sqls) + ")", list(sqls_params)
        return super().process_rhs(compiler, connection)

    def get_rhs_op(self, connection, rhs):
        return f"IN {rhs}"

    def as_sql(self, compiler, connection):
        max_size = connection.ops.max_in_list_size()
        if self.rhs_is_direct_value() and max_size and len(self.rhs) > max_size:
            return self.split_parameter_list_as_sql(compiler, connection)
        return super().as_sql(compiler, connection)

    def split_parameter_list_as_sql(self, compiler, connection):
        # Backends with a cap on IN-list size get (col IN (...) OR col IN (...)).
        max_size = connection.ops.max_in_list_size()
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.batch_process_rhs(compiler, connection)
        parts = []
        params: list = []
        for offset in range(0, len(rhs_params), max_size):
            chunk_sql = rhs[offset : offset + max_size]
            parts.append(f"{lhs} IN ({', '.join(chunk_sql)})")
            params.extend(lhs_params)
            params.extend(rhs_params[offset : offset + max_size])
        return "(" + " OR ".join(parts) + ")", params


class PatternLookup(BuiltinLookup):
    """LIKE-style lookups; the value's wildcards are escaped by the backend."""

    param_pattern = "%%%s%%"
    prepare_rhs = False

    def get_rhs_op(self, connection, rhs):
        # An expression rhs cannot be escaped in Python: the backend builds the pattern in SQL.
        if hasattr(self.rhs, "as_sql") or self.bilateral_transforms:
            pattern = connection.pattern_ops[self.lookup_name].format(connection.pattern_esc)
            return pattern.format(rhs)
        return super().get_rhs_op(connection, rhs)

    def process_rhs(self, qn, connection):
        rhs, params = super().process_rhs(qn, connection)
        if self.rhs_is_direct_value() and params and not self.bilateral_transforms:
            params[0] = self.param_pattern % connection.ops.prep_for_like_query(params[0])
        return rhs, params


@Field.register_lookup
class Contains(PatternLookup):
    lookup_name = "contains"


@Field.register_lookup
class IContains(Contains):
    lookup_name = "icontains"


@Field.register_lookup
class StartsWith(PatternLookup):
    lookup_name = "startswith"
    param_pattern = "%s%%"


@Field.register_lookup
class IStartsWith(StartsWith):
    lookup_name = "istartswith"


@Field.register_lookup
class EndsWith(PatternLookup):
    lookup_name = "endswith"
    param_pattern = "%%%s"


@Field.register_lookup
class IEndsWith(EndsWith):
    lookup_name = "iendswith"


@Field.register_lookup
class Range(FieldGetDbPrepValueIterableMixin, BuiltinLookup):
    lookup_name = "range"

    def get_prep_lookup(self):
        if not hasattr(self.rhs, "resolve_expression"):
            try:
                self.rhs = tuple(self.rhs)
            except TypeError:
                raise ValueError(
                    f"The range lookup value must be an iterable of two items, got {self.rhs!r}."
                )
            if len(self.rhs) != 2:
                raise ValueError(
                    f"The QuerySet value for a range lookup must be a pair of values, got {len(self.rhs)}."
                )
        return super().get_prep_lookup()

    def get_rhs_op(self, connection, rhs):
        return f"BETWEEN {rhs[0]} AND {rhs[1]}"


@Field.register_lookup
class IsNull(BuiltinLookup):
    lookup_name = "isnull"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, bool):
            raise ValueError("The QuerySet value for an isnull lookup must be True or False.")
        sql, params = self.process_lhs(compiler, connection)
        if self.rhs:
            return f"{sql} IS NULL", params
        return f"{sql} IS NOT NULL", params


@Field.register_lookup
class Regex(BuiltinLookup):
    lookup_name = "regex"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if self.lookup_name in connection.operators:
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql_template = connection.ops.regex_lookup(self.lookup_name)
        return sql_template % (lhs, rhs), [*lhs_params, *rhs_params]


@Field.register_lookup
class IRegex(Regex):
    lookup_name = "iregex"


class YearLookup(Lookup):
    """A year comparison that becomes a range on the raw column, so indexes work."""

    def year_lookup_bounds(self, connection, year):
        from django.db.models.functions import ExtractIsoYear

        iso_year = isinstance(self.lhs, ExtractIsoYear)
        output_field = self.lhs.lhs.output_field
        if isinstance(output_field, DateTimeField):
            return connection.ops.year_lookup_bounds_for_datetime_field(year, iso_year=iso_year)
        return connection.ops.year_lookup_bounds_for_date_field(year, iso_year=iso_year)

    def as_sql(self, compiler, connection):
        if self.rhs_is_direct_value():
            # Compare the originating column (self.lhs.lhs) with the year's bounds.
            lhs_sql, params = self.process_lhs(compiler, connection, self.lhs.lhs)
            rhs_sql, _ = self.process_rhs(compiler, connection)
            rhs_sql = self.get_direct_rhs_sql(connection, rhs_sql)
            start, finish = self.year_lookup_bounds(connection, self.rhs)
            params.extend(self.get_bound_params(start, finish))
            return f"{lhs_sql} {rhs_sql}", params
        return super().as_sql(compiler, connection)

    def get_direct_rhs_sql(self, connection, rhs):
        return connection.operators[self.lookup_name] % rhs

    def get_bound_params(self, start, finish):
        raise NotImplementedError("subclasses of YearLookup must provide a get_bound_params() method")


class YearExact(YearLookup, Exact):
    def get_direct_rhs_sql(self, connection, rhs):
        return "BETWEEN %s AND %s"

    def get_bound_params(self, start, finish):
        return (start, finish)


class YearGt(YearLookup, GreaterThan):
    def get_bound_params(self, start, finish):
        return (finish,)


class YearGte(YearLookup, GreaterThanOrEqual):
    def get_bound_params(self, start, finish):
        return (start,)


class YearLt(YearLookup, LessThan):
    def get_bound_params(self, start, finish):
        return (start,)


class YearLte(YearLookup, LessThanOrEqual):
    def get_bound_params(self, start, finish):
        return (finish,)


class UUIDTextMixin(_LookupMixin):
    """On databases without a UUID type, text lookups on a UUID ignore dashes."""

    def process_rhs(self, qn, connection):
        if connection.features.has_native_uuid_field or not isinstance(self.rhs, str):
            return super().process_rhs(qn, connection)
        original = self.rhs
        self.rhs = original.replace("-", "")
        try:
            return super().process_rhs(qn, connection)
        finally:
            self.rhs = original


@UUIDField.register_lookup
class UUIDIExact(UUIDTextMixin, IExact):
    pass


@UUIDField.register_lookup
class UUIDContains(UUIDTextMixin, Contains):
    pass


@UUIDField.register_lookup
class UUIDIContains(UUIDTextMixin, IContains):
    pass


@UUIDField.register_lookup
class UUIDStartsWith(UUIDTextMixin, StartsWith):
    pass


@UUIDField.register_lookup
class UUIDIStartsWith(UUIDTextMixin, IStartsWith):
    pass


@UUIDField.register_lookup
class UUIDEndsWith(UUIDTextMixin, EndsWith):
    pass


@UUIDField.register_lookup
class UUIDIEndsWith(UUIDTextMixin, IEndsWith):
    pass


# The date/time transforms (year, month, ..., date, time) register themselves on import.
import django.db.models.functions.datetime  # noqa: E402, F401
