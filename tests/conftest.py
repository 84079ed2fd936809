"""Root fixtures: the test settings are loaded and the app registry populated once.

Database fixtures (see ARCHITECTURE.md "Tests"): ``db_alias`` is parametrised over every
reachable database (SQLite always; PostgreSQL and MariaDB when they answer, and always under
CI=true, where a missing server is a failure). ``connection`` is that alias's connection and
``create_tables`` creates tables for models with the schema editor and drops them afterwards.
Tests skip by ``connection.features``, never by vendor.
"""

import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from tests.db_fixtures import (  # noqa: E402
    DATABASE_ALIASES,
    connection,
    create_tables,
    db_alias,
    raw_table,
    test_databases,
)

__all__ = ["DATABASE_ALIASES", "connection", "create_tables", "db_alias", "raw_table", "test_databases"]


def pytest_configure(config):
    import django

    django.setup()


@pytest.fixture(scope="session", autouse=True)
def _close_database_connections():
    yield
    from tests.db_fixtures import teardown_databases

    teardown_databases()


@pytest.fixture(scope="session", autouse=True)
def _migrated_contrib_tables(test_databases):
    """The installed contrib apps' tables (contenttypes, auth, sessions) exist on every test database,
    as after ``migrate``; test apps without migrations keep creating their own tables."""
    from django.core.management import call_command

    for alias in DATABASE_ALIASES:
        test_databases(alias)
        call_command("migrate", database=alias, verbosity=0, interactive=False)
