"""BaseModelAdmin: what ModelAdmin and the inlines share: field lists, form fields and widgets,
allowed URL lookups and the add/change/delete/view permissions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.admin import helpers
from django.contrib.admin.checks import BaseModelAdminChecks
from django.contrib.admin.constants import VERTICAL
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.forms.media import MediaDefiningClass


def get_content_type_for_model(obj: Any) -> Any:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def get_ul_class(radio_style: int) -> str:
    return "radiolist" if radio_style == VERTICAL else "radiolist inline"


class BaseModelAdmin(metaclass=MediaDefiningClass):
    """Options shared by ModelAdmin and inlines."""

    if TYPE_CHECKING:  # defined by ModelAdmin and InlineModelAdmin
        admin_site: Any
        date_hierarchy: Any
        get_list_display: Any
        model: Any

    autocomplete_fields: Any = ()
    raw_id_fields: Any = ()
    fields: Any = None
    exclude: Any = None
    fieldsets: Any = None
    form: Any = None
    filter_vertical: Any = ()
    filter_horizontal: Any = ()
    radio_fields: dict = {}
    prepopulated_fields: dict = {}
    formfield_overrides: dict = {}
    readonly_fields: Any = ()
    ordering: Any = None
    sortable_by: Any = None
    view_on_site: Any = True
    show_full_result_count = True
    checks_class: Any = BaseModelAdminChecks

    def check(self, **kwargs: Any) -> list:
        return self.checks_class().check(self, **kwargs)

    def get_queryset(self, request: Any) -> Any:
        """The objects the admin shows: the default manager, in get_ordering() order."""
        qs = self.model._default_manager.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_ordering(self, request: Any) -> Any:
        return self.ordering or ()

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return self.readonly_fields

    def get_prepopulated_fields(self, request: Any, obj: Any = None) -> dict:
        return self.prepopulated_fields

    def get_autocomplete_fields(self, request: Any) -> Any:
        return self.autocomplete_fields

    def get_view_on_site_url(self, obj: Any = None) -> str | None:
        if obj is None or not self.view_on_site:
            return None
        if callable(self.view_on_site):
            return self.view_on_site(obj)
        if hasattr(obj, "get_absolute_url"):
            from django.urls import reverse

            return reverse(
                "admin:view_on_site",
                kwargs={"content_type_id": get_content_type_for_model(obj).pk, "object_id": obj.pk},
                current_app=self.admin_site.name,
            )
        return None

    def get_empty_value_display(self) -> Any:
        from django.utils.safestring import mark_safe

        try:
            return mark_safe(self.empty_value_display)  # type: ignore[attr-defined]
        except AttributeError:
            return mark_safe(self.admin_site.empty_value_display)

    def get_exclude(self, request: Any, obj: Any = None) -> Any:
        return self.exclude

    def get_fields(self, request: Any, obj: Any = None) -> list:
        """The fields of the form: ``fields``, else the fieldsets' fields, else every editable field."""
        if self.fields:
            return list(self.fields)
        if self.fieldsets:
            return helpers.flatten_fieldsets(self.fieldsets)
        readonly = list(self.get_readonly_fields(request, obj))
        editable = [
            f.name
            for f in self.opts.get_fields()
            if getattr(f, "editable", False)
            and not f.auto_created
            and f.concrete
            and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        excluded = set(self.get_exclude(request, obj) or ())
        return [name for name in editable if name not in excluded] + [
            r for r in readonly if r not in editable
        ]

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        if self.fieldsets:
            return self.fieldsets
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_sortable_by(self, request: Any) -> Any:
        return self.sortable_by if self.sortable_by is not None else self.get_list_display(request)

    # ---------------------------------------------------------------- form fields
    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        """The form field for a model field, with the admin's widgets and overrides."""
        from django.contrib.admin import widgets

        if db_field.choices:
            return self.formfield_for_choice_field(db_field, request, **kwargs)
        if isinstance(db_field, (models.ForeignKey, models.ManyToManyField)):
            for klass in type(db_field).__mro__:
                if klass in self.formfield_overrides:
                    kwargs = {**self.formfield_overrides[klass], **kwargs}
            if isinstance(db_field, models.ForeignKey):
                formfield = self.formfield_for_foreignkey(db_field, request, **kwargs)
            else:
                formfield = self.formfield_for_manytomany(db_field, request, **kwargs)
            return self._wrap_related(db_field, formfield, request)
        for klass in type(db_field).__mro__:
            overrides = self.formfield_overrides.get(klass) or widgets.admin_formfield_defaults(klass)
            if overrides:
                return db_field.formfield(**{**overrides, **kwargs})
        return db_field.formfield(**kwargs)

    def _wrap_related(self, db_field: Any, formfield: Any, request: Any) -> Any:
        from django.contrib.admin import widgets

        if formfield is None or db_field.name in self.raw_id_fields:
            return formfield
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if related_admin is None or isinstance(formfield.widget, widgets.RelatedFieldWidgetWrapper):
            return formfield
        formfield.widget = widgets.RelatedFieldWidgetWrapper(
            formfield.widget,
            db_field.remote_field,
            self.admin_site,
            can_add_related=related_admin.has_add_permission(request),
            can_change_related=related_admin.has_change_permission(request),
            can_view_related=related_admin.has_view_permission(request),
            can_delete_related=False,
        )
        return formfield

    def formfield_for_choice_field(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        from django import forms

        if db_field.name in self.radio_fields:
            kwargs.setdefault(
                "widget", forms.RadioSelect(attrs={"class": get_ul_class(self.radio_fields[db_field.name])})
            )
        return db_field.formfield(**kwargs)

    def get_field_queryset(self, db: Any, db_field: Any, request: Any) -> Any:
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if related_admin is not None:
            ordering = related_admin.get_ordering(request)
            if ordering:
                return db_field.remote_field.model._default_manager.using(db).order_by(*ordering)
        return None

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        from django.contrib.admin import widgets

        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = widgets.AutocompleteSelect(db_field, self.admin_site, using=db)
            elif db_field.name in self.raw_id_fields:
                kwargs["widget"] = widgets.ForeignKeyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db
                )
            elif db_field.name in self.radio_fields:
                from django import forms

                kwargs["widget"] = forms.RadioSelect(
                    attrs={"class": get_ul_class(self.radio_fields[db_field.name])}
                )
                kwargs["empty_label"] = "None" if db_field.blank else None
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        from django.contrib.admin import widgets

        if not db_field.remote_field.through._meta.auto_created:
            return None
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = widgets.AutocompleteSelectMultiple(db_field, self.admin_site, using=db)
            elif db_field.name in self.raw_id_fields:
                kwargs["widget"] = widgets.ManyToManyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db
                )
            elif db_field.name in (*self.filter_vertical, *self.filter_horizontal):
                kwargs["widget"] = widgets.FilteredSelectMultiple(
                    db_field.verbose_name, db_field.name in self.filter_vertical
                )
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

    def lookup_allowed(self, lookup: str, value: Any, request: Any = None) -> bool:
        """Only lookups through fields named in list_filter (or date_hierarchy) may come from a URL."""
        from django.contrib.admin.filters import SimpleListFilter

        parts = lookup.split(LOOKUP_SEP)
        allowed: set[str] = set()
        for entry in getattr(self, "list_filter", ()) or ():
            if isinstance(entry, type) and issubclass(entry, SimpleListFilter):
                allowed.add(entry.parameter_name or "")
                continue
            path = entry[0] if isinstance(entry, (list, tuple)) else entry
            allowed.add(path if isinstance(path, str) else path.name)
        if getattr(self, "date_hierarchy", None):
            allowed.add(self.date_hierarchy)
        if lookup in allowed:
            return True
        for size in range(len(parts), 0, -1):
            if LOOKUP_SEP.join(parts[:size]) in allowed:
                return True
        # A lookup on a plain local field (no relation crossed) is always allowed, as in Django.
        try:
            field = self.opts.get_field(parts[0])
        except FieldDoesNotExist:
            return True
        return not field.is_relation or len(parts) <= 2

    def to_field_allowed(self, request: Any, to_field: str) -> bool:
        """Whether ``?_to_field=`` may name this field: the primary key, or a field that some
        relation from a model of this site points at. Anything else could leak a column
        (e.g. a password hash) through the popup response, so it is refused."""
        try:
            field = self.opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        if field.primary_key:
            return True
        if any(m2m.m2m_target_field_name() == to_field for m2m in self.opts.many_to_many):
            return True
        registered = set()
        for model, model_admin in self.admin_site._registry.items():
            registered.add(model)
            registered.update(inline.model for inline in model_admin.inlines)
        for relation in self.opts.get_fields(include_hidden=True):
            if not relation.auto_created or relation.concrete:
                continue
            remote = relation.field.remote_field
            points_here = hasattr(remote, "get_related_field") and remote.get_related_field() == field
            if points_here and any(issubclass(model, relation.related_model) for model in registered):
                return True
        return False

    @property
    def opts(self) -> Any:
        return self.model._meta

    # ---------------------------------------------------------------- permissions
    def _has_perm(self, request: Any, action: str) -> bool:
        codename = get_permission_codename(action, self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}")

    def has_add_permission(self, request: Any, *args: Any) -> bool:
        return self._has_perm(request, "add")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self._has_perm(request, "change")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return self._has_perm(request, "delete")

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return self._has_perm(request, "view") or self._has_perm(request, "change")

    def has_view_or_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj) or self.has_change_permission(request, obj)

    def has_module_permission(self, request: Any) -> bool:
        return request.user.has_module_perms(self.opts.app_label)
