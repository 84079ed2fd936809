"""Storage: the interface every file storage backend implements."""

from __future__ import annotations

import os
import pathlib
from datetime import datetime
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.utils import validate_file_name


class Storage:
    """Subclasses implement _open, _save and the query methods."""

    def open(self, name: str, mode: str = "rb") -> File:
        return self._open(name, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        """Save ``content`` under a free name derived from ``name``; return the name used."""
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        name = self._save(name, content)
        validate_file_name(name, allow_relative_path=True)
        return name

    def get_valid_name(self, name: str) -> str:
        from django.utils.text import get_valid_filename

        return get_valid_filename(name)

    def get_alternative_name(self, file_root: str, file_ext: str) -> str:
        from django.utils.crypto import get_random_string

        return f"{file_root}_{get_random_string(7)}{file_ext}"

    def _allow_overwrite(self) -> bool:
        return False

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        """A name that is free in this storage and no longer than ``max_length``."""
        name = str(name).replace("\\", "/")
        dir_name, file_name = os.path.split(name)
        if ".." in pathlib.PurePath(dir_name).parts:
            raise SuspiciousFileOperation(f"Detected path traversal attempt in '{dir_name}'")
        validate_file_name(file_name)
        file_root, file_ext = _split_ext(file_name)
        while (not self._allow_overwrite() and self.exists(name)) or (max_length and len(name) > max_length):
            name = os.path.join(dir_name, self.get_alternative_name(file_root, file_ext))
            if max_length is None:
                continue
            overflow = len(name) - max_length
            if overflow > 0:
                file_root = file_root[:-overflow]
                if not file_root:
                    raise SuspiciousFileOperation(
                        f'Storage can not find an available filename for "{name}". '
                        "Please make sure that the corresponding file field allows sufficient "
                        '"max_length".'
                    )
                name = os.path.join(dir_name, self.get_alternative_name(file_root, file_ext))
        return name

    def generate_filename(self, filename: str) -> str:
        """Clean ``filename`` (which may contain directories) for this storage."""
        filename = str(filename).replace("\\", "/")
        dirname, basename = os.path.split(filename)
        if ".." in pathlib.PurePath(dirname).parts:
            raise SuspiciousFileOperation(f"Detected path traversal attempt in '{dirname}'")
        return os.path.normpath(os.path.join(dirname, self.get_valid_name(basename)))

    def path(self, name: str) -> str:
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _open(self, name: str, mode: str = "rb") -> File:
        raise NotImplementedError("subclasses of Storage must provide an _open() method")

    def _save(self, name: str, content: Any) -> str:
        raise NotImplementedError("subclasses of Storage must provide a _save() method")

    def delete(self, name: str) -> None:
        raise NotImplementedError("subclasses of Storage must provide a delete() method")

    def exists(self, name: str) -> bool:
        raise NotImplementedError("subclasses of Storage must provide an exists() method")

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        raise NotImplementedError("subclasses of Storage must provide a listdir() method")

    def size(self, name: str) -> int:
        raise NotImplementedError("subclasses of Storage must provide a size() method")

    def url(self, name: str | None) -> str:
        raise NotImplementedError("subclasses of Storage must provide a url() method")

    def get_accessed_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_accessed_time() method")

    def get_created_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_created_time() method")

    def get_modified_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_modified_time() method")


def _split_ext(file_name: str) -> tuple[str, str]:
    """Split off the extension, keeping compound ones like .tar.gz together."""
    root, ext = os.path.splitext(file_name)
    if ext and root.endswith(".tar"):
        root, ext = root[:-4], ".tar" + ext
    return root, ext
