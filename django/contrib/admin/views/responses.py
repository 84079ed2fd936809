"""Where the admin goes after a save or a delete, with its success message."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def _url(model_admin: Any, view: str, *args: Any) -> str:
    opts = model_admin.opts
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args, current_app=model_admin.admin_site.name
    )


def _with_filters(model_admin: Any, request: Any, url: str) -> str:
    from django.contrib.admin.templatetags.admin_urls import add_preserved_filters

    filters = model_admin.get_preserved_filters(request)
    return (
        add_preserved_filters({"preserved_filters": filters, "opts": model_admin.opts}, url)
        if filters
        else url
    )


def _back_to_list(model_admin: Any, request: Any) -> HttpResponseRedirect:
    """The changelist if the user may see it, else the admin index."""
    if model_admin.has_view_or_change_permission(request):
        return HttpResponseRedirect(_with_filters(model_admin, request, _url(model_admin, "changelist")))
    return HttpResponseRedirect(reverse("admin:index", current_app=model_admin.admin_site.name))


def _obj_link(model_admin: Any, request: Any, obj: Any) -> Any:
    from django.contrib.admin.utils import quote

    if model_admin.has_change_permission(request, obj):
        return format_html('<a href="{}">{}</a>', _url(model_admin, "change", quote(obj.pk)), obj)
    return str(obj)


def popup_response(model_admin: Any, request: Any, obj: Any, action: str) -> Any:
    """The page a related-object popup ends on: it hands the new choice back to the opener."""
    import json

    from django.contrib.admin.constants import TO_FIELD_VAR
    from django.template.response import TemplateResponse

    to_field = request.POST.get(TO_FIELD_VAR)
    value = getattr(obj, to_field) if to_field else obj.pk
    data = {"action": action, "value": str(value), "obj": str(obj)}
    opts = model_admin.opts
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(
        request,
        model_admin.popup_response_template
        or [f"admin/{opts.app_label}/{opts.model_name}/popup_response.html", "admin/popup_response.html"],
        {"popup_response_data": json.dumps(data)},
    )


def response_add(model_admin: Any, request: Any, obj: Any, post_url_continue: str | None = None) -> Any:
    """After an add: back to the list, or to the new object (_continue), or a blank form (_addanother)."""
    from django.contrib.admin.constants import IS_POPUP_VAR
    from django.contrib.admin.utils import quote

    if IS_POPUP_VAR in request.POST:
        return popup_response(model_admin, request, obj, "add")

    params = {"name": model_admin.opts.verbose_name, "obj": _obj_link(model_admin, request, obj)}
    if "_continue" in request.POST or ("_saveasnew" in request.POST and model_admin.save_as_continue):
        model_admin.message_user(
            request,
            format_html(
                _("The {name} “{obj}” was added successfully. You may edit it again below."), **params
            ),
            "success",
        )
        url = post_url_continue or _url(model_admin, "change", quote(obj.pk))
        return HttpResponseRedirect(_with_filters(model_admin, request, url))
    if "_addanother" in request.POST:
        model_admin.message_user(
            request,
            format_html(
                _("The {name} “{obj}” was added successfully. You may add another {name} below."), **params
            ),
            "success",
        )
        return HttpResponseRedirect(_with_filters(model_admin, request, request.path))
    model_admin.message_user(
        request, format_html(_("The {name} “{obj}” was added successfully."), **params), "success"
    )
    return _back_to_list(model_admin, request)


def response_change(model_admin: Any, request: Any, obj: Any) -> Any:
    """After a change: back to the list, stay (_continue), save as new, or add another."""
    from django.contrib.admin.constants import IS_POPUP_VAR
    from django.contrib.admin.utils import quote

    if IS_POPUP_VAR in request.POST:
        return popup_response(model_admin, request, obj, "change")

    params = {"name": model_admin.opts.verbose_name, "obj": _obj_link(model_admin, request, obj)}
    if "_continue" in request.POST:
        model_admin.message_user(
            request,
            format_html(
                _("The {name} “{obj}” was changed successfully. You may edit it again below."), **params
            ),
            "success",
        )
        return HttpResponseRedirect(_with_filters(model_admin, request, request.path))
    if "_saveasnew" in request.POST:
        model_admin.message_user(
            request,
            format_html(
                _("The {name} “{obj}” was added successfully. You may edit it again below."), **params
            ),
            "success",
        )
        return HttpResponseRedirect(
            _with_filters(model_admin, request, _url(model_admin, "change", quote(obj.pk)))
        )
    if "_addanother" in request.POST:
        model_admin.message_user(
            request,
            format_html(
                _("The {name} “{obj}” was changed successfully. You may add another {name} below."), **params
            ),
            "success",
        )
        return HttpResponseRedirect(_with_filters(model_admin, request, _url(model_admin, "add")))
    model_admin.message_user(
        request, format_html(_("The {name} “{obj}” was changed successfully."), **params), "success"
    )
    return _back_to_list(model_admin, request)


def response_delete(model_admin: Any, request: Any, obj_display: str, obj_id: Any) -> HttpResponseRedirect:
    model_admin.message_user(
        request,
        _("The %(name)s “%(obj)s” was deleted successfully.")
        % {"name": model_admin.opts.verbose_name, "obj": obj_display},
        "success",
    )
    return _back_to_list(model_admin, request)
