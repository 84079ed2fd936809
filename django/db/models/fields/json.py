"""JSONField: JSON values stored in the database's JSON type (or text on SQLite)."""

from __future__ import annotations

import json
from typing import Any

from django.core import checks, exceptions
from django.db.models.fields.base import Field
from django.db.models.fields.mixins import CheckFieldDefaultMixin
from django.utils.translation import gettext_lazy as _

__all__ = ["JSONField"]

# Django's public home of the key transforms; they live in json_lookups (which needs this module).
_FROM_LOOKUPS = {"KT", "KeyTextTransform", "KeyTransform", "KeyTransformFactory", "compile_json_path"}


def __getattr__(name: str) -> Any:
    if name in _FROM_LOOKUPS:
        from django.db.models.fields import json_lookups

        return getattr(json_lookups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class JSONField(CheckFieldDefaultMixin, Field):
    empty_strings_allowed = False
    description = _("A JSON object")
    default_error_messages = {"invalid": _("Value must be valid JSON.")}
    _default_hint = ("dict", "{}")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        encoder: Any = None,
        decoder: Any = None,
        **kwargs: Any,
    ) -> None:
        if encoder and not callable(encoder):
            raise ValueError("The encoder parameter must be a callable object.")
        if decoder and not callable(decoder):
            raise ValueError("The decoder parameter must be a callable object.")
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_supported(kwargs.get("databases") or [])]

    def _check_supported(self, databases: list) -> list:
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, self.model):
                continue
            connection = connections[db]
            if (
                self.model._meta.required_db_vendor
                and self.model._meta.required_db_vendor != connection.vendor
            ):
                continue
            if not (
                "supports_json_field" in self.model._meta.required_db_features
                or connection.features.supports_json_field
            ):
                errors.append(
                    checks.Error(
                        "%s does not support JSONFields." % connection.display_name,
                        obj=self.model,
                        id="fields.E180",
                    )
                )
        return errors

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        if self.decoder is not None:
            kwargs["decoder"] = self.decoder
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        # Drivers that decode JSON themselves hand back Python objects; key
        # transforms on SQLite return plain SQL values.
        if not isinstance(value, (str, bytes, bytearray)):
            return value
        try:
            return json.loads(value, cls=self.decoder)
        except json.JSONDecodeError:
            return value

    def get_internal_type(self) -> str:
        return "JSONField"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        from django.db.models.expressions import Value

        if not prepared:
            value = self.get_prep_value(value)
        if isinstance(value, Value) and isinstance(value.output_field, JSONField):
            value = value.value
        elif hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_json_value(value, self.encoder)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        # Python None is SQL NULL; Value(None, JSONField()) stores JSON null.
        if value is None:
            return value
        return self.get_db_prep_value(value, connection)

    def get_transform(self, name: str) -> Any:
        transform = super().get_transform(name)
        if transform:
            return transform
        from django.db.models.fields.json_lookups import KeyTransformFactory

        return KeyTransformFactory(name)

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except TypeError:
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )

    def value_to_string(self, obj: Any) -> Any:
        return self.value_from_object(obj)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(
            **{"form_class": forms.JSONField, "encoder": self.encoder, "decoder": self.decoder, **kwargs}
        )
