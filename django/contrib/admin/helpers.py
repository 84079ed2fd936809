"""Objects the admin pages iterate over: AdminForm -> Fieldset -> Fieldline -> AdminField for the
change form, InlineAdminFormSet -> InlineAdminForm for the inlines, and the errors summary."""

from __future__ import annotations

from typing import Any

ACTION_CHECKBOX_NAME = "_selected_action"


def flatten(fields: Any) -> list:
    """Field names from a fields option, where a tuple groups fields on one line."""
    flat: list = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            flat.extend(field)
        else:
            flat.append(field)
    return flat


def flatten_fieldsets(fieldsets: Any) -> list:
    """Every field name of a fieldsets option, in order."""
    field_names: list = []
    for _name, opts in fieldsets:
        field_names.extend(flatten(opts["fields"]))
    return field_names


class AdminForm:
    """A form split into fieldsets for the change page."""

    def __init__(
        self,
        form: Any,
        fieldsets: Any,
        prepopulated_fields: dict,
        readonly_fields: Any = None,
        model_admin: Any = None,
    ) -> None:
        self.form = form
        self.fieldsets = fieldsets
        self.prepopulated_fields = [
            {"field": form[name], "dependencies": [form[f] for f in deps]}
            for name, deps in prepopulated_fields.items()
            if name in form.fields
        ]
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields or ()

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: form={self.form.__class__.__qualname__} fieldsets={self.fieldsets!r}>"

    def __iter__(self) -> Any:
        for name, options in self.fieldsets:
            yield Fieldset(
                self.form, name, readonly_fields=self.readonly_fields, model_admin=self.model_admin, **options
            )

    @property
    def errors(self) -> Any:
        return self.form.errors

    @property
    def non_field_errors(self) -> Any:
        return self.form.non_field_errors

    @property
    def fields(self) -> Any:
        return self.form.fields

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    @property
    def media(self) -> Any:
        return self.form.media


class Fieldset:
    def __init__(
        self,
        form: Any,
        name: Any = None,
        readonly_fields: Any = (),
        fields: Any = (),
        classes: Any = (),
        description: Any = None,
        model_admin: Any = None,
    ) -> None:
        self.form = form
        self.name = name
        self.fields = fields
        self.classes = " ".join(classes)
        self.description = description
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields

    @property
    def is_collapsible(self) -> bool:
        return "collapse" in self.classes.split()

    def __iter__(self) -> Any:
        for field in self.fields:
            yield Fieldline(self.form, field, self.readonly_fields, model_admin=self.model_admin)


class Fieldline:
    """One line of a fieldset: one field, or a tuple of fields shown side by side."""

    def __init__(self, form: Any, field: Any, readonly_fields: Any = None, model_admin: Any = None) -> None:
        self.form = form
        self.fields = [field] if not hasattr(field, "__iter__") or isinstance(field, str) else list(field)
        self.has_visible_field = not all(
            name in form.fields and form.fields[name].widget.is_hidden for name in self.fields
        )
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields or ()

    def __iter__(self) -> Any:
        for index, name in enumerate(self.fields):
            if name in self.readonly_fields:
                yield AdminReadonlyField(self.form, name, is_first=index == 0, model_admin=self.model_admin)
            else:
                yield AdminField(self.form, name, is_first=index == 0)

    def errors(self) -> Any:
        from django.utils.safestring import mark_safe

        return mark_safe(
            "\n".join(str(self.form[f].errors) for f in self.fields if f not in self.readonly_fields).strip(
                "\n"
            )
        )


class AdminField:
    is_readonly = False

    def __init__(self, form: Any, field: str, is_first: bool) -> None:
        self.field = form[field]
        self.is_first = is_first
        widget = self.field.field.widget
        self.is_checkbox = widget.__class__.__name__ == "CheckboxInput"

    def label_tag(self) -> Any:
        classes = []
        if self.field.field.required:
            classes.append("required")
        if not self.is_first:
            classes.append("inline")
        attrs = {"class": " ".join(classes)} if classes else {}
        return self.field.label_tag(attrs=attrs, label_suffix="" if self.is_checkbox else None)

    def errors(self) -> Any:
        return self.field.errors


