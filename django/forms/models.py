"""ModelForm: a form built from a model's fields, that validates and saves an instance."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ImproperlyConfigured, ValidationError
from django.forms.forms import BaseForm, DeclarativeFieldsMetaclass
from django.forms.utils import ErrorList

from .model_choice import (
    ModelChoiceField,
    ModelChoiceIterator,
    ModelChoiceIteratorValue,
    ModelMultipleChoiceField,
)

__all__ = (
    "ModelForm", "BaseModelForm", "model_to_dict", "fields_for_model", "ModelChoiceField",
    "ModelMultipleChoiceField", "ALL_FIELDS", "BaseModelFormSet", "modelformset_factory",
    "BaseInlineFormSet", "inlineformset_factory", "modelform_factory", "ModelChoiceIterator",
    "ModelChoiceIteratorValue", "InlineForeignKeyField", "construct_instance",
)  # fmt: skip

ALL_FIELDS = "__all__"


def _selected(name: str, fields: Any, exclude: Any) -> bool:
    if fields is not None and name not in fields:
        return False
    return not (exclude and name in exclude)


def construct_instance(form: Any, instance: Any, fields: Any = None, exclude: Any = None) -> Any:
    """Copy the form's cleaned_data onto the instance (many-to-many waits for save_m2m)."""
    opts = instance._meta
    cleaned_data = form.cleaned_data
    file_fields = []
    for f in opts.fields:
        if (
            not f.editable
            or getattr(f, "auto_created", False)
            and f.primary_key
            or f.name not in cleaned_data
        ):
            continue
        if not _selected(f.name, fields, exclude):
            continue
        # A field left out of the submission keeps the model default instead of becoming empty.
        if (
            f.has_default()
            and f.name in form.fields
            and form[f.name].field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(f.name)
            )
            and cleaned_data.get(f.name) in form[f.name].field.empty_values
        ):
            continue
        if _is_file_field(f):
            file_fields.append(f)
        else:
            f.save_form_data(instance, cleaned_data[f.name])
    for f in file_fields:
        f.save_form_data(instance, cleaned_data[f.name])
    return instance


def _is_file_field(field: Any) -> bool:
    from django.db.models.fields.files import FileField as ModelFileField

    return isinstance(field, ModelFileField)


def model_to_dict(instance: Any, fields: Any = None, exclude: Any = None) -> dict:
    """The instance's editable field values, keyed by field name (for a form's initial)."""
    opts = instance._meta
    data = {}
    for f in [*opts.concrete_fields, *opts.private_fields, *opts.many_to_many]:
        if not getattr(f, "editable", False):
            continue
        if _selected(f.name, fields, exclude):
            data[f.name] = f.value_from_object(instance)
    return data


def apply_limit_choices_to_to_formfield(formfield: Any) -> None:
    if hasattr(formfield, "queryset") and hasattr(formfield, "get_limit_choices_to"):
        limit_choices_to = formfield.get_limit_choices_to()
        if limit_choices_to:
            formfield.queryset = formfield.queryset.complex_filter(limit_choices_to)


def _editable_model_fields(opts: Any) -> list:
    # Private fields that are not real model fields (GenericForeignKey) have no form field.
    private = [f for f in opts.private_fields if hasattr(f, "creation_counter")]
    fields = [*opts.concrete_fields, *private, *opts.many_to_many]
    return sorted(fields, key=lambda f: f.creation_counter)


