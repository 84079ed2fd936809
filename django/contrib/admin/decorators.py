"""@admin.register, @admin.display and @admin.action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def action(function: Callable | None = None, *, permissions: Any = None, description: Any = None) -> Any:
    """Mark a function as an admin action with its permissions and description."""

    def decorator(func: Callable) -> Callable:
        if permissions is not None:
            func.allowed_permissions = permissions  # type: ignore[attr-defined]
        if description is not None:
            func.short_description = description  # type: ignore[attr-defined]
        return func

    return decorator if function is None else decorator(function)


def display(
    function: Callable | None = None,
    *,
    boolean: bool | None = None,
    ordering: Any = None,
    description: Any = None,
    empty_value: Any = None,
) -> Any:
    """Set the list_display attributes (boolean, admin_order_field, short_description, empty_value_display)."""

    def decorator(func: Callable) -> Callable:
        if boolean is not None and empty_value is not None:
            raise ValueError(
                "The boolean and empty_value arguments to the @display decorator are mutually exclusive."
            )
        if boolean is not None:
            func.boolean = boolean  # type: ignore[attr-defined]
        if ordering is not None:
            func.admin_order_field = ordering  # type: ignore[attr-defined]
        if description is not None:
            func.short_description = description  # type: ignore[attr-defined]
        if empty_value is not None:
            func.empty_value_display = empty_value  # type: ignore[attr-defined]
        return func

    return decorator if function is None else decorator(function)


def register(*models: Any, site: Any = None) -> Callable:
    """Register the decorated ModelAdmin for the models (on ``site`` or the default site)."""
    from django.contrib.admin import ModelAdmin
    from django.contrib.admin.sites import AdminSite
    from django.contrib.admin.sites import site as default_site

    def _model_admin_wrapper(admin_class: Any) -> Any:
        if not models:
            raise ValueError("At least one model must be passed to register.")
        admin_site = site or default_site
        if not isinstance(admin_site, AdminSite):
            raise ValueError("site must subclass AdminSite")
        if not issubclass(admin_class, ModelAdmin):
            raise ValueError("Wrapped class must subclass ModelAdmin.")
        admin_site.register(models, admin_class=admin_class)
        return admin_class

    return _model_admin_wrapper
