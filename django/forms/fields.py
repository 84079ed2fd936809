"""Form fields: turn submitted strings into Python values and validate them."""

from __future__ import annotations

import copy
import datetime
import math
import re
from collections.abc import Iterator
from decimal import Decimal, DecimalException
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.utils import from_current_timezone
from django.forms.widgets import (
    CheckboxInput,
    DateInput,
    DateTimeInput,
    EmailInput,
    HiddenInput,
    NullBooleanSelect,
    NumberInput,
    TextInput,
    TimeInput,
    URLInput,
)
from django.utils import formats
from django.utils.dateparse import parse_datetime, parse_duration
from django.utils.duration import duration_string
from django.utils.translation import gettext_lazy as _

__all__ = (
    "Field", "CharField", "IntegerField", "DateField", "TimeField", "DateTimeField", "DurationField",
    "RegexField", "EmailField", "FileField", "ImageField", "URLField", "BooleanField", "NullBooleanField",
    "ChoiceField", "MultipleChoiceField", "ComboField", "MultiValueField", "FloatField", "DecimalField",
    "SplitDateTimeField", "GenericIPAddressField", "FilePathField", "JSONField", "SlugField",
    "TypedChoiceField", "TypedMultipleChoiceField", "UUIDField",
)  # fmt: skip


def _collect_error_messages(cls: type) -> dict:
    messages: dict = {}
    for klass in reversed(cls.__mro__):
        messages.update(getattr(klass, "default_error_messages", {}))
    return messages


class Field:
    widget: Any = TextInput
    hidden_widget: Any = HiddenInput
    default_validators: list = []
    default_error_messages = {"required": _("This field is required.")}
    empty_values = list(validators.EMPTY_VALUES)
    bound_field_class: Any = None
    creation_counter = 0

    def __init__(
        self,
        *,
        required: bool = True,
        widget: Any = None,
        label: Any = None,
        initial: Any = None,
        help_text: Any = "",
        error_messages: dict | None = None,
        show_hidden_initial: bool = False,
        validators: Any = (),
        localize: bool = False,
        disabled: bool = False,
        label_suffix: Any = None,
        template_name: str | None = None,
        bound_field_class: Any = None,
    ) -> None:
        self.required, self.label, self.initial = required, label, initial
        self.show_hidden_initial = show_hidden_initial
        self.help_text = help_text
        self.disabled = disabled
        self.label_suffix = label_suffix
        self.localize = localize
        widget = widget or self.widget
        widget = widget() if isinstance(widget, type) else copy.deepcopy(widget)
        if self.localize:
            widget.is_localized = True
        widget.is_required = self.required
        extra_attrs = self.widget_attrs(widget)
        if extra_attrs:
            widget.attrs.update(extra_attrs)
        self.widget = widget
        self.creation_counter = Field.creation_counter
        Field.creation_counter += 1
        self.error_messages = {**_error_messages_for(type(self)), **(error_messages or {})}
        self.validators = [*self.default_validators, *validators]
        self.template_name = template_name
        if bound_field_class is not None:
            self.bound_field_class = bound_field_class

    def prepare_value(self, value: Any) -> Any:
        return value

    def to_python(self, value: Any) -> Any:
        return value

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors = []
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as exc:
                if hasattr(exc, "code") and exc.code in self.error_messages:
                    exc.message = self.error_messages[exc.code]
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def clean(self, value: Any) -> Any:
        value = self.to_python(value)
        self.validate(value)
        self.run_validators(value)
        return value

    def bound_data(self, data: Any, initial: Any) -> Any:
        """A disabled field shows its initial value whatever was submitted."""
        if self.disabled:
            return initial
        return data

    def widget_attrs(self, widget: Any) -> dict:
        return {}

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
            if hasattr(self, "_coerce"):
                return self._coerce(data) != self._coerce(initial)
        except ValidationError:
            return True
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return initial_value != data_value

    def get_bound_field(self, form: Any, field_name: str) -> BoundField:
        bound_field_class = self.bound_field_class or form.bound_field_class or BoundField
        return bound_field_class(form, self, field_name)

    def __deepcopy__(self, memo: dict) -> Field:
        # A plain __dict__ copy: copy.copy's reduce protocol costs more than the whole clean().
        result = object.__new__(type(self))
        result.__dict__.update(self.__dict__)
        memo[id(self)] = result
        widget = self.widget
        result.widget = (
            widget.__deepcopy__(memo) if hasattr(widget, "__deepcopy__") else copy.deepcopy(widget, memo)
        )
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


