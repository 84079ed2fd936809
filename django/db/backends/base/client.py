"""BaseDatabaseClient: runs the database's command-line client (``manage.py dbshell``)."""

from __future__ import annotations

import os
import subprocess
from typing import Any


class BaseDatabaseClient:
    # The command-line program, e.g. "psql".
    executable_name: str | None = None

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict, parameters: list[str]
    ) -> tuple[list[str], dict | None]:
        """The argv and extra environment to start the client for these settings."""
        raise NotImplementedError(
            "subclasses of BaseDatabaseClient must provide a settings_to_cmd_args_env() method or override a "
            "runshell()."
        )

    def runshell(self, parameters: list[str]) -> None:
        args, env = self.settings_to_cmd_args_env(self.connection.settings_dict, parameters)
        merged = {**os.environ, **env} if env else None
        subprocess.run(args, env=merged, check=True)