class AdminReadonlyField:
    """A field shown as text: a model field's display value, or a ModelAdmin/model callable's result."""

    is_readonly = True
    is_checkbox = False

    def __init__(self, form: Any, field: Any, is_first: bool, model_admin: Any = None) -> None:
        from django.contrib.admin.utils import label_for_field

        name = field if isinstance(field, str) else getattr(field, "__name__", str(field))
        label = label_for_field(field, form._meta.model, model_admin)
        help_text = ""
        try:
            help_text = form._meta.model._meta.get_field(field).help_text
        except Exception:  # not a model field: a callable or attribute has no help text
            help_text = getattr(field, "help_text", "") if not isinstance(field, str) else ""
        self.field = {
            "name": name,
            "label": label,
            "help_text": help_text,
            "field": field,
            "is_hidden": False,
        }
        self.form = form
        self.model_admin = model_admin
        self.is_first = is_first

    def label_tag(self) -> Any:
        from django.utils.html import format_html

        return format_html("<label>{}{}</label>", self.field["label"], ":")

    def errors(self) -> str:
        return ""

    def contents(self) -> Any:
        from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
        from django.utils.html import conditional_escape

        field, obj, model_admin = self.field["field"], self.form.instance, self.model_admin
        empty = model_admin.get_empty_value_display() if model_admin else "-"
        try:
            f, attr, value = lookup_field(field, obj, model_admin)
        except (AttributeError, ValueError, LookupError):
            return empty
        if f is None:
            if getattr(attr, "boolean", False):
                return display_for_value(value, empty, boolean=True)
            if value is None:
                return empty
            return conditional_escape(value if hasattr(value, "__html__") else str(value))
        if f.many_to_many:
            return ", ".join(str(v) for v in value.all()) or empty
        return conditional_escape(display_for_field(value, f, empty))


class InlineAdminFormSet:
    """An inline formset with what its template needs: fieldsets, headers and the empty form."""

    def __init__(
        self,
        inline: Any,
        formset: Any,
        fieldsets: Any,
        prepopulated_fields: dict | None = None,
        readonly_fields: Any = None,
        model_admin: Any = None,
        has_add_permission: bool = True,
        has_change_permission: bool = True,
        has_delete_permission: bool = True,
        has_view_permission: bool = True,
    ) -> None:
        self.opts = inline
        self.formset = formset
        self.fieldsets = fieldsets
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields or ()
        self.prepopulated_fields = prepopulated_fields or {}
        self.classes = " ".join(inline.classes) if inline.classes else ""
        self.has_add_permission = has_add_permission
        self.has_change_permission = has_change_permission
        self.has_delete_permission = has_delete_permission
        self.has_view_permission = has_view_permission

    def __iter__(self) -> Any:
        readonly = self.readonly_fields if self.has_change_permission else self._all_field_names()
        for form, original in zip(self.formset.initial_forms, self.formset.get_queryset()):
            yield InlineAdminForm(
                self.formset, form, self.fieldsets, original, readonly, self.model_admin,
                view_on_site_url=self.opts.get_view_on_site_url(original),
            )  # fmt: skip
        for form in self.formset.extra_forms:
            yield InlineAdminForm(
                self.formset, form, self.fieldsets, None, self.readonly_fields, self.model_admin
            )
        if self.has_add_permission:
            yield InlineAdminForm(
                self.formset, self.formset.empty_form, self.fieldsets, None, self.readonly_fields,
                self.model_admin, is_empty=True,
            )  # fmt: skip

    @property
    def is_collapsible(self) -> bool:
        """``classes = ["collapse"]``: the inline starts closed (open when it holds errors)."""
        return "collapse" in self.classes.split()

    @property
    def has_errors(self) -> bool:
        return bool(self.formset.is_bound and (self.formset.non_form_errors() or any(self.formset.errors)))

    def _all_field_names(self) -> list:
        return flatten_fieldsets(self.fieldsets)

    def fields(self) -> Any:
        """Column headers of the tabular layout."""
        form = self.formset.empty_form
        for name in flatten_fieldsets(self.fieldsets):
            if name in self.readonly_fields or name not in form.fields:
                from django.contrib.admin.utils import label_for_field

                yield {"name": name, "label": label_for_field(name, self.opts.model, self.opts), "required": False,
                       "is_hidden": False, "help_text": ""}  # fmt: skip
                continue
            field = form.fields[name]
            yield {
                "name": name,
                "label": field.label or name,
                "required": field.required,
                "is_hidden": field.widget.is_hidden,
                "help_text": field.help_text,
            }

    @property
    def non_form_errors(self) -> Any:
        return self.formset.non_form_errors

    @property
    def is_bound(self) -> bool:
        return self.formset.is_bound

    @property
    def total_form_count(self) -> Any:
        return self.formset.total_form_count

    @property
    def media(self) -> Any:
        return self.formset.media

    @property
    def inline_formset_data(self) -> str:
        import json

        verbose_name = self.opts.verbose_name
        return json.dumps(
            {
                "name": f"#{self.formset.prefix}",
                "prefix": self.formset.prefix,
                "add_text": f"Add another {verbose_name}",
                "delete_text": f"Remove {verbose_name}",
            }
        )


