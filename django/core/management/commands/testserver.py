"""``manage.py testserver``: serve the project on a fresh test database loaded with fixtures."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Runs a development server with data from the given fixture(s)."
    requires_system_checks: list = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "args",
            metavar="fixture",
            nargs="*",
            help="Path(s) to fixtures to load before running the server.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("--addrport", default="", help="Port number or ipaddr:port to run the server on.")
        parser.add_argument(
            "--ipv6", "-6", action="store_true", dest="use_ipv6", help="Tells Django to use an IPv6 address."
        )

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        verbosity = options["verbosity"]
        db_name = connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=not options["interactive"], serialize=False
        )
        if fixture_labels:
            call_command("loaddata", *fixture_labels, verbosity=verbosity)
        shutdown_message = (
            f"\nServer stopped.\nNote that the test database, {db_name!r}, has not been deleted. You can "
            "explore it on your own."
        )
        # An in-memory test database lives in one connection: serve from one thread then.
        threading = connection.features.test_db_allows_multiple_connections
        call_command(
            "runserver",
            addrport=options["addrport"],
            shutdown_message=shutdown_message,
            use_reloader=False,
            use_ipv6=options["use_ipv6"],
            use_threading=threading,
        )
