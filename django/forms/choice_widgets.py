"""Widgets that offer choices: Select, SelectMultiple, RadioSelect, CheckboxSelectMultiple."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from .widgets import Widget


def normalize_choices(choices: Any) -> Any:
    """Keep iterators lazy (e.g. ModelChoiceIterator); turn other iterables into a list."""
    if choices is None:
        return []
    if hasattr(choices, "choices") and not isinstance(choices, type):
        choices = choices.choices  # an enum Choices class
    if callable(choices):
        return CallableChoices(choices)
    if isinstance(choices, (list, tuple)) or hasattr(choices, "__iter__") and hasattr(choices, "field"):
        return choices
    if isinstance(choices, dict):
        return [(k, list(v.items()) if isinstance(v, dict) else v) for k, v in choices.items()]
    return list(choices)


class CallableChoices:
    """Choices given as a callable: evaluated on each iteration."""

    def __init__(self, func: Any) -> None:
        self.func = func

    def __iter__(self) -> Iterator[Any]:
        return iter(normalize_choices(self.func()))

    def __len__(self) -> int:
        return len(list(iter(self)))


class ChoiceWidget(Widget):
    allow_multiple_selected = False
    input_type: str | None = None
    template_name = ""
    option_template_name = ""
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs: dict | None = None, choices: Any = ()) -> None:
        super().__init__(attrs)
        self.choices = choices

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self._choices = normalize_choices(value)

    def __deepcopy__(self, memo: dict) -> ChoiceWidget:
        obj = object.__new__(type(self))
        obj.__dict__.update(self.__dict__)
        obj.attrs = self.attrs.copy()
        obj._choices = copy.copy(self._choices)
        memo[id(self)] = obj
        return obj

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None) -> Iterator[Any]:
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name: str, value: list, attrs: dict | None = None) -> Iterator[Any]:
        for group in self.optgroups(name, value, attrs):
            yield from group[1]

    def optgroups(self, name: str, value: list, attrs: dict | None = None) -> list:
        """[(group label or None, [option dicts], index)] for the template."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group_name = option_value
                subgroup: list = []
                subindex: int | None = 0
                choices = option_label
            else:
                group_name = None
                subindex = None
                subgroup = []
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for sub_value, sub_label in choices:
                selected = (not has_selected or self.allow_multiple_selected) and str(sub_value) in value
                has_selected |= selected
                subgroup.append(
                    self.create_option(
                        name, sub_value, sub_label, selected, index, subindex=subindex, attrs=attrs
                    )
                )
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict | None = None,
    ) -> dict:
        index_text = str(index) if subindex is None else "%s_%s" % (index, subindex)
        option_attrs = self.build_attrs(self.attrs, attrs) if self.option_inherits_attrs else {}
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index_text)
        return {
            "name": name,
            "value": value,
            "label": label,
            "selected": selected,
            "index": index_text,
            "attrs": option_attrs,
            "type": self.input_type,
            "template_name": self.option_template_name,
            "wrap_label": True,
        }

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_: str, index: str = "0") -> str:  # type: ignore[override]
        if id_ and self.add_id_index:
            id_ = "%s_%s" % (id_, index)
        return id_

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = data.get
        if self.allow_multiple_selected:
            try:
                getter = data.getlist
            except AttributeError:
                pass
        return getter(name)

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        """A list of the selected values as strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]


class Select(ChoiceWidget):
    input_type = "select"
    template_name = "django/forms/widgets/select.html"
    option_template_name = "django/forms/widgets/select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    @staticmethod
    def _choice_has_empty_value(choice: Any) -> bool:
        value, _label = choice
        return value is None or value == ""

    def use_required_attribute(self, initial: Any) -> bool:
        """A required single select needs an empty first option to carry `required` validly."""
        use_required = super().use_required_attribute(initial)
        if self.allow_multiple_selected or not use_required:
            return use_required
        first = next(iter(self.choices), None)
        return first is not None and self._choice_has_empty_value(first)


class NullBooleanSelect(Select):
    """Unknown / Yes / No, submitted as 'unknown'/'true'/'false'."""

    def __init__(self, attrs: dict | None = None) -> None:
        choices = (("unknown", _("Unknown")), ("true", _("Yes")), ("false", _("No")))
        super().__init__(attrs, choices)

    def format_value(self, value: Any) -> str:  # type: ignore[override]
        mapping = {True: "true", False: "false", "true": "true", "false": "false", "2": "true", "3": "false"}
        try:
            return mapping[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool | None:
        value = data.get(name)
        return {
            True: True,
            "True": True,
            "False": False,
            False: False,
            "true": True,
            "false": False,
            "2": True,
            "3": False,
        }.get(value)


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty multiple select is not submitted at all


class RadioSelect(ChoiceWidget):
    input_type = "radio"
    template_name = "django/forms/widgets/radio.html"
    option_template_name = "django/forms/widgets/radio_option.html"
    use_fieldset = True

    def id_for_label(self, id_: str, index: str | None = None) -> str:  # type: ignore[override]
        """The group's label points at nothing; each option's label points at its input."""
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox_select.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # a required attribute would demand every box be checked

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False
