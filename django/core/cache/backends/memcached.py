"""Memcached backends (PyMemcacheCache through ``pymemcache``, PyLibMCCache through ``pylibmc``).

Memcached refuses keys longer than 250 bytes or containing control characters or spaces, so
here such keys raise InvalidCacheKey instead of only warning.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache.backends.base import (
    DEFAULT_TIMEOUT,
    BaseCache,
    InvalidCacheKey,
    memcache_key_warnings,
)
from django.utils.functional import cached_property

# Memcached reads expiry times above 30 days as absolute Unix timestamps.
THIRTY_DAYS = 60 * 60 * 24 * 30


class BaseMemcachedCache(BaseCache):
    def __init__(
        self, server: str | list[str], params: dict, library: Any, value_not_found_exception: Any
    ) -> None:
        super().__init__(params)
        if isinstance(server, str):
            self._servers = [s for s in server.replace(",", ";").split(";") if s]
        else:
            self._servers = list(server)
        self.LibraryValueNotFoundException = value_not_found_exception
        self._lib = library
        self._class = library.Client
        self._options = params.get("OPTIONS") or {}

    @property
    def client_servers(self) -> list:
        return self._servers

    @cached_property
    def _cache(self) -> Any:
        return self._class(self.client_servers, **self._options)

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int:
        """Memcached's expiry: 0 = never, -1 = already expired, absolute past 30 days."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return 0
        timeout = int(timeout)
        if timeout <= 0:
            return -1
        return int(time.time() + timeout) if timeout > THIRTY_DAYS else timeout

    def validate_key(self, key: str) -> None:
        for warning in memcache_key_warnings(key):
            raise InvalidCacheKey(warning)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.add(key, value, self.get_backend_timeout(timeout)))

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.get(key, default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        if not self._cache.set(key, value, self.get_backend_timeout(timeout)):
            # A refused value (e.g. over the 1 MB item limit) must not leave the old one behind.
            self._cache.delete(key)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.touch(key, self.get_backend_timeout(timeout)))

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.delete(key))

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self._cache.get_multi(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def close(self, **kwargs: Any) -> None:
        self._cache.disconnect_all()

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        try:
            # Memcached cannot count below zero through incr: negative steps use decr.
            value = self._cache.decr(key, -delta) if delta < 0 else self._cache.incr(key, delta)
        except self.LibraryValueNotFoundException:
            value = None
        if value is None:
            raise ValueError(f"Key '{key}' not found")
        return value

    def set_many(self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list:
        safe = {}
        original = {}
        for key, value in data.items():
            made = self.make_and_validate_key(key, version=version)
            safe[made] = value
            original[made] = key
        failed = self._cache.set_multi(safe, self.get_backend_timeout(timeout))
        return [original[k] for k in failed or ()]

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        if made:
            self._cache.delete_multi(made)

    def clear(self) -> None:
        self._cache.flush_all()


class PyMemcacheCache(BaseMemcachedCache):
    """Through ``pymemcache``'s HashClient (pickling serde, unicode keys allowed)."""

    def __init__(self, server: str | list[str], params: dict) -> None:
        import pymemcache.serde

        super().__init__(server, params, library=pymemcache, value_not_found_exception=KeyError)
        self._class = self._lib.HashClient
        self._options = {
            "allow_unicode_keys": True,
            "default_noreply": False,
            "serde": pymemcache.serde.pickle_serde,
            **self._options,
        }


class PyLibMCCache(BaseMemcachedCache):
    """Through ``pylibmc``."""

    def __init__(self, server: str | list[str], params: dict) -> None:
        import pylibmc

        super().__init__(server, params, library=pylibmc, value_not_found_exception=pylibmc.NotFound)

    @property
    def client_servers(self) -> list:
        # pylibmc names unix sockets by path, without the "unix:" scheme.
        return [s.removeprefix("unix:") for s in self._servers]

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        if timeout == 0:
            return bool(self._cache.delete(key))
        return bool(self._cache.touch(key, self.get_backend_timeout(timeout)))

    def close(self, **kwargs: Any) -> None:
        pass  # pylibmc clients are thread-local and reuse their connections
