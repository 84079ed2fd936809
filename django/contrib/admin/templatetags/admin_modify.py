"""Tags of the change form: the row of submit buttons and the fieldset column counter."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("admin/submit_line.html", takes_context=True)
def submit_row(context: Any) -> dict:
    """Which save / delete buttons the change form shows, from the permissions in the context."""
    keys = (
        "show_save", "show_save_and_continue", "show_save_and_add_another", "show_save_as_new",
        "show_delete_link", "show_close", "is_popup", "add", "change", "opts", "original",
        "preserved_filters", "has_delete_permission",
    )  # fmt: skip
    row = {key: context.get(key) for key in keys}
    row["can_change"] = context.get("has_change_permission")
    return row


@register.filter
def cell_count(inline_admin_form: Any) -> int:
    """Columns of one tabular inline row: the fields plus the original/delete cells."""
    count = 1
    for fieldset in inline_admin_form:
        for line in fieldset:
            for _field in line:
                count += 1
    if inline_admin_form.formset.can_delete:
        count += 1
    return count
