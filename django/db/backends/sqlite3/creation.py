"""Test databases for SQLite: a file, or a shared-cache in-memory database."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from django.db.backends.base.creation import BaseDatabaseCreation


class DatabaseCreation(BaseDatabaseCreation):
    @staticmethod
    def is_in_memory_db(database_name: Any) -> bool:
        return not isinstance(database_name, Path) and (
            database_name == ":memory:" or "mode=memory" in str(database_name)
        )

    def _get_test_db_name(self) -> str:
        test_name = self.connection.settings_dict["TEST"].get("NAME") or ":memory:"
        if test_name == ":memory:":
            # Shared cache: every connection of this process sees the same database.
            return f"file:memorydb_{self.connection.alias}?mode=memory&cache=shared"
        return str(test_name)

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        test_name = self._get_test_db_name()
        if keepdb or self.is_in_memory_db(test_name):
            return test_name
        if os.access(test_name, os.F_OK):
            if not autoclobber:
                answer = input(
                    f"Type 'yes' if you would like to try deleting the test database '{test_name}', or 'no' to "
                    f"cancel: "
                )
                if answer != "yes":
                    self.log("Tests cancelled.")
                    raise SystemExit(1)
            if verbosity >= 1:
                display = self._get_database_display_str(verbosity, test_name)
                self.log(f"Destroying old test database for alias {display}...")
            try:
                os.remove(test_name)
            except OSError as exc:
                self.log(f"Got an error deleting the old test database: {exc}")
                raise SystemExit(2)
        # SQLite creates the file on first connect; say so plainly if it can't (not a traceback later).
        directory = os.path.dirname(os.path.abspath(test_name))
        if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
            self.log(
                f"Got an error creating the test database: the directory {directory!r} does not exist or "
                "is not writable."
            )
            raise SystemExit(2)
        return test_name

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        orig = self.connection.settings_dict
        source = orig["NAME"]
        if self.is_in_memory_db(source):
            return {
                **orig,
                "NAME": f"file:memorydb_{self.connection.alias}_{suffix}?mode=memory&cache=shared",
            }
        root, ext = os.path.splitext(str(source))
        return {**orig, "NAME": f"{root}_{suffix}{ext}"}

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        source = self.connection.settings_dict["NAME"]
        target = self.get_test_db_clone_settings(suffix)["NAME"]
        if self.is_in_memory_db(source):
            # The clone lives as long as this connection does.
            self.connection.ensure_connection()
            self._clone_connection = self.connection.Database.connect(
                target, uri=True, check_same_thread=False
            )
            self.connection.connection.backup(self._clone_connection)
            return
        if keepdb and os.path.exists(target):
            return
        if os.path.exists(target):
            os.remove(target)
        shutil.copy(source, target)

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        if test_database_name and not self.is_in_memory_db(test_database_name):
            try:
                os.remove(test_database_name)
            except FileNotFoundError:
                pass

    def test_db_signature(self) -> tuple:
        test_name = self._get_test_db_name()
        settings_dict = self.connection.settings_dict
        sig: list[Any] = [settings_dict["NAME"]]
        if self.is_in_memory_db(test_name):
            sig.append(self.connection.alias)
        else:
            sig.append(test_name)
        return tuple(sig)

    def destroy_test_db(
        self,
        old_database_name: str | None = None,
        verbosity: int = 1,
        keepdb: bool = False,
        suffix: str | None = None,
    ) -> None:
        # An in-memory database disappears with its last connection: really close it.
        conn = self.connection.connection
        super().destroy_test_db(old_database_name, verbosity, keepdb, suffix)
        if conn is not None and self.is_in_memory_db(self._get_test_db_name()) and suffix is None:
            conn.close()
            self.connection.connection = None
