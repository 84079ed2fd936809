"""Model formsets (one form per object of a queryset) and inline formsets (objects of one parent)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .fields import Field
from .formsets import BaseFormSet, formset_factory
from .models import ModelForm, modelform_factory
from .widgets import HiddenInput


class BaseModelFormSet(BaseFormSet):
    model: Any = None
    edit_only = False
    unique_fields: set = set()

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        queryset: Any = None,
        *,
        initial: Any = None,
        **kwargs: Any,
    ) -> None:
        self.queryset = queryset
        self.initial_extra = initial
        super().__init__(data=data, files=files, auto_id=auto_id, prefix=prefix, **kwargs)

    def initial_form_count(self) -> int:
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk: Any) -> Any:
        if not hasattr(self, "_object_dict"):
            self._object_dict = {o.pk: o for o in self.get_queryset()}
        return self._object_dict.get(pk)

    def _get_to_python(self, field: Any) -> Any:
        while field.remote_field is not None:
            field = field.remote_field.get_related_field()
        return field.to_python

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        pk_required = i < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_key = "%s-%s" % (self.add_prefix(i), self.model._meta.pk.name)
                try:
                    pk = self.data[pk_key]
                except KeyError:
                    pass  # the form will report the missing id
                else:
                    to_python = self._get_to_python(self.model._meta.pk)
                    try:
                        pk = to_python(pk)
                    except ValidationError:
                        pass
                    else:
                        kwargs["instance"] = self._existing_object(pk)
            else:
                kwargs["instance"] = self.get_queryset()[i]
        elif self.initial_extra:
            try:
                kwargs["initial"] = self.initial_extra[i - self.initial_form_count()]
            except IndexError:
                pass
        form = super()._construct_form(i, **kwargs)
        if pk_required:
            form.fields[self.model._meta.pk.name].required = True
        return form

    def get_queryset(self) -> Any:
        if not hasattr(self, "_queryset"):
            qs = self.queryset if self.queryset is not None else self.model._default_manager.get_queryset()
            if not qs.ordered:
                qs = qs.order_by(self.model._meta.pk.name)
            self._queryset = qs
        return self._queryset

    def save_new(self, form: Any, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def save_existing(self, form: Any, obj: Any, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def delete_existing(self, obj: Any, commit: bool = True) -> None:
        if commit:
            obj.delete()

    def save(self, commit: bool = True) -> list:
        """Save new and changed objects, delete the ones marked for deletion; return the saved."""
        if not commit:
            self.saved_forms: list = []

            def save_m2m() -> None:
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        if self.edit_only:
            return self.save_existing_objects(commit)
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    save.alters_data = True  # type: ignore[attr-defined]

    def clean(self) -> None:
        self.validate_unique()

    def validate_unique(self) -> None:
        """Refuse two forms of the set that would make the same unique value."""
        valid_forms = [
            form for form in self.forms
            if form.is_valid() and not (self.can_delete and self._should_delete_form(form))
        ]  # fmt: skip
        for form in valid_forms:
            form.instance  # noqa: B018 - constructed in _post_clean
        all_unique_checks: set = set()
        all_date_checks: set = set()
        for form in valid_forms:
            exclude = form._get_validation_exclusions()
            unique_checks, date_checks = form.instance._get_unique_checks(exclude=exclude)
            all_unique_checks.update(unique_checks)
            all_date_checks.update(date_checks)
        errors = []
        for _model, unique_check in all_unique_checks:
            seen: set = set()
            for form in valid_forms:
                row = tuple(
                    d._get_pk_val() if hasattr(d, "_get_pk_val") else d
                    for d in (
                        form.cleaned_data[field] for field in unique_check if field in form.cleaned_data
                    )
                )
                if len(row) != len(unique_check) or any(v is None for v in row):
                    continue
                if row in seen:
                    errors.append(self.get_unique_error_message(unique_check))
                    form._errors[NON_FIELD] = self.error_class(
                        [self.get_form_error()], renderer=self.renderer, error_class="nonfield"
                    )
                    for field in unique_check:
                        form.cleaned_data.pop(field, None)
                    break
                seen.add(row)
        if errors:
            raise ValidationError(errors)

    def get_unique_error_message(self, unique_check: Any) -> str:
        if len(unique_check) == 1:
            return gettext("Please correct the duplicate data for %(field)s.") % {"field": unique_check[0]}
        return gettext("Please correct the duplicate data for %(field)s, which must be unique.") % {
            "field": get_text_list(unique_check, _("and")),
        }

    def get_form_error(self) -> str:
        return gettext("Please correct the duplicate values below.")

    def save_existing_objects(self, commit: bool = True) -> list:
        self.changed_objects: list = []
        self.deleted_objects: list = []
        if not self.initial_forms:
            return []
        saved = []
        for form in self.initial_forms:
            obj = form.instance
            if obj.pk is None:
                continue
            if form in self.deleted_forms:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit: bool = True) -> list:
        self.new_objects: list = []
        for form in self.extra_forms:
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def add_fields(self, form: Any, index: int | None) -> None:
        """Add the hidden primary key field each form needs to find its object again."""
        from .model_choice import ModelChoiceField

        self._pk_field = pk = self.model._meta.pk
        if form.is_bound:
            pk_value = None if form.instance._state.adding else form.instance.pk
        else:
            try:
                pk_value = self.get_queryset()[index].pk if index is not None else None
            except IndexError:
                pk_value = None
        if getattr(pk, "remote_field", None) is not None:
            qs = pk.remote_field.model._default_manager.get_queryset()
        else:
            qs = self.model._default_manager.get_queryset()
        qs = qs.using(form.instance._state.db)
        if form._meta.widgets:
            widget = form._meta.widgets.get(pk.name, HiddenInput)
        else:
            widget = HiddenInput
        if (
            pk.editable
            and not getattr(pk, "auto_created", False)
            and not _is_auto(pk)
            and pk.name in form.fields
        ):
            pass
        else:
            form.fields[pk.name] = ModelChoiceField(qs, initial=pk_value, required=False, widget=widget)
        super().add_fields(form, index)


def _is_auto(field: Any) -> bool:
    from django.db.models import AutoField

    return isinstance(field, AutoField) or getattr(field, "primary_key", False) and not field.editable


NON_FIELD = "__all__"


def modelformset_factory(
    model: Any,
    form: Any = ModelForm,
    formfield_callback: Any = None,
    formset: Any = BaseModelFormSet,
    extra: int = 1,
    can_delete: bool = False,
    can_order: bool = False,
    max_num: int | None = None,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    validate_max: bool = False,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    min_num: int | None = None,
    validate_min: bool = False,
    field_classes: dict | None = None,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
    edit_only: bool = False,
) -> type:
    """A FormSet class for `model`'s ModelForm."""
    meta = getattr(form, "Meta", None)
    if getattr(meta, "fields", fields) is None and getattr(meta, "exclude", exclude) is None:
        raise ImproperlyConfiguredError(
            "Calling modelformset_factory without defining 'fields' or 'exclude' explicitly is prohibited."
        )
    form = modelform_factory(
        model, form=form, fields=fields, exclude=exclude, formfield_callback=formfield_callback, widgets=widgets,
        localized_fields=localized_fields, labels=labels, help_texts=help_texts, error_messages=error_messages,
        field_classes=field_classes,
    )  # fmt: skip
    formset_class = formset_factory(
        form, formset, extra=extra, min_num=min_num, max_num=max_num, can_order=can_order, can_delete=can_delete,
        validate_min=validate_min, validate_max=validate_max, absolute_max=absolute_max,
        can_delete_extra=can_delete_extra, renderer=renderer,
    )  # fmt: skip
    formset_class.model = model  # type: ignore[attr-defined]
    formset_class.edit_only = edit_only  # type: ignore[attr-defined]
    return formset_class