def fields_for_model(
    model: Any,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    formfield_callback: Any = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
    *,
    apply_limit_choices_to: bool = True,
    form_declared_fields: dict | None = None,
) -> dict:
    """A dict of form fields for the model's editable fields, in the order of `fields`."""
    form_declared_fields = form_declared_fields or {}
    field_dict = {}
    ignored = []
    for f in _editable_model_fields(model._meta):
        if not getattr(f, "editable", False):
            if fields is not None and f.name in fields and (exclude is None or f.name not in exclude):
                raise FieldError(
                    "'%s' cannot be specified for %s model form as it is a non-editable field"
                    % (f.name, model.__name__)
                )
            continue
        if not _selected(f.name, fields, exclude):
            continue
        if f.name in form_declared_fields:
            field_dict[f.name] = form_declared_fields[f.name]
            continue
        kwargs: dict = {}
        if widgets and f.name in widgets:
            kwargs["widget"] = widgets[f.name]
        if localized_fields == ALL_FIELDS or (localized_fields and f.name in localized_fields):
            kwargs["localize"] = True
        if labels and f.name in labels:
            kwargs["label"] = labels[f.name]
        if help_texts and f.name in help_texts:
            kwargs["help_text"] = help_texts[f.name]
        if error_messages and f.name in error_messages:
            kwargs["error_messages"] = error_messages[f.name]
        if field_classes and f.name in field_classes:
            kwargs["form_class"] = field_classes[f.name]
        if formfield_callback is None:
            formfield = f.formfield(**kwargs)
        elif not callable(formfield_callback):
            raise TypeError("formfield_callback must be a function or callable")
        else:
            formfield = formfield_callback(f, **kwargs)
        if formfield:
            if apply_limit_choices_to:
                apply_limit_choices_to_to_formfield(formfield)
            field_dict[f.name] = formfield
        else:
            ignored.append(f.name)
    if fields:
        field_dict = {
            name: field_dict.get(name)
            for name in fields
            if (not exclude or name not in exclude) and name not in ignored
        }
    return field_dict


class ModelFormOptions:
    model: Any
    fields: Any
    exclude: Any
    widgets: Any
    localized_fields: Any
    labels: Any
    help_texts: Any
    error_messages: Any
    field_classes: Any
    formfield_callback: Any

    def __init__(self, options: Any = None) -> None:
        for name in (
            "model", "fields", "exclude", "widgets", "localized_fields", "labels", "help_texts",
            "error_messages", "field_classes", "formfield_callback",
        ):  # fmt: skip
            setattr(self, name, getattr(options, name, None))
        for name in ("fields", "exclude", "localized_fields"):
            value = getattr(self, name)
            if isinstance(value, str) and value != ALL_FIELDS:
                raise TypeError(
                    "%s.Meta.%s cannot be a string. Did you mean to type: ('%s',)?"
                    % (getattr(options, "__qualname__", "Meta"), name, value)
                )


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if bases == (BaseModelForm,):
            return new_class
        meta = getattr(new_class, "Meta", None)
        opts = new_class._meta = ModelFormOptions(meta)  # type: ignore[attr-defined]
        callback = attrs.get("formfield_callback") or opts.formfield_callback
        if callback is None:
            for base in new_class.__mro__[1:]:
                callback = base.__dict__.get("formfield_callback") or getattr(
                    getattr(base, "_meta", None), "formfield_callback", None
                )
                if callback:
                    break
        opts.formfield_callback = callback
        if not opts.model:
            new_class.base_fields = new_class.declared_fields  # type: ignore[attr-defined]
            return new_class
        if opts.fields is None and opts.exclude is None:
            raise ImproperlyConfigured(
                "Creating a ModelForm without either the 'fields' attribute or the 'exclude' attribute is prohibited; "
                "form %s needs updating." % name
            )
        if opts.fields == ALL_FIELDS:
            opts.fields = None
        fields = fields_for_model(
            opts.model, opts.fields, opts.exclude, opts.widgets, callback, opts.localized_fields,
            opts.labels, opts.help_texts, opts.error_messages, opts.field_classes,
            apply_limit_choices_to=False, form_declared_fields=new_class.declared_fields,  # type: ignore[attr-defined]
        )  # fmt: skip
        missing = [name for name, value in fields.items() if value is None]
        missing = [name for name in missing if name not in new_class.declared_fields]  # type: ignore[attr-defined]
        if missing:
            raise FieldError(
                "Unknown field(s) (%s) specified for %s" % (", ".join(missing), opts.model.__name__)
            )
        fields.update(new_class.declared_fields)  # type: ignore[attr-defined]
        new_class.base_fields = fields  # type: ignore[attr-defined]
        return new_class


