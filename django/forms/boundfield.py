"""BoundField: a form field together with the form's data, for rendering and inspection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.forms.utils import RenderableFieldMixin, pretty_name
from django.utils.functional import cached_property
from django.utils.html import format_html, html_safe
from django.utils.safestring import SafeString

__all__ = ("BoundField", "BoundWidget")


class BoundField(RenderableFieldMixin):
    def __init__(self, form: Any, field: Any, name: str) -> None:
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.label = pretty_name(name) if field.label is None else field.label
        self.help_text = field.help_text or ""
        self.renderer = form.renderer

    @cached_property
    def html_initial_name(self) -> str:
        return self.form.add_initial_prefix(self.name)

    @cached_property
    def html_initial_id(self) -> str:
        return self.form.add_initial_prefix(self.auto_id)

    @cached_property
    def subwidgets(self) -> list[BoundWidget]:
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = {"id": id_} if id_ else {}
        attrs = self.build_widget_attrs(attrs)
        return [
            BoundWidget(self.field.widget, widget, self.form.renderer)
            for widget in self.field.widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]

    def __bool__(self) -> bool:
        return True  # a BoundField with no subwidgets is still a field

    def __iter__(self) -> Iterator[Any]:
        return iter(self.subwidgets)

    def __len__(self) -> int:
        return len(self.subwidgets)

    def __getitem__(self, idx: Any) -> Any:
        if not isinstance(idx, (int, slice)):
            raise TypeError("BoundField indices must be integers or slices, not %s." % type(idx).__name__)
        return self.subwidgets[idx]

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return self.field.template_name or self.form.renderer.field_template_name

    def get_context(self) -> dict:
        return {"field": self}

    @property
    def errors(self) -> Any:
        return self.form.errors.get(
            self.name, self.form.error_class(renderer=self.form.renderer, field_id=self.auto_id)
        )

    @property
    def template_name_override(self) -> str | None:
        return self.field.template_name

    def as_widget(
        self, widget: Any = None, attrs: dict | None = None, only_initial: bool = False
    ) -> SafeString:
        widget = widget or self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = attrs or {}
        attrs = self.build_widget_attrs(attrs, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.html_initial_id if only_initial else self.auto_id)
        if only_initial and self.html_initial_name in self.form.data:
            value = self.form._widget_data_value(self.field.hidden_widget(), self.html_initial_name)
        else:
            value = self.value()
        return widget.render(
            name=self.html_initial_name if only_initial else self.html_name,
            value=value,
            attrs=attrs,
            renderer=self.form.renderer,
        )

    def as_text(self, attrs: dict | None = None, **kwargs: Any) -> SafeString:
        from django.forms.widgets import TextInput

        return self.as_widget(TextInput(), attrs, **kwargs)

    def as_textarea(self, attrs: dict | None = None, **kwargs: Any) -> SafeString:
        from django.forms.widgets import Textarea

        return self.as_widget(Textarea(), attrs, **kwargs)

    def as_hidden(self, attrs: dict | None = None, **kwargs: Any) -> SafeString:
        return self.as_widget(self.field.hidden_widget(), attrs, **kwargs)

    @property
    def data(self) -> Any:
        return self.form._widget_data_value(self.field.widget, self.html_name)

    def value(self) -> Any:
        """What the widget shows: the submitted data when bound, else the initial value."""
        data = self.initial
        if self.form.is_bound:
            data = self.field.bound_data(self.data, data)
        return self.field.prepare_value(data)

    def _has_changed(self) -> bool:
        field = self.field
        if field.show_hidden_initial:
            hidden_widget = field.hidden_widget()
            initial_value = self.form._widget_data_value(hidden_widget, self.html_initial_name)
            try:
                initial_value = field.to_python(initial_value)
            except Exception:
                return True
        else:
            initial_value = self.initial
        return field.has_changed(initial_value, self.data)

    def label_tag(
        self,
        contents: Any = None,
        attrs: dict | None = None,
        label_suffix: Any = None,
        tag: str | None = None,
    ) -> SafeString:
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
            )
        if label_suffix and contents and contents[-1] not in ":?.!":
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if id_:
            id_for_label = widget.id_for_label(id_)
            if id_for_label:
                attrs = {**(attrs or {}), "for": id_for_label}
            if self.field.required and hasattr(self.form, "required_css_class"):
                attrs = attrs or {}
                attrs["class"] = (
                    ("%s %s" % (attrs["class"], self.form.required_css_class))
                    if "class" in attrs
                    else self.form.required_css_class
                )
        context = {
            "field": self,
            "label": contents,
            "attrs": attrs,
            "use_tag": bool(id_),
            "tag": tag or "label",
        }
        return self.form.render(self.form.template_name_label, context)

    def legend_tag(
        self, contents: Any = None, attrs: dict | None = None, label_suffix: Any = None
    ) -> SafeString:
        return self.label_tag(contents, attrs, label_suffix, tag="legend")

    def css_classes(self, extra_classes: Any = None) -> str:
        if hasattr(extra_classes, "split"):
            extra_classes = extra_classes.split()
        classes = set(extra_classes or [])
        if self.errors and hasattr(self.form, "error_css_class"):
            classes.add(self.form.error_css_class)
        if self.field.required and hasattr(self.form, "required_css_class"):
            classes.add(self.form.required_css_class)
        return " ".join(sorted(classes))

    @property
    def is_hidden(self) -> bool:
        return self.field.widget.is_hidden

    @cached_property
    def auto_id(self) -> str:
        auto_id = self.form.auto_id
        if auto_id and "%s" in str(auto_id):
            return auto_id % self.html_name
        if auto_id:
            return self.html_name
        return ""

    @property
    def id_for_label(self) -> str:
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        return widget.id_for_label(id_)

    @cached_property
    def initial(self) -> Any:
        return self.form.get_initial_for_field(self.field, self.name)

    def build_widget_attrs(self, attrs: dict, widget: Any = None) -> dict:
        widget = widget or self.field.widget
        attrs = dict(attrs)
        if (
            widget.use_required_attribute(self.initial)
            and self.field.required
            and self.form.use_required_attribute
        ):
            # A required MultiWidget carries `required` only on the parts that are required.
            if (
                hasattr(self.field, "require_all_fields")
                and not self.field.require_all_fields
                and hasattr(widget, "widgets")
            ):
                for subfield, subwidget in zip(self.field.fields, widget.widgets):
                    subwidget.attrs["required"] = (
                        subwidget.use_required_attribute(self.initial) and subfield.required
                    )
            else:
                attrs["required"] = True
        if self.field.disabled:
            attrs["disabled"] = True
        if not widget.is_hidden:
            self._add_aria_attrs(attrs, widget)
        return attrs

    def _add_aria_attrs(self, attrs: dict, widget: Any) -> None:
        if "aria-describedby" not in attrs and "aria-describedby" not in widget.attrs and self.auto_id:
            described = []
            if self.help_text and not self.use_fieldset:
                described.append("%s_helptext" % self.auto_id)
            if self.form.is_bound and self.errors:
                described.append("%s_error" % self.auto_id)
            if described:
                attrs["aria-describedby"] = " ".join(described)
        if self.form.is_bound and self.errors and "aria-invalid" not in widget.attrs:
            attrs["aria-invalid"] = "true"

    @property
    def widget_type(self) -> str:
        return re.sub(r"widget$|input$", "", self.field.widget.__class__.__name__.lower())

    @property
    def use_fieldset(self) -> bool:
        return self.field.widget.use_fieldset


@html_safe
class BoundWidget:
    """One option of a multi-option widget (a radio button, a checkbox) for templates."""

    def __init__(self, parent_widget: Any, data: dict, renderer: Any) -> None:
        self.parent_widget = parent_widget
        self.data = data
        self.renderer = renderer

    def __str__(self) -> str:
        return self.tag(wrap_label=True)

    def tag(self, wrap_label: bool = False) -> SafeString:
        context = {"widget": {**self.data, "wrap_label": wrap_label}}
        return self.parent_widget._render(self.template_name, context, self.renderer)

    @property
    def template_name(self) -> str:
        if "template_name" in self.data:
            return self.data["template_name"]
        return self.parent_widget.template_name

    @property
    def id_for_label(self) -> str:
        return self.data["attrs"].get("id")

    @property
    def choice_label(self) -> Any:
        return self.data["label"]
