"""Model instance validation: full_clean(), clean_fields(), validate_unique(), validate_constraints()."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import ModelState
    from django.db.models.options import Options


class ModelValidation:
    """Mixed into Model; the validation half of the instance API."""

    if TYPE_CHECKING:  # provided by Model and ModelBase
        _meta: ClassVar[Options]
        _state: ModelState
        pk: Any

        def _get_pk_val(self, meta: Any = None) -> Any: ...
        def _is_pk_set(self, meta: Any = None) -> bool: ...

    def clean(self) -> None:
        """Hook for model-wide validation; errors here go under NON_FIELD_ERRORS."""

    def clean_fields(self, exclude: Any = None) -> None:
        """Clean every field's value; raise ValidationError mapping field names to errors."""
        from django.db.models.expressions import DatabaseDefault

        exclude = set() if exclude is None else set(exclude)
        errors = {}
        for f in self._meta.fields:
            if f.name in exclude or f.generated:
                continue
            raw_value = getattr(self, f.attname)
            if f.blank and raw_value in f.empty_values:
                continue
            # The database fills a db_default: nothing to validate yet.
            if f.has_db_default() and isinstance(raw_value, DatabaseDefault):
                continue
            try:
                setattr(self, f.attname, f.clean(raw_value, self))
            except ValidationError as e:
                errors[f.name] = e.error_list
        if errors:
            raise ValidationError(errors)

    def full_clean(
        self, exclude: Any = None, validate_unique: bool = True, validate_constraints: bool = True
    ) -> None:
        """clean_fields(), clean(), validate_unique() and validate_constraints(), errors merged."""
        exclude = set() if exclude is None else set(exclude)
        errors: dict = {}
        try:
            self.clean_fields(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        try:
            self.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        # Fields that already failed aren't checked for uniqueness or constraints.
        if validate_unique:
            exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
            try:
                self.validate_unique(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if validate_constraints:
            exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
            try:
                self.validate_constraints(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude: Any = None) -> None:
        """Check unique fields, unique_together and unique_for_date/month/year."""
        unique_checks, date_checks = self._get_unique_checks(exclude=exclude)
        errors = self._perform_unique_checks(unique_checks)
        for key, value in self._perform_date_checks(date_checks).items():
            errors.setdefault(key, []).extend(value)
        if errors:
            raise ValidationError(errors)

    def _get_unique_checks(
        self, exclude: Any = None, include_meta_constraints: bool = False
    ) -> tuple[list, list]:
        exclude = set() if exclude is None else exclude
        unique_checks = []
        unique_togethers = [(self.__class__, self._meta.unique_together)]
        constraints = (
            [(self.__class__, self._meta.total_unique_constraints)] if include_meta_constraints else []
        )
        for parent in self._meta.all_parents:
            if parent._meta.unique_together:
                unique_togethers.append((parent, parent._meta.unique_together))
            if include_meta_constraints and parent._meta.total_unique_constraints:
                constraints.append((parent, parent._meta.total_unique_constraints))
        for model_class, unique_together in unique_togethers:
            for check in unique_together:
                if not any(name in exclude for name in check):
                    unique_checks.append((model_class, tuple(check)))
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                if not any(name in exclude for name in constraint.fields):
                    unique_checks.append((model_class, constraint.fields))
        date_checks = []
        fields_with_class = [(self.__class__, self._meta.local_fields)]
        for parent in self._meta.all_parents:
            fields_with_class.append((parent, parent._meta.local_fields))
        for model_class, fields in fields_with_class:
            for f in fields:
                name = f.name
                if name in exclude:
                    continue
                if f.unique:
                    unique_checks.append((model_class, (name,)))
                for lookup_type in ("date", "year", "month"):
                    unique_for = getattr(f, "unique_for_%s" % lookup_type)
                    if unique_for and unique_for not in exclude:
                        date_checks.append((model_class, lookup_type, name, unique_for))
        return unique_checks, date_checks

    def _perform_unique_checks(self, unique_checks: list) -> dict:
        from django.db import connection

        errors: dict = {}
        for model_class, unique_check in unique_checks:
            lookup_kwargs = {}
            for field_name in unique_check:
                f = self._meta.get_field(field_name)
                lookup_value = getattr(self, f.attname)
                if lookup_value is None or (
                    lookup_value == "" and connection.features.interprets_empty_strings_as_nulls
                ):
                    continue
                if f.primary_key and not self._state.adding:
                    continue
                lookup_kwargs[str(field_name)] = lookup_value
            # Some values were NULL: the database allows duplicates then.
            if len(unique_check) != len(lookup_kwargs):
                continue
            qs = model_class._default_manager.filter(**lookup_kwargs)
            if not self._state.adding and self._is_pk_set(model_class._meta):
                qs = qs.exclude(pk=self._get_pk_val(model_class._meta))
            if qs.exists():
                key = unique_check[0] if len(unique_check) == 1 else NON_FIELD_ERRORS
                errors.setdefault(key, []).append(self.unique_error_message(model_class, unique_check))
        return errors

    def _perform_date_checks(self, date_checks: list) -> dict:
        errors: dict = {}
        for model_class, lookup_type, field, unique_for in date_checks:
            date = getattr(self, unique_for)
            if date is None:
                continue
            if lookup_type == "date":
                lookup_kwargs = {
                    "%s__day" % unique_for: date.day,
                    "%s__month" % unique_for: date.month,
                    "%s__year" % unique_for: date.year,
                }
            else:
                lookup_kwargs = {"%s__%s" % (unique_for, lookup_type): getattr(date, lookup_type)}
            lookup_kwargs[field] = getattr(self, field)
            qs = model_class._default_manager.filter(**lookup_kwargs)
            if not self._state.adding and self.pk is not None:
                qs = qs.exclude(pk=self.pk)
            if qs.exists():
                errors.setdefault(field, []).append(self.date_error_message(lookup_type, field, unique_for))
        return errors

    def date_error_message(self, lookup_type: str, field_name: str, unique_for: str) -> ValidationError:
        opts = self._meta
        field = opts.get_field(field_name)
        return ValidationError(
            message=field.error_messages["unique_for_date"],
            code="unique_for_date",
            params={
                "model": self,
                "model_name": capfirst(opts.verbose_name),
                "lookup_type": lookup_type,
                "field": field_name,
                "field_label": capfirst(field.verbose_name),
                "date_field": unique_for,
                "date_field_label": capfirst(opts.get_field(unique_for).verbose_name),
            },
        )

    def unique_error_message(self, model_class: Any, unique_check: tuple) -> ValidationError:
        opts = model_class._meta
        params: dict[str, Any] = {
            "model": self,
            "model_class": model_class,
            "model_name": capfirst(opts.verbose_name),
            "unique_check": unique_check,
        }
        if len(unique_check) == 1:
            field = opts.get_field(unique_check[0])
            params["field_label"] = capfirst(field.verbose_name)
            return ValidationError(message=field.error_messages["unique"], code="unique", params=params)
        field_labels = [capfirst(opts.get_field(f).verbose_name) for f in unique_check]
        params["field_labels"] = get_text_list(field_labels, _("and"))
        return ValidationError(
            message=_("%(model_name)s with this %(field_labels)s already exists."),
            code="unique_together",
            params=params,
        )

    def get_constraints(self) -> list:
        constraints = [(self.__class__, self._meta.constraints)]
        for parent in self._meta.all_parents:
            if parent._meta.constraints:
                constraints.append((parent, parent._meta.constraints))
        return constraints

    def validate_constraints(self, exclude: Any = None) -> None:
        """Run every Meta.constraints' validate(); unique violations on one field go under it."""
        from django.db import router

        using = router.db_for_write(self.__class__, instance=self)
        errors: dict = {}
        for model_class, model_constraints in self.get_constraints():
            for constraint in model_constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    fields: tuple = getattr(constraint, "fields", ())
                    if getattr(e, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(e)
                    else:
                        errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _get_field_expression_map(self, meta: Any = None, exclude: Any = None) -> dict:
        """Field names (and attnames, and "pk") mapped to this instance's values as expressions.

        Constraint validation evaluates conditions against this map in the database.
        """
        from django.db.models.expressions import Value

        meta = meta or self._meta
        exclude = exclude or set()
        field_map: dict[str, Any] = {}
        for field in meta.local_concrete_fields:
            if field.name in exclude or field.generated:
                continue
            value = getattr(self, field.attname)
            if not value or not hasattr(value, "resolve_expression"):
                value = Value(value, field)
            field_map[field.name] = value
            field_map[field.attname] = value
        if "pk" not in exclude:
            field_map["pk"] = Value(self.pk, meta.pk)
        return field_map
