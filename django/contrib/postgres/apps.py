"""The app config of django.contrib.postgres."""

from __future__ import annotations

from django.apps import AppConfig


class PostgresConfig(AppConfig):
    name = "django.contrib.postgres"
    verbose_name = "PostgreSQL extensions"
