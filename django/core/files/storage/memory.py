"""InMemoryStorage: a non-persistent storage, mostly for tests."""

from __future__ import annotations

import posixpath
from datetime import UTC, datetime
from io import BytesIO, StringIO
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage.base import Storage
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri


class _StoredFile:
    def __init__(self, data: bytes | str) -> None:
        now = datetime.now(UTC)
        self.data = data
        self.created = self.modified = self.accessed = now


class _WritableMemoryFile(File):
    """A file opened for writing; its content is stored on close."""

    def __init__(self, storage: InMemoryStorage, name: str, mode: str, initial: Any) -> None:
        binary = "b" in mode
        buffer: Any = BytesIO() if binary else StringIO()
        if initial is not None and "a" in mode:
            buffer.write(initial)
        super().__init__(buffer, name)
        self.mode = mode
        self._storage = storage

    def close(self) -> None:
        if not self.file.closed:
            self._storage._store(self.name or "", self.file.getvalue())
            self.file.close()


@deconstructible(path="django.core.files.storage.InMemoryStorage")
class InMemoryStorage(Storage):
    """Keeps files in a dict keyed by normalized path; directories are implied."""

    def __init__(
        self,
        location: str | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
    ) -> None:
        self._location = location
        self._base_url = base_url
        self.file_permissions_mode = file_permissions_mode
        self.directory_permissions_mode = directory_permissions_mode
        self._files: dict[str, _StoredFile] = {}

    @property
    def location(self) -> str:
        return self._location if self._location is not None else settings.MEDIA_ROOT

    @property
    def base_url(self) -> str | None:
        url = self._base_url if self._base_url is not None else settings.MEDIA_URL
        return url if not url or url.endswith("/") else url + "/"

    @staticmethod
    def _key(name: str) -> str:
        key = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/")
        return "" if key == "." else key

    def _store(self, name: str, data: bytes | str) -> None:
        key = self._key(name)
        existing = self._files.get(key)
        if existing:
            existing.data, existing.modified = data, datetime.now(UTC)
        else:
            self._files[key] = _StoredFile(data)

    def _get(self, name: str) -> _StoredFile:
        try:
            return self._files[self._key(name)]
        except KeyError:
            raise FileNotFoundError(f"{name} does not exist")

    def _open(self, name: str, mode: str = "rb") -> File:
        if any(flag in mode for flag in "wa+x"):
            initial = self._files[self._key(name)].data if self._key(name) in self._files else None
            return _WritableMemoryFile(self, name, mode, initial)
        stored = self._get(name)
        stored.accessed = datetime.now(UTC)
        data = stored.data
        if "b" in mode and isinstance(data, str):
            data = data.encode()
        elif "b" not in mode and isinstance(data, bytes):
            data = data.decode()
        return ContentFile(data, name=name)

    def _save(self, name: str, content: Any) -> str:
        parts = [chunk for chunk in content.chunks()]
        data: bytes | str = "".join(parts) if parts and isinstance(parts[0], str) else b"".join(parts)
        self._store(name, data)
        return self._key(name)

    def delete(self, name: str) -> None:
        key = self._key(name)
        self._files.pop(key, None)
        prefix = key + "/"
        for other in [k for k in self._files if k.startswith(prefix)]:
            del self._files[other]

    def exists(self, name: str) -> bool:
        key = self._key(name)
        return key in self._files or any(k.startswith(key + "/") for k in self._files)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = self._key(path)
        prefix = prefix + "/" if prefix else ""
        dirs, files = set(), []
        for key in self._files:
            if key.startswith(prefix):
                head, sep, _rest = key[len(prefix) :].partition("/")
                if sep:
                    dirs.add(head)
                else:
                    files.append(head)
        return sorted(dirs), sorted(files)

    def size(self, name: str) -> int:
        data = self._get(name).data
        return len(data.encode() if isinstance(data, str) else data)

    def url(self, name: str | None) -> str:
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name)
        return urljoin(self.base_url, url.lstrip("/") if url else url)

    def get_accessed_time(self, name: str) -> datetime:
        return self._get(name).accessed

    def get_created_time(self, name: str) -> datetime:
        return self._get(name).created

    def get_modified_time(self, name: str) -> datetime:
        return self._get(name).modified
