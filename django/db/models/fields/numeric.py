"""Numeric fields: the integer family, auto fields, FloatField, DecimalField, BooleanField."""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING, Any

from django.core import checks, exceptions, validators
from django.db.models.fields.base import Field
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = [
    "AutoField",
    "AutoFieldMixin",
    "AutoFieldMeta",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "DecimalField",
    "FloatField",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveIntegerRelDbTypeMixin",
    "PositiveSmallIntegerField",
    "SmallAutoField",
    "SmallIntegerField",
]


def _expected_number(field: Field, value: Any, kind: str, error: Exception) -> Exception:
    return error.__class__("Field '%s' expected %s but got %r." % (field.name, kind, value))


class IntegerField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": _("“%(value)s” value must be an integer.")}
    description = _("Integer")

    def get_internal_type(self) -> str:
        return "IntegerField"

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_max_length_warning()]

    def _check_max_length_warning(self) -> list:
        if self.max_length is not None:
            return [
                checks.Warning(
                    "'max_length' is ignored when used with %s." % self.__class__.__name__,
                    hint="Remove 'max_length' from field",
                    obj=self,
                    id="fields.W122",
                )
            ]
        return []

    @cached_property
    def validators(self) -> list:
        # Add range validators matching the column type of the default database.
        from django.db import connection

        result = super().validators
        low, high = self.integer_range(connection)
        if low is not None and not any(
            isinstance(v, validators.MinValueValidator)
            and (v.limit_value() if callable(v.limit_value) else v.limit_value) >= low
            for v in result
        ):
            result.append(validators.MinValueValidator(low))
        if high is not None and not any(
            isinstance(v, validators.MaxValueValidator)
            and (v.limit_value() if callable(v.limit_value) else v.limit_value) <= high
            for v in result
        ):
            result.append(validators.MaxValueValidator(high))
        return result

    def integer_range(self, connection: Any) -> tuple[int | None, int | None]:
        """The (min, max) values the column holds on ``connection``."""
        return connection.ops.integer_field_range(self.get_internal_type())

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError) as e:
            raise _expected_number(self, value, "a number", e) from e

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = super().get_db_prep_value(value, connection, prepared)
        return connection.ops.adapt_integerfield_value(value, self.get_internal_type())

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.IntegerField, **kwargs})


class BigIntegerField(IntegerField):
    description = _("Big (8 byte) integer")

    def get_internal_type(self) -> str:
        return "BigIntegerField"

    MAX_BIGINT = 9223372036854775807

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        return super().formfield(
            **{"min_value": -self.MAX_BIGINT - 1, "max_value": self.MAX_BIGINT, **kwargs}
        )


class SmallIntegerField(IntegerField):
    description = _("Small integer")

    def get_internal_type(self) -> str:
        return "SmallIntegerField"


class PositiveIntegerRelDbTypeMixin:
    """A foreign key to a positive integer column uses the plain integer type where types differ."""

    if TYPE_CHECKING:  # provided by the class this is mixed into
        db_type: Any
        integer_field_class: Any

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not hasattr(cls, "integer_field_class"):
            cls.integer_field_class = next(
                (
                    parent
                    for parent in cls.__mro__[1:]
                    if issubclass(parent, IntegerField)
                    and not issubclass(parent, PositiveIntegerRelDbTypeMixin)
                ),
                None,
            )

    def rel_db_type(self, connection: Any) -> Any:
        if connection.features.related_fields_match_type:
            return self.db_type(connection)
        return self.integer_field_class().db_type(connection=connection)


if TYPE_CHECKING:
    # Type checkers see the mixins below as the fields they are mixed into.
    _IntegerFieldMixin = IntegerField
    _FieldMixin = Field
else:
    _IntegerFieldMixin = _FieldMixin = object


class _PositiveFormMixin(_IntegerFieldMixin):
    def integer_range(self, connection: Any) -> tuple[int | None, int | None]:
        # Positive means >= 0 even where the backend stores any signed integer (SQLite).
        low, high = super().integer_range(connection)
        return (0 if low is None else max(low, 0)), high

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        return super().formfield(**{"min_value": 0, **kwargs})


class PositiveBigIntegerField(PositiveIntegerRelDbTypeMixin, _PositiveFormMixin, BigIntegerField):
    description = _("Positive big integer")

    def get_internal_type(self) -> str:
        return "PositiveBigIntegerField"


class PositiveIntegerField(PositiveIntegerRelDbTypeMixin, _PositiveFormMixin, IntegerField):
    description = _("Positive integer")

    def get_internal_type(self) -> str:
        return "PositiveIntegerField"


class PositiveSmallIntegerField(PositiveIntegerRelDbTypeMixin, _PositiveFormMixin, SmallIntegerField):
    description = _("Positive small integer")

    def get_internal_type(self) -> str:
        return "PositiveSmallIntegerField"


