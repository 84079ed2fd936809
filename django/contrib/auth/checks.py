"""System checks for the user model, permissions and the auth middleware order."""

from __future__ import annotations

from itertools import chain
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


def check_user_model(app_configs: Any = None, **kwargs: Any) -> list:
    if app_configs is None:
        cls = apps.get_model(settings.AUTH_USER_MODEL)
    else:
        app_label, model_name = settings.AUTH_USER_MODEL.split(".")
        for app_config in app_configs:
            if app_config.label == app_label:
                cls = app_config.get_model(model_name)
                break
        else:
            return []
    errors: list[checks.CheckMessage] = []
    if not isinstance(cls.REQUIRED_FIELDS, (list, tuple)):
        errors.append(checks.Error("'REQUIRED_FIELDS' must be a list or tuple.", obj=cls, id="auth.E001"))
    if cls.USERNAME_FIELD in cls.REQUIRED_FIELDS:
        errors.append(
            checks.Error(
                "The field named as the 'USERNAME_FIELD' for a custom user model must not be included in "
                "'REQUIRED_FIELDS'.",
                hint=f"The 'USERNAME_FIELD' is currently set to '{cls.USERNAME_FIELD}', you should remove "
                f"'{cls.USERNAME_FIELD}' from the 'REQUIRED_FIELDS'.",
                obj=cls,
                id="auth.E002",
            )
        )
    username_field = cls._meta.get_field(cls.USERNAME_FIELD)
    unique_by_constraint = any(
        getattr(c, "fields", ()) == (cls.USERNAME_FIELD,) and getattr(c, "condition", None) is None
        for c in cls._meta.total_unique_constraints
    )
    if not username_field.unique and not unique_by_constraint:
        if settings.AUTHENTICATION_BACKENDS == ["django.contrib.auth.backends.ModelBackend"]:
            errors.append(
                checks.Error(
                    f"'{cls._meta.object_name}.{cls.USERNAME_FIELD}' must be unique because it is named as the "
                    "'USERNAME_FIELD'.",
                    obj=cls,
                    id="auth.E003",
                )
            )
        else:
            errors.append(
                checks.Warning(
                    f"'{cls._meta.object_name}.{cls.USERNAME_FIELD}' is named as the 'USERNAME_FIELD', but it is "
                    "not unique.",
                    hint="Ensure that your authentication backend(s) can handle non-unique usernames.",
                    obj=cls,
                    id="auth.W004",
                )
            )
    if callable(cls().is_anonymous):
        errors.append(
            checks.Critical(
                f"{cls}.is_anonymous must be an attribute or property rather than a method. Ignoring this is a "
                "security issue as anonymous users will be treated as authenticated!",
                obj=cls,
                id="auth.C009",
            )
        )
    if callable(cls().is_authenticated):
        errors.append(
            checks.Critical(
                f"{cls}.is_authenticated must be an attribute or property rather than a method. Ignoring this is a "
                "security issue as anonymous users will be treated as authenticated!",
                obj=cls,
                id="auth.C010",
            )
        )
    return errors


def check_models_permissions(app_configs: Any = None, **kwargs: Any) -> list:
    models = (
        apps.get_models()
        if app_configs is None
        else chain.from_iterable(ac.get_models() for ac in app_configs)
    )
    Permission = apps.get_model("auth", "Permission")  # noqa: N806
    name_max = Permission._meta.get_field("name").max_length
    codename_max = Permission._meta.get_field("codename").max_length
    errors: list[checks.CheckMessage] = []
    for model in models:
        opts = model._meta
        builtin = {
            f"{action}_{opts.model_name}": f"Can {action} {opts.verbose_name_raw}"
            for action in opts.default_permissions
        }
        for name in builtin.values():
            if len(name) > name_max:
                errors.append(
                    checks.Error(
                        f"The verbose_name of model '{opts.label}' must be at most {name_max - 11} characters for its "
                        "builtin permission names to be at most %d characters." % name_max,
                        obj=model,
                        id="auth.E007",
                    )
                )
                break
        for codename in builtin:
            if len(codename) > codename_max:
                errors.append(
                    checks.Error(
                        f"The name of model '{opts.label}' must be at most {codename_max - len('change_')} characters "
                        f"for its builtin permission codenames to be at most {codename_max} characters.",
                        obj=model,
                        id="auth.E011",
                    )
                )
                break
        seen: set[str] = set()
        for codename, name in opts.permissions:
            if len(name) > name_max:
                errors.append(
                    checks.Error(
                        f"The permission named '{name}' of model '{opts.label}' is longer than {name_max} characters.",
                        obj=model,
                        id="auth.E008",
                    )
                )
            if len(codename) > codename_max:
                errors.append(
                    checks.Error(
                        f"The permission codenamed '{codename}' of model '{opts.label}' is longer than {codename_max} "
                        "characters.",
                        obj=model,
                        id="auth.E012",
                    )
                )
            if codename in builtin:
                errors.append(
                    checks.Error(
                        f"The permission codenamed '{codename}' clashes with a builtin permission for model "
                        f"'{opts.label}'.",
                        obj=model,
                        id="auth.E005",
                    )
                )
            elif codename in seen:
                errors.append(
                    checks.Error(
                        f"The permission codenamed '{codename}' is duplicated for model '{opts.label}'.",
                        obj=model,
                        id="auth.E006",
                    )
                )
            seen.add(codename)
    return errors


def _subclass_index(class_path: str, candidate_paths: list[str]) -> int:
    cls = import_string(class_path)
    for index, path in enumerate(candidate_paths):
        try:
            if issubclass(import_string(path), cls):
                return index
        except (ImportError, TypeError):
            continue
    return -1


def check_middleware(app_configs: Any = None, **kwargs: Any) -> list:
    errors: list[checks.CheckMessage] = []
    login_required_index = _subclass_index(
        "django.contrib.auth.middleware.LoginRequiredMiddleware", settings.MIDDLEWARE
    )
    if login_required_index != -1:
        auth_index = _subclass_index(
            "django.contrib.auth.middleware.AuthenticationMiddleware", settings.MIDDLEWARE
        )
        if auth_index == -1 or auth_index > login_required_index:
            errors.append(
                checks.Error(
                    "In order to use django.contrib.auth.middleware.LoginRequiredMiddleware, "
                    "django.contrib.auth.middleware.AuthenticationMiddleware must be defined before it in MIDDLEWARE.",
                    id="auth.E013",
                )
            )
    return errors
