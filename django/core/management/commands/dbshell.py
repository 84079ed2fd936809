"""``manage.py dbshell``: open the database's own command-line client."""

from __future__ import annotations

import subprocess
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Runs the command-line client for the given database (the default one if none is given)."
    requires_system_checks: list = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=tuple(connections),
            help='Nominates a database onto which to open a shell. Defaults to the "default" database.',
        )
        parameters = parser.add_argument_group("parameters", prefix_chars="--")
        parameters.add_argument("parameters", nargs="*")

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        try:
            connection.client.runshell(options["parameters"])
        except FileNotFoundError:
            # The client program is missing; say which one, not a traceback.
            raise CommandError(
                f"You appear not to have the {connection.client.executable_name!r} program installed or on your path."
            )
        except subprocess.CalledProcessError as exc:
            command = " ".join(map(str, exc.cmd))
            raise CommandError(
                f'"{command}" returned non-zero exit status {exc.returncode}.', returncode=exc.returncode
            )