class AutoFieldMixin(_FieldMixin):
    """An integer primary key whose value the database generates."""

    db_returning = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_primary_key()]

    def _check_primary_key(self) -> list:
        if not self.primary_key:
            return [checks.Error("AutoFields must set primary_key=True.", obj=self, id="fields.E100")]
        return []

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["blank"]
        kwargs["primary_key"] = True
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: Any) -> None:
        pass

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
            value = connection.ops.validate_autopk_value(value)
        return value

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        if cls._meta.auto_field:
            raise ValueError("Model %s can't have more than one auto-generated field." % cls._meta.label)
        super().contribute_to_class(cls, name, **kwargs)
        cls._meta.auto_field = self

    def formfield(self, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        return None


class AutoFieldMeta(type):
    """Make isinstance()/issubclass() treat BigAutoField and SmallAutoField as AutoField."""

    @property
    def _subclasses(cls) -> tuple[type, ...]:
        return (BigAutoField, SmallAutoField)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, cls._subclasses) or super().__instancecheck__(instance)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, cls._subclasses) or super().__subclasscheck__(subclass)


class AutoField(AutoFieldMixin, IntegerField, metaclass=AutoFieldMeta):
    def get_internal_type(self) -> str:
        return "AutoField"

    def rel_db_type(self, connection: Any) -> Any:
        return IntegerField().db_type(connection=connection)


class BigAutoField(AutoFieldMixin, BigIntegerField):
    def get_internal_type(self) -> str:
        return "BigAutoField"

    def rel_db_type(self, connection: Any) -> Any:
        return BigIntegerField().db_type(connection=connection)


class SmallAutoField(AutoFieldMixin, SmallIntegerField):
    def get_internal_type(self) -> str:
        return "SmallAutoField"

    def rel_db_type(self, connection: Any) -> Any:
        return SmallIntegerField().db_type(connection=connection)


class FloatField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": _("“%(value)s” value must be a float.")}
    description = _("Floating point number")

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError) as e:
            raise _expected_number(self, value, "a number", e) from e

    def get_internal_type(self) -> str:
        return "FloatField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.FloatField, **kwargs})


class DecimalField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": _("“%(value)s” value must be a decimal number.")}
    description = _("Decimal number")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs: Any) -> list:
        errors = super().check(**kwargs)
        digits_errors = [*self._check_decimal_places(), *self._check_max_digits()]
        if not digits_errors:
            errors.extend(self._check_decimal_places_and_max_digits())
        return errors + digits_errors

    def _check_decimal_places(self) -> list:
        if self.decimal_places is None:
            return [
                checks.Error(
                    "DecimalFields must define a 'decimal_places' attribute.", obj=self, id="fields.E130"
                )
            ]
        if (
            not isinstance(self.decimal_places, int)
            or isinstance(self.decimal_places, bool)
            or self.decimal_places < 0
        ):
            return [
                checks.Error("'decimal_places' must be a non-negative integer.", obj=self, id="fields.E131")
            ]
        return []

    def _check_max_digits(self) -> list:
        if self.max_digits is None:
            return [
                checks.Error(
                    "DecimalFields must define a 'max_digits' attribute.", obj=self, id="fields.E132"
                )
            ]
        if not isinstance(self.max_digits, int) or isinstance(self.max_digits, bool) or self.max_digits <= 0:
            return [checks.Error("'max_digits' must be a positive integer.", obj=self, id="fields.E133")]
        return []

    def _check_decimal_places_and_max_digits(self) -> list:
        if self.decimal_places > self.max_digits:  # type: ignore[operator]  # both checked as ints first
            return [
                checks.Error(
                    "'max_digits' must be greater or equal to 'decimal_places'.", obj=self, id="fields.E134"
                )
            ]
        return []

    @cached_property
    def validators(self) -> list:
        return [*super().validators, validators.DecimalValidator(self.max_digits, self.decimal_places)]

    @cached_property
    def context(self) -> decimal.Context:
        return decimal.Context(prec=self.max_digits)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.max_digits is not None:
            kwargs["max_digits"] = self.max_digits
        if self.decimal_places is not None:
            kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "DecimalField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        try:
            if isinstance(value, float):
                decimal_value = self.context.create_decimal_from_float(value)
            else:
                decimal_value = decimal.Decimal(value)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        if not decimal_value.is_finite():
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return decimal_value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_decimalfield_value(value, self.max_digits, self.decimal_places)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return self.to_python(value)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(
            **{
                "max_digits": self.max_digits,
                "decimal_places": self.decimal_places,
                "form_class": forms.DecimalField,
                **kwargs,
            }
        )


class BooleanField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _("“%(value)s” value must be either True or False."),
        "invalid_nullable": _("“%(value)s” value must be either True, False, or None."),
    }
    description = _("Boolean (Either True or False)")

    def get_internal_type(self) -> str:
        return "BooleanField"

    def to_python(self, value: Any) -> Any:
        if self.null and value in self.empty_values:
            return None
        if value in (True, False):
            return bool(value)  # 1/0 become True/False
        if value in ("t", "True", "1"):
            return True
        if value in ("f", "False", "0"):
            return False
        raise exceptions.ValidationError(
            self.error_messages["invalid_nullable" if self.null else "invalid"],
            code="invalid",
            params={"value": value},
        )

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return self.to_python(value)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        if self.choices is not None:
            include_blank = not (self.has_default() or "initial" in kwargs)
            defaults: dict[str, Any] = {"choices": self.get_choices(include_blank=include_blank)}
        else:
            form_class = forms.NullBooleanField if self.null else forms.BooleanField
            defaults = {"form_class": form_class, "required": False}
        return super().formfield(**{**defaults, **kwargs})
