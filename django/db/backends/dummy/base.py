"""The backend used when DATABASES is empty: every database operation raises ImproperlyConfigured."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.client import BaseDatabaseClient
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.base.features import BaseDatabaseFeatures
from django.db.backends.base.introspection import BaseDatabaseIntrospection
from django.db.backends.base.operations import BaseDatabaseOperations


def complain(*args: Any, **kwargs: Any) -> NoReturn:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "settings.DATABASES is improperly configured. Please supply the ENGINE value. Check settings "
        "documentation for more details."
    )


def ignore(*args: Any, **kwargs: Any) -> None:
    pass


class DatabaseOperations(BaseDatabaseOperations):
    quote_name = complain  # type: ignore[assignment]


class DatabaseClient(BaseDatabaseClient):
    runshell = complain  # type: ignore[assignment]


class DatabaseCreation(BaseDatabaseCreation):
    create_test_db = ignore  # type: ignore[assignment]
    destroy_test_db = ignore  # type: ignore[assignment]
    serialize_db_to_string = ignore  # type: ignore[assignment]


class DatabaseIntrospection(BaseDatabaseIntrospection):
    get_table_list = complain  # type: ignore[assignment]
    get_table_description = complain  # type: ignore[assignment]
    get_relations = complain  # type: ignore[assignment]
    get_indexes = complain
    get_constraints = complain  # type: ignore[assignment]


class DatabaseWrapper(BaseDatabaseWrapper):
    operators: dict[str, str] = {}
    # Closing and rolling back are harmless no-ops; anything that needs a database complains.
    _cursor = complain  # type: ignore[assignment]
    ensure_connection = complain  # type: ignore[assignment]
    _commit = complain  # type: ignore[assignment]
    _rollback = ignore  # type: ignore[assignment]
    _close = ignore  # type: ignore[assignment]
    _savepoint = ignore  # type: ignore[assignment]
    _savepoint_commit = complain  # type: ignore[assignment]
    _savepoint_rollback = ignore  # type: ignore[assignment]
    _set_autocommit = complain  # type: ignore[assignment]

    client_class = DatabaseClient
    creation_class = DatabaseCreation
    features_class = BaseDatabaseFeatures
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations

    def is_usable(self) -> bool:
        return True
