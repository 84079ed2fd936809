"""System checks of the admin: its dependencies (apps, templates, middleware) and each ModelAdmin."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.module_loading import import_string


def _subclass_in(class_path: str, candidate_paths: list[str]) -> bool:
    cls = import_string(class_path)
    for path in candidate_paths:
        try:
            if issubclass(import_string(path), cls):
                return True
        except (ImportError, TypeError):
            continue
    return False


def check_admin_app(app_configs: Any = None, **kwargs: Any) -> list:
    from django.contrib.admin.sites import all_sites

    if not apps.is_installed("django.contrib.admin"):
        return []
    errors: list = []
    for site in all_sites:
        errors.extend(site.check(app_configs))
    return errors


def check_dependencies(**kwargs: Any) -> list:
    """The apps, template engine, context processors and middleware the admin relies on."""
    from django.contrib.admin.sites import all_sites

    if not apps.is_installed("django.contrib.admin"):
        return []
    errors: list = []
    for app, error_id in (
        ("django.contrib.contenttypes", 401),
        ("django.contrib.auth", 405),
        ("django.contrib.messages", 406),
    ):
        if not apps.is_installed(app):
            errors.append(
                checks.Error(
                    f"'{app}' must be in INSTALLED_APPS in order to use the admin application.",
                    id=f"admin.E{error_id}",
                )
            )
    django_templates = [
        engine
        for engine in settings.TEMPLATES
        if engine.get("BACKEND") == "django.template.backends.django.DjangoTemplates"
    ]
    if not django_templates:
        errors.append(
            checks.Error(
                "A 'django.template.backends.django.DjangoTemplates' instance must be configured in TEMPLATES in order "
                "to use the admin application.",
                id="admin.E403",
            )
        )
    else:
        processors = [
            p for engine in django_templates for p in engine.get("OPTIONS", {}).get("context_processors", [])
        ]
        if "django.contrib.auth.context_processors.auth" not in processors and _uses_model_backend():
            errors.append(
                checks.Error(
                    "'django.contrib.auth.context_processors.auth' must be enabled in DjangoTemplates (TEMPLATES) if "
                    "using the default auth backend in order to use the admin application.",
                    id="admin.E402",
                )
            )
        if "django.contrib.messages.context_processors.messages" not in processors:
            errors.append(
                checks.Error(
                    "'django.contrib.messages.context_processors.messages' must be enabled in DjangoTemplates "
                    "(TEMPLATES) in order to use the admin application.",
                    id="admin.E404",
                )
            )
        sidebar_enabled = any(site.enable_nav_sidebar for site in all_sites)
        if sidebar_enabled and "django.template.context_processors.request" not in processors:
            errors.append(
                checks.Warning(
                    "'django.template.context_processors.request' must be enabled in DjangoTemplates (TEMPLATES) in "
                    "order to use the admin navigation sidebar.",
                    id="admin.W411",
                )
            )
    for path, error_id in (
        ("django.contrib.auth.middleware.AuthenticationMiddleware", 408),
        ("django.contrib.messages.middleware.MessageMiddleware", 409),
        ("django.contrib.sessions.middleware.SessionMiddleware", 410),
    ):
        if not _subclass_in(path, settings.MIDDLEWARE):
            hint = None
            if error_id == 410:
                hint = (
                    "Insert 'django.contrib.sessions.middleware.SessionMiddleware' before "
                    "'django.contrib.auth.middleware.AuthenticationMiddleware'."
                )
            errors.append(
                checks.Error(
                    f"'{path}' must be in MIDDLEWARE in order to use the admin application.",
                    hint=hint,
                    id=f"admin.E{error_id}",
                )
            )
    return errors


def _uses_model_backend() -> bool:
    from django.contrib.auth.backends import ModelBackend

    for backend_path in settings.AUTHENTICATION_BACKENDS:
        try:
            if issubclass(import_string(backend_path), ModelBackend):
                return True
        except ImportError:
            continue
    return False


def _error(msg: str, obj: Any, id_: str) -> list:
    return [checks.Error(msg, obj=obj.__class__, id=id_)]


def _not_a(kind: str, option: str, obj: Any, id_: str) -> list:
    return _error(f"The value of '{option}' must be a {kind}.", obj, id_)


class BaseModelAdminChecks:
    """Checks of options shared by ModelAdmin and inlines."""

    def check(self, admin_obj: Any, **kwargs: Any) -> list:
        return [
            *self._check_fields(admin_obj),
            *self._check_fieldsets(admin_obj),
            *self._check_exclude(admin_obj),
            *self._check_ordering(admin_obj),
            *self._check_readonly_fields(admin_obj),
            *self._check_field_list(admin_obj, "raw_id_fields", "admin.E001", "admin.E002"),
        ]

    def _check_field_list(self, obj: Any, option: str, not_list_id: str, missing_id: str) -> list:
        value = getattr(obj, option)
        if not isinstance(value, (list, tuple)):
            return _not_a("list or tuple", option, obj, not_list_id)
        errors: list = []
        for index, name in enumerate(value):
            try:
                obj.model._meta.get_field(name)
            except FieldDoesNotExist:
                errors += _error(
                    f"The value of '{option}[{index}]' refers to '{name}', which is not a field of "
                    f"'{obj.model._meta.label}'.",
                    obj,
                    missing_id,
                )
        return errors

    def _check_fields(self, obj: Any) -> list:
        if obj.fields is None:
            return []
        if not isinstance(obj.fields, (list, tuple)):
            return _not_a("list or tuple", "fields", obj, "admin.E004")
        if obj.fieldsets:
            return _error("Both 'fieldsets' and 'fields' are specified.", obj, "admin.E005")
        from django.contrib.admin.helpers import flatten

        fields = flatten(obj.fields)
        if len(fields) != len(set(fields)):
            return _error("The value of 'fields' contains duplicate field(s).", obj, "admin.E006")
        return []

    def _check_fieldsets(self, obj: Any) -> list:
        if obj.fieldsets is None:
            return []
        if not isinstance(obj.fieldsets, (list, tuple)):
            return _not_a("list or tuple", "fieldsets", obj, "admin.E007")
        errors: list = []
        seen: list = []
        for index, fieldset in enumerate(obj.fieldsets):
            label = f"fieldsets[{index}]"
            if not isinstance(fieldset, (list, tuple)):
                errors += _not_a("list or tuple", label, obj, "admin.E008")
                continue
            if len(fieldset) != 2:
                errors += _error(f"The value of '{label}' must be of length 2.", obj, "admin.E009")
                continue
            if not isinstance(fieldset[1], dict):
                errors += _not_a("dictionary", f"{label}[1]", obj, "admin.E010")
                continue
            if "fields" not in fieldset[1]:
                errors += _error(
                    f"The value of '{label}[1]' must contain the key 'fields'.", obj, "admin.E011"
                )
                continue
            if not isinstance(fieldset[1]["fields"], (list, tuple)):
                errors += _not_a("list or tuple", f"{label}[1]['fields']", obj, "admin.E008")
                continue
            from django.contrib.admin.helpers import flatten

            seen.extend(flatten(fieldset[1]["fields"]))
        if len(seen) != len(set(seen)):
            errors += _error("There are duplicate field(s) in 'fieldsets[0][1]'.", obj, "admin.E012")
        return errors

    def _check_exclude(self, obj: Any) -> list:
        if obj.exclude is None:
            return []
        if not isinstance(obj.exclude, (list, tuple)):
            return _not_a("list or tuple", "exclude", obj, "admin.E014")
        if len(obj.exclude) > len(set(obj.exclude)):
            return _error("The value of 'exclude' contains duplicate field(s).", obj, "admin.E015")
        return []

    def _check_ordering(self, obj: Any) -> list:
        if obj.ordering is None:
            return []
        if not isinstance(obj.ordering, (list, tuple)):
            return _not_a("list or tuple", "ordering", obj, "admin.E031")
        errors: list = []
        for index, name in enumerate(obj.ordering):
            if not isinstance(name, str) or name == "?" or "__" in name:
                continue
            field_name = name.removeprefix("-")
            if field_name == "pk":
                continue
            try:
                obj.model._meta.get_field(field_name)
            except FieldDoesNotExist:
                errors += _error(
                    f"The value of 'ordering[{index}]' refers to '{field_name}', which is not a field of "
                    f"'{obj.model._meta.label}'.",
                    obj,
                    "admin.E033",
                )
        return errors

    def _check_readonly_fields(self, obj: Any) -> list:
        if not isinstance(obj.readonly_fields, (list, tuple)):
            return _not_a("list or tuple", "readonly_fields", obj, "admin.E034")
        errors: list = []
        for index, name in enumerate(obj.readonly_fields):
            if callable(name) or hasattr(obj, name) or hasattr(obj.model, name):
                continue
            try:
                obj.model._meta.get_field(name)
            except FieldDoesNotExist:
                errors += _error(
                    f"The value of 'readonly_fields[{index}]' refers to '{name}', which is not a callable, an "
                    f"attribute of '{obj.__class__.__name__}', or an attribute of '{obj.model._meta.label}'.",
                    obj,
                    "admin.E035",
                )
        return errors


class ModelAdminChecks(BaseModelAdminChecks):
    def check(self, admin_obj: Any, **kwargs: Any) -> list:
        return [
            *super().check(admin_obj),
            *self._check_list_display(admin_obj),
            *self._check_list_filter(admin_obj),
            *self._check_inlines(admin_obj),
            *self._check_search_fields(admin_obj),
            *self._check_list_per_page(admin_obj),
        ]

    def _check_list_display(self, obj: Any) -> list:
        if not isinstance(obj.list_display, (list, tuple)):
            return _not_a("list or tuple", "list_display", obj, "admin.E107")
        errors: list = []
        for index, item in enumerate(obj.list_display):
            if callable(item) or hasattr(obj, item):
                continue
            try:
                field = obj.model._meta.get_field(item)
            except FieldDoesNotExist:
                if hasattr(obj.model, item) or _is_field_path(obj.model, item):
                    continue
                errors += _error(
                    f"The value of 'list_display[{index}]' refers to '{item}', which is not a callable or attribute "
                    f"of '{obj.__class__.__name__}', or an attribute, method, or field on "
                    f"'{obj.model._meta.label}'.",
                    obj,
                    "admin.E108",
                )
                continue
            if field.many_to_many or field.one_to_many:
                errors += _error(
                    f"The value of 'list_display[{index}]' must not be a many-to-many field or a reverse foreign "
                    "key.",
                    obj,
                    "admin.E109",
                )
        return errors

    def _check_list_filter(self, obj: Any) -> list:
        if not isinstance(obj.list_filter, (list, tuple)):
            return _not_a("list or tuple", "list_filter", obj, "admin.E112")
        errors: list = []
        for index, item in enumerate(obj.list_filter):
            if callable(item) and not isinstance(item, models.Field):
                from django.contrib.admin.filters import ListFilter

                if not (isinstance(item, type) and issubclass(item, ListFilter)):
                    errors += _error(
                        f"The value of 'list_filter[{index}]' must inherit from 'ListFilter'.",
                        obj,
                        "admin.E113",
                    )
                continue
            name = item[0] if isinstance(item, (list, tuple)) else item
            try:
                self._resolve_path(obj.model, name)
            except (FieldDoesNotExist, LookupError):
                errors += _error(
                    f"The value of 'list_filter[{index}]' refers to '{name}', which does not refer to a Field.",
                    obj,
                    "admin.E116",
                )
        return errors

    @staticmethod
    def _resolve_path(model: Any, path: str) -> Any:
        field = None
        opts = model._meta
        for part in path.split("__"):
            field = opts.get_field(part)
            if field.is_relation and field.related_model is not None:
                opts = field.related_model._meta
        return field

    def _check_inlines(self, obj: Any) -> list:
        if not isinstance(obj.inlines, (list, tuple)):
            return _not_a("list or tuple", "inlines", obj, "admin.E103")
        from django.contrib.admin.inlines import InlineModelAdmin

        errors: list = []
        for inline in obj.inlines:
            label = f"{inline.__module__}.{inline.__name__}" if isinstance(inline, type) else repr(inline)
            if not (isinstance(inline, type) and issubclass(inline, InlineModelAdmin)):
                errors += _error(f"'{label}' must inherit from 'InlineModelAdmin'.", obj, "admin.E104")
            elif not inline.model:
                errors += _error(f"'{label}' must have a 'model' attribute.", obj, "admin.E105")
            elif not (isinstance(inline.model, type) and issubclass(inline.model, models.Model)):
                errors += _error(f"The value of '{label}.model' must be a Model.", obj, "admin.E106")
            else:
                errors.extend(inline(obj.model, obj.admin_site).check())
        return errors

    def _check_search_fields(self, obj: Any) -> list:
        if not isinstance(obj.search_fields, (list, tuple)):
            return _not_a("list or tuple", "search_fields", obj, "admin.E126")
        return []

    def _check_list_per_page(self, obj: Any) -> list:
        if not isinstance(obj.list_per_page, int):
            return _not_a("integer", "list_per_page", obj, "admin.E118")
        return []


class InlineModelAdminChecks(BaseModelAdminChecks):
    def check(self, inline_obj: Any, **kwargs: Any) -> list:  # type: ignore[override]  # the checked object is an inline
        return [*super().check(inline_obj), *self._check_relation(inline_obj), *self._check_extra(inline_obj)]

    def _check_relation(self, obj: Any) -> list:
        parent = obj.parent_model
        fks = [
            f
            for f in obj.model._meta.fields
            if f.is_relation and f.many_to_one and f.remote_field.model in (parent, *parent._meta.all_parents)
        ]
        if obj.fk_name:
            fks = [f for f in fks if f.name == obj.fk_name]
            if not fks:
                return [
                    checks.Error(
                        f"fk_name '{obj.fk_name}' is not a ForeignKey to '{parent._meta.label}'.",
                        obj=obj.__class__,
                        id="admin.E202",
                    )
                ]
        if not fks:
            return [
                checks.Error(
                    f"'{obj.model._meta.label}' has no ForeignKey to '{parent._meta.label}'.",
                    obj=obj.__class__,
                    id="admin.E202",
                )
            ]
        if len(fks) > 1:
            return [
                checks.Error(
                    f"'{obj.model._meta.label}' has more than one ForeignKey to '{parent._meta.label}'. You must "
                    "specify a 'fk_name' attribute.",
                    obj=obj.__class__,
                    id="admin.E202",
                )
            ]
        return []

    def _check_extra(self, obj: Any) -> list:
        if not isinstance(obj.extra, int):
            return _not_a("integer", "extra", obj, "admin.E203")
        return []


def _is_field_path(model: Any, item: Any) -> bool:
    """Whether item is a ``__`` path through relations to a field (list_display may name one)."""
    from django.contrib.admin.utils import NotRelationField, get_fields_from_path

    if not isinstance(item, str) or "__" not in item:
        return False
    try:
        get_fields_from_path(model, item)
    except (FieldDoesNotExist, NotRelationField):
        return False
    return True
