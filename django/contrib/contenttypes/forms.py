"""Generic inline formsets: edit the objects attached to one instance through a GenericForeignKey."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms import ModelForm
from django.forms.models import BaseModelFormSet, modelformset_factory

from .models import ContentType

__all__ = ["BaseGenericInlineFormSet", "generic_inlineformset_factory"]


class BaseGenericInlineFormSet(BaseModelFormSet):
    """A model formset limited to the objects whose content type and object id point at ``instance``."""

    ct_field: Any = None
    ct_fk_field: Any = None
    for_concrete_model = True

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
        self.instance = instance
        self.save_as_new = save_as_new
        self.rel_name = self.get_default_prefix()
        if instance is None or instance.pk is None:
            qs = self.model._default_manager.none()
        else:
            if queryset is None:
                queryset = self.model._default_manager
            qs = queryset.filter(
                **{self.ct_field.name: self._content_type(), self.ct_fk_field.name: instance.pk}
            )
        super().__init__(data=data, files=files, prefix=prefix, queryset=qs, **kwargs)

    def _content_type(self) -> ContentType:
        return ContentType.objects.db_manager(self.instance._state.db).get_for_model(
            self.instance, for_concrete_model=self.for_concrete_model
        )

    def initial_form_count(self) -> int:
        # "Save as new" turns every existing row into a new object for the new instance.
        if self.save_as_new:
            return 0
        return super().initial_form_count()

    @classmethod
    def get_default_prefix(cls) -> str:
        opts = cls.model._meta
        return f"{opts.app_label}-{opts.model_name}-{cls.ct_field.name}-{cls.ct_fk_field.name}"

    def save_new(self, form: Any, commit: bool = True) -> Any:
        # The instance may have been saved only after the formset was built (admin "add").
        setattr(form.instance, self.ct_field.attname, self._content_type().pk)
        setattr(form.instance, self.ct_fk_field.attname, self.instance.pk)
        return form.save(commit=commit)


def _content_type_foreign_key(opts: Any, name: str) -> Any:
    field = opts.get_field(name)
    if not isinstance(field, models.ForeignKey) or field.remote_field.model != ContentType:
        raise ValueError(f"fk_name '{field}' is not a ForeignKey to ContentType")
    return field


def generic_inlineformset_factory(
    model: Any,
    form: Any = ModelForm,
    formset: Any = BaseGenericInlineFormSet,
    ct_field: str = "content_type",
    fk_field: str = "object_id",
    fields: Any = None,
    exclude: Any = None,
    extra: int = 3,
    can_order: bool = False,
    can_delete: bool = True,
    max_num: int | None = None,
    formfield_callback: Any = None,
    validate_max: bool = False,
    for_concrete_model: bool = True,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
) -> type:
    """A formset class for ``model`` objects attached to one instance by ``ct_field``/``fk_field``.

    Raise ValueError if ``ct_field`` is not a ForeignKey to ContentType.
    """
    opts = model._meta
    content_type_field = _content_type_foreign_key(opts, ct_field)
    object_id_field = opts.get_field(fk_field)
    # The two linking columns are filled in from the instance, never edited.
    exclude = [*(exclude or ()), content_type_field.name, object_id_field.name]
    formset_class: Any = modelformset_factory(
        model,
        form=form,
        formfield_callback=formfield_callback,
        formset=formset,
        extra=extra,
        can_delete=can_delete,
        can_order=can_order,
        fields=fields,
        exclude=exclude,
        max_num=max_num,
        validate_max=validate_max,
        min_num=min_num,
        validate_min=validate_min,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
    )
    formset_class.ct_field = content_type_field
    formset_class.ct_fk_field = object_id_field
    formset_class.for_concrete_model = for_concrete_model
    return formset_class
