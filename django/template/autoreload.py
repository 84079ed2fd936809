"""Dev-server hook: watch template directories and reset cached loaders on change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.backends.django import DjangoTemplates


def get_template_directories() -> set[Path]:
    from django.template import engines

    cwd = Path.cwd()
    items: set[Path] = set()
    for backend in engines.all():
        if not isinstance(backend, DjangoTemplates):
            continue
        items.update(cwd / Path(d) for d in backend.engine.dirs if d)
        for loader in backend.engine.template_loaders:
            if not hasattr(loader, "get_dirs"):
                continue
            items.update(
                cwd / Path(directory)
                for directory in loader.get_dirs()
                if directory and not _is_django_path(directory)
            )
    return items


def _is_django_path(path: Any) -> bool:
    import django

    return Path(django.__file__).parent in Path(path).parents


def reset_loaders() -> None:
    from django.template import engines

    for backend in engines.all():
        if not isinstance(backend, DjangoTemplates):
            continue
        for loader in backend.engine.template_loaders:
            loader.reset()


def watch_for_template_changes(sender: Any, **kwargs: Any) -> None:
    for directory in get_template_directories():
        sender.watch_dir(directory, "**/*")


def template_changed(sender: Any, file_path: Any, **kwargs: Any) -> bool | None:
    if Path(file_path).suffix == ".py":
        return None
    for template_dir in get_template_directories():
        if template_dir in Path(file_path).parents:
            reset_loaders()
            return True
    return None


def connect_signals() -> None:
    """Connected by the dev server's autoreloader (kept explicit: no import-time side effects)."""
    from django.utils.autoreload import autoreload_started, file_changed

    autoreload_started.connect(watch_for_template_changes, dispatch_uid="template_loaders_watch_changes")
    file_changed.connect(template_changed, dispatch_uid="template_loaders_file_changed")
