"""System checks for generic relations and content-type-sized model names."""

from __future__ import annotations

from itertools import chain
from typing import Any

from django.apps import apps
from django.core.checks import Error


def check_generic_foreign_keys(app_configs: Any = None, **kwargs: Any) -> list:
    from .fields import GenericForeignKey

    models = (
        chain.from_iterable(ac.get_models() for ac in app_configs)
        if app_configs is not None
        else apps.get_models()
    )
    errors: list = []
    for model in models:
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                errors.extend(field.check())
    return errors


def check_model_name_lengths(app_configs: Any = None, **kwargs: Any) -> list:
    models = (
        chain.from_iterable(ac.get_models() for ac in app_configs)
        if app_configs is not None
        else apps.get_models()
    )
    return [
        Error(
            "Model names must be at most 100 characters (got %d)." % len(model.__name__),
            obj=model,
            id="contenttypes.E005",
        )
        for model in models
        if len(model._meta.model_name) > 100
    ]
