"""The cache framework: ``caches[alias]`` (one backend instance per alias and thread) and ``cache``."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import (
    BaseCache,
    CacheKeyWarning,
    InvalidCacheBackendError,
    InvalidCacheKey,
)
from django.utils.connection import BaseConnectionHandler, ConnectionProxy
from django.utils.module_loading import import_string

__all__ = [
    "cache",
    "caches",
    "DEFAULT_CACHE_ALIAS",
    "InvalidCacheBackendError",
    "CacheKeyWarning",
    "BaseCache",
    "InvalidCacheKey",
]

DEFAULT_CACHE_ALIAS = "default"


class CacheHandler(BaseConnectionHandler):
    settings_name = "CACHES"
    exception_class = InvalidCacheBackendError

    def create_connection(self, alias: str) -> BaseCache:
        _connect_request_finished()
        params = self.settings[alias].copy()
        backend = params.pop("BACKEND", None)
        if not backend:
            raise InvalidCacheBackendError(f"The cache alias '{alias}' has no BACKEND.")
        location = params.pop("LOCATION", "")
        try:
            backend_cls = import_string(backend)
        except ImportError as exc:
            raise InvalidCacheBackendError(f"Could not find backend '{backend}': {exc}") from exc
        return backend_cls(location, params)


caches = CacheHandler()

cache: Any = ConnectionProxy(caches, DEFAULT_CACHE_ALIAS)


def close_caches(**kwargs: Any) -> None:
    """Close every cache this thread opened (connected to request_finished)."""
    for cache_backend in caches.all(initialized_only=True):
        cache_backend.close()


# Caches are per thread: only the thread that ran the request's sync code has any to close.
close_caches.request_thread_only = True  # type: ignore[attr-defined]

_connected = False


def _connect_request_finished() -> None:
    # Done on first use rather than at import: importing the cache has no side effects.
    global _connected
    if not _connected:
        from django.core.signals import request_finished

        request_finished.connect(close_caches, dispatch_uid="django.core.cache.close_caches")
        _connected = True
