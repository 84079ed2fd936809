"""Create the ContentType rows of newly migrated models (a post_migrate receiver)."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, IntegrityError, router, transaction


def get_contenttypes_and_models(app_config: Any, using: str, ContentType: Any) -> tuple[dict, dict]:  # noqa: N803
    if not router.allow_migrate_model(using, ContentType):
        return {}, {}
    ContentType.objects.clear_cache()
    existing = {ct.model: ct for ct in ContentType.objects.using(using).filter(app_label=app_config.label)}
    app_models = {model._meta.model_name: model for model in app_config.get_models()}
    return existing, app_models


def create_contenttypes(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """Make sure every model of ``app_config`` has its ContentType row."""
    if not app_config.models_module:
        return
    app_label = app_config.label
    try:
        app_config = apps.get_app_config(app_label)
        ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    except LookupError:
        return
    existing, app_models = get_contenttypes_and_models(app_config, using, ContentType)
    if not app_models:
        return
    missing = [
        ContentType(app_label=app_label, model=model_name)
        for model_name in app_models
        if model_name not in existing
    ]
    if not missing:
        return
    try:
        with transaction.atomic(using=using):
            ContentType.objects.using(using).bulk_create(missing)
    except IntegrityError:
        # Another process created them meanwhile; what matters is that they exist.
        pass
    if verbosity >= 2:
        for ct in missing:
            print(f"Adding content type '{ct.app_label} | {ct.model}'")