class BaseModelForm(BaseForm):
    _meta: ModelFormOptions

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
        instance: Any = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
    ) -> None:
        opts = self._meta
        if opts.model is None:
            raise ValueError("ModelForm has no model class specified.")
        if instance is None:
            self.instance = opts.model()
            object_data: dict = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, opts.fields, opts.exclude)
        if initial is not None:
            object_data.update(initial)
        self._validate_unique = False
        super().__init__(
            data, files, auto_id, prefix, object_data, error_class, label_suffix, empty_permitted,
            use_required_attribute=use_required_attribute, renderer=renderer,
        )  # fmt: skip
        for formfield in self.fields.values():
            apply_limit_choices_to_to_formfield(formfield)

    def _get_validation_exclusions(self) -> set:
        """Model fields the instance must not validate: not on the form, or failing already."""
        exclude = set()
        for f in self.instance._meta.fields:
            field = f.name
            if field not in self.fields:
                exclude.add(f.name)
            elif self._meta.fields and field not in self._meta.fields:
                exclude.add(f.name)
            elif self._meta.exclude and field in self._meta.exclude:
                exclude.add(f.name)
            elif field in (self._errors or {}):
                exclude.add(f.name)
            else:
                form_field = self.fields[field]
                field_value = self.cleaned_data.get(field)
                if not f.blank and not form_field.required and field_value in form_field.empty_values:
                    exclude.add(f.name)
        return exclude

    def clean(self) -> dict:
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors: ValidationError) -> None:
        """Add model validation errors, using the form's error_messages for matching codes."""
        opts = self._meta
        error_dict = errors.error_dict if hasattr(errors, "error_dict") else {NON_FIELD_ERRORS: errors}
        for field, messages in error_dict.items():
            if field == NON_FIELD_ERRORS and opts.error_messages and NON_FIELD_ERRORS in opts.error_messages:
                error_messages = opts.error_messages[NON_FIELD_ERRORS]
            elif field in self.fields:
                error_messages = self.fields[field].error_messages
            else:
                continue
            for message in messages:
                if isinstance(message, ValidationError) and message.code in error_messages:
                    message.message = error_messages[message.code]
        self.add_error(None, errors)

    def _post_clean(self) -> None:
        opts = self._meta
        exclude = self._get_validation_exclusions()
        # Inline formsets' foreign key is set by the formset, not validated here.
        for name, field in self.fields.items():
            if isinstance(field, InlineForeignKeyField):
                exclude.add(name)
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            self._update_errors(exc)
        if self._validate_unique:
            self.validate_unique()
            self._validate_constraints()

    def validate_unique(self) -> None:
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)

    def _validate_constraints(self) -> None:
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)

    def _save_m2m(self) -> None:
        cleaned_data = self.cleaned_data
        exclude = self._meta.exclude
        fields = self._meta.fields
        opts = self.instance._meta
        for f in [*opts.private_fields, *opts.many_to_many]:
            if not hasattr(f, "save_form_data") or not getattr(f, "editable", True):
                continue
            if _selected(f.name, fields, exclude) and f.name in cleaned_data:
                f.save_form_data(self.instance, cleaned_data[f.name])

    def save(self, commit: bool = True) -> Any:
        """Save the instance (and its many-to-many data); with commit=False, add `save_m2m()`."""
        if self.errors:
            raise ValueError(
                "The %s could not be %s because the data didn't validate."
                % (self.instance._meta.object_name, "created" if self.instance._state.adding else "changed")
            )
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance

    save.alters_data = True  # type: ignore[attr-defined]


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    pass


def modelform_factory(
    model: Any,
    form: Any = ModelForm,
    fields: Any = None,
    exclude: Any = None,
    formfield_callback: Any = None,
    widgets: dict | None = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
) -> type:
    """A ModelForm class for `model`; `fields` or `exclude` is required."""
    attrs: dict = {"model": model}
    for key, value in (
        ("fields", fields), ("exclude", exclude), ("widgets", widgets), ("localized_fields", localized_fields),
        ("labels", labels), ("help_texts", help_texts), ("error_messages", error_messages),
        ("field_classes", field_classes),
    ):  # fmt: skip
        if value is not None:
            attrs[key] = value
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    meta = type("Meta", bases, attrs)
    if formfield_callback:
        meta.formfield_callback = staticmethod(formfield_callback)  # type: ignore[attr-defined]
    class_name = model.__name__ + "Form"
    if getattr(meta, "fields", None) is None and getattr(meta, "exclude", None) is None:
        raise ImproperlyConfigured(
            "Calling modelform_factory without defining 'fields' or 'exclude' explicitly is prohibited."
        )
    return type(form)(class_name, (form,), {"Meta": meta, "formfield_callback": formfield_callback})


from .model_formsets import (  # noqa: E402, F401
    BaseInlineFormSet,
    BaseModelFormSet,
    InlineForeignKeyField,
    inlineformset_factory,
    modelformset_factory,
)
