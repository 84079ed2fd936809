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
        self._from_settings = backends is None
        self._source: Any = None
        self._storages: dict[str, Any] = {}

    @property
    def backends(self) -> dict[str, dict]:
        if self._from_settings:
            from django.conf import settings

            # A replaced STORAGES setting (override_settings) means new backends.
            if settings.STORAGES is not self._source:
                self._source = settings.STORAGES
                self._backends = dict(self._source)
                self._storages = {}
        return self._backends if self._backends is not None else {}

    def __getitem__(self, alias: str) -> Any:
        backends = self.backends
        try:
            return self._storages[alias]
        except KeyError:
            pass
        try:
            params = backends[alias]
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
        """Forget created storages (and re-read STORAGES when it is the source)."""
        self._source = None
        self._storages = {}
