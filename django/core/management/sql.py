"""Signals sent around migrate and flush, and the flush SQL."""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    """The statements that empty every table of the installed models that exists."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )


def _emit(signal_name: str, verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    from django.db.models import signals

    signal = getattr(signals, signal_name)
    for app_config in apps.get_app_configs():
        if app_config.models_module is None:
            continue
        if verbosity >= 2:
            stdout: Any = kwargs.get("stdout", sys.stdout)
            handler = "pre" if signal_name == "pre_migrate" else "post"
            stdout.write(f"Running {handler}-migrate handlers for application {app_config.label}\n")
        signal.send(
            sender=app_config,
            app_config=app_config,
            verbosity=verbosity,
            interactive=interactive,
            using=db,
            **{k: v for k, v in kwargs.items() if k != "stdout"},
        )


def emit_pre_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    """Send pre_migrate for every app with a models module (kwargs: apps, plan, stdout)."""
    _emit("pre_migrate", verbosity, interactive, db, **kwargs)


def emit_post_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    """Send post_migrate for every app with a models module (kwargs: apps, plan, stdout)."""
    _emit("post_migrate", verbosity, interactive, db, **kwargs)
