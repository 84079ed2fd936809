"""Column references in a query: Col, ColPairs (a multi-column key) and Ref (a SELECT alias).

Import these from django.db.models.expressions; this module keeps that one readable.
"""

from __future__ import annotations

from django.db.models.expressions import Expression, _identity_value
from django.db.models.utils import cached_property


class Col(Expression):
    """A column of a table alias in the query: ``"alias"."column"``."""

    contains_column_references = True
    possibly_multivalued = False
    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, alias, target, output_field=None):
        if output_field is None:
            output_field = target
        super().__init__(output_field=output_field)
        self.alias, self.target = alias, target

    def __repr__(self):
        identifier = f"{self.alias}.{self.target.column}" if self.alias else f"{self.target.column}"
        return f"{self.__class__.__name__}({identifier})"

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name_unless_alias
        column = self.target.column
        if self.alias:
            return f"{qn(self.alias)}.{qn(column)}", []
        return qn(column), []

    def resolve_expression(self, *args, **kwargs):
        return self

    def relabeled_clone(self, change_map):
        if self.alias is None:
            return self
        new_alias = change_map.get(self.alias, self.alias)
        if new_alias == self.alias:
            return self
        clone = self.__class__(new_alias, self.target, self.output_field)
        clone.possibly_multivalued = self.possibly_multivalued
        return clone

    def get_group_by_cols(self):
        return [self]

    def get_db_converters(self, connection):
        if self.target == self.output_field:
            return self.output_field.get_db_converters(connection)
        return self.output_field.get_db_converters(connection) + self.target.get_db_converters(connection)

    @cached_property
    def identity(self):
        return (self.__class__, self.alias, _identity_value(self.target), _identity_value(self.output_field))


class ColPairs(Expression):
    """The columns of a multi-column field (CompositePrimaryKey): ``"a"."x", "a"."y"``."""

    contains_column_references = True
    possibly_multivalued = False
    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, alias, targets, sources, output_field):
        super().__init__(output_field=output_field)
        self.alias, self.targets, self.sources = alias, tuple(targets), tuple(sources)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.alias!r}, {self.targets!r}, {self.sources!r})"

    def __len__(self):
        return len(self.targets)

    def get_cols(self):
        return [Col(self.alias, target, source) for target, source in zip(self.targets, self.sources)]

    def get_source_expressions(self):
        return self.get_cols()

    def set_source_expressions(self, exprs):
        assert all(isinstance(expr, Col) and expr.alias == self.alias for expr in exprs)
        self.targets = tuple(col.target for col in exprs)

    def as_sql(self, compiler, connection):
        sqls = []
        params = []
        for col in self.get_cols():
            sql, col_params = col.as_sql(compiler, connection)
            sqls.append(sql)
            params.extend(col_params)
        return ", ".join(sqls), params

    def resolve_expression(self, *args, **kwargs):
        return self

    def relabeled_clone(self, change_map):
        new_alias = change_map.get(self.alias, self.alias)
        if new_alias == self.alias:
            return self
        return self.__class__(new_alias, self.targets, self.sources, self.output_field)

    def get_group_by_cols(self):
        return self.get_cols()

    def get_db_converters(self, connection):
        """One converter turning the columns' raw values into the tuple, each by its field's rules."""
        per_column = []
        for col in self.get_cols():
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            per_column.append((converters, col))
        if not any(converters for converters, _ in per_column):
            return []

        def convert(values, expression, connection):
            converted = []
            for value, (converters, col) in zip(values, per_column):
                for converter in converters:
                    value = converter(value, col, connection)
                converted.append(value)
            return tuple(converted)

        return [convert]

    @cached_property
    def identity(self):
        targets = tuple(_identity_value(target) for target in self.targets)
        return (self.__class__, self.alias, targets, _identity_value(self.output_field))


class Ref(Expression):
    """A reference to a column alias of the SELECT clause (an annotation)."""

    def __init__(self, refs, source):
        super().__init__()
        self.refs, self.source = refs, source

    def __repr__(self):
        return f"{self.__class__.__name__}({self.refs}, {self.source})"

    def get_source_expressions(self):
        return [self.source]

    def set_source_expressions(self, exprs):
        (self.source,) = exprs

    def resolve_expression(self, *args, **kwargs):
        return self

    def get_refs(self):
        return {self.refs}

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.source = self.source.relabeled_clone(change_map)
        return clone

    def as_sql(self, compiler, connection):
        return connection.ops.quote_name(self.refs), []

    def get_group_by_cols(self):
        return [self]

    @cached_property
    def identity(self):
        return (self.__class__, self.refs, self.source)
