"""Inlines: edit related objects on the parent's change form (tabular or stacked)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.admin import helpers
from django.contrib.admin.base_options import BaseModelAdmin
from django.contrib.admin.checks import InlineModelAdminChecks
from django.contrib.auth import get_permission_codename


class InlineModelAdmin(BaseModelAdmin):
    """Edit related objects on the parent's page."""

    model: Any = None
    fk_name: str | None = None
    formset: Any = None
    extra = 3
    min_num: int | None = None
    max_num: int | None = None
    template: str = ""
    verbose_name: Any = None
    verbose_name_plural: Any = None
    can_delete = True
    show_change_link = False
    checks_class = InlineModelAdminChecks
    classes: Any = None

    def __init__(self, parent_model: Any, admin_site: Any) -> None:
        self.admin_site = admin_site
        self.parent_model = parent_model
        self.has_registered_model = admin_site.is_registered(self.model)
        super().__init__()
        if self.verbose_name_plural is None:
            self.verbose_name_plural = (
                self.opts.verbose_name_plural if self.verbose_name is None else f"{self.verbose_name}s"
            )
        if self.verbose_name is None:
            self.verbose_name = self.opts.verbose_name

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        """An inline formset class for this inline's model, bound to the parent through its FK."""
        from django.forms.models import BaseInlineFormSet, inlineformset_factory

        fields = kwargs.pop("fields", None) or helpers.flatten_fieldsets(self.get_fieldsets(request, obj))
        readonly = list(self.get_readonly_fields(request, obj))
        exclude = list(self.get_exclude(request, obj) or []) + readonly
        fields = [f for f in fields if f not in readonly]
        can_delete = self.can_delete and self.has_delete_permission(request, obj)
        options = {
            "form": self.form or self._default_inline_form(),
            "formset": self.formset or BaseInlineFormSet,
            "fk_name": self.fk_name,
            "fields": fields,
            "exclude": exclude or None,
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            "extra": self.get_extra(request, obj, **kwargs),
            "min_num": self.get_min_num(request, obj, **kwargs),
            "max_num": self.get_max_num(request, obj, **kwargs),
            "can_delete": can_delete,
            **kwargs,
        }
        return inlineformset_factory(self.parent_model, self.model, **options)

    @staticmethod
    def _default_inline_form() -> Any:
        from django.forms import ModelForm

        return ModelForm

    def get_extra(self, request: Any, obj: Any = None, **kwargs: Any) -> int:
        return self.extra

    def get_min_num(self, request: Any, obj: Any = None, **kwargs: Any) -> int | None:
        return self.min_num

    def get_max_num(self, request: Any, obj: Any = None, **kwargs: Any) -> int | None:
        return self.max_num

    def _parent_perm(self, request: Any, action: str) -> bool:
        if self.opts.auto_created:
            # An auto-created m2m through model: the permission is the parent's change permission.
            return self._has_any_perms_for_target_model(request, ["change"])
        return self._has_perm(request, action)

    def _has_any_perms_for_target_model(self, request: Any, perms: list[str]) -> bool:
        opts = self.opts
        for field in opts.fields:
            if field.remote_field and field.remote_field.model != self.parent_model:
                opts = field.remote_field.model._meta
                break
        return any(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(p, opts)}") for p in perms
        )

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return self._parent_perm(request, "add")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self._parent_perm(request, "change")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return self._parent_perm(request, "delete")

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        if self.opts.auto_created:
            return self._has_any_perms_for_target_model(request, ["view", "change"])
        return super().has_view_permission(request)


class StackedInline(InlineModelAdmin):
    template = "admin/edit_inline/stacked.html"


class TabularInline(InlineModelAdmin):
    template = "admin/edit_inline/tabular.html"
