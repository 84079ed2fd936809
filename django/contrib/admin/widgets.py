"""The admin's form widgets: date/time inputs with a CSS hook for the small date helpers,
the split date-time input, the two-pane multi-select, raw-id and autocomplete inputs, and
the wrapper that adds "add / change / view" links beside a relation's select box."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def _with_class(attrs: dict | None, css_class: str) -> dict:
    attrs = dict(attrs or {})
    attrs["class"] = f"{css_class} {attrs['class']}".strip() if "class" in attrs else css_class
    return attrs


class FilteredSelectMultiple(forms.SelectMultiple):
    """A multi-select that selectfilter.js turns into an "available / chosen" pair with a filter box."""

    class Media:
        js = ["admin/js/selectfilter.js"]
        css = {"all": ["admin/css/widgets.css"]}

    def __init__(
        self, verbose_name: Any, is_stacked: bool, attrs: dict | None = None, choices: Any = ()
    ) -> None:
        self.verbose_name = verbose_name
        self.is_stacked = is_stacked
        super().__init__(attrs, choices)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["class"] = "selectfilter" + ("stacked" if self.is_stacked else "")
        widget_attrs["data-field-name"] = str(self.verbose_name)
        widget_attrs["data-is-stacked"] = int(self.is_stacked)
        return context


class AdminDateWidget(forms.DateInput):
    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        super().__init__(attrs=_with_class({"size": "10", **(attrs or {})}, "vDateField"), format=format)


class AdminTimeWidget(forms.TimeInput):
    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        super().__init__(attrs=_with_class({"size": "8", **(attrs or {})}, "vTimeField"), format=format)


class AdminSplitDateTime(forms.SplitDateTimeWidget):
    """A date input and a time input (``<name>_0`` and ``<name>_1``), each with its label."""

    def __init__(self, attrs: dict | None = None) -> None:
        forms.MultiWidget.__init__(self, [AdminDateWidget, AdminTimeWidget], attrs)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> Any:
        if not isinstance(value, list):
            value = self.decompress(value)
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.get("id")
        parts = []
        for index, (widget, label) in enumerate(zip(self.widgets, (_("Date:"), _("Time:")))):
            sub_attrs = dict(attrs)
            if base_id:
                sub_attrs["id"] = f"{base_id}_{index}"
            part_value = value[index] if index < len(value) else None
            html = widget.render(f"{name}_{index}", part_value, sub_attrs, renderer)
            parts.append(format_html("<label>{} {}</label>", label, html))
        return format_html('<p class="datetime">{}</p>', mark_safe("".join(parts)))


class AdminRadioSelect(forms.RadioSelect):
    pass


class AdminFileWidget(forms.ClearableFileInput):
    pass


class AdminTextareaWidget(forms.Textarea):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=_with_class(attrs, "vLargeTextField"))


class AdminTextInputWidget(forms.TextInput):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=_with_class(attrs, "vTextField"))


class AdminEmailInputWidget(forms.EmailInput):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=_with_class(attrs, "vTextField"))


class AdminURLFieldWidget(forms.URLInput):
    def __init__(self, attrs: dict | None = None, validator_class: Any = None) -> None:
        super().__init__(attrs=_with_class(attrs, "vURLField"))


class AdminIntegerFieldWidget(forms.NumberInput):
    class_name = "vIntegerField"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=_with_class(attrs, self.class_name))


class AdminBigIntegerFieldWidget(AdminIntegerFieldWidget):
    class_name = "vBigIntegerField"


class AdminUUIDInputWidget(forms.TextInput):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=_with_class(attrs, "vUUIDField"))


def admin_formfield_defaults(model_field_class: type) -> dict | None:
    """The admin's formfield() keyword arguments for a model field class (None: no special case)."""
    from django.db import models

    defaults: dict[type, dict] = {
        models.DateTimeField: {"form_class": forms.SplitDateTimeField, "widget": AdminSplitDateTime},
        models.DateField: {"widget": AdminDateWidget},
        models.TimeField: {"widget": AdminTimeWidget},
        models.TextField: {"widget": AdminTextareaWidget},
        models.URLField: {"widget": AdminURLFieldWidget},
        models.IntegerField: {"widget": AdminIntegerFieldWidget},
        models.BigIntegerField: {"widget": AdminBigIntegerFieldWidget},
        models.CharField: {"widget": AdminTextInputWidget},
        models.EmailField: {"widget": AdminEmailInputWidget},
        models.UUIDField: {"widget": AdminUUIDInputWidget},
    }
    if hasattr(models, "ImageField"):
        defaults[models.FileField] = {"widget": AdminFileWidget}
    return defaults.get(model_field_class)


def _admin_url(admin_site: Any, model: Any, view: str, *args: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse

    opts = model._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args, current_app=admin_site.name
        )
    except NoReverseMatch:
        return None


class ForeignKeyRawIdWidget(forms.TextInput):
    """A plain id input with a link to pick the related object from its changelist."""

    def __init__(
        self, rel: Any, admin_site: Any, attrs: dict | None = None, using: str | None = None
    ) -> None:
        self.rel = rel
        self.admin_site = admin_site
        self.db = using
        super().__init__(attrs)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> Any:
        attrs = _with_class(attrs, "vForeignKeyRawIdAdminField")
        html = super().render(name, value, attrs, renderer)
        url = _admin_url(self.admin_site, self.rel.model, "changelist")
        if url is None:
            return html
        label = self.label_for_value(value)
        link = format_html(
            ' <a href="{}?_to_field={}" class="related-lookup" title="{}">\U0001f50d</a>',
            url,
            self.rel.get_related_field().name,
            _("Lookup"),
        )
        return mark_safe(html + link + label)

    def label_for_value(self, value: Any) -> str:
        if value in (None, ""):
            return ""
        model = self.rel.model
        key = self.rel.get_related_field().name
        try:
            obj = model._default_manager.using(self.db).get(**{key: value})
        except (ValueError, TypeError, model.DoesNotExist, forms.ValidationError):
            return ""
        return format_html("&nbsp;<strong>{}</strong>", obj)


