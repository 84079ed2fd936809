"""Fixtures for model-layer tests: the test app's tables on each reachable database."""

from __future__ import annotations

from contextlib import contextmanager

import pytest


def _app_models():
    from django.apps import apps

    return [
        m for m in apps.get_app_config("model_tests").get_models() if m._meta.managed and not m._meta.proxy
    ]


def _all_tables(models):
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.append(through._meta.db_table)
    return tables


@pytest.fixture
def db(connection):
    """The connection of the database under test with every model_tests table present and empty."""
    from django.db import transaction

    models = _app_models()
    existing = set(connection.introspection.table_names())
    missing = [m for m in models if m._meta.db_table not in existing]
    if missing:
        with connection.schema_editor() as editor:
            for model in missing:
                editor.create_model(model)
    yield connection
    qn = connection.ops.quote_name
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            for table in reversed(_all_tables(models)):
                cursor.execute("DELETE FROM %s" % qn(table))


@pytest.fixture
def using(db):
    """The alias of the database under test."""
    return db.alias


_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)

    def __call__(self, execute, sql, params, many, context):
        # Transaction control isn't a query of the behaviour under test.
        if sql.split(None, 1)[0].upper() not in _TRANSACTION_CONTROL:
            self.statements.append(sql)
        return execute(sql, params, many, context)


@pytest.fixture
def count_queries(db):
    """``with count_queries() as q: ...`` then ``len(q)`` is the number of statements run."""

    @contextmanager
    def counting():
        counter = QueryCounter()
        with db.execute_wrapper(counter):
            yield counter

    return counting


class _AliasRouter:
    """Send every read and write to one database (what DATABASE_ROUTERS would do)."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias

    def allow_relation(self, obj1, obj2, **hints):
        return True


@pytest.fixture
def routed(using):
    """Route queries without an explicit ``using`` (e.g. validate_unique()) to the database under test."""
    from django.db import router

    had_routers = "routers" in router.__dict__
    saved = router.__dict__.get("routers")
    router.routers = [_AliasRouter(using)]
    yield using
    if had_routers:
        router.routers = saved
    else:
        del router.routers
