"""startproject: create a project directory from the project template."""

from __future__ import annotations

from typing import Any

from django.core.management.templates import TemplateCommand
from django.core.management.utils import SECRET_KEY_INSECURE_PREFIX, get_random_secret_key


class Command(TemplateCommand):
    help = (
        "Creates a Django project directory structure for the given project name in the current "
        "directory or optionally in the given directory."
    )
    missing_args_message = "You must provide a project name."

    def handle(self, **options: Any) -> None:  # type: ignore[override]
        project_name = options.pop("name")
        target = options.pop("directory")
        # A fresh key per project; the prefix marks it as one that must be replaced for production.
        options["secret_key"] = SECRET_KEY_INSECURE_PREFIX + get_random_secret_key()
        super().handle("project", project_name, target, **options)
