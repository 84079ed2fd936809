"""Form and BaseForm: bind data to declared fields, clean it, and render it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.fields import Field, FileField
from django.forms.utils import ErrorDict, ErrorList, RenderableFormMixin
from django.forms.widgets import Media, MediaDefiningClass
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .renderers import get_default_renderer

__all__ = ("BaseForm", "Form")


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collect Field attributes into `declared_fields`, bases first, in declaration order."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        current = [(key, value) for key, value in attrs.items() if isinstance(value, Field)]
        for key, _value in current:
            attrs.pop(key)
        attrs["declared_fields"] = dict(current)
        new_class = super().__new__(mcs, name, bases, attrs)
        declared: dict = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                declared.update(base.declared_fields)
            # A subclass may remove an inherited field by setting it to None.
            for attr, value in base.__dict__.items():
                if value is None and attr in declared:
                    declared.pop(attr)
        new_class.base_fields = declared  # type: ignore[attr-defined]
        new_class.declared_fields = declared  # type: ignore[attr-defined]
        return new_class


class BaseForm(RenderableFormMixin):
    """The form's logic; `Form` adds the declarative field syntax."""

    default_renderer: Any = None
    field_order: list | None = None
    prefix: str | None = None
    use_required_attribute = True
    bound_field_class: Any = None
    template_name_div = "django/forms/div.html"
    template_name_p = "django/forms/p.html"
    template_name_table = "django/forms/table.html"
    template_name_ul = "django/forms/ul.html"
    template_name_label = "django/forms/label.html"
    base_fields: dict = {}

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: Any = "id_%s",
        prefix: str | None = None,
        initial: dict | None = None,
        error_class: Any = ErrorList,
        label_suffix: Any = None,
        empty_permitted: bool = False,
        field_order: list | None = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
        bound_field_class: Any = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.data = {} if data is None else data
        self.files = {} if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else _(":")
        self.empty_permitted = empty_permitted
        self._errors: ErrorDict | None = None
        self.fields = _copy_fields(self.base_fields)
        self._bound_fields_cache: dict = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError(
                "The empty_permitted and use_required_attribute arguments may not both be set to True."
            )
        self.renderer = self._choose_renderer(renderer)
        self.bound_field_class = (
            bound_field_class or self.bound_field_class or getattr(self.renderer, "bound_field_class", None)
        )

    def _choose_renderer(self, renderer: Any) -> Any:
        if renderer is None:
            renderer = self.default_renderer or get_default_renderer()
        if isinstance(renderer, type):
            renderer = renderer()
        return renderer

    def order_fields(self, field_order: list | None) -> None:
        """Put the named fields first, in that order; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            try:
                fields[key] = self.fields.pop(key)
            except KeyError:
                pass
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self) -> str:
        is_valid: str | bool
        if self._errors is None:
            is_valid = "Unknown"
        else:
            is_valid = self.is_bound and not self._errors
        return "<%s bound=%s, valid=%s, fields=(%s)>" % (
            self.__class__.__name__, self.is_bound, is_valid, ";".join(self.fields),
        )  # fmt: skip

    def _bound_items(self) -> Iterator[Any]:
        for name in self.fields:
            yield name, self[name]

    def __iter__(self) -> Iterator[Any]:
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name: str) -> Any:
        try:
            return self._bound_fields_cache[name]
        except KeyError:
            pass
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError(
                "Key '%s' not found in '%s'. Choices are: %s."
                % (name, self.__class__.__name__, ", ".join(sorted(self.fields)))
            ) from None
        bound_field = self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return bound_field

    @property
    def errors(self) -> ErrorDict:
        if self._errors is None:
            self.full_clean()
        return self._errors  # type: ignore[return-value]

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors

    def add_prefix(self, field_name: str) -> str:
        return "%s-%s" % (self.prefix, field_name) if self.prefix else field_name

    def add_initial_prefix(self, field_name: str) -> str:
        return "initial-%s" % self.add_prefix(field_name)

    def _widget_data_value(self, widget: Any, html_name: str) -> Any:
        return widget.value_from_datadict(self.data, self.files, html_name)

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return self.renderer.form_template_name

    def get_context(self) -> dict:
        fields = []
        hidden_fields = []
        top_errors = self.non_field_errors().copy()
        for name, bf in self._bound_items():
            bf_errors = bf.errors
            if bf.is_hidden:
                if bf_errors:
                    top_errors += [
                        _("(Hidden field %(name)s) %(error)s") % {"name": name, "error": str(e)}
                        for e in bf_errors
                    ]
                hidden_fields.append(bf)
            else:
                fields.append((bf, bf_errors))
        return {"form": self, "fields": fields, "hidden_fields": hidden_fields, "errors": top_errors}

    def non_field_errors(self) -> ErrorList:
        return self.errors.get(
            NON_FIELD_ERRORS, self.error_class(error_class="nonfield", renderer=self.renderer)
        )

    def add_error(self, field: str | None, error: Any) -> None:
        """Record `error` (a message, a ValidationError, or a dict of them) against `field`."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError(
                    "The argument `field` must be `None` when the `error` argument contains errors for multiple fields."
                )
            error_map = error.error_dict
        else:
            error_map = {field or NON_FIELD_ERRORS: error.error_list}
        for name, error_list in error_map.items():
            if name not in self.errors:
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    raise ValueError("'%s' has no field named '%s'." % (self.__class__.__name__, name))
                if name == NON_FIELD_ERRORS:
                    self._errors[name] = self.error_class(error_class="nonfield", renderer=self.renderer)  # type: ignore[index]
                else:
                    self._errors[name] = self.error_class(  # type: ignore[index]
                        renderer=self.renderer, field_id=self[name].auto_id
                    )
            self._errors[name].extend(error_list)  # type: ignore[index]
            if name in self.cleaned_data:
                del self.cleaned_data[name]

    def has_error(self, field: str, code: str | None = None) -> bool:
        return field in self.errors and (
            code is None or any(error.code == code for error in self.errors.as_data()[field])
        )

    def full_clean(self) -> None:
        """Clean every field, then the form, then the model hooks (`_post_clean`)."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data: dict = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self) -> None:
        # Straight from the fields: building bound fields here would cost more than the cleaning.
        data, files, cleaned_data = self.data, self.files, self.cleaned_data
        # Without a prefix (and an overridden add_prefix) the data key is the field's name.
        plain_names = not self.prefix and type(self).add_prefix is BaseForm.add_prefix
        for name, field in self.fields.items():
            try:
                if field.disabled:
                    value = self.get_initial_for_field(field, name)
                else:
                    key = name if plain_names else self.add_prefix(name)
                    value = field.widget.value_from_datadict(data, files, key)
                if isinstance(field, FileField):
                    value = field.clean(value, self.get_initial_for_field(field, name))
                else:
                    value = field.clean(value)
                cleaned_data[name] = value
                clean_method = getattr(self, "clean_%s" % name, None)
                if clean_method is not None:
                    cleaned_data[name] = clean_method()
            except ValidationError as exc:
                self.add_error(name, exc)

    def _clean_form(self) -> None:
        try:
            cleaned_data = self.clean()
        except ValidationError as exc:
            self.add_error(None, exc)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self) -> None:
        """A hook for cleaning after clean() (ModelForm validates the instance here)."""

    def clean(self) -> dict:
        return self.cleaned_data

    def has_changed(self) -> bool:
        return bool(self.changed_data)

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    @property
    def media(self) -> Media:
        media = Media()
        for field in self.fields.values():
            media = media + field.widget.media
        return media

    def is_multipart(self) -> bool:
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self) -> list:
        return [field for field in self if field.is_hidden]

    def visible_fields(self) -> list:
        return [field for field in self if not field.is_hidden]

    def get_initial_for_field(self, field: Any, field_name: str) -> Any:
        """The form's initial, else the field's; callables are called; datetimes lose microseconds
        when the widget can't show them."""
        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        import datetime

        if isinstance(value, (datetime.datetime, datetime.time)) and not field.widget.supports_microseconds:
            value = value.replace(microsecond=0)
        return value


def _copy_fields(fields: dict) -> dict:
    """A per-form copy of the class's fields (Field.__deepcopy__ called directly: it is hot)."""
    memo: dict = {}
    copied = {}
    for name, field in fields.items():
        deepcopy = getattr(field, "__deepcopy__", None)
        copied[name] = deepcopy(memo) if deepcopy is not None else copy.deepcopy(field, memo)
    return copied


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of Fields, with their widgets and validation."""
