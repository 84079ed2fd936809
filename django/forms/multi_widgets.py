"""Widgets made of several widgets: MultiWidget, the split date/time widgets, SelectDateWidget."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterator
from typing import Any

from django.forms.utils import to_current_timezone
from django.utils import formats
from django.utils.dates import MONTHS

from .choice_widgets import Select
from .widgets import DateInput, TimeInput, Widget


class MultiWidget(Widget):
    """Several widgets rendered together; `decompress` splits one value into their values."""

    template_name = "django/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(self, widgets: Any, attrs: dict | None = None) -> None:
        if isinstance(widgets, dict):
            self.widgets_names = [("_%s" % name) if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            self.widgets_names = ["_%s" % i for i in range(len(widgets))]
        self.widgets = [w() if isinstance(w, type) else w for w in widgets]
        super().__init__(attrs)

    @property
    def is_hidden(self) -> bool:
        return all(w.is_hidden for w in self.widgets)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.is_localized:
            for widget in self.widgets:
                widget.is_localized = self.is_localized
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, (widget_name, widget) in enumerate(zip(self.widgets_names, self.widgets)):
            if input_type is not None:
                widget.input_type = input_type  # type: ignore[attr-defined]
            widget_value = value[index] if index < len(value) else None
            widget_attrs = final_attrs.copy()
            if id_:
                # ids are numbered even when the names carry the widgets' dict keys.
                widget_attrs["id"] = "%s_%s" % (id_, index)
            subwidgets.append(widget.get_context(name + widget_name, widget_value, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_: str) -> str:
        return ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list:
        return [
            w.value_from_datadict(data, files, name + n) for n, w in zip(self.widgets_names, self.widgets)
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(
            w.value_omitted_from_data(data, files, name + n) for n, w in zip(self.widgets_names, self.widgets)
        )

    def decompress(self, value: Any) -> list:
        raise NotImplementedError("Subclasses must implement this method.")

    @property
    def media(self) -> Any:  # type: ignore[override]
        from .media import Media

        media = Media()
        for widget in self.widgets:
            media = media + widget.media
        return media

    def __deepcopy__(self, memo: dict) -> MultiWidget:
        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets)  # type: ignore[attr-defined]
        return obj  # type: ignore[return-value]

    @property
    def needs_multipart_form(self) -> bool:  # type: ignore[override]
        return any(w.needs_multipart_form for w in self.widgets)


class SplitDateTimeWidget(MultiWidget):
    supports_microseconds = False
    template_name = "django/forms/widgets/splitdatetime.html"

    def __init__(
        self,
        attrs: dict | None = None,
        date_format: str | None = None,
        time_format: str | None = None,
        date_attrs: dict | None = None,
        time_attrs: dict | None = None,
    ) -> None:
        widgets = (
            DateInput(attrs=attrs if date_attrs is None else date_attrs, format=date_format),
            TimeInput(attrs=attrs if time_attrs is None else time_attrs, format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value: Any) -> list:
        if value:
            value = to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.input_type = "hidden"  # type: ignore[attr-defined]


class SelectDateWidget(Widget):
    """Three <select>s for year, month and day; the order follows DATE_FORMAT."""

    none_value = ("", "---")
    month_field = "%s_month"
    day_field = "%s_day"
    year_field = "%s_year"
    template_name = "django/forms/widgets/select_date.html"
    input_type = "select"
    select_widget = Select
    date_re = re.compile(r"(\d{4}|0)-(\d\d?)-(\d\d?)$")
    use_fieldset = True

    def __init__(
        self,
        attrs: dict | None = None,
        years: Any = None,
        months: dict | None = None,
        empty_label: Any = None,
    ) -> None:
        self.attrs = attrs or {}
        if years:
            self.years = years
        else:
            this_year = datetime.date.today().year
            self.years = range(this_year, this_year + 10)
        self.months = months if months else MONTHS
        if isinstance(empty_label, (list, tuple)):
            if len(empty_label) != 3:
                raise ValueError("empty_label list/tuple must have 3 elements.")
            self.year_none_value = ("", empty_label[0])
            self.month_none_value = ("", empty_label[1])
            self.day_none_value = ("", empty_label[2])
        else:
            if empty_label is not None:
                self.none_value = ("", empty_label)
            self.year_none_value = self.month_none_value = self.day_none_value = self.none_value

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        date_context = {}
        parts = {
            "year": [self.year_none_value, *[(i, i) for i in self.years]],
            "month": [self.month_none_value, *self.months.items()],
            "day": [self.day_none_value, *[(i, i) for i in range(1, 32)]],
        }
        for field, choices in parts.items():
            widget_attrs = context["widget"]["attrs"].copy()
            field_name = getattr(self, "%s_field" % field) % name
            widget_attrs["id"] = "id_%s" % field_name
            date_context[field] = self.select_widget(attrs, choices=choices).get_context(
                name=field_name, value=context["widget"]["value"][field], attrs=widget_attrs
            )
        context["widget"]["subwidgets"] = [date_context[field]["widget"] for field in self._parse_date_fmt()]
        return context

    def format_value(self, value: Any) -> dict:  # type: ignore[override]
        year = month = day = None
        if isinstance(value, (datetime.date, datetime.datetime)):
            year, month, day = value.year, value.month, value.day
        elif isinstance(value, str):
            match = self.date_re.match(value)
            if match:
                year, month, day = (int(v) for v in match.groups())
            else:
                try:
                    parsed = datetime.datetime.strptime(
                        value, formats.get_format("DATE_INPUT_FORMATS")[0]
                    ).date()
                except ValueError:
                    pass
                else:
                    year, month, day = parsed.year, parsed.month, parsed.day
        return {"year": year, "month": month, "day": day}

    @staticmethod
    def _parse_date_fmt() -> Iterator[Any]:
        fmt = formats.get_format("DATE_FORMAT")
        escaped = False
        for char in fmt:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "Yy":
                yield "year"
            elif char in "bEFMmNn":
                yield "month"
            elif char in "dj":
                yield "day"

    def id_for_label(self, id_: str) -> str:
        for first in self._parse_date_fmt():
            return "%s_%s" % (id_, first)
        return "%s_month" % id_

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        y = data.get(self.year_field % name)
        m = data.get(self.month_field % name)
        d = data.get(self.day_field % name)
        if y == m == d == "":
            return None
        if y is not None and m is not None and d is not None:
            input_format = formats.get_format("DATE_INPUT_FORMATS")[0]
            input_format = formats.sanitize_strftime_format(input_format)
            try:
                date_value = datetime.date(int(y), int(m), int(d))
            except ValueError:
                # An impossible date goes back as a pseudo-ISO string for the field to reject.
                return "%s-%s-%s" % (y or 0, m or 0, d or 0)
            except OverflowError:
                return "0-0-0"
            return date_value.strftime(input_format)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any((f"{name}_{interval}" in data) for interval in ("year", "month", "day"))
