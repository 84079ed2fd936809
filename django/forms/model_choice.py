"""ModelChoiceField and ModelMultipleChoiceField: choices drawn from a QuerySet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choice_fields import ChoiceField
from .fields import Field
from .widgets import MultipleHiddenInput, SelectMultiple


def _outside_key_range(queryset: Any, key: str, value: Any) -> bool:
    """Whether ``value`` is an integer the key's column cannot hold. Such a key matches no row, but
    some drivers (sqlite3 through OverflowError, psycopg through DataError) raise on it instead."""
    from django.db import connections

    opts = queryset.model._meta
    field = opts.pk if key == "pk" else opts.get_field(key)
    ranges = getattr(connections[queryset.db].ops, "integer_field_ranges", {})
    low, high = ranges.get(field.get_internal_type(), (None, None))
    if low is None and high is None:
        return False
    try:
        number = int(field.to_python(value))
    except (TypeError, ValueError, ValidationError):
        return False  # not a number: the lookup reports it the usual way
    return (low is not None and number < low) or (high is not None and number > high)


class ModelChoiceIteratorValue:
    """An option's value that also carries the model instance (for custom widgets)."""

    def __init__(self, value: Any, instance: Any) -> None:
        self.value = value
        self.instance = instance

    def __str__(self) -> str:
        return str(self.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ModelChoiceIteratorValue):
            other = other.value
        return self.value == other


class ModelChoiceIterator:
    """Iterate the field's queryset lazily, one query per iteration, with the empty choice first."""

    def __init__(self, field: ModelChoiceField) -> None:
        self.field = field
        self.queryset = field.queryset

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        for obj in queryset:
            yield self.choice(obj)

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or self.queryset.exists()

    def choice(self, obj: Any) -> tuple:
        return (
            ModelChoiceIteratorValue(self.field.prepare_value(obj), obj),
            self.field.label_from_instance(obj),
        )


class ModelChoiceField(ChoiceField):
    default_error_messages = {
        "invalid_choice": _("Select a valid choice. That choice is not one of the available choices."),
    }
    iterator = ModelChoiceIterator

    def __init__(
        self,
        queryset: Any,
        *,
        empty_label: Any = "---------",
        required: bool = True,
        widget: Any = None,
        label: Any = None,
        initial: Any = None,
        help_text: Any = "",
        to_field_name: str | None = None,
        limit_choices_to: Any = None,
        blank: bool = False,
        **kwargs: Any,
    ) -> None:
        from django.forms.widgets import RadioSelect

        # A required radio list doesn't need a "nothing selected" option.
        if (
            required
            and initial is not None
            or (isinstance(widget, RadioSelect) or widget is RadioSelect)
            and not blank
        ):
            self.empty_label = None
        else:
            self.empty_label = empty_label
        Field.__init__(
            self,
            required=required,
            widget=widget,
            label=label,
            initial=initial,
            help_text=help_text,
            **kwargs,
        )
        self.queryset = queryset
        self.limit_choices_to = limit_choices_to
        self.to_field_name = to_field_name

    def get_limit_choices_to(self) -> Any:
        if callable(self.limit_choices_to):
            return self.limit_choices_to()
        return self.limit_choices_to

    def __deepcopy__(self, memo: dict) -> ModelChoiceField:
        result = Field.__deepcopy__(self, memo)
        if self.queryset is not None:
            result.queryset = self.queryset.all()  # type: ignore[attr-defined]
        return result  # type: ignore[return-value]

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: Any) -> None:
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)

    @property  # type: ignore[override]
    def choices(self) -> Any:
        if hasattr(self, "_choices"):
            return self._choices
        return self.iterator(self)

    @choices.setter
    def choices(self, value: Any) -> None:
        from .choice_widgets import normalize_choices

        self._choices = self.widget.choices = normalize_choices(value)

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "_meta"):
            if self.to_field_name:
                return value.serializable_value(self.to_field_name)
            return value.pk
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        try:
            key = self.to_field_name or "pk"
            if isinstance(value, self.queryset.model):
                value = getattr(value, key)
            if _outside_key_range(self.queryset, key, value):
                raise self.queryset.model.DoesNotExist
            return self.queryset.get(**{key: value})
        except (ValueError, TypeError, ValidationError, self.queryset.model.DoesNotExist) as exc:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from exc

    def validate_no_null_characters(self, value: Any) -> None:
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )

    def validate(self, value: Any) -> None:
        return Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    widget = SelectMultiple
    hidden_widget = MultipleHiddenInput
    default_error_messages = {
        "invalid_list": _("Enter a list of values."),
        "invalid_choice": _("Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_pk_value": _("“%(pk)s” is not a valid value."),
    }

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value: Any) -> Any:
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value: Any) -> Any:
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        qs = self._check_values(value)
        self.run_validators(value)
        return qs

    def _check_values(self, value: Any) -> Any:
        """The queryset of the chosen objects; every value must be a valid key that exists."""
        key = self.to_field_name or "pk"
        try:
            value = frozenset(value)
        except TypeError as exc:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from exc
        for pk in value:
            self.validate_no_null_characters(pk)
            try:
                self.queryset.filter(**{key: pk})
            except (ValueError, TypeError, ValidationError) as exc:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                ) from exc
            if _outside_key_range(self.queryset, key, pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        qs = self.queryset.filter(**{"%s__in" % key: value})
        found = {str(getattr(obj, key)) for obj in qs}
        for val in value:
            if str(val) not in found:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": val}
                )
        return qs

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "__iter__") and not isinstance(value, str) and not hasattr(value, "_meta"):
            prepare = super().prepare_value
            return [prepare(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = initial or []
        data = data or []
        if len(initial) != len(data):
            return True
        return {str(v) for v in self.prepare_value(initial)} != {str(v) for v in data}
