"""Test databases on MySQL/MariaDB: CREATE DATABASE with charset/collation, cloning by copy."""

from __future__ import annotations

import sys
from typing import Any

from django.db.backends.base.creation import BaseDatabaseCreation

_DATABASE_EXISTS = 1007


class DatabaseCreation(BaseDatabaseCreation):
    def sql_table_creation_suffix(self) -> str:
        test_settings = self.connection.settings_dict["TEST"]
        suffix = []
        if test_settings.get("CHARSET"):
            suffix.append(f"CHARACTER SET {test_settings['CHARSET']}")
        if test_settings.get("COLLATION"):
            suffix.append(f"COLLATE {test_settings['COLLATION']}")
        return " ".join(suffix)

    def _execute_create_test_db(self, cursor: Any, parameters: dict, keepdb: bool = False) -> None:
        try:
            super()._execute_create_test_db(cursor, parameters, keepdb)
        except Exception as exc:
            code = getattr(exc, "args", (None,))[0]
            if code != _DATABASE_EXISTS:
                self.log(f"Got an error creating the test database: {exc}")
                sys.exit(2)
            if not keepdb:
                raise

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        """Copy every table (structure, then rows) into a new database on the same server."""
        qn = self.connection.ops.quote_name
        source = self.connection.settings_dict["NAME"]
        target = self.get_test_db_clone_settings(suffix)["NAME"]
        params = {"dbname": qn(target), "suffix": self.sql_table_creation_suffix()}
        with self._nodb_cursor() as cursor:
            try:
                self._execute_create_test_db(cursor, params, keepdb)
            except Exception:
                if keepdb:
                    return
                cursor.execute(f"DROP DATABASE {qn(target)}")
                self._execute_create_test_db(cursor, params, keepdb)
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_type = 'BASE TABLE'",
                [source],
            )
            tables = [row[0] for row in cursor.fetchall()]
            cursor.execute("SET foreign_key_checks = 0")
            try:
                for table in tables:
                    cursor.execute(f"CREATE TABLE {qn(target)}.{qn(table)} LIKE {qn(source)}.{qn(table)}")
                    cursor.execute(
                        f"INSERT INTO {qn(target)}.{qn(table)} SELECT * FROM {qn(source)}.{qn(table)}"
                    )
            finally:
                cursor.execute("SET foreign_key_checks = 1")
