"""Load templates from each installed app's templates/ directory."""

from __future__ import annotations

from django.template.loaders.filesystem import Loader as FilesystemLoader
from django.template.utils import get_app_template_dirs


class Loader(FilesystemLoader):
    def get_dirs(self) -> list:
        return list(get_app_template_dirs("templates"))
