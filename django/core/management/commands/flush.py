"""``manage.py flush``: delete every row of every table Django manages, then emit post_migrate."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    """The statements that empty the tables of the installed models (existing ones only)."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )


def emit_post_migrate(verbosity: int, interactive: bool, db: str) -> None:
    from django.apps import apps
    from django.db.models.signals import post_migrate

    for app_config in apps.get_app_configs():
        if app_config.models_module is None:
            continue
        if verbosity >= 2:
            print(f"Running post-migrate handlers for application {app_config.label}")
        post_migrate.send(
            sender=app_config,
            app_config=app_config,
            verbosity=verbosity,
            interactive=interactive,
            using=db,
            apps=apps,
            plan=[],
        )


class Command(BaseCommand):
    help = (
        "Removes ALL DATA from the database, including data added during migrations. Does not achieve a "
        '"fresh install" state.'
    )
    stealth_options = ("reset_sequences", "allow_cascade", "inhibit_post_migrate")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=tuple(connections),
            help='Nominates a database to flush. Defaults to the "default" database.',
        )

    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        verbosity = options["verbosity"]
        interactive = options["interactive"]
        self._import_management_modules()
        sql_list = sql_flush(
            no_style(),
            connection,
            reset_sequences=options.get("reset_sequences", True),
            allow_cascade=options.get("allow_cascade", False),
        )
        if interactive and not self._confirmed(connection.settings_dict["NAME"]):
            self.stdout.write("Flush cancelled.")
            return
        try:
            connection.ops.execute_sql_flush(sql_list)
        except Exception as exc:
            raise CommandError(
                f"Could not flush database {connection.settings_dict['NAME']!r}: {exc}\n"
                f"Check that the database server is running and configured, and that every table of the "
                f"installed apps exists ('django-admin sqlflush' prints the statements that failed)."
            ) from exc
        # No statements means no tables: post_migrate handlers would fail on a bare database.
        if sql_list and not options.get("inhibit_post_migrate", False):
            emit_post_migrate(verbosity, interactive, database)

    @staticmethod
    def _import_management_modules() -> None:
        """Import each app's ``management`` module so its signal receivers are connected."""
        from django.apps import apps

        for app_config in apps.get_app_configs():
            try:
                import_module(".management", app_config.name)
            except ImportError:
                pass

    @staticmethod
    def _confirmed(database_name: str) -> bool:
        answer = input(
            f"Every row of every table in the {database_name!r} database will be deleted for good;\n"
            f"the tables themselves stay, empty.\n"
            f"Type 'yes' to continue, or 'no' to cancel: "
        )
        return answer == "yes"