_messages_cache: dict = {}


def _error_messages_for(cls: type) -> dict:
    try:
        return _messages_cache[cls]
    except KeyError:
        messages = _messages_cache[cls] = _collect_error_messages(cls)
        return messages


class CharField(Field):
    def __init__(
        self,
        *,
        max_length: int | None = None,
        min_length: int | None = None,
        strip: bool = True,
        empty_value: Any = "",
        **kwargs: Any,
    ) -> None:
        self.max_length, self.min_length, self.strip, self.empty_value = (
            max_length,
            min_length,
            strip,
            empty_value,
        )
        super().__init__(**kwargs)
        if min_length is not None:
            self.validators.append(validators.MinLengthValidator(int(min_length)))
        if max_length is not None:
            self.validators.append(validators.MaxLengthValidator(int(max_length)))
        self.validators.append(validators.ProhibitNullCharactersValidator())

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            value = str(value)
            if self.strip:
                value = value.strip()
        if value in self.empty_values:
            return self.empty_value
        return value

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            attrs["maxlength"] = str(self.max_length)
        if self.min_length is not None and not widget.is_hidden:
            attrs["minlength"] = str(self.min_length)
        return attrs


class IntegerField(Field):
    widget = NumberInput
    default_error_messages = {"invalid": _("Enter a whole number.")}
    re_decimal = re.compile(r"\.0*\s*$")

    def __init__(
        self, *, max_value: Any = None, min_value: Any = None, step_size: Any = None, **kwargs: Any
    ) -> None:
        self.max_value, self.min_value, self.step_size = max_value, min_value, step_size
        if kwargs.get("localize") and self.widget == NumberInput:
            kwargs.setdefault("widget", super().widget)
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(validators.MaxValueValidator(max_value))
        if min_value is not None:
            self.validators.append(validators.MinValueValidator(min_value))
        if step_size is not None:
            self.validators.append(validators.StepValueValidator(step_size, offset=min_value))

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if self.localize:
            value = formats.sanitize_separators(value)
        try:
            return int(self.re_decimal.sub("", str(value)))
        except (ValueError, TypeError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput):
            if self.min_value is not None:
                attrs["min"] = self.min_value
            if self.max_value is not None:
                attrs["max"] = self.max_value
            if self.step_size is not None:
                attrs["step"] = self.step_size
        return attrs


