"""Fixtures for the query-layer tests: the query_tests tables on each reachable database."""

from __future__ import annotations

import pytest


def _models():
    from django.apps import apps

    return list(apps.get_app_config("query_tests").get_models())


def _tables(models):
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.append(through._meta.db_table)
    return tables


class _PinToAlias:
    """A database router sending every query_tests read and write to one alias."""

    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias if model._meta.app_label == "query_tests" else None

    db_for_write = db_for_read


@pytest.fixture
def qdb(connection, monkeypatch):
    """The connection under test with every query_tests table present and empty afterwards.

    Default-manager calls in the tests go to this connection through a router.
    """
    from django.db import router

    monkeypatch.setattr(router, "routers", [_PinToAlias(connection.alias)])
    models = _models()
    existing = set(connection.introspection.table_names())
    if models[0]._meta.db_table not in existing:
        with connection.schema_editor() as editor:
            for model in models:
                editor.create_model(model)
    yield connection
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Rows pointing at rows of their own table must let go first (MySQL checks row by row).
        for model in models:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.null and field.related_model is model:
                    cursor.execute(f"UPDATE {qn(model._meta.db_table)} SET {qn(field.column)} = NULL")
        for table in reversed(_tables(models)):
            cursor.execute(f"DELETE FROM {qn(table)}")


@pytest.fixture
def using(qdb):
    return qdb.alias


@pytest.fixture
def queries(qdb):
    """Capture the SQL run on the connection under test: ``with queries() as captured``."""
    from django.test.utils import CaptureQueriesContext

    return lambda: CaptureQueriesContext(qdb)
