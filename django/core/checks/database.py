"""Database checks: only run when `check --database` (or migrate) names the databases."""

from __future__ import annotations

from typing import Any

from django.core.checks.registry import Tags, register


@register(Tags.database)
def check_database_backends(databases: Any = None, **kwargs: Any) -> list[Any]:
    if not databases:
        return []
    from django.db import connections  # the database layer sits above the checks framework

    issues: list[Any] = []
    for alias in databases:
        connection = connections[alias]
        issues.extend(connection.validation.check(**kwargs))
    return issues
