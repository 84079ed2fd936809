"""The built-in "delete selected objects" action."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.decorators import action
from django.utils.translation import gettext_lazy


@action(permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s"))
def delete_selected(modeladmin: Any, request: Any, queryset: Any) -> Any:
    """Ask for confirmation, then delete the selected objects (with their history entries)."""
    from django.contrib.admin.views.pages import delete_selected_view

    return delete_selected_view(modeladmin, request, queryset)
