"""Admin inlines for objects attached through a GenericForeignKey (e.g. tags on any model)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.admin import helpers
from django.contrib.admin.checks import InlineModelAdminChecks
from django.contrib.admin.options import InlineModelAdmin
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from .fields import GenericForeignKey
from .forms import BaseGenericInlineFormSet, generic_inlineformset_factory

__all__ = ["GenericInlineModelAdmin", "GenericStackedInline", "GenericTabularInline"]


class GenericInlineModelAdminChecks(InlineModelAdminChecks):
    """The inline is tied by ct_field/ct_fk_field and a GenericForeignKey, not by a ForeignKey."""

    def _check_relation(self, obj: Any) -> list:
        opts = obj.model._meta
        for attr, check_id in (("ct_field", "admin.E301"), ("ct_fk_field", "admin.E302")):
            name = getattr(obj, attr)
            try:
                opts.get_field(name)
            except FieldDoesNotExist:
                return [
                    checks.Error(
                        f"'{attr}' references '{name}', which is not a field on '{opts.label}'.",
                        obj=obj.__class__,
                        id=check_id,
                    )
                ]
        generic_keys = [f for f in opts.private_fields if isinstance(f, GenericForeignKey)]
        if not generic_keys:
            return [
                checks.Error(f"'{opts.label}' has no GenericForeignKey.", obj=obj.__class__, id="admin.E303")
            ]
        if any(f.ct_field == obj.ct_field and f.fk_field == obj.ct_fk_field for f in generic_keys):
            return []
        return [
            checks.Error(
                f"'{opts.label}' has no GenericForeignKey using content type field '{obj.ct_field}' and "
                f"object ID field '{obj.ct_fk_field}'.",
                obj=obj.__class__,
                id="admin.E304",
            )
        ]


class GenericInlineModelAdmin(InlineModelAdmin):
    """An inline editing ``model`` rows whose ct_field/ct_fk_field point at the parent object."""

    ct_field = "content_type"
    ct_fk_field = "object_id"
    formset = BaseGenericInlineFormSet
    checks_class = GenericInlineModelAdminChecks

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        fields = kwargs.pop("fields", None) or helpers.flatten_fieldsets(self.get_fieldsets(request, obj))
        readonly = list(self.get_readonly_fields(request, obj))
        exclude = [*(self.get_exclude(request, obj) or ()), *readonly]
        fields = [f for f in fields if f not in readonly]
        options = {
            "ct_field": self.ct_field,
            "fk_field": self.ct_fk_field,
            "form": self.form or self._default_inline_form(),
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            "formset": self.formset,
            "extra": self.get_extra(request, obj),
            "can_delete": self.can_delete and self.has_delete_permission(request, obj),
            "can_order": False,
            "fields": fields,
            "min_num": self.get_min_num(request, obj),
            "max_num": self.get_max_num(request, obj),
            "exclude": exclude or None,
            **kwargs,
        }
        return generic_inlineformset_factory(self.model, **options)


class GenericStackedInline(GenericInlineModelAdmin):
    template = "admin/edit_inline/stacked.html"


class GenericTabularInline(GenericInlineModelAdmin):
    template = "admin/edit_inline/tabular.html"
