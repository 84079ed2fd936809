"""The django_migrations table: which migrations are applied on a database."""

from __future__ import annotations

from typing import Any

from django.db.migrations.exceptions import MigrationSchemaMissing
from django.utils.functional import classproperty
from django.utils.timezone import now

_MODEL: Any = None


def _migration_model() -> Any:
    """Build the Migration model once, in a registry of its own (it belongs to no app)."""
    global _MODEL
    if _MODEL is None:
        from django.apps.registry import Apps
        from django.db import models

        class Migration(models.Model):
            app = models.CharField(max_length=255)
            name = models.CharField(max_length=255)
            applied = models.DateTimeField(default=now)

            class Meta:
                apps = Apps()
                app_label = "migrations"
                db_table = "django_migrations"

            def __str__(self) -> str:
                return f"Migration {self.name} for {self.app}"

        _MODEL = Migration
    return _MODEL


class MigrationRecorder:
    """Reads and writes the applied-migrations record of one connection."""

    @classproperty
    def Migration(cls) -> Any:  # noqa: N802 - Django's public name
        return _migration_model()

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._has_table = False

    @property
    def migration_qs(self) -> Any:
        return self.Migration.objects.using(self.connection.alias)

    def has_table(self) -> bool:
        if self._has_table:
            return True
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
        self._has_table = self.Migration._meta.db_table in tables
        return self._has_table

    def ensure_schema(self) -> None:
        """Create django_migrations if it is missing."""
        if self.has_table():
            return
        try:
            with self.connection.schema_editor() as editor:
                editor.create_model(self.Migration)
        except Exception as exc:
            raise MigrationSchemaMissing(f"Unable to create the django_migrations table ({exc})") from exc
        self._has_table = True

    def applied_migrations(self) -> dict[tuple[str, str], Any]:
        """{(app, name): record} for every applied migration; empty when the table does not exist."""
        if not self.has_table():
            return {}
        return {(m.app, m.name): m for m in self.migration_qs.all()}

    def record_applied(self, app: str, name: str) -> None:
        self.ensure_schema()
        self.migration_qs.create(app=app, name=name)

    def record_unapplied(self, app: str, name: str) -> None:
        self.ensure_schema()
        self.migration_qs.filter(app=app, name=name).delete()

    def flush(self) -> None:
        self.migration_qs.all().delete()
