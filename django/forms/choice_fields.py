"""Choice fields, composite fields and the remaining specialised fields."""

from __future__ import annotations

import copy
import json
import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.ipv6 import clean_ipv6_address
from django.utils.translation import gettext_lazy as _

from .choice_widgets import normalize_choices
from .fields import CharField, DateField, Field, TimeField
from .multi_widgets import SplitDateTimeWidget, SplitHiddenDateTimeWidget
from .utils import from_current_timezone
from .widgets import MultipleHiddenInput, Select, SelectMultiple, Textarea


class ChoiceField(Field):
    widget: Any = Select
    default_error_messages = {
        "invalid_choice": _("Select a valid choice. %(value)s is not one of the available choices."),
    }

    def __init__(self, *, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    def __deepcopy__(self, memo: dict) -> ChoiceField:
        result = super().__deepcopy__(memo)
        result._choices = copy.deepcopy(self._choices, memo)  # type: ignore[attr-defined]
        return result  # type: ignore[return-value]

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self._choices = self.widget.choices = normalize_choices(value)

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.valid_value(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )

    def valid_value(self, value: Any) -> bool:
        text_value = str(value)
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                for sub_key, _sub_label in label:
                    if value == sub_key or text_value == str(sub_key):
                        return True
            elif value == key or text_value == str(key):
                return True
        return False


class TypedChoiceField(ChoiceField):
    def __init__(self, *, coerce: Any = lambda val: val, empty_value: Any = "", **kwargs: Any) -> None:
        self.coerce = coerce
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            return self.coerce(value)
        except (ValueError, TypeError, ValidationError) as exc:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from exc

    def clean(self, value: Any) -> Any:
        return self._coerce(super().clean(value))


class MultipleChoiceField(ChoiceField):
    hidden_widget = MultipleHiddenInput
    widget = SelectMultiple
    default_error_messages = {
        "invalid_choice": _("Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_list": _("Enter a list of values."),
    }

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(val) for val in value]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for val in value:
            if not self.valid_value(val):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": val}
                )

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = initial or []
        data = data or []
        if len(initial) != len(data):
            return True
        return {str(v) for v in initial} != {str(v) for v in data}


class TypedMultipleChoiceField(MultipleChoiceField):
    def __init__(self, *, coerce: Any = lambda val: val, **kwargs: Any) -> None:
        self.coerce = coerce
        self.empty_value = kwargs.pop("empty_value", [])
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        coerced = []
        for choice in value:
            try:
                coerced.append(self.coerce(choice))
            except (ValueError, TypeError, ValidationError) as exc:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": choice}
                ) from exc
        return coerced

    def clean(self, value: Any) -> Any:
        return self._coerce(super().clean(value))

    def validate(self, value: Any) -> None:
        if value != self.empty_value:
            super().validate(value)
        elif self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class ComboField(Field):
    """Clean a value with every one of `fields`, in order."""

    def __init__(self, fields: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for field in fields:
            field.required = False
        self.fields = fields

    def clean(self, value: Any) -> Any:
        super().clean(value)
        for field in self.fields:
            value = field.clean(value)
        return value


class MultiValueField(Field):
    """One value made of several fields' values (the widget is a MultiWidget); see `compress`."""

    default_error_messages = {
        "invalid": _("Enter a list of values."),
        "incomplete": _("Enter a complete value."),
    }

    def __init__(self, fields: Any, *, require_all_fields: bool = True, **kwargs: Any) -> None:
        self.require_all_fields = require_all_fields
        super().__init__(**kwargs)
        for field in fields:
            field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            if self.disabled:
                field.disabled = True
            if self.require_all_fields:
                field.required = False
        self.fields = fields

    def __deepcopy__(self, memo: dict) -> MultiValueField:
        result = super().__deepcopy__(memo)
        result.fields = tuple(copy.deepcopy(f, memo) for f in self.fields)  # type: ignore[attr-defined]
        return result  # type: ignore[return-value]

    def validate(self, value: Any) -> None:
        pass

    def clean(self, value: Any) -> Any:
        clean_data = []
        errors: list = []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if not value or isinstance(value, (list, tuple)):
            if not value or not [v for v in value if v not in self.empty_values]:
                if self.required:
                    raise ValidationError(self.error_messages["required"], code="required")
                return self.compress([])
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        for index, field in enumerate(self.fields):
            field_value = value[index] if index < len(value) else None
            if field_value in self.empty_values:
                if self.require_all_fields:
                    if self.required:
                        raise ValidationError(self.error_messages["required"], code="required")
                elif field.required:
                    if field.error_messages["incomplete"] not in errors:
                        errors.append(field.error_messages["incomplete"])
                    continue
            try:
                clean_data.append(field.clean(field_value))
            except ValidationError as exc:
                errors.extend(m for m in exc.error_list if m not in errors)
        if errors:
            raise ValidationError(errors)
        out = self.compress(clean_data)
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list: list) -> Any:
        raise NotImplementedError("Subclasses must implement this method.")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        if initial is None:
            initial = ["" for _x in range(len(data))]
        elif not isinstance(initial, list):
            initial = self.widget.decompress(initial)
        for field, initial_part, data_part in zip(self.fields, initial, data):
            try:
                initial_part = field.to_python(initial_part)
            except ValidationError:
                return True
            if field.has_changed(initial_part, data_part):
                return True
        return False


class SplitDateTimeField(MultiValueField):
    widget = SplitDateTimeWidget
    hidden_widget = SplitHiddenDateTimeWidget
    default_error_messages = {
        "invalid_date": _("Enter a valid date."),
        "invalid_time": _("Enter a valid time."),
    }

    def __init__(
        self, *, input_date_formats: Any = None, input_time_formats: Any = None, **kwargs: Any
    ) -> None:
        errors = {**self.default_error_messages, **kwargs.get("error_messages", {})}
        localize = kwargs.get("localize", False)
        fields = (
            DateField(
                input_formats=input_date_formats,
                error_messages={"invalid": errors["invalid_date"]},
                localize=localize,
            ),
            TimeField(
                input_formats=input_time_formats,
                error_messages={"invalid": errors["invalid_time"]},
                localize=localize,
            ),
        )
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list) -> Any:
        if data_list:
            if data_list[0] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
            if data_list[1] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
            import datetime

            return from_current_timezone(datetime.datetime.combine(*data_list))
        return None


class FilePathField(ChoiceField):
    """Choices are the files (and/or folders) under `path`, optionally filtered by `match`."""

    def __init__(
        self,
        path: str,
        *,
        match: str | None = None,
        recursive: bool = False,
        allow_files: bool = True,
        allow_folders: bool = False,
        **kwargs: Any,
    ) -> None:
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        super().__init__(choices=(), **kwargs)
        choices = [("", "---------")] if not self.required else []
        match_re = re.compile(match) if match is not None else None
        for full, name in self._entries():
            if match_re is None or match_re.search(name):
                choices.append((full, full.replace(path, "", 1) if recursive else name))
        self.choices = choices
        self.widget.choices = self.choices

    def _entries(self) -> Iterator[Any]:
        if self.recursive:
            for root, dirs, files in sorted(os.walk(self.path)):
                if self.allow_files:
                    for name in sorted(files):
                        yield os.path.join(root, name), name
                if self.allow_folders:
                    for name in sorted(dirs):
                        if name != "__pycache__":
                            yield os.path.join(root, name), name
            return
        with os.scandir(self.path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__":
                    continue
                if (self.allow_files and entry.is_file()) or (self.allow_folders and entry.is_dir()):
                    yield entry.path, entry.name


class GenericIPAddressField(CharField):
    def __init__(self, *, protocol: str = "both", unpack_ipv4: bool = False, **kwargs: Any) -> None:
        self.unpack_ipv4 = unpack_ipv4
        self.default_validators = validators.ip_address_validators(protocol, unpack_ipv4)
        kwargs.setdefault("max_length", 39)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return ""
        value = str(value).strip()
        if value and ":" in value:
            return clean_ipv6_address(value, self.unpack_ipv4, max_length=self.max_length or 39)
        return value


class SlugField(CharField):
    default_validators = [validators.validate_slug]

    def __init__(self, *, allow_unicode: bool = False, **kwargs: Any) -> None:
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validators.validate_unicode_slug]
        super().__init__(**kwargs)


class UUIDField(CharField):
    default_error_messages = {"invalid": _("Enter a valid UUID.")}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not isinstance(value, uuid.UUID):
            try:
                value = uuid.UUID(value)
            except ValueError as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return value


class InvalidJSONInput(str):
    pass


class JSONString(str):
    pass


class JSONField(CharField):
    default_error_messages = {"invalid": _("Enter a valid JSON.")}
    widget = Textarea

    def __init__(self, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        self.encoder, self.decoder = encoder, decoder
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, (list, dict, int, float, JSONString)):
            return value
        try:
            converted = json.loads(value, cls=self.decoder)
        except (ValueError, RecursionError) as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from exc
        if isinstance(converted, str):
            return JSONString(converted)
        return converted

    def bound_data(self, data: Any, initial: Any) -> Any:
        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except (ValueError, RecursionError):
            return InvalidJSONInput(data)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if super().has_changed(initial, data):
            return True
        # Compare the canonical encodings so key order and spacing don't count as changes.
        return json.dumps(initial, sort_keys=True, cls=self.encoder) != json.dumps(
            self.to_python(data), sort_keys=True, cls=self.encoder
        )