class FloatField(IntegerField):
    default_error_messages = {"invalid": _("Enter a number.")}

    def to_python(self, value: Any) -> Any:
        value = Field.to_python(self, value)
        if value in self.empty_values:
            return None
        if self.localize:
            value = formats.sanitize_separators(value)
        try:
            return float(str(value).strip())
        except (ValueError, TypeError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if not math.isfinite(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            attrs.setdefault("step", "any")
        return attrs


class DecimalField(IntegerField):
    default_error_messages = {"invalid": _("Enter a number.")}

    def __init__(
        self,
        *,
        max_value: Any = None,
        min_value: Any = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
        self.validators.append(validators.DecimalValidator(max_digits, decimal_places))

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if self.localize:
            value = formats.sanitize_separators(value)
        try:
            text = str(value).strip()
            if len(text) > 200:  # refuse absurdly long numbers before Decimal parses them
                raise DecimalException
            return Decimal(text)
        except DecimalException as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            if self.decimal_places is not None:
                step = str(Decimal(1).scaleb(-self.decimal_places)).lower()
            else:
                step = "any"
            attrs.setdefault("step", step)
        return attrs


class BaseTemporalField(Field):
    input_formats: Any = ()

    def __init__(self, *, input_formats: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if input_formats is not None:
            self.input_formats = input_formats

    def to_python(self, value: Any) -> Any:
        value = value.strip()
        formats_list = self.input_formats
        if isinstance(formats_list, str):
            formats_list = formats.get_format(formats_list)
        for fmt in formats_list:
            try:
                return self.strptime(value, fmt)
            except (ValueError, TypeError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def strptime(self, value: str, format: str) -> Any:
        raise NotImplementedError("Subclasses must define this method.")


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d\Z", re.ASCII)


class DateField(BaseTemporalField):
    widget = DateInput
    input_formats = "DATE_INPUT_FORMATS"
    default_error_messages = {"invalid": _("Enter a valid date.")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return super().to_python(str(value))

    def strptime(self, value: str, format: str) -> datetime.date:
        if format == "%Y-%m-%d" and _ISO_DATE.match(value):
            # The common case without strptime's locale machinery; same result, same errors.
            return datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        return datetime.datetime.strptime(value, format).date()


class TimeField(BaseTemporalField):
    widget = TimeInput
    input_formats = "TIME_INPUT_FORMATS"
    default_error_messages = {"invalid": _("Enter a valid time.")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return super().to_python(str(value))

    def strptime(self, value: str, format: str) -> datetime.time:
        return datetime.datetime.strptime(value, format).time()


class DateTimeFormatsIterator:
    def __iter__(self) -> Iterator[Any]:
        yield from formats.get_format("DATETIME_INPUT_FORMATS")
        yield from formats.get_format("DATE_INPUT_FORMATS")


class DateTimeField(BaseTemporalField):
    widget = DateTimeInput
    input_formats = DateTimeFormatsIterator()
    default_error_messages = {"invalid": _("Enter a valid date/time.")}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            from django.forms.utils import to_current_timezone

            value = to_current_timezone(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value)
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime(value.year, value.month, value.day))
        text = str(value).strip()
        try:
            result = parse_datetime(text)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if result is None:
            result = super().to_python(text)
        return from_current_timezone(result)

    def strptime(self, value: str, format: str) -> datetime.datetime:
        return datetime.datetime.strptime(value, format)


class DurationField(Field):
    default_error_messages = {
        "invalid": _("Enter a valid duration."),
        "overflow": _("The number of days must be between {min_days} and {max_days}."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            result = parse_duration(str(value))
        except OverflowError as exc:
            message = self.error_messages["overflow"].format(
                min_days=datetime.timedelta.min.days, max_days=datetime.timedelta.max.days
            )
            raise ValidationError(message, code="overflow") from exc
        if result is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return result


class RegexField(CharField):
    def __init__(self, regex: Any, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self._regex_validator: Any = None
        self._set_regex(regex)

    def _get_regex(self) -> Any:
        return self._regex

    def _set_regex(self, regex: Any) -> None:
        if isinstance(regex, str):
            regex = re.compile(regex)
        self._regex = regex
        if self._regex_validator is not None and self._regex_validator in self.validators:
            self.validators.remove(self._regex_validator)
        self._regex_validator = validators.RegexValidator(regex=regex)
        self.validators.append(self._regex_validator)

    regex = property(_get_regex, _set_regex)


class EmailField(CharField):
    widget = EmailInput
    default_validators = [validators.validate_email]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class URLField(CharField):
    widget = URLInput
    default_error_messages = {"invalid": _("Enter a valid URL.")}
    default_validators = [validators.URLValidator()]

    def __init__(self, *, assume_scheme: str | None = None, **kwargs: Any) -> None:
        self.assume_scheme = assume_scheme or "https"
        super().__init__(strip=True, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not value:
            return value
        try:
            parts = list(urlsplit(value))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not parts[0]:
            parts[0] = self.assume_scheme
        if not parts[1]:
            # "example.com/path" parsed as a path: the host is its first segment.
            parts[1] = parts[2]
            parts[2] = ""
            try:
                parts = list(urlsplit(urlunsplit(parts)))
            except ValueError as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return urlunsplit(parts)


class BooleanField(Field):
    widget: Any = CheckboxInput

    def to_python(self, value: Any) -> bool:
        if isinstance(value, str) and value.lower() in ("false", "0"):
            return False
        return bool(value)

    def validate(self, value: Any) -> None:
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


class NullBooleanField(BooleanField):
    widget = NullBooleanSelect

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in (True, "True", "true", "1"):
            return True
        if value in (False, "False", "false", "0"):
            return False
        return None

    def validate(self, value: Any) -> None:
        pass


from .choice_fields import (  # noqa: E402, F401
    ChoiceField,
    ComboField,
    FilePathField,
    GenericIPAddressField,
    JSONField,
    MultipleChoiceField,
    MultiValueField,
    SlugField,
    SplitDateTimeField,
    TypedChoiceField,
    TypedMultipleChoiceField,
    UUIDField,
)
from .file_fields import FileField, ImageField  # noqa: E402, F401
