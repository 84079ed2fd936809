"""The add / change form page: the ModelForm, its inline formsets, saving and logging."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def changeform_view(
    model_admin: Any,
    request: Any,
    object_id: str | None,
    form_url: str = "",
    extra_context: dict | None = None,
) -> Any:
    """Add (object_id None) or change one object; saved in one transaction."""
    from django.db import router, transaction

    with transaction.atomic(using=router.db_for_write(model_admin.model)):
        return _changeform(model_admin, request, object_id, form_url, extra_context)


def _changeform(
    model_admin: Any, request: Any, object_id: str | None, form_url: str, extra_context: dict | None
) -> Any:
    from django.contrib.admin import helpers
    from django.contrib.admin.constants import IS_POPUP_VAR
    from django.contrib.admin.views.pages import _missing_object_redirect, checked_to_field

    to_field = checked_to_field(model_admin, request)
    if request.method == "POST" and "_saveasnew" in request.POST:
        object_id = None
    add = object_id is None
    if add:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        obj = None
    else:
        obj = model_admin.get_object(request, object_id, to_field)
        if obj is None:
            return _missing_object_redirect(model_admin, request, object_id)
        if request.method == "POST" and not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        if not model_admin.has_view_or_change_permission(request, obj):
            raise PermissionDenied

    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=not add, fields=helpers.flatten_fieldsets(fieldsets)
    )
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=obj)
        form_validated = form.is_valid()
        new_object = model_admin.save_form(request, form, change=not add) if form_validated else form.instance
        formsets, inline_instances = _create_formsets(model_admin, request, new_object, change=not add)
        from django.forms.formsets import all_valid

        if form_validated and all_valid(formsets):
            model_admin.save_model(request, new_object, form, not add)
            model_admin.save_related(request, form, formsets, not add)
            message = model_admin.construct_change_message(request, form, formsets, add)
            if add:
                model_admin.log_addition(request, new_object, message)
                return model_admin.response_add(request, new_object)
            model_admin.log_change(request, new_object, message)
            return model_admin.response_change(request, new_object)
        form_validated = False
    else:
        if add:
            form = form_class(initial=model_admin.get_changeform_initial_data(request))
            formsets, inline_instances = _create_formsets(model_admin, request, form.instance, change=False)
        else:
            form = form_class(instance=obj)
            formsets, inline_instances = _create_formsets(model_admin, request, obj, change=True)

    readonly = list(model_admin.get_readonly_fields(request, obj))
    if not add and not model_admin.has_change_permission(request, obj):
        readonly = helpers.flatten_fieldsets(fieldsets)
    admin_form = helpers.AdminForm(
        form, list(fieldsets), model_admin.get_prepopulated_fields(request, obj) if add or model_admin.has_change_permission(request, obj) else {},
        readonly, model_admin=model_admin,
    )  # fmt: skip
    inline_formsets = _inline_admin_formsets(model_admin, request, inline_instances, formsets, obj)
    opts = model_admin.opts
    title = (
        _("Add %s")
        if add
        else _("Change %s")
        if model_admin.has_change_permission(request, obj)
        else _("View %s")
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title % opts.verbose_name,
        "subtitle": str(obj) if obj else None,
        "adminform": admin_form,
        "object_id": object_id,
        "original": obj,
        "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
        "to_field": to_field,
        "media": _page_media(model_admin, admin_form, inline_formsets),
        "inline_admin_formsets": inline_formsets,
        "errors": helpers.AdminErrorList(form, formsets),
        "preserved_filters": model_admin.get_preserved_filters(request),
        **(extra_context or {}),
    }
    if request.method == "POST" and not form_validated and "_saveasnew" in request.POST:
        context["show_save"] = False
        context["show_save_and_continue"] = False
        add = False
    return model_admin.render_change_form(
        request, context, add=add, change=not add, obj=obj, form_url=form_url
    )


def _create_formsets(model_admin: Any, request: Any, obj: Any, change: bool) -> tuple[list, list]:
    formsets, inline_instances = [], []
    prefixes: dict[str, int] = {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj if change else None):
        prefix = formset_class.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1:
            prefix = f"{prefix}-{prefixes[prefix]}"
        kwargs: dict[str, Any] = {"instance": obj, "prefix": prefix, "queryset": inline.get_queryset(request)}
        if request.method == "POST":
            kwargs.update(
                data=request.POST.copy(), files=request.FILES, save_as_new="_saveasnew" in request.POST
            )
        formsets.append(formset_class(**kwargs))
        inline_instances.append(inline)
    return formsets, inline_instances


def _inline_admin_formsets(
    model_admin: Any, request: Any, inline_instances: list, formsets: list, obj: Any
) -> list:
    from django.contrib.admin import helpers

    result = []
    for inline, formset in zip(inline_instances, formsets):
        fieldsets = list(inline.get_fieldsets(request, obj))
        has_change = inline.has_change_permission(request, obj)
        result.append(
            helpers.InlineAdminFormSet(
                inline,
                formset,
                fieldsets,
                inline.get_prepopulated_fields(request, obj) if has_change else {},
                inline.get_readonly_fields(request, obj),
                model_admin=model_admin,
                has_add_permission=inline.has_add_permission(request, obj),
                has_change_permission=has_change,
                has_delete_permission=inline.has_delete_permission(request, obj),
                has_view_permission=inline.has_view_permission(request, obj),
            )
        )
    return result


def render_change_form(
    model_admin: Any, request: Any, context: dict, add: bool, change: bool, form_url: str, obj: Any
) -> TemplateResponse:
    """Fill in the permissions and buttons of the change form and render it."""
    opts = model_admin.opts
    app_label = opts.app_label
    has_change = model_admin.has_change_permission(request, obj) if change else True
    has_add = model_admin.has_add_permission(request)
    has_delete = model_admin.has_delete_permission(request, obj) if change else False
    has_editable_inline = any(
        f.has_add_permission or f.has_change_permission or f.has_delete_permission
        for f in context.get("inline_admin_formsets", ())
    )
    can_save = has_change if change else has_add
    absolute_url = model_admin.get_view_on_site_url(obj) if change else None
    context.setdefault("prepopulated_fields_json", _prepopulated_config(context["adminform"]))
    context.update(
        {
            "add": add,
            "change": change,
            "has_view_permission": model_admin.has_view_permission(request, obj),
            "has_add_permission": has_add,
            "has_change_permission": has_change,
            "has_delete_permission": has_delete,
            "has_editable_inline_admin_formsets": has_editable_inline,
            "has_file_field": context["adminform"].form.is_multipart()
            or any(f.formset.is_multipart() for f in context.get("inline_admin_formsets", ())),
            "has_absolute_url": absolute_url is not None,
            "absolute_url": absolute_url,
            "form_url": form_url,
            "opts": opts,
            "app_label": app_label,
            "save_as": model_admin.save_as,
            "save_on_top": model_admin.save_on_top,
            "show_delete_link": change and has_delete,
            "show_save": context.get("show_save", can_save),
            "show_save_and_continue": context.get("show_save_and_continue", can_save),
            "show_save_and_add_another": has_add and can_save and not context.get("is_popup"),
            "show_save_as_new": change and model_admin.save_as and has_add,
            "show_close": not can_save,
        }
    )
    templates = model_admin.add_form_template if add else model_admin.change_form_template
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(
        request,
        templates
        or [
            f"admin/{app_label}/{opts.model_name}/change_form.html",
            f"admin/{app_label}/change_form.html",
            "admin/change_form.html",
        ],
        context,
    )


def _page_media(model_admin: Any, admin_form: Any, inline_formsets: list) -> Any:
    """The ModelAdmin's own Media plus what the form's and the inlines' widgets need."""
    media = model_admin.media + admin_form.media
    for inline_formset in inline_formsets:
        media = media + inline_formset.media
    return media


def _prepopulated_config(admin_form: Any) -> list[dict]:
    """What admin.js needs to fill each prepopulated field (a slug) from its source fields."""
    config = []
    for item in admin_form.prepopulated_fields:
        field = item["field"]
        config.append(
            {
                "id": f"#{field.auto_id}",
                "name": field.name,
                "dependency_ids": [f"#{dependency.auto_id}" for dependency in item["dependencies"]],
                "maxLength": getattr(field.field, "max_length", None) or 50,
                "allowUnicode": bool(getattr(field.field, "allow_unicode", False)),
            }
        )
    return config
