"""System checks of Field (fields.E001-E012, W163)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db.models.fields.choices import CallableChoices
from django.utils.functional import Promise
from django.utils.itercompat import is_iterable


def _value_class() -> type:
    from django.db.models.expressions import Value

    return Value


class FieldChecks:
    """Mixed into Field: check() and its parts, each overridable by subclasses."""

    if TYPE_CHECKING:  # provided by Field
        choices: Any
        db_comment: Any
        db_default: Any
        db_index: Any
        has_db_default: Any
        max_length: Any
        model: Any
        name: Any
        null: Any
        primary_key: Any
        system_check_deprecated_details: Any
        system_check_removed_details: Any
        validators: Any

    def check(self, **kwargs: Any) -> list:
        return [
            *self._check_field_name(),
            *self._check_choices(),
            *self._check_db_default(**kwargs),
            *self._check_db_index(),
            *self._check_db_comment(**kwargs),
            *self._check_null_allowed_for_primary_keys(),
            *self._check_backend_specific_checks(**kwargs),
            *self._check_validators(),
            *self._check_deprecation_details(),
        ]

    def _check_field_name(self) -> list:
        if self.name.endswith("_"):
            return [checks.Error("Field names must not end with an underscore.", obj=self, id="fields.E001")]
        if "__" in self.name:
            return [checks.Error('Field names must not contain "%s".' % "__", obj=self, id="fields.E002")]
        if self.name == "pk":
            return [
                checks.Error(
                    "'pk' is a reserved word that cannot be used as a field name.", obj=self, id="fields.E003"
                )
            ]
        return []

    @classmethod
    def _choices_is_value(cls, value: Any) -> bool:
        return isinstance(value, (str, Promise)) or not is_iterable(value)

    def _check_choices(self) -> list:
        if not self.choices or isinstance(self.choices, CallableChoices):
            return []
        if not is_iterable(self.choices) or isinstance(self.choices, str):
            return [
                checks.Error(
                    "'choices' must be a mapping (e.g. a dictionary) or an iterable (e.g. a list or tuple).",
                    obj=self,
                    id="fields.E004",
                )
            ]
        longest = 0
        try:
            for key, label in self.choices:
                if isinstance(label, (list, tuple)) and not self._choices_is_value(label):
                    pairs = label
                else:
                    pairs = [(key, label)]
                for value, human in pairs:
                    if not (self._choices_is_value(value) and self._choices_is_value(human)):
                        raise ValueError
                    if self.max_length is not None and isinstance(value, str):
                        longest = max(longest, len(value))
        except (TypeError, ValueError):
            return [
                checks.Error(
                    "'choices' must be a mapping of actual values to human readable names or an "
                    "iterable containing (actual value, human readable name) tuples.",
                    obj=self,
                    id="fields.E005",
                )
            ]
        if self.max_length is not None and longest > self.max_length:
            return [
                checks.Error(
                    "'max_length' is too small to fit the longest value in 'choices' (%d characters)."
                    % longest,
                    obj=self,
                    id="fields.E009",
                )
            ]
        return []

    def _check_db_default(self, databases: Any = None, **kwargs: Any) -> list:
        if not self.has_db_default() or not databases:
            return []
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, self.model):
                continue
            connection = connections[db]
            if (
                not getattr(self.db_default, "allowed_default", True)
                and connection.features.supports_expression_defaults
            ):
                errors.append(
                    checks.Error(
                        f"{self.db_default} cannot be used in db_default.", obj=self, id="fields.E012"
                    )
                )
            if (
                not isinstance(self.db_default, _value_class())
                and not connection.features.supports_expression_defaults
            ):
                errors.append(
                    checks.Error(
                        f"{connection.display_name} does not support default database values with "
                        "expressions (db_default).",
                        obj=self,
                        id="fields.E011",
                    )
                )
        return errors

    def _check_db_index(self) -> list:
        if self.db_index not in (None, True, False):
            return [checks.Error("'db_index' must be None, True or False.", obj=self, id="fields.E006")]
        return []

    def _check_db_comment(self, databases: Any = None, **kwargs: Any) -> list:
        if not self.db_comment or not databases:
            return []
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, self.model):
                continue
            connection = connections[db]
            if not (
                "supports_comments" in self.model._meta.required_db_features
                or connection.features.supports_comments
            ):
                errors.append(
                    checks.Warning(
                        f"{connection.display_name} does not support comments on columns (db_comment).",
                        obj=self,
                        id="fields.W163",
                    )
                )
        return errors

    def _check_null_allowed_for_primary_keys(self) -> list:
        if self.primary_key and self.null and not getattr(self, "_allows_null_pk", False):
            from django.db import connection

            if connection.features.interprets_empty_strings_as_nulls:
                return []
            return [
                checks.Error(
                    "Primary keys must not have null=True.",
                    hint="Set null=False on the field, or remove primary_key=True argument.",
                    obj=self,
                    id="fields.E007",
                )
            ]
        return []

    def _check_backend_specific_checks(self, databases: Any = None, **kwargs: Any) -> list:
        if not databases:
            return []
        from django.db import connections, router

        errors = []
        app_label = self.model._meta.app_label
        for alias in databases:
            if router.allow_migrate(alias, app_label, model_name=self.model._meta.model_name):
                validation = getattr(connections[alias], "validation", None)
                if validation is not None:
                    errors.extend(validation.check_field(self, **kwargs))
        return errors

    def _check_validators(self) -> list:
        errors = []
        for i, validator in enumerate(self.validators):
            if not callable(validator):
                errors.append(
                    checks.Error(
                        "All 'validators' must be callable.",
                        hint=f"validators[{i}] ({repr(validator)}) isn't a function or instance of a validator class.",
                        obj=self,
                        id="fields.E008",
                    )
                )
        return errors

    def _check_deprecation_details(self) -> list:
        if self.system_check_removed_details is not None:
            d = self.system_check_removed_details
            msg = d.get("msg", "%s has been removed except for support in historical migrations.")
            return [
                checks.Error(
                    msg % self.__class__.__name__, hint=d.get("hint"), obj=self, id=d.get("id", "fields.EXXX")
                )
            ]
        if self.system_check_deprecated_details is not None:
            d = self.system_check_deprecated_details
            msg = d.get("msg", "%s has been deprecated.")
            return [
                checks.Warning(
                    msg % self.__class__.__name__, hint=d.get("hint"), obj=self, id=d.get("id", "fields.WXXX")
                )
            ]
        return []
