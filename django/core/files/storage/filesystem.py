"""FileSystemStorage: files under MEDIA_ROOT (or ``location``), served from MEDIA_URL."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.files import File, locks
from django.core.files.move import file_move_safe
from django.core.files.storage.base import Storage
from django.utils._os import safe_join
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri


@deconstructible(path="django.core.files.storage.FileSystemStorage")
class FileSystemStorage(Storage):
    """Standard file-system storage; options default to the matching settings."""

    OS_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

    def __init__(
        self,
        location: str | os.PathLike | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
        allow_overwrite: bool = False,
    ) -> None:
        self._location = location
        self._base_url = base_url
        self._file_permissions_mode = file_permissions_mode
        self._directory_permissions_mode = directory_permissions_mode
        self.allow_overwrite = allow_overwrite

    # Settings are read on use so override_settings and late configuration work.
    @property
    def base_location(self) -> str:
        return os.fspath(self._location if self._location is not None else settings.MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> str | None:
        url = self._base_url if self._base_url is not None else settings.MEDIA_URL
        if url and not url.endswith("/"):
            url += "/"
        return url

    @property
    def file_permissions_mode(self) -> int | None:
        mode = self._file_permissions_mode
        return settings.FILE_UPLOAD_PERMISSIONS if mode is None else mode

    @property
    def directory_permissions_mode(self) -> int | None:
        mode = self._directory_permissions_mode
        return settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS if mode is None else mode

    def _allow_overwrite(self) -> bool:
        return self.allow_overwrite

    def _open(self, name: str, mode: str = "rb") -> File:
        return File(open(self.path(name), mode))

    def _ensure_directory(self, directory: str) -> None:
        if self.directory_permissions_mode is None:
            os.makedirs(directory, exist_ok=True)
            return
        old_umask = os.umask(0o777 & ~self.directory_permissions_mode)
        try:
            os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        finally:
            os.umask(old_umask)

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            self._ensure_directory(directory)
        except FileExistsError:
            raise FileExistsError(f"{directory} exists and is not a directory.")
        while True:
            try:
                self._write(full_path, content)
                break
            except FileExistsError:
                # Lost a race for the name: pick another and try again.
                name = self.get_available_name(name)
                full_path = self.path(name)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _write(self, full_path: str, content: Any) -> None:
        if hasattr(content, "temporary_file_path"):
            file_move_safe(content.temporary_file_path(), full_path, allow_overwrite=self.allow_overwrite)
            return
        flags = self.OS_OPEN_FLAGS
        if self.allow_overwrite:
            flags = (flags & ~os.O_EXCL) | os.O_TRUNC
        fd = os.open(full_path, flags, 0o666)
        try:
            locks.lock(fd, locks.LOCK_EX)
            with os.fdopen(os.dup(fd), "wb") as target:
                for chunk in content.chunks():
                    target.write(chunk.encode() if isinstance(chunk, str) else chunk)
        finally:
            locks.unlock(fd)
            os.close(fd)

    def delete(self, name: str) -> None:
        if not name:
            raise ValueError("The name must be given to delete().")
        path = self.path(name)
        try:
            if os.path.isdir(path):
                os.rmdir(path)
            else:
                os.remove(path)
        except FileNotFoundError:
            pass

    def exists(self, name: str) -> bool:
        return os.path.lexists(self.path(name))

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        directories: list[str] = []
        files: list[str] = []
        with os.scandir(self.path(path)) as entries:
            for entry in entries:
                (directories if entry.is_dir() else files).append(entry.name)
        return directories, files

    def path(self, name: str) -> str:
        return safe_join(self.location, name)

    def size(self, name: str) -> int:
        return os.path.getsize(self.path(name))

    def url(self, name: str | None) -> str:
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name)
        if url is not None:
            url = url.lstrip("/")
        return urljoin(self.base_url, url)

    def _datetime(self, timestamp: float) -> datetime:
        if settings.USE_TZ:
            return datetime.fromtimestamp(timestamp, UTC)
        return datetime.fromtimestamp(timestamp)

    def get_accessed_time(self, name: str) -> datetime:
        return self._datetime(os.path.getatime(self.path(name)))

    def get_created_time(self, name: str) -> datetime:
        return self._datetime(os.path.getctime(self.path(name)))

    def get_modified_time(self, name: str) -> datetime:
        return self._datetime(os.path.getmtime(self.path(name)))
