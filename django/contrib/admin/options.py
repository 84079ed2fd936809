"""ModelAdmin and the inlines: options, permissions, querysets, search, URLs and history logging.

The form-based pages (changelist, add/change, delete confirmation, history) live in
django.contrib.admin.views and need django.forms; they are imported lazily from here.
"""

from __future__ import annotations

import operator
from functools import partial, reduce, update_wrapper
from typing import TYPE_CHECKING, Any

from django.contrib.admin import helpers
from django.contrib.admin.checks import BaseModelAdminChecks, InlineModelAdminChecks, ModelAdminChecks
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import capfirst, smart_split, unescape_string_literal

IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"
IS_FACETS_VAR = "_facets"
HORIZONTAL, VERTICAL = 1, 2


def get_content_type_for_model(obj: Any) -> Any:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def get_ul_class(radio_style: int) -> str:
    return "radiolist" if radio_style == VERTICAL else "radiolist inline"


class IncorrectLookupParameters(Exception):
    pass


class ShowFacets:
    ALWAYS = "ALWAYS"
    ALLOW = "ALLOW"
    NEVER = "NEVER"


class BaseModelAdmin:
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


class ModelAdmin(BaseModelAdmin):
    """How one model appears in the admin."""

    list_display: Any = ("__str__",)
    list_display_links: Any = ()
    list_filter: Any = ()
    list_select_related: Any = False
    list_per_page = 100
    list_max_show_all = 200
    list_editable: Any = ()
    search_fields: Any = ()
    search_help_text: Any = None
    date_hierarchy: Any = None
    save_as = False
    save_as_continue = True
    save_on_top = False
    paginator: Any = None
    preserve_filters = True
    show_facets = ShowFacets.ALLOW
    inlines: Any = ()
    add_form_template: Any = None
    change_form_template: Any = None
    change_list_template: Any = None
    delete_confirmation_template: Any = None
    delete_selected_confirmation_template: Any = None
    object_history_template: Any = None
    popup_response_template: Any = None
    actions: Any = ()
    action_form: Any = None
    actions_on_top = True
    actions_on_bottom = False
    actions_selection_counter = True
    checks_class = ModelAdminChecks

    def __init__(self, model: Any, admin_site: Any) -> None:
        self.model = model
        self.admin_site = admin_site
        super().__init__()

    def __str__(self) -> str:
        return f"{self.opts.app_label}.{self.__class__.__name__}"

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: model={self.model.__qualname__} site={self.admin_site!r}>"

    def get_inline_instances(self, request: Any, obj: Any = None) -> list:
        instances = []
        for inline_class in self.get_inlines(request, obj):
            inline = inline_class(self.model, self.admin_site)
            if request and not (
                inline.has_view_or_change_permission(request, obj)
                or inline.has_add_permission(request, obj)
                or inline.has_delete_permission(request, obj)
            ):
                continue
            if request and not inline.has_add_permission(request, obj):
                inline.max_num = 0
            instances.append(inline)
        return instances

    def get_inlines(self, request: Any, obj: Any) -> Any:
        return self.inlines

    # ---------------------------------------------------------------- urls
    def get_urls(self) -> list:
        from django.urls import path

        def wrap(view: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                return self.admin_site.admin_view(view)(*args, **kwargs)

            wrapper.model_admin = self  # type: ignore[attr-defined]
            return update_wrapper(wrapper, view)

        info = self.opts.app_label, self.opts.model_name
        return [
            path("", wrap(self.changelist_view), name="%s_%s_changelist" % info),
            path("add/", wrap(self.add_view), name="%s_%s_add" % info),
            path("<path:object_id>/history/", wrap(self.history_view), name="%s_%s_history" % info),
            path("<path:object_id>/delete/", wrap(self.delete_view), name="%s_%s_delete" % info),
            path("<path:object_id>/change/", wrap(self.change_view), name="%s_%s_change" % info),
            path("<path:object_id>/", wrap(self._redirect_to_change), name="%s_%s_legacy" % info),
        ]

    @property
    def urls(self) -> list:
        return self.get_urls()

    def _redirect_to_change(self, request: Any, object_id: str) -> Any:
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(
            reverse("admin:%s_%s_change" % info, args=(object_id,), current_app=self.admin_site.name)
        )

    # ---------------------------------------------------------------- list options
    def get_model_perms(self, request: Any) -> dict:
        return {
            "add": self.has_add_permission(request),
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
            "view": self.has_view_permission(request),
        }

    def get_list_display(self, request: Any) -> Any:
        return self.list_display

    def get_list_display_links(self, request: Any, list_display: Any) -> Any:
        if self.list_display_links or self.list_display_links is None or not list_display:
            return self.list_display_links
        return list(list_display)[:1]

    def get_list_filter(self, request: Any) -> Any:
        return self.list_filter

    def get_list_select_related(self, request: Any) -> Any:
        return self.list_select_related

    def get_search_fields(self, request: Any) -> Any:
        return self.search_fields

    def get_search_results(self, request: Any, queryset: Any, search_term: str) -> tuple[Any, bool]:
        """Filter by every word of search_term in any of search_fields (^ = starts, = exact, @ search)."""

        def construct_search(field_name: str) -> str:
            if field_name.startswith("^"):
                return f"{field_name[1:]}__istartswith"
            if field_name.startswith("="):
                return f"{field_name[1:]}__iexact"
            if field_name.startswith("@"):
                return f"{field_name[1:]}__search"
            opts = queryset.model._meta
            lookup_fields = field_name.split(LOOKUP_SEP)
            prev_field = None
            for path_part in lookup_fields:
                if path_part == "pk":
                    path_part = opts.pk.name
                try:
                    field = opts.get_field(path_part)
                except FieldDoesNotExist:
                    if prev_field and prev_field.get_lookup(path_part):
                        return field_name
                else:
                    prev_field = field
                    if hasattr(field, "path_infos"):
                        opts = field.path_infos[-1].to_opts
            return f"{field_name}__icontains"

        may_have_duplicates = False
        search_fields = self.get_search_fields(request)
        if search_fields and search_term:
            orm_lookups = [construct_search(str(search_field)) for search_field in search_fields]
            term_queries = []
            for bit in smart_split(search_term):
                if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                    bit = unescape_string_literal(bit)
                or_queries = models.Q.create([(lookup, bit) for lookup in orm_lookups], connector=models.Q.OR)
                term_queries.append(or_queries)
            queryset = queryset.filter(reduce(operator.and_, term_queries))
            may_have_duplicates = any("__" in lookup.rsplit("__", 1)[0] for lookup in orm_lookups)
        return queryset, may_have_duplicates

    def _all_actions(self) -> dict:
        """{name: (function, name, description)} for the site's actions and this admin's."""
        actions = {}
        for name, func in self.admin_site.actions:
            actions[name] = (func, name, self._action_description(func, name))
        for action in self.actions or ():
            func = action if callable(action) else getattr(self.__class__, action)
            name = getattr(func, "__name__", str(action))
            bound = func if callable(action) else partial(func, self)
            actions[name] = (bound, name, self._action_description(func, name))
        return actions

    @staticmethod
    def _action_description(func: Any, name: str) -> Any:
        return getattr(func, "short_description", capfirst(name.replace("_", " ")))

    def get_actions(self, request: Any) -> dict:
        """The actions the user may run here (none in a popup or when ``actions = None``)."""
        if self.actions is None or IS_POPUP_VAR in request.GET or IS_POPUP_VAR in request.POST:
            return {}
        allowed = {}
        for name, (func, _name, description) in self._all_actions().items():
            target = func.func if isinstance(func, partial) else func
            perms = getattr(target, "allowed_permissions", ())
            if all(getattr(self, f"has_{perm}_permission")(request) for perm in perms):
                allowed[name] = (func, name, description)
        return allowed

    def get_action(self, action: Any) -> Any:
        return self._all_actions().get(action)

    # ---------------------------------------------------------------- changelist machinery
    def get_changelist(self, request: Any, **kwargs: Any) -> Any:
        from django.contrib.admin.views.main import ChangeList

        return ChangeList

    def get_changelist_instance(self, request: Any) -> Any:
        list_display = list(self.get_list_display(request))
        list_display_links = self.get_list_display_links(request, list_display)
        if self.get_actions(request):
            list_display = ["action_checkbox", *list_display]
        changelist = self.get_changelist(request)
        return changelist(
            request,
            self.model,
            list_display,
            list_display_links,
            self.get_list_filter(request),
            self.date_hierarchy,
            self.get_search_fields(request),
            self.get_list_select_related(request),
            self.list_per_page,
            self.list_max_show_all,
            self.list_editable,
            self,
            self.get_sortable_by(request),
            self.search_help_text,
        )

    def get_changelist_formset(self, request: Any, **kwargs: Any) -> Any:
        """The model formset that edits the list_editable columns of the changelist rows."""
        from django.forms.models import modelformset_factory

        return modelformset_factory(
            self.model,
            self.get_changelist_form(request),
            extra=0,
            fields=self.list_editable,
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        )

    def get_changelist_form(self, request: Any, **kwargs: Any) -> Any:
        from django.forms.models import modelform_factory

        return modelform_factory(
            self.model,
            fields=self.list_editable,
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        )

    def get_paginator(
        self,
        request: Any,
        queryset: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> Any:
        from django.core.paginator import Paginator

        return (self.paginator or Paginator)(queryset, per_page, orphans, allow_empty_first_page)

    def get_preserved_filters(self, request: Any) -> str:
        """The changelist's query string, to carry from the change form back to the list."""
        from django.urls import Resolver404, resolve
        from django.utils.http import urlencode

        if not self.preserve_filters:
            return ""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ""
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        if match.url_name == f"{info}_changelist":
            filters = request.GET.urlencode()
        else:
            filters = request.GET.get("_changelist_filters", "")
        return urlencode({"_changelist_filters": filters}) if filters else ""

    def action_checkbox(self, obj: Any) -> Any:
        from django.utils.html import format_html

        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            f"Select this object for an action - {obj}",
        )

    action_checkbox.short_description = "action"  # type: ignore[attr-defined]

    def response_action(self, request: Any, queryset: Any) -> Any:
        from django.contrib.admin.views.pages import response_action

        return response_action(self, request, queryset)

    def get_action_choices(self, request: Any, default_choices: Any = (("", "---------"),)) -> list:
        choices = list(default_choices)
        for _func, name, description in self.get_actions(request).values():
            text = str(description) % {
                "verbose_name": self.opts.verbose_name,
                "verbose_name_plural": self.opts.verbose_name_plural,
            }
            choices.append((name, text))
        return choices

    # ---------------------------------------------------------------- the change form
    def get_object(self, request: Any, object_id: str, from_field: str | None = None) -> Any:
        from django.contrib.admin.utils import unquote
        from django.core.exceptions import ValidationError

        queryset = self.get_queryset(request)
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            value = field.to_python(unquote(object_id))
            return queryset.get(**{field.name: value})
        except (self.model.DoesNotExist, ValidationError, ValueError, TypeError):
            return None

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        """A ModelForm class for the change form (fields minus readonly ones)."""
        from django.forms.models import modelform_factory

        fields = kwargs.pop("fields", None) or helpers.flatten_fieldsets(self.get_fieldsets(request, obj))
        readonly = list(self.get_readonly_fields(request, obj))
        exclude = list(self.get_exclude(request, obj) or []) + readonly
        form = self.form or self._default_form()
        if getattr(form, "_meta", None) and form._meta.exclude and self.exclude is None:
            exclude.extend(form._meta.exclude)
        fields = [f for f in fields if f not in readonly] or None
        return modelform_factory(
            self.model,
            form=form,
            fields=fields,
            exclude=exclude or None,
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        )

    @staticmethod
    def _default_form() -> Any:
        from django.forms import ModelForm

        return ModelForm

    def get_formsets_with_inlines(self, request: Any, obj: Any = None) -> Any:
        for inline in self.get_inline_instances(request, obj):
            yield inline.get_formset(request, obj), inline

    def get_changeform_initial_data(self, request: Any) -> dict:
        initial = dict(request.GET.items())
        for key in list(initial):
            try:
                field = self.opts.get_field(key)
            except FieldDoesNotExist:
                continue
            if field.many_to_many:
                initial[key] = initial[key].split(",")
        return initial

    def save_form(self, request: Any, form: Any, change: bool) -> Any:
        return form.save(commit=False)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.save()

    def delete_model(self, request: Any, obj: Any) -> None:
        obj.delete()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        queryset.delete()

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        formset.save()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def construct_change_message(self, request: Any, form: Any, formsets: Any, add: bool = False) -> list:
        from django.contrib.admin.utils import construct_change_message

        return construct_change_message(form, formsets, add)

    def get_deleted_objects(self, objs: Any, request: Any) -> tuple:
        from django.contrib.admin.utils import get_deleted_objects

        return get_deleted_objects(objs, request, self.admin_site)

    def response_add(self, request: Any, obj: Any, post_url_continue: str | None = None) -> Any:
        from django.contrib.admin.views.responses import response_add

        return response_add(self, request, obj, post_url_continue)

    def response_change(self, request: Any, obj: Any) -> Any:
        from django.contrib.admin.views.responses import response_change

        return response_change(self, request, obj)

    def response_delete(self, request: Any, obj_display: str, obj_id: Any) -> Any:
        from django.contrib.admin.views.responses import response_delete

        return response_delete(self, request, obj_display, obj_id)

    def render_change_form(
        self,
        request: Any,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        from django.contrib.admin.views.pages import render_change_form

        return render_change_form(self, request, context, add, change, form_url, obj)

    # ---------------------------------------------------------------- history
    def log_addition(self, request: Any, obj: Any, message: Any) -> Any:
        from django.contrib.admin.models import ADDITION, LogEntry

        return LogEntry.objects.log_actions(
            request.user.pk, [obj], ADDITION, change_message=message, single_object=True
        )

    def log_change(self, request: Any, obj: Any, message: Any) -> Any:
        from django.contrib.admin.models import CHANGE, LogEntry

        return LogEntry.objects.log_actions(
            request.user.pk, [obj], CHANGE, change_message=message, single_object=True
        )

    def log_deletions(self, request: Any, queryset: Any) -> Any:
        from django.contrib.admin.models import DELETION, LogEntry

        return LogEntry.objects.log_actions(request.user.pk, queryset, DELETION)

    def message_user(
        self,
        request: Any,
        message: Any,
        level: int | None = None,
        extra_tags: str = "",
        fail_silently: bool = False,
    ) -> None:
        from django.contrib import messages

        if not isinstance(level, int) and level is not None:
            try:
                level = getattr(messages.constants, level.upper())
            except AttributeError:
                levels = messages.constants.DEFAULT_TAGS.values()
                raise ValueError(
                    "Bad message level string: `%s`. Possible values are: %s"
                    % (level, ", ".join("`%s`" % lv for lv in levels))
                )
        messages.add_message(
            request, level or messages.INFO, message, extra_tags=extra_tags, fail_silently=fail_silently
        )

    # ---------------------------------------------------------------- pages
    def changelist_view(self, request: Any, extra_context: dict | None = None) -> Any:
        from django.contrib.admin.views.pages import changelist_view

        return changelist_view(self, request, extra_context)

    def add_view(self, request: Any, form_url: str = "", extra_context: dict | None = None) -> Any:
        from django.contrib.admin.views.pages import changeform_view

        return changeform_view(self, request, None, form_url, extra_context)

    def change_view(
        self, request: Any, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> Any:
        from django.contrib.admin.views.pages import changeform_view

        return changeform_view(self, request, object_id, form_url, extra_context)

    def delete_view(self, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
        from django.contrib.admin.views.pages import delete_view

        return delete_view(self, request, object_id, extra_context)

    def history_view(self, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
        from django.contrib.admin.views.pages import history_view

        return history_view(self, request, object_id, extra_context)


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

    @property
    def media(self) -> Any:
        from django.forms import Media

        return Media()

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
