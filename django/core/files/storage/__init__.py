"""File storage: the Storage API, its file-system and in-memory backends, and ``storages``."""

from __future__ import annotations

from typing import Any

from django.core.files.storage.base import Storage
from django.core.files.storage.filesystem import FileSystemStorage
from django.core.files.storage.handler import InvalidStorageError, StorageHandler
from django.core.files.storage.memory import InMemoryStorage
from django.utils.functional import LazyObject

__all__ = [
    "FileSystemStorage",
    "InMemoryStorage",
    "Storage",
    "DefaultStorage",
    "default_storage",
    "InvalidStorageError",
    "StorageHandler",
    "storages",
]

storages = StorageHandler()


class DefaultStorage(LazyObject):
    """The storage configured as STORAGES['default'], created on first use."""

    def _setup(self) -> Any:
        self._wrapped = storages["default"]


default_storage = DefaultStorage()