class ManyToManyRawIdWidget(ForeignKeyRawIdWidget):
    """Comma-separated ids."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, (list, tuple)):
            return ",".join(str(v) for v in value) or None
        return super().format_value(value)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        return [v for v in value.split(",") if v] if value else None

    def label_for_value(self, value: Any) -> str:
        return ""


class RelatedFieldWidgetWrapper(forms.Widget):
    """Puts "change", "add another" and "view" links beside a relation's widget."""

    template_name = ""

    def __init__(
        self,
        widget: Any,
        rel: Any,
        admin_site: Any,
        can_add_related: bool | None = None,
        can_change_related: bool = False,
        can_delete_related: bool = False,
        can_view_related: bool = False,
    ) -> None:
        self.needs_multipart_form = widget.needs_multipart_form
        self.attrs = widget.attrs
        self.widget = widget
        self.rel = rel
        self.admin_site = admin_site
        multiple = getattr(widget, "allow_multiple_selected", False)
        self.can_add_related = (
            admin_site.is_registered(rel.model) if can_add_related is None else can_add_related
        )
        self.can_change_related = not multiple and can_change_related
        self.can_delete_related = not multiple and can_delete_related
        self.can_view_related = not multiple and can_view_related

    def __deepcopy__(self, memo: dict) -> Any:
        import copy

        obj = copy.copy(self)
        obj.widget = copy.deepcopy(self.widget, memo)
        obj.attrs = self.widget.attrs
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self) -> bool:  # type: ignore[override]
        return self.widget.is_hidden

    @property
    def media(self) -> Any:
        return self.widget.media

    @property
    def choices(self) -> Any:
        return self.widget.choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self.widget.choices = value

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> Any:
        html = self.widget.render(name, value, attrs, renderer)
        model = self.rel.model
        links = []
        if self.can_add_related and (url := _admin_url(self.admin_site, model, "add")):
            links.append(
                (url + "?_popup=1", "add-related", _("Add another %s") % model._meta.verbose_name, "+")
            )
        if self.can_change_related and value and (url := _admin_url(self.admin_site, model, "change", value)):
            links.append(
                (url, "change-related", _("Change selected %s") % model._meta.verbose_name, "\u270e")
            )
        if not links:
            return html
        rendered = format_html_join(
            " ",
            '<a class="related-widget-wrapper-link {}" href="{}" title="{}">{}</a>',
            ((css, url, title, glyph) for url, css, title, glyph in links),
        )
        return format_html('<div class="related-widget-wrapper">{} {}</div>', html, rendered)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return self.widget.value_omitted_from_data(data, files, name)

    def id_for_label(self, id_: str) -> str:
        return self.widget.id_for_label(id_)

    def use_required_attribute(self, initial: Any) -> bool:
        return self.widget.use_required_attribute(initial)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        return self.widget.get_context(name, value, attrs)

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None) -> Any:
        return self.widget.subwidgets(name, value, attrs)


class AutocompleteMixin:
    """A select whose options come from the admin's JSON autocomplete view as the user types
    (autocomplete.js); only the chosen objects are rendered as options."""

    url_name = "%s:autocomplete"

    def __init__(
        self,
        field: Any,
        admin_site: Any,
        attrs: dict | None = None,
        choices: Any = (),
        using: str | None = None,
    ) -> None:
        self.field = field
        self.admin_site = admin_site
        self.db = using
        self.choices = choices
        self.attrs = {} if attrs is None else attrs.copy()

    def get_url(self) -> str:
        from django.urls import reverse

        return reverse(self.url_name % self.admin_site.name)

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)  # type: ignore[misc]
        opts = self.field.model._meta
        attrs.update(
            {
                "class": (attrs.get("class", "") + " admin-autocomplete").strip(),
                "data-ajax--url": self.get_url(),
                "data-app-label": opts.app_label,
                "data-model-name": opts.model_name,
                "data-field-name": self.field.name,
                "data-placeholder": "",
            }
        )
        return attrs

    def optgroups(self, name: str, value: Any, attr: dict | None = None) -> list:
        """Only the selected objects are rendered as options; the rest arrive by JSON."""
        selected = {str(v) for v in value if v not in (None, "")}
        if not selected:
            return [(None, [], 0)] if not self.is_required else []  # type: ignore[attr-defined]
        remote = self.field.remote_field
        key = remote.field_name if hasattr(remote, "field_name") else "pk"
        objects = remote.model._default_manager.using(self.db).filter(**{f"{key}__in": selected})
        options = [
            self.create_option(name, getattr(obj, key), str(obj), True, index)  # type: ignore[attr-defined]
            for index, obj in enumerate(objects)
        ]
        return [(None, options, 0)]

    @property
    def media(self) -> Any:
        return forms.Media(js=["admin/js/autocomplete.js"], css={"all": ["admin/css/widgets.css"]})


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass
