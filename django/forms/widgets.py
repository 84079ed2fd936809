"""Widgets: the HTML side of a form field. Each renders a template through the form renderer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .media import Media, MediaDefiningClass, MediaOrderConflictWarning

__all__ = (
    "Media", "MediaDefiningClass", "MediaOrderConflictWarning", "Widget", "TextInput", "NumberInput",
    "EmailInput", "URLInput", "ColorInput", "SearchInput", "TelInput", "PasswordInput", "HiddenInput",
    "MultipleHiddenInput", "FileInput", "ClearableFileInput", "Textarea", "DateInput", "DateTimeInput",
    "TimeInput", "CheckboxInput", "Select", "NullBooleanSelect", "SelectMultiple", "RadioSelect",
    "CheckboxSelectMultiple", "MultiWidget", "SplitDateTimeWidget", "SplitHiddenDateTimeWidget",
    "SelectDateWidget",
)  # fmt: skip


class Widget(metaclass=MediaDefiningClass):
    needs_multipart_form = False
    is_localized = False
    is_required = False
    supports_microseconds = True
    use_fieldset = False
    template_name: str = ""

    def __init__(self, attrs: dict | None = None) -> None:
        self.attrs = {} if attrs is None else attrs.copy()

    def __deepcopy__(self, memo: dict) -> Widget:
        obj = object.__new__(type(self))
        obj.__dict__.update(self.__dict__)
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self) -> bool:
        return self.input_type == "hidden" if hasattr(self, "input_type") else False

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None) -> Iterator[Any]:
        yield self.get_context(name, value, attrs)["widget"]

    def format_value(self, value: Any) -> str | None:
        """The value as the widget shows it (None for nothing)."""
        if value == "" or value is None:
            return None
        if self.is_localized:
            return formats.localize_input(value)
        return str(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        return {
            "widget": {
                "name": name,
                "is_hidden": self.is_hidden,
                "required": self.is_required,
                "value": self.format_value(value),
                "attrs": self.build_attrs(self.attrs, attrs),
                "template_name": self.template_name,
            }
        }

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        context = self.get_context(name, value, attrs)
        return self._render(self.template_name, context, renderer)

    def _render(self, template_name: str, context: dict, renderer: Any = None) -> SafeString:
        if renderer is None:
            from django.forms.renderers import get_default_renderer

            renderer = get_default_renderer()
        return mark_safe(renderer.render(template_name, context))

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        return {**base_attrs, **(extra_attrs or {})}

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def id_for_label(self, id_: str) -> str:
        return id_

    def use_required_attribute(self, initial: Any) -> bool:
        return not self.is_hidden


class Input(Widget):
    input_type: str = ""
    template_name = "django/forms/widgets/input.html"

    def __init__(self, attrs: dict | None = None) -> None:
        if attrs is not None:
            attrs = attrs.copy()
            self.input_type = attrs.pop("type", self.input_type)
        super().__init__(attrs)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["type"] = self.input_type
        return context


class TextInput(Input):
    input_type = "text"
    template_name = "django/forms/widgets/text.html"


class NumberInput(Input):
    input_type = "number"
    template_name = "django/forms/widgets/number.html"


class EmailInput(Input):
    input_type = "email"
    template_name = "django/forms/widgets/email.html"


class URLInput(Input):
    input_type = "url"
    template_name = "django/forms/widgets/url.html"


class ColorInput(Input):
    input_type = "color"
    template_name = "django/forms/widgets/color.html"


class SearchInput(Input):
    input_type = "search"
    template_name = "django/forms/widgets/search.html"


class TelInput(Input):
    input_type = "tel"
    template_name = "django/forms/widgets/tel.html"


class PasswordInput(Input):
    input_type = "password"
    template_name = "django/forms/widgets/password.html"

    def __init__(self, attrs: dict | None = None, render_value: bool = False) -> None:
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class HiddenInput(Input):
    input_type = "hidden"
    template_name = "django/forms/widgets/hidden.html"


class MultipleHiddenInput(HiddenInput):
    """One <input type="hidden"> per value of a list."""

    template_name = "django/forms/widgets/multiple_hidden.html"

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, item in enumerate(context["widget"]["value"]):
            widget_attrs = final_attrs.copy()
            if id_:
                widget_attrs["id"] = "%s_%s" % (id_, index)
            widget = HiddenInput()
            widget.is_required = self.is_required
            subwidgets.append(widget.get_context(name, item, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        try:
            getter = data.getlist
        except AttributeError:
            getter = data.get
        return getter(name)

    def format_value(self, value: Any) -> list:  # type: ignore[override]
        return [] if value is None else value


FILE_INPUT_CONTRADICTION = object()


class FileInput(Input):
    input_type = "file"
    needs_multipart_form = True
    template_name = "django/forms/widgets/file.html"
    allow_multiple_selected = False

    def __init__(self, attrs: dict | None = None) -> None:
        if attrs is not None and "multiple" in attrs and not self.allow_multiple_selected:
            raise ValueError("%s doesn't support uploading multiple files." % self.__class__.__qualname__)
        super().__init__(attrs)
        if self.allow_multiple_selected:
            self.attrs.setdefault("multiple", True)

    def format_value(self, value: Any) -> None:
        """A file input never shows a value."""
        return None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.allow_multiple_selected:
            return files.getlist(name)
        return files.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in files

    def use_required_attribute(self, initial: Any) -> bool:
        return super().use_required_attribute(initial) and not initial


class ClearableFileInput(FileInput):
    clear_checkbox_label = _("Clear")
    initial_text = _("Currently")
    input_text = _("Change")
    template_name = "django/forms/widgets/clearable_file_input.html"
    checked = False

    def clear_checkbox_name(self, name: str) -> str:
        return name + "-clear"

    def clear_checkbox_id(self, name: str) -> str:
        return name + "_id"

    def is_initial(self, value: Any) -> bool:
        return bool(value and getattr(value, "url", False))

    def format_value(self, value: Any) -> Any:
        if self.is_initial(value):
            return value
        return None

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        context["widget"].update(
            checkbox_name=checkbox_name,
            checkbox_id=self.clear_checkbox_id(checkbox_name),
            is_initial=self.is_initial(value),
            input_text=self.input_text,
            initial_text=self.initial_text,
            clear_checkbox_label=self.clear_checkbox_label,
        )
        context["widget"]["attrs"].setdefault("disabled", False)
        context["widget"]["checked"] = self.checked
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        upload = super().value_from_datadict(data, files, name)
        self.checked = self.clear_checkbox_name(name) in data
        if not self.is_required and CheckboxInput().value_from_datadict(
            data, files, self.clear_checkbox_name(name)
        ):
            if upload:
                return FILE_INPUT_CONTRADICTION
            return False
        return upload

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return (
            super().value_omitted_from_data(data, files, name) and self.clear_checkbox_name(name) not in data
        )


class Textarea(Widget):
    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs: dict | None = None) -> None:
        default_attrs = {"cols": "40", "rows": "10"}
        if attrs:
            default_attrs.update(attrs)
        super().__init__(default_attrs)


class DateTimeBaseInput(TextInput):
    format_key = ""
    supports_microseconds = False

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        super().__init__(attrs)
        self.format = format or None

    def format_value(self, value: Any) -> str | None:
        return formats.localize_input(value, self.format or formats.get_format(self.format_key)[0])


class DateInput(DateTimeBaseInput):
    format_key = "DATE_INPUT_FORMATS"
    template_name = "django/forms/widgets/date.html"


class DateTimeInput(DateTimeBaseInput):
    format_key = "DATETIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/datetime.html"


class TimeInput(DateTimeBaseInput):
    format_key = "TIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/time.html"


def boolean_check(value: Any) -> bool:
    return not (value is False or value is None or value == "")


class CheckboxInput(Input):
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox.html"

    def __init__(self, attrs: dict | None = None, check_test: Any = None) -> None:
        super().__init__(attrs)
        self.check_test = boolean_check if check_test is None else check_test

    def format_value(self, value: Any) -> str | None:
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        if name not in data:
            return False  # an unchecked box is not submitted at all
        value = data.get(name)
        values = {"true": True, "false": False}
        if isinstance(value, str):
            value = values.get(value.lower(), value)
        return bool(value)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False


from .choice_widgets import (  # noqa: E402
    CheckboxSelectMultiple,
    ChoiceWidget,  # noqa: F401
    NullBooleanSelect,
    RadioSelect,
    Select,
    SelectMultiple,
)
from .multi_widgets import (  # noqa: E402
    MultiWidget,
    SelectDateWidget,
    SplitDateTimeWidget,
    SplitHiddenDateTimeWidget,
)