class InlineAdminForm(AdminForm):
    """One row (or stacked block) of an inline."""

    def __init__(
        self,
        formset: Any,
        form: Any,
        fieldsets: Any,
        original: Any,
        readonly_fields: Any = None,
        model_admin: Any = None,
        is_empty: bool = False,
        view_on_site_url: str | None = None,
    ) -> None:
        self.formset = formset
        self.original = original
        self.is_empty = is_empty
        self.absolute_url = view_on_site_url
        self.show_url = original is not None and view_on_site_url is not None
        super().__init__(form, fieldsets, {}, readonly_fields, model_admin)

    def __iter__(self) -> Any:
        for name, options in self.fieldsets:
            yield InlineFieldset(
                self.formset, self.form, name, self.readonly_fields, model_admin=self.model_admin, **options
            )

    def needs_explicit_pk_field(self) -> bool:
        opts = self.form._meta.model._meta
        return opts.pk.auto_created or opts.pk.name not in self.form.fields or not opts.pk.editable

    def pk_field(self) -> Any:
        return AdminField(self.form, self.formset._pk_field.name, False)

    def fk_field(self) -> Any:
        fk = getattr(self.formset, "fk", None)
        return AdminField(self.form, fk.name, False) if fk is not None and fk.name in self.form.fields else ""

    def deletion_field(self) -> Any:
        return AdminField(self.form, "DELETE", False)

    def hidden_fields(self) -> list:
        """pk, fk and other hidden inputs of the row, rendered once per row."""
        return [bf for bf in self.form if bf.is_hidden]


class InlineFieldset(Fieldset):
    def __init__(self, formset: Any, *args: Any, **kwargs: Any) -> None:
        self.formset = formset
        super().__init__(*args, **kwargs)

    def __iter__(self) -> Any:
        for field in self.fields:
            if isinstance(field, str) and field not in self.form.fields and field not in self.readonly_fields:
                continue
            yield Fieldline(self.form, field, self.readonly_fields, model_admin=self.model_admin)


class AdminErrorList(list):
    """Every error of a form and its inline formsets, for the "please correct" summary."""

    def __init__(self, form: Any, inline_formsets: Any) -> None:
        super().__init__()
        if form.is_bound:
            self.extend(form.errors.values())
            for inline_formset in inline_formsets:
                self.extend(inline_formset.non_form_errors())
                for errors_in_inline_form in inline_formset.errors:
                    self.extend(errors_in_inline_form.values())
