"""Lookups on relation fields: accept model instances (and tuples for multi-column relations)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    In,
    IsNull,
    LessThan,
    LessThanOrEqual,
    Lookup,
)


class MultiColSource:
    """The left-hand side of a lookup on a relation spanning several columns."""

    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, alias: str, targets: Any, sources: Any, field: Any) -> None:
        self.targets, self.sources, self.field, self.alias = targets, sources, field, alias
        self.output_field = self.field

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.alias}, {self.field})"

    def relabeled_clone(self, relabels: dict) -> MultiColSource:
        return self.__class__(relabels.get(self.alias, self.alias), self.targets, self.sources, self.field)

    def get_lookup(self, lookup: str) -> Any:
        return self.output_field.get_lookup(lookup)

    def resolve_expression(self, *args: Any, **kwargs: Any) -> MultiColSource:
        return self


def get_normalized_value(value: Any, lhs: Any) -> tuple:
    """A model instance becomes the tuple of its values for the relation's target fields."""
    from django.db.models import Model

    if isinstance(value, Model):
        if value.pk is None:
            raise ValueError("Model instances passed to related filters must be saved.")
        value_list = []
        sources = lhs.output_field.path_infos[-1].target_fields
        for source in sources:
            # Follow parent links when the instance is of a parent model.
            while not isinstance(value, source.model) and source.remote_field:
                source = source.remote_field.model._meta.get_field(source.remote_field.field_name)
            try:
                value_list.append(getattr(value, source.attname))
            except AttributeError:
                return (value.pk,)
        return tuple(value_list)
    if not isinstance(value, tuple):
        return (value,)
    return value


def _target_field(lhs: Any) -> Any:
    if hasattr(lhs.output_field, "path_infos"):
        return lhs.output_field.path_infos[-1].target_fields[-1]
    return None


class RelatedIn(In):
    def get_prep_lookup(self) -> Any:
        if not isinstance(self.lhs, MultiColSource):
            if self.rhs_is_direct_value():
                self.rhs = [get_normalized_value(val, self.lhs)[0] for val in self.rhs]
                # Validate through the target field (e.g. "abc" for an integer pk).
                target_field = _target_field(self.lhs)
                if target_field is not None:
                    self.rhs = [target_field.get_prep_value(v) for v in self.rhs]
            elif not getattr(self.rhs, "has_select_fields", True) and not getattr(
                self.lhs.field.target_field, "primary_key", False
            ):
                if (
                    getattr(self.lhs.output_field, "primary_key", False)
                    and self.lhs.output_field.model == self.rhs.model
                ):
                    target_field = self.lhs.field.name
                else:
                    target_field = self.lhs.field.target_field.name
                self.rhs.set_values([target_field])
        return super().get_prep_lookup()

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if isinstance(self.lhs, MultiColSource):
            from django.db.models.sql.where import AND, OR, WhereNode

            values = [get_normalized_value(value, self.lhs) for value in self.rhs]
            root_constraint = WhereNode(connector=OR)
            for value in values:
                value_constraint = WhereNode()
                for source, target, val in zip(self.lhs.sources, self.lhs.targets, value):
                    lookup_class = target.get_lookup("exact")
                    value_constraint.add(lookup_class(target.get_col(self.lhs.alias, source), val), AND)
                root_constraint.add(value_constraint, OR)
            return root_constraint.as_sql(compiler, connection)
        return super().as_sql(compiler, connection)


if TYPE_CHECKING:
    _LookupMixin = Lookup  # type checkers see the mixin below as the Lookup it is mixed into
else:
    _LookupMixin = object


class RelatedLookupMixin(_LookupMixin):
    def get_prep_lookup(self) -> Any:
        if not isinstance(self.lhs, MultiColSource) and not hasattr(self.rhs, "resolve_expression"):
            self.rhs = get_normalized_value(self.rhs, self.lhs)[0]
            target_field = _target_field(self.lhs)
            if self.prepare_rhs and target_field is not None:
                self.rhs = target_field.get_prep_value(self.rhs)
        return super().get_prep_lookup()

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if isinstance(self.lhs, MultiColSource):
            from django.db.models.sql.where import AND, WhereNode

            self.rhs = get_normalized_value(self.rhs, self.lhs)
            root_constraint = WhereNode()
            for target, source, val in zip(self.lhs.targets, self.lhs.sources, self.rhs):
                lookup_class = target.get_lookup(self.lookup_name)
                root_constraint.add(lookup_class(target.get_col(self.lhs.alias, source), val), AND)
            return root_constraint.as_sql(compiler, connection)
        return super().as_sql(compiler, connection)


class RelatedExact(RelatedLookupMixin, Exact):
    pass


class RelatedLessThan(RelatedLookupMixin, LessThan):
    pass


class RelatedGreaterThan(RelatedLookupMixin, GreaterThan):
    pass


class RelatedGreaterThanOrEqual(RelatedLookupMixin, GreaterThanOrEqual):
    pass


class RelatedLessThanOrEqual(RelatedLookupMixin, LessThanOrEqual):
    pass


class RelatedIsNull(RelatedLookupMixin, IsNull):
    pass
