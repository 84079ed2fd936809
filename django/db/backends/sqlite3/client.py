"""``manage.py dbshell`` for SQLite: the sqlite3 command-line shell."""

from __future__ import annotations

from django.db.backends.base.client import BaseDatabaseClient


class DatabaseClient(BaseDatabaseClient):
    executable_name = "sqlite3"

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict: dict, parameters: list[str]) -> tuple[list[str], None]:
        return [cls.executable_name, str(settings_dict["NAME"]), *parameters], None
