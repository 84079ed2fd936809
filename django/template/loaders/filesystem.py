"""Load templates from the engine's DIRS (or the given dirs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.template.base import Origin
from django.template.exceptions import TemplateDoesNotExist
from django.template.loaders.base import Loader as BaseLoader


def safe_join(base: str, name: str) -> str | None:
    """base/name if it stays inside base, else None (names with .. or absolute paths)."""
    import os

    base_path = os.path.abspath(base)
    final = os.path.abspath(os.path.join(base_path, name))
    if final != base_path and not final.startswith(base_path + os.sep):
        return None
    return final


class Loader(BaseLoader):
    def __init__(self, engine: Any, dirs: list | None = None) -> None:
        super().__init__(engine)
        self.dirs = dirs

    def get_dirs(self) -> list:
        return self.dirs if self.dirs is not None else self.engine.dirs

    def get_contents(self, origin: Origin) -> str:
        try:
            with open(origin.name, encoding=self.engine.file_charset) as fp:
                return fp.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise TemplateDoesNotExist(origin)
        except UnicodeDecodeError as exc:
            from django.template.exceptions import TemplateSyntaxError

            raise TemplateSyntaxError(
                "Template %s is not valid %s text: %s" % (origin.name, self.engine.file_charset, exc)
            ) from exc

    def get_template_sources(self, template_name: str) -> Iterator[Any]:
        for template_dir in self.get_dirs():
            name = safe_join(str(template_dir), template_name)
            if name is None:
                # Names escaping the directory (.., absolute paths) are never served.
                continue
            yield Origin(name=name, template_name=template_name, loader=self)

    def _dir_paths(self) -> list[Path]:
        return [Path(d) for d in self.get_dirs()]
