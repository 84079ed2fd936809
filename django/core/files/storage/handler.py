"""``storages``: the STORAGES setting's backends, created once per alias."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class InvalidStorageError(ImproperlyConfigured):
    """An alias is not configured in STORAGES."""


class StorageHandler:
    def __init__(self, backends: dict[str, dict] | None = None) -> None:
        self._backends = backends
        self._storages: dict[str, Any] = {}

    @property
    def backends(self) -> dict[str, dict]:
        if self._backends is None:
            from django.conf import settings

            self._backends = dict(settings.STORAGES)
        return self._backends

    def __getitem__(self, alias: str) -> Any:
        try:
            return self._storages[alias]
        except KeyError:
            pass
        try:
            params = self.backends[alias]
        except KeyError:
            raise InvalidStorageError(f"Could not find config for '{alias}' in settings.STORAGES.")
        storage = self.create_storage(params)
        self._storages[alias] = storage
        return storage

    def create_storage(self, params: dict[str, Any]) -> Any:
        params = dict(params)
        backend = params.pop("BACKEND")
        options = params.pop("OPTIONS", {})
        try:
            storage_cls = import_string(backend)
        except ImportError as exc:
            raise InvalidStorageError(f"Could not find backend {backend!r}: {exc}") from exc
        return storage_cls(**options)

    def reset(self) -> None:
        """Forget configured backends (after STORAGES changes)."""
        self._backends = None
        self._storages = {}
