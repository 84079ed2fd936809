"""runserver that also serves static files from the finders when DEBUG (or --insecure)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.runserver import Command as RunserverCommand


class Command(RunserverCommand):
    help = "Starts a lightweight web server for development and also serves static files."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--nostatic",
            action="store_false",
            dest="use_static_handler",
            help="Tells Django to NOT automatically serve static files at STATIC_URL.",
        )
        parser.add_argument(
            "--insecure",
            action="store_true",
            dest="insecure_serving",
            help="Allows serving static files even if DEBUG is False.",
        )

    def get_handler(self, *args: Any, **options: Any) -> Any:
        from django.conf import settings
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        handler = super().get_handler(*args, **options)
        use_static_handler = options.get("use_static_handler", True)
        insecure_serving = options.get("insecure_serving", False)
        if use_static_handler and (settings.DEBUG or insecure_serving):
            return StaticFilesHandler(handler)
        return handler
