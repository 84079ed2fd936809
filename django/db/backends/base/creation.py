"""BaseDatabaseCreation: creating and destroying test databases."""

from __future__ import annotations

import os
import sys
from typing import Any

TEST_DATABASE_PREFIX = "test_"


class BaseDatabaseCreation:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def _nodb_cursor(self) -> Any:
        return self.connection._nodb_cursor()

    def log(self, msg: str) -> None:
        sys.stderr.write(msg + os.linesep)

    def create_test_db(
        self, verbosity: int = 1, autoclobber: bool = False, serialize: bool = True, keepdb: bool = False
    ) -> str:
        """Create the test database, point this connection at it, migrate it; return its name."""
        from django.conf import settings

        test_name = self._get_test_db_name()
        if verbosity >= 1:
            action = "Using existing" if keepdb else "Creating"
            self.log(
                f"{action} test database for alias {self._get_database_display_str(verbosity, test_name)}..."
            )
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = test_name
        self.connection.settings_dict["NAME"] = test_name
        self._migrate_test_db(verbosity)
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        self._create_cache_tables()
        self.connection.ensure_connection()
        return test_name

    def _migrate_test_db(self, verbosity: int) -> None:
        from django.core.management import call_command

        test_settings = self.connection.settings_dict["TEST"]
        if test_settings.get("MIGRATE", True) is False:
            from django.apps import apps
            from django.test.utils import override_settings

            disabled = {app.label: None for app in apps.get_app_configs()}
            with override_settings(MIGRATION_MODULES=disabled):
                self._call_migrate(call_command, verbosity)
        else:
            self._call_migrate(call_command, verbosity)

    def _call_migrate(self, call_command: Any, verbosity: int) -> None:
        call_command(
            "migrate",
            verbosity=max(verbosity - 1, 0),
            interactive=False,
            database=self.connection.alias,
            run_syncdb=True,
        )

    def _create_cache_tables(self) -> None:
        from django.core.management import call_command, get_commands

        if "createcachetable" in get_commands():
            call_command("createcachetable", database=self.connection.alias)

    def set_as_test_mirror(self, primary_settings_dict: dict) -> None:
        self.connection.settings_dict["NAME"] = primary_settings_dict["NAME"]

    def serialize_db_to_string(self) -> str:
        """The database's content as JSON, for TransactionTestCase.serialized_rollback.

        Covers the models of migrated apps, except those in TEST_NON_SERIALIZED_APPS.
        """
        from io import StringIO

        from django.core import serializers

        out = StringIO()
        serializers.serialize("json", self._serializable_objects(), stream=out)
        return out.getvalue()

    def _serializable_objects(self) -> Any:
        from django.apps import apps
        from django.conf import settings
        from django.db import router

        migrated = self._migrated_app_labels()
        skipped = set(getattr(settings, "TEST_NON_SERIALIZED_APPS", ()))
        alias = self.connection.alias
        for app_config in apps.get_app_configs():
            if app_config.models_module is None or app_config.name in skipped:
                continue
            if migrated is not None and app_config.label not in migrated:
                continue
            for model in app_config.get_models():
                meta = model._meta
                if not meta.managed or meta.proxy or not router.allow_migrate_model(alias, model):
                    continue
                pk = meta.pk
                ordering = [f.name for f in pk.fields] if getattr(pk, "fields", None) else [pk.name]
                yield from model._base_manager.using(alias).order_by(*ordering).iterator()

    def _migrated_app_labels(self) -> set[str] | None:
        try:
            from django.db.migrations.loader import MigrationLoader
        except ImportError:
            return None
        return set(MigrationLoader(self.connection).migrated_apps)

    def deserialize_db_from_string(self, data: str) -> None:
        from django.core import serializers
        from django.db import transaction

        with transaction.atomic(using=self.connection.alias), self.connection.constraint_checks_disabled():
            for obj in serializers.deserialize("json", data, using=self.connection.alias):
                obj.save()

    def _get_database_display_str(self, verbosity: int, database_name: str) -> str:
        if verbosity >= 2:
            return f"'{self.connection.alias}' ('{database_name}')"
        return f"'{self.connection.alias}'"

    def _get_test_db_name(self) -> str:
        """TEST['NAME'] if set, else 'test_' + NAME."""
        test_name = self.connection.settings_dict["TEST"].get("NAME")
        if test_name:
            return test_name
        return TEST_DATABASE_PREFIX + self.connection.settings_dict["NAME"]

    def _execute_create_test_db(self, cursor: Any, parameters: dict, keepdb: bool = False) -> None:
        cursor.execute("CREATE DATABASE %(dbname)s %(suffix)s" % parameters)

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        """Create the database on the server (dropping an old one when allowed)."""
        test_name = self._get_test_db_name()
        params = {
            "dbname": self.connection.ops.quote_name(test_name),
            "suffix": self.sql_table_creation_suffix(),
        }
        with self._nodb_cursor() as cursor:
            try:
                self._execute_create_test_db(cursor, params, keepdb)
            except Exception as exc:
                if keepdb:
                    return test_name
                self.log(f"Got an error creating the test database: {exc}")
                if not autoclobber:
                    answer = input(
                        f"Type 'yes' if you would like to try deleting the test database '{test_name}', "
                        f"or 'no' to cancel: "
                    )
                if autoclobber or answer == "yes":
                    self._recreate_test_db(cursor, params, test_name, verbosity)
                else:
                    self.log("Tests cancelled.")
                    sys.exit(1)
        return test_name

    def _recreate_test_db(self, cursor: Any, params: dict, test_name: str, verbosity: int) -> None:
        try:
            if verbosity >= 1:
                display = self._get_database_display_str(verbosity, test_name)
                self.log(f"Destroying old test database for alias {display}...")
            cursor.execute(f"DROP DATABASE {params['dbname']}")
            self._execute_create_test_db(cursor, params)
        except Exception as exc:
            self.log(f"Got an error recreating the test database: {exc}")
            sys.exit(2)

    def clone_test_db(
        self, suffix: str, verbosity: int = 1, autoclobber: bool = False, keepdb: bool = False
    ) -> None:
        """Make a copy of the test database for a parallel test worker."""
        source = self.connection.settings_dict["NAME"]
        if verbosity >= 1:
            action = "Using existing clone" if keepdb else "Cloning test database"
            self.log(f"{action} for alias {self._get_database_display_str(verbosity, source)}...")
        self._clone_test_db(suffix, verbosity, keepdb)

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        settings_dict = self.connection.settings_dict
        return {**settings_dict, "NAME": f"{settings_dict['NAME']}_{suffix}"}

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        raise NotImplementedError(
            "The database backend doesn't support cloning databases. Disable the option to run tests in parallel processes."
        )

    def destroy_test_db(
        self,
        old_database_name: str | None = None,
        verbosity: int = 1,
        keepdb: bool = False,
        suffix: str | None = None,
    ) -> None:
        """Drop the test database (unless keepdb) and restore the original NAME."""
        from django.conf import settings

        self.connection.close()
        if suffix is None:
            test_name = self.connection.settings_dict["NAME"]
        else:
            test_name = self.get_test_db_clone_settings(suffix)["NAME"]
        if verbosity >= 1:
            action = "Preserving" if keepdb else "Destroying"
            clone = "" if suffix is None else f" clone ({suffix})"
            self.log(
                f"{action} test database{clone} for alias "
                f"{self._get_database_display_str(verbosity, test_name)}..."
            )
        if not keepdb:
            self._destroy_test_db(test_name, verbosity)
        if old_database_name is not None:
            settings.DATABASES[self.connection.alias]["NAME"] = old_database_name
            self.connection.settings_dict["NAME"] = old_database_name

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        with self._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {self.connection.ops.quote_name(test_database_name)}")

    def sql_table_creation_suffix(self) -> str:
        return ""

    def test_db_signature(self) -> tuple:
        """Identifies databases that are really the same one (to create it only once)."""
        settings_dict = self.connection.settings_dict
        return (
            settings_dict["HOST"],
            settings_dict["PORT"],
            settings_dict["ENGINE"],
            self._get_test_db_name(),
        )

    def setup_worker_connection(self, _worker_id: int) -> None:
        """Point a parallel worker's connection at its clone."""
        settings_dict = self.get_test_db_clone_settings(str(_worker_id))
        self.connection.settings_dict.update(settings_dict)
        self.connection.close()

    def mark_expected_failures_and_skips(self) -> None:
        """Kept for API compatibility; our tests skip by feature flags instead."""