def _improperly_configured() -> type:
    from django.core.exceptions import ImproperlyConfigured

    return ImproperlyConfigured


ImproperlyConfiguredError = _improperly_configured()


class InlineForeignKeyField(Field):
    """The hidden foreign key of an inline form: always the formset's parent instance."""

    widget = HiddenInput
    default_error_messages = {"invalid_choice": _("The inline value did not match the parent instance.")}

    def __init__(
        self,
        parent_instance: Any,
        *args: Any,
        pk_field: bool = False,
        to_field: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.parent_instance = parent_instance
        self.pk_field = pk_field
        self.to_field = to_field
        if self.parent_instance is not None:
            kwargs["initial"] = getattr(parent_instance, to_field) if to_field else parent_instance.pk
        kwargs["required"] = False
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        if value in self.empty_values:
            if self.pk_field:
                return None
            return self.parent_instance
        orig = getattr(self.parent_instance, self.to_field) if self.to_field else self.parent_instance.pk
        if str(value) != str(orig):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return self.parent_instance

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


class BaseInlineFormSet(BaseModelFormSet):
    """A formset for the objects related to one parent `instance` through a foreign key."""

    fk: Any = None

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        instance: Any = None,
        save_as_new: bool = False,
        prefix: str | None = None,
        queryset: Any = None,
        **kwargs: Any,
    ) -> None:
        self.instance = self.fk.remote_field.model() if instance is None else instance
        self.save_as_new = save_as_new
        if queryset is None:
            queryset = self.model._default_manager
        if self.instance.pk is not None:
            qs = queryset.filter(**{self.fk.name: self.instance})
        else:
            qs = queryset.none()
        self.unique_fields = {self.fk.name}
        super().__init__(data, files, prefix=prefix, queryset=qs, **kwargs)
        if self.form._meta.fields and self.fk.name not in self.form._meta.fields:
            self.form._meta.fields = [*self.form._meta.fields, self.fk.name]

    def initial_form_count(self) -> int:
        if self.save_as_new:
            return 0
        return super().initial_form_count()

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)
        if self.save_as_new:
            mutable = getattr(form.data, "_mutable", None)
            if mutable is not None:
                form.data._mutable = True
            form.data[form.add_prefix(self._pk_field.name)] = None
            form.data[form.add_prefix(self.fk.name)] = None
            if mutable is not None:
                form.data._mutable = mutable
        fk_value = self.instance.pk
        if self.fk.remote_field.field_name != self.fk.remote_field.model._meta.pk.name:
            fk_value = getattr(self.instance, self.fk.remote_field.field_name)
            fk_value = getattr(fk_value, "pk", fk_value)
        setattr(form.instance, self.fk.attname, fk_value)
        return form

    @classmethod
    def get_default_prefix(cls) -> str:
        return cls.fk.remote_field.get_accessor_name(model=cls.model).replace("+", "")

    def save_new(self, form: Any, commit: bool = True) -> Any:
        setattr(form.instance, self.fk.name, self.instance)
        return super().save_new(form, commit=commit)

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        if self._pk_field == self.fk:
            name = self._pk_field.name
            kwargs: dict = {"pk_field": True}
        else:
            name = self.fk.name
            kwargs = {"label": getattr(form.fields.get(name), "label", capfirst(self.fk.verbose_name))}
        if self.fk.remote_field.field_name != self.fk.remote_field.model._meta.pk.name:
            kwargs["to_field"] = self.fk.remote_field.field_name
        if self.instance._state.adding:
            to_field = kwargs.get("to_field")
            if to_field and getattr(self.instance, to_field, None) is None:
                pass
        form.fields[name] = InlineForeignKeyField(self.instance, **kwargs)

    def get_unique_error_message(self, unique_check: Any) -> str:
        unique_check = [field for field in unique_check if field != self.fk.name]
        return super().get_unique_error_message(unique_check)


