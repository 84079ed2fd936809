"""System checks shared by relation fields (fields.E300-E312)."""

from __future__ import annotations

import keyword
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db.models.constants import LOOKUP_SEP

if TYPE_CHECKING:
    from django.db.models.fields.base import Field


def _is_model_class(value: Any) -> bool:
    return isinstance(value, type) and hasattr(value, "_meta")


if TYPE_CHECKING:
    _FieldMixin = Field  # type checkers see the mixin below as the Field it is mixed into
else:
    _FieldMixin = object


class RelatedFieldChecks(_FieldMixin):
    if TYPE_CHECKING:  # provided by RelatedField and its subclasses
        foreign_related_fields: Any
        opts: Any
        related_query_name: Any
        remote_field: Any
        to_fields: Any

    def check(self, **kwargs: Any) -> list:
        errors = [
            *super().check(**kwargs),
            *self._check_related_name_is_valid(),
            *self._check_related_query_name_is_valid(),
            *self._check_relation_model_exists(),
            *self._check_referencing_to_swapped_model(),
            *self._check_clashes(),
        ]
        if not self.many_to_many:
            errors += [*self._check_to_fields_exist(), *self._check_unique_target()]
        return errors

    def _check_related_name_is_valid(self) -> list:
        related_name = self.remote_field.related_name
        if related_name is None:
            return []
        is_valid_id = not keyword.iskeyword(related_name) and related_name.isidentifier()
        if not (is_valid_id or related_name.endswith("+")):
            return [
                checks.Error(
                    "The name '%s' is invalid related_name for field %s.%s"
                    % (related_name, self.model._meta.object_name, self.name),
                    hint="Related name must be a valid Python identifier or end with a '+'",
                    obj=self,
                    id="fields.E306",
                )
            ]
        return []

    def _check_related_query_name_is_valid(self) -> list:
        if self.remote_field.is_hidden():
            return []
        rel_query_name = self.related_query_name()
        errors = []
        if rel_query_name.endswith("_"):
            errors.append(
                checks.Error(
                    "Reverse query name '%s' must not end with an underscore." % rel_query_name,
                    hint="Add or change a related_name or related_query_name argument for this field.",
                    obj=self,
                    id="fields.E308",
                )
            )
        if LOOKUP_SEP in rel_query_name:
            errors.append(
                checks.Error(
                    "Reverse query name '%s' must not contain '%s'." % (rel_query_name, LOOKUP_SEP),
                    hint="Add or change a related_name or related_query_name argument for this field.",
                    obj=self,
                    id="fields.E309",
                )
            )
        return errors

    def _check_relation_model_exists(self) -> list:
        model = self.remote_field.model
        rel_is_missing = model not in self.opts.apps.get_models(
            include_auto_created=True, include_swapped=True
        )
        rel_is_string = isinstance(model, str)
        model_name = model if rel_is_string else model._meta.object_name
        if rel_is_missing and (rel_is_string or not model._meta.swapped):
            return [
                checks.Error(
                    "Field defines a relation with model '%s', which is either not installed, or is abstract."
                    % model_name,
                    obj=self,
                    id="fields.E300",
                )
            ]
        return []

    def _check_referencing_to_swapped_model(self) -> list:
        model = self.remote_field.model
        if (
            model not in self.opts.apps.get_models(include_auto_created=True)
            and not isinstance(model, str)
            and model._meta.swapped
        ):
            return [
                checks.Error(
                    "Field defines a relation with the model '%s', which has been swapped out."
                    % model._meta.label,
                    hint="Update the relation to point at 'settings.%s'." % model._meta.swappable,
                    obj=self,
                    id="fields.E301",
                )
            ]
        return []

    def _check_clashes(self) -> list:
        """Check the reverse accessor and query name against the target's fields and relations."""
        if not _is_model_class(self.remote_field.model):
            return []
        errors = []
        opts = self.model._meta
        rel_opts = self.remote_field.model._meta
        rel_is_hidden = self.remote_field.is_hidden()
        rel_name = self.remote_field.accessor_name
        rel_query_name = self.related_query_name()
        field_name = "%s.%s" % (opts.label, self.name)
        for clash_field in [*rel_opts.fields, *rel_opts.many_to_many]:
            clash_name = "%s.%s" % (rel_opts.label, clash_field.name)
            if not rel_is_hidden and clash_field.name == rel_name:
                errors.append(
                    checks.Error(
                        f"Reverse accessor '{rel_opts.object_name}.{rel_name}' for '{field_name}' clashes with "
                        f"field name '{clash_name}'.",
                        hint=(
                            "Rename field '%s', or add/change a related_name argument to the definition for "
                            "field '%s'." % (clash_name, field_name)
                        ),
                        obj=self,
                        id="fields.E302",
                    )
                )
            if clash_field.name == rel_query_name:
                errors.append(
                    checks.Error(
                        "Reverse query name for '%s' clashes with field name '%s'."
                        % (field_name, clash_name),
                        hint=(
                            "Rename field '%s', or add/change a related_name argument to the definition for "
                            "field '%s'." % (clash_name, field_name)
                        ),
                        obj=self,
                        id="fields.E303",
                    )
                )
        for clash_field in rel_opts.related_objects:
            if clash_field.field is self:
                continue
            clash_name = "%s.%s" % (clash_field.related_model._meta.label, clash_field.field.name)
            if not rel_is_hidden and clash_field.accessor_name == rel_name:
                errors.append(
                    checks.Error(
                        f"Reverse accessor '{rel_opts.object_name}.{rel_name}' for '{field_name}' clashes with "
                        f"reverse accessor for '{clash_name}'.",
                        hint=(
                            "Add or change a related_name argument to the definition for '%s' or '%s'."
                            % (field_name, clash_name)
                        ),
                        obj=self,
                        id="fields.E304",
                    )
                )
            if clash_field.name == rel_query_name:
                errors.append(
                    checks.Error(
                        "Reverse query name for '%s' clashes with reverse query name for '%s'."
                        % (field_name, clash_name),
                        hint=(
                            "Add or change a related_name argument to the definition for '%s' or '%s'."
                            % (field_name, clash_name)
                        ),
                        obj=self,
                        id="fields.E305",
                    )
                )
        return errors

    def _check_to_fields_exist(self) -> list:
        if not _is_model_class(self.remote_field.model):
            return []
        from django.core.exceptions import FieldDoesNotExist

        errors = []
        for to_field in self.to_fields:
            if to_field:
                try:
                    self.remote_field.model._meta.get_field(to_field)
                except FieldDoesNotExist:
                    errors.append(
                        checks.Error(
                            "The to_field '%s' doesn't exist on the related model '%s'."
                            % (to_field, self.remote_field.model._meta.label),
                            obj=self,
                            id="fields.E312",
                        )
                    )
        return errors

    def _check_unique_target(self) -> list:
        from django.core.exceptions import FieldDoesNotExist

        if not _is_model_class(self.remote_field.model):
            return []
        try:
            if not self.foreign_related_fields:
                return []
        except FieldDoesNotExist:
            return []  # reported by _check_to_fields_exist()
        rel_meta = self.remote_field.model._meta
        unique_sets = {frozenset(ut) for ut in rel_meta.unique_together}
        unique_sets |= {frozenset(uc.fields) for uc in rel_meta.total_unique_constraints}
        foreign_fields = {f.name: f.unique for f in self.foreign_related_fields}
        has_unique = any(foreign_fields.values()) or frozenset(foreign_fields) in unique_sets
        if has_unique:
            return []
        if len(foreign_fields) == 1:
            field_name = next(iter(foreign_fields))
            return [
                checks.Error(
                    "'%s.%s' must be unique because it is referenced by a foreign key."
                    % (rel_meta.label, field_name),
                    hint="Add unique=True to this field or add a UniqueConstraint (without condition) in the "
                    "model Meta.constraints.",
                    obj=self,
                    id="fields.E311",
                )
            ]
        names = ", ".join("'%s'" % name for name in foreign_fields)
        return [
            checks.Error(
                "No subset of the fields %s on model '%s' is unique." % (names, rel_meta.object_name),
                hint="Mark a single field as unique=True or add a set of fields to a unique constraint "
                "(via unique_together or a UniqueConstraint (without condition) in the model Meta.constraints).",
                obj=self,
                id="fields.E310",
            )
        ]
