"""ModelAdmin: how one model appears in the admin (its URLs, changelist options, actions,
change form hooks and history logging).

The pages themselves (changelist, add/change, delete confirmation, history) live in
django.contrib.admin.views and need django.forms; they are imported lazily from here.
"""

from __future__ import annotations

from functools import partial, update_wrapper
from typing import Any

from django.contrib.admin import helpers
from django.contrib.admin.base_options import BaseModelAdmin
from django.contrib.admin.checks import ModelAdminChecks
from django.contrib.admin.constants import IS_POPUP_VAR, ShowFacets
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst


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
        """Filter by every word of search_term in any of search_fields (see admin.search)."""
        from django.contrib.admin.search import search_queryset

        return search_queryset(queryset, self.get_search_fields(request), search_term)

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