def _get_foreign_key(
    parent_model: Any, model: Any, fk_name: str | None = None, can_fail: bool = False
) -> Any:
    """The ForeignKey from `model` to `parent_model` (named `fk_name` when there are several)."""
    from django.db.models import ForeignKey

    opts = model._meta

    def points_to_parent(f: Any) -> bool:
        target = f.remote_field.model
        return target == parent_model or target in parent_model._meta.get_parent_list()

    if fk_name:
        fks = [f for f in opts.fields if f.name == fk_name]
        if len(fks) == 1:
            fk = fks[0]
            if not isinstance(fk, ForeignKey) or not points_to_parent(fk):
                raise ValueError(
                    "fk_name '%s' is not a ForeignKey to '%s'." % (fk_name, parent_model._meta.label)
                )
            return fk
        raise ValueError("'%s' has no field named '%s'." % (model._meta.label, fk_name))
    fks = [f for f in opts.fields if isinstance(f, ForeignKey) and points_to_parent(f)]
    if len(fks) == 1:
        return fks[0]
    if not fks:
        if can_fail:
            return None
        raise ValueError("'%s' has no ForeignKey to '%s'." % (model._meta.label, parent_model._meta.label))
    raise ValueError(
        "'%s' has more than one ForeignKey to '%s'. You must specify a 'fk_name' attribute."
        % (model._meta.label, parent_model._meta.label)
    )


def inlineformset_factory(
    parent_model: Any,
    model: Any,
    form: Any = ModelForm,
    formset: Any = BaseInlineFormSet,
    fk_name: str | None = None,
    fields: Any = None,
    exclude: Any = None,
    extra: int = 3,
    can_order: bool = False,
    can_delete: bool = True,
    max_num: int | None = None,
    formfield_callback: Any = None,
    widgets: dict | None = None,
    validate_max: bool = False,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    min_num: int | None = None,
    validate_min: bool = False,
    field_classes: dict | None = None,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
    edit_only: bool = False,
) -> type:
    """A model formset for `model` objects related to one `parent_model` instance."""
    fk = _get_foreign_key(parent_model, model, fk_name=fk_name)
    if fk.unique:
        max_num = 1
    formset_class = modelformset_factory(
        model, form=form, formfield_callback=formfield_callback, formset=formset, extra=extra,
        can_delete=can_delete, can_order=can_order, fields=fields, exclude=exclude, min_num=min_num,
        max_num=max_num, widgets=widgets, validate_min=validate_min, validate_max=validate_max,
        localized_fields=localized_fields, labels=labels, help_texts=help_texts, error_messages=error_messages,
        field_classes=field_classes, absolute_max=absolute_max, can_delete_extra=can_delete_extra,
        renderer=renderer, edit_only=edit_only,
    )  # fmt: skip
    formset_class.fk = fk  # type: ignore[attr-defined]
    return formset_class
