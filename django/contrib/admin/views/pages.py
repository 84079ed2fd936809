"""The ModelAdmin pages: changelist (with actions), delete confirmation, history, and the
confirmation of the delete_selected action. The add/change form lives in views/changeform.py."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.views.changeform import changeform_view, render_change_form
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = [
    "changeform_view",
    "changelist_view",
    "delete_selected_view",
    "delete_view",
    "history_view",
    "render_change_form",
]


def _templates(model_admin: Any, custom: Any, name: str) -> Any:
    opts = model_admin.opts
    return custom or [
        f"admin/{opts.app_label}/{opts.model_name}/{name}",
        f"admin/{opts.app_label}/{name}",
        f"admin/{name}",
    ]


def _render(model_admin: Any, request: Any, template: Any, context: dict) -> TemplateResponse:
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, template, context)


def _base_context(model_admin: Any, request: Any) -> dict:
    opts = model_admin.opts
    return {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "app_label": opts.app_label,
        "module_name": str(opts.verbose_name_plural),
        "preserved_filters": model_admin.get_preserved_filters(request),
    }


def _changelist_url(model_admin: Any, request: Any) -> str:
    from django.urls import reverse

    opts = model_admin.opts
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=model_admin.admin_site.name
    )
    filters = model_admin.get_preserved_filters(request)
    if filters:
        from django.contrib.admin.templatetags.admin_urls import add_preserved_filters

        url = add_preserved_filters({"preserved_filters": filters, "opts": opts}, url)
    return url


# ---------------------------------------------------------------- changelist
def changelist_view(model_admin: Any, request: Any, extra_context: dict | None = None) -> Any:
    """The list of objects: search, filters, ordering, pagination, and the actions POST."""
    from django.contrib.admin.exceptions import IncorrectLookupParameters
    from django.contrib.admin.views.main import ERROR_FLAG

    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    try:
        cl = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        # Unknown or malformed filter parameters: show the unfiltered list with an error flag.
        if ERROR_FLAG in request.GET:
            return SimpleTemplateResponse("admin/invalid_setup.html", {"title": _("Database error")})
        return HttpResponseRedirect(request.path + "?" + ERROR_FLAG + "=1")

    actions = model_admin.get_actions(request)
    if actions and request.method == "POST" and "action" in request.POST and "_save" not in request.POST:
        response = model_admin.response_action(request, queryset=cl.get_queryset(request))
        return response or HttpResponseRedirect(request.get_full_path())
    cl.formset = None
    if cl.list_editable and model_admin.has_change_permission(request):
        saved = _list_editable(model_admin, request, cl)
        if saved is not None:
            return saved

    count = cl.result_count
    selection_note = ngettext("%(total_count)s selected", "All %(total_count)s selected", count) % {
        "total_count": count
    }
    context = {
        **_base_context(model_admin, request),
        "module_name": str(model_admin.opts.verbose_name_plural),
        "selection_note": _("0 of %(cnt)s selected") % {"cnt": len(cl.result_list)},
        "selection_note_all": selection_note,
        "title": cl.title,
        "subtitle": None,
        "is_popup": cl.is_popup,
        "to_field": cl.to_field,
        "cl": cl,
        "media": model_admin.media + cl.formset.media if cl.formset else model_admin.media,
        "has_add_permission": model_admin.has_add_permission(request),
        "action_choices": model_admin.get_action_choices(request) if actions else None,
        "actions_on_top": model_admin.actions_on_top,
        "actions_on_bottom": model_admin.actions_on_bottom,
        "actions_selection_counter": model_admin.actions_selection_counter,
        **(extra_context or {}),
    }
    return _render(
        model_admin,
        request,
        _templates(model_admin, model_admin.change_list_template, "change_list.html"),
        context,
    )


def _list_editable(model_admin: Any, request: Any, cl: Any) -> Any:
    """Bind the list_editable formset; on a valid ``_save`` POST, save and log the changed rows."""
    from django.db import router, transaction

    formset_class = model_admin.get_changelist_formset(request)
    pks = [obj.pk for obj in cl.result_list]
    queryset = model_admin.model._default_manager.filter(pk__in=pks).order_by(*cl.queryset.query.order_by)
    if request.method == "POST" and "_save" in request.POST:
        cl.formset = formset_class(request.POST, request.FILES, queryset=queryset)
        if cl.formset.is_valid():
            changed = 0
            with transaction.atomic(using=router.db_for_write(model_admin.model)):
                for form in cl.formset.forms:
                    if form.has_changed():
                        obj = model_admin.save_form(request, form, change=True)
                        model_admin.save_model(request, obj, form, change=True)
                        model_admin.save_related(request, form, formsets=[], change=True)
                        model_admin.log_change(
                            request, obj, model_admin.construct_change_message(request, form, None)
                        )
                        changed += 1
            if changed:
                name = model_admin.opts.verbose_name if changed == 1 else model_admin.opts.verbose_name_plural
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)s %(name)s was changed successfully.",
                        "%(count)s %(name)s were changed successfully.",
                        changed,
                    )
                    % {"count": changed, "name": name},
                    "success",
                )
            return HttpResponseRedirect(request.get_full_path())
        return None
    cl.formset = formset_class(queryset=queryset)
    return None


def response_action(model_admin: Any, request: Any, queryset: Any) -> Any:
    """Run the action named in POST on the selected objects; None when nothing ran."""
    from django.contrib.admin import helpers

    data = request.POST
    name = data.get("action", "")
    actions = model_admin.get_actions(request)
    if name not in actions:
        model_admin.message_user(request, _("No action selected."), "warning")
        return None
    func = actions[name][0]
    selected = data.getlist(helpers.ACTION_CHECKBOX_NAME)
    if not selected and data.get("select_across") != "1":
        model_admin.message_user(
            request,
            _("Items must be selected in order to perform actions on them. No items have been changed."),
            "warning",
        )
        return None
    if data.get("select_across") != "1":
        queryset = queryset.filter(pk__in=selected)
    response = func(request, queryset) if hasattr(func, "func") else func(model_admin, request, queryset)
    if response is not None and hasattr(response, "status_code"):
        return response
    return HttpResponseRedirect(request.get_full_path())


def checked_to_field(model_admin: Any, request: Any) -> str | None:
    """The request's ``_to_field``, refused (400) unless to_field_allowed() says yes."""
    from django.contrib.admin.constants import TO_FIELD_VAR
    from django.contrib.admin.exceptions import DisallowedModelAdminToField

    to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
    if to_field and not model_admin.to_field_allowed(request, to_field):
        raise DisallowedModelAdminToField(f"The field {to_field} cannot be referenced.")
    return to_field


