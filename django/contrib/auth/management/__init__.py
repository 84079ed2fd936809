"""Create the default permissions of newly migrated models; helpers for createsuperuser."""

from __future__ import annotations

import getpass
import unicodedata
from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth import get_permission_codename
from django.core import exceptions
from django.db import DEFAULT_DB_ALIAS, router


def _get_all_permissions(opts: Any) -> list[tuple[str, str]]:
    """(codename, name) of the model's default and custom permissions."""
    builtin = [
        (get_permission_codename(action, opts), f"Can {action} {opts.verbose_name_raw}")
        for action in opts.default_permissions
    ]
    return builtin + list(opts.permissions)


def create_permissions(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    if not app_config.models_module:
        return
    from django.contrib.contenttypes.management import create_contenttypes

    create_contenttypes(
        app_config, verbosity=verbosity, interactive=interactive, using=using, apps=apps, **kwargs
    )
    app_label = app_config.label
    try:
        app_config = apps.get_app_config(app_label)
        ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
        Permission = apps.get_model("auth", "Permission")  # noqa: N806
    except LookupError:
        return
    if not router.allow_migrate_model(using, Permission):
        return
    wanted = []
    cts = ContentType.objects.db_manager(using).get_for_models(
        *app_config.get_models(), for_concrete_models=False
    )
    for model, ct in cts.items():
        for codename, name in _get_all_permissions(model._meta):
            wanted.append((ct, codename, name))
    existing = set(
        Permission.objects.using(using)
        .filter(content_type__in=[ct for ct, _, _ in wanted])
        .values_list("content_type", "codename")
    )
    missing = [
        Permission(codename=codename, name=name, content_type=ct)
        for ct, codename, name in wanted
        if (ct.pk, codename) not in existing
    ]
    Permission.objects.using(using).bulk_create(missing)
    if verbosity >= 2:
        for perm in missing:
            print(f"Adding permission '{perm}'")


def get_system_username() -> str:
    """The OS login name, or '' when it cannot be told."""
    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):
        return ""


def get_default_username(check_db: bool = True, database: str = DEFAULT_DB_ALIAS) -> str:
    """A suggestion for createsuperuser: the ASCII-folded system user name, if valid and free."""
    from django.contrib.auth import models as auth_app

    if auth_app.User._meta.swapped:
        return ""
    default = unicodedata.normalize("NFKD", get_system_username()).encode("ascii", "ignore").decode("ascii")
    default = default.replace(" ", "").lower()
    try:
        auth_app.User._meta.get_field("username").run_validators(default)
    except exceptions.ValidationError:
        return ""
    if check_db and default:
        try:
            auth_app.User._default_manager.db_manager(database).get(username=default)
        except auth_app.User.DoesNotExist:
            pass
        else:
            return ""
    return default
