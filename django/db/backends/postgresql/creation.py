"""Test databases on PostgreSQL: CREATE DATABASE, cloning with TEMPLATE."""

from __future__ import annotations

import sys
from typing import Any

from django.db.backends.base.creation import BaseDatabaseCreation


class DatabaseCreation(BaseDatabaseCreation):
    def _quote_name(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def _get_database_create_suffix(self, encoding: str | None = None, template: str | None = None) -> str:
        suffix = ""
        if encoding:
            suffix += f" ENCODING '{encoding}'"
        if template:
            suffix += f" TEMPLATE {self._quote_name(template)}"
        return suffix

    def sql_table_creation_suffix(self) -> str:
        from django.core.exceptions import ImproperlyConfigured

        test_settings = self.connection.settings_dict["TEST"]
        if test_settings.get("COLLATION") is not None:
            raise ImproperlyConfigured(
                "PostgreSQL does not support collation setting at database creation time."
            )
        return self._get_database_create_suffix(
            encoding=test_settings.get("CHARSET"), template=test_settings.get("TEMPLATE")
        )

    def _database_exists(self, cursor: Any, database_name: str) -> bool:
        cursor.execute("SELECT 1 FROM pg_catalog.pg_database WHERE datname = %s", [database_name.strip('"')])
        return cursor.fetchone() is not None

    def _execute_create_test_db(self, cursor: Any, parameters: dict, keepdb: bool = False) -> None:
        from psycopg import errors

        try:
            if keepdb and self._database_exists(cursor, parameters["dbname"]):
                return
            super()._execute_create_test_db(cursor, parameters, keepdb)
        except Exception as exc:
            if not isinstance(exc.__cause__, errors.DuplicateDatabase):
                self.log(f"Got an error creating the test database: {exc}")
                sys.exit(2)
            if not keepdb:
                raise

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        source = self.connection.settings_dict["NAME"]
        target = self.get_test_db_clone_settings(suffix)["NAME"]
        params = {
            "dbname": self._quote_name(target),
            "suffix": self._get_database_create_suffix(template=source),
        }
        # CREATE DATABASE ... TEMPLATE refuses a source with open sessions, ours included.
        self.connection.close()
        self.connection.close_pool()
        with self._nodb_cursor() as cursor:
            try:
                self._execute_create_test_db(cursor, params, keepdb)
            except Exception:
                try:
                    if verbosity >= 1:
                        display = self._get_database_display_str(verbosity, target)
                        self.log(f"Destroying old test database for alias {display}...")
                    cursor.execute(f"DROP DATABASE {params['dbname']}")
                    self._execute_create_test_db(cursor, params, keepdb)
                except Exception as exc:
                    self.log(f"Got an error cloning the test database: {exc}")
                    sys.exit(2)

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        with self._nodb_cursor() as cursor:
            # FORCE ends sessions (e.g. leftover pooled ones) still attached to it.
            cursor.execute(f"DROP DATABASE {self._quote_name(test_database_name)} WITH (FORCE)")