# ---------------------------------------------------------------- delete
def delete_view(model_admin: Any, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
    """Confirm, then delete one object (logging the deletion first)."""
    from django.db import router, transaction

    to_field = checked_to_field(model_admin, request)
    obj = model_admin.get_object(request, object_id, to_field)
    if obj is None:
        return _missing_object_redirect(model_admin, request, object_id)
    if not model_admin.has_delete_permission(request, obj):
        raise PermissionDenied
    deleted_objects, model_count, perms_needed, protected = model_admin.get_deleted_objects([obj], request)
    if request.method == "POST" and not protected:
        if perms_needed:
            raise PermissionDenied
        obj_display = str(obj)
        obj_id = obj.pk
        with transaction.atomic(using=router.db_for_write(model_admin.model)):
            model_admin.log_deletions(request, [obj])
            model_admin.delete_model(request, obj)
        return model_admin.response_delete(request, obj_display, obj_id)
    opts = model_admin.opts
    title = _("Cannot delete %(name)s") if perms_needed or protected else _("Delete")
    context = {
        **_base_context(model_admin, request),
        "title": title % {"name": opts.verbose_name} if "%" in title else title,
        "subtitle": None,
        "object_name": str(opts.verbose_name),
        "object": obj,
        "deleted_objects": deleted_objects,
        "model_count": [(capfirst(str(k)), v) for k, v in model_count.items()],
        "perms_lacking": perms_needed,
        "protected": protected,
        "to_field": to_field,
        "is_popup": False,
        **(extra_context or {}),
    }
    return _render(
        model_admin,
        request,
        _templates(model_admin, model_admin.delete_confirmation_template, "delete_confirmation.html"),
        context,
    )


def delete_selected_view(model_admin: Any, request: Any, queryset: Any) -> Any:
    """The delete_selected action: a confirmation page, then (on ``post=yes``) the deletion."""
    from django.contrib.admin import helpers
    from django.contrib.admin.utils import model_ngettext

    opts = model_admin.opts
    deletable, model_count, perms_needed, protected = model_admin.get_deleted_objects(queryset, request)
    if request.POST.get("post") and not protected:
        if perms_needed:
            raise PermissionDenied
        count = queryset.count()
        if count:
            model_admin.log_deletions(request, queryset)
            model_admin.delete_queryset(request, queryset)
            model_admin.message_user(
                request,
                _("Successfully deleted %(count)d %(items)s.")
                % {"count": count, "items": model_ngettext(opts, count)},
                "success",
            )
        return None
    objects_name = model_ngettext(queryset)
    title = (
        _("Cannot delete %(name)s") % {"name": objects_name}
        if perms_needed or protected
        else _("Delete multiple objects")
    )
    context = {
        **_base_context(model_admin, request),
        "title": title,
        "subtitle": None,
        "objects_name": str(objects_name),
        "deletable_objects": deletable,
        "model_count": [(capfirst(str(k)), v) for k, v in model_count.items()],
        "queryset": queryset,
        "perms_lacking": perms_needed,
        "protected": protected,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return _render(
        model_admin,
        request,
        _templates(
            model_admin,
            model_admin.delete_selected_confirmation_template,
            "delete_selected_confirmation.html",
        ),
        context,
    )


def _missing_object_redirect(model_admin: Any, request: Any, object_id: str | None) -> Any:
    from django.urls import reverse

    opts = model_admin.opts
    model_admin.message_user(
        request,
        _("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?")
        % {"name": opts.verbose_name, "key": object_id},
        "warning",
    )
    return HttpResponseRedirect(reverse("admin:index", current_app=model_admin.admin_site.name))


# ---------------------------------------------------------------- history
def history_view(model_admin: Any, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
    """The LogEntry rows of one object, oldest first, paginated by 100."""
    from django.contrib.admin.base_options import get_content_type_for_model
    from django.contrib.admin.models import LogEntry
    from django.contrib.admin.views.main import PAGE_VAR

    obj = model_admin.get_object(request, object_id)
    if obj is None:
        return _missing_object_redirect(model_admin, request, object_id)
    if not model_admin.has_view_or_change_permission(request, obj):
        raise PermissionDenied
    entries = (
        LogEntry.objects.filter(
            object_id=str(obj.pk), content_type=get_content_type_for_model(model_admin.model)
        )
        .select_related()
        .order_by("action_time")
    )
    paginator = model_admin.get_paginator(request, entries, 100)
    page_number = request.GET.get(PAGE_VAR, 1)
    page = paginator.get_page(page_number)
    context = {
        **_base_context(model_admin, request),
        "title": _("Change history: %s") % obj,
        "subtitle": None,
        "action_list": page,
        "page_obj": page,
        "pagination_required": paginator.count > 100,
        "object": obj,
        **(extra_context or {}),
    }
    return _render(
        model_admin,
        request,
        _templates(model_admin, model_admin.object_history_template, "object_history.html"),
        context,
    )
