"""Contrib tests run on each reachable database; default-manager calls are routed to it."""

from __future__ import annotations

import pytest

CLEARED_TABLES = [
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group_permissions",
    "auth_user",
    "auth_group",
    "django_session",
]


class _PinToAlias:
    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return True


@pytest.fixture
def cdb(connection, monkeypatch):
    """The connection under test; every query goes there; contrib rows are removed afterwards."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import router

    monkeypatch.setattr(router, "routers", [_PinToAlias(connection.alias)])
    ContentType.objects.clear_cache()
    yield connection
    with connection.cursor() as cursor:
        for table in CLEARED_TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
