"""BaseCache: key making and validation, timeouts, versions, and the generic multi-key API."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from asgiref.sync import sync_to_async

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class InvalidCacheBackendError(ImproperlyConfigured):
    """CACHES names no such alias, or a backend that cannot be loaded."""


class CacheKeyWarning(RuntimeWarning):
    """A key that some backends (memcached) cannot store."""


class InvalidCacheKey(ValueError):
    """A key that this backend cannot store at all."""


# A stand-in for "use the backend's default timeout", distinct from None (= never expire).
DEFAULT_TIMEOUT = object()

# The longest key memcached accepts.
MEMCACHE_MAX_KEY_LENGTH = 250


def default_key_func(key: Any, key_prefix: str, version: int) -> str:
    """``prefix:version:key``, the documented default key layout."""
    return f"{key_prefix}:{version}:{key}"


def get_key_func(key_func: Any) -> Callable[[Any, str, int], str]:
    """KEY_FUNCTION as a callable (given directly or as a dotted path)."""
    if key_func is None:
        return default_key_func
    if callable(key_func):
        return key_func
    return import_string(key_func)


def memcache_key_warnings(key: str) -> Iterable[str]:
    if len(key) > MEMCACHE_MAX_KEY_LENGTH:
        yield (
            f"Cache key will cause errors if used with memcached: {key!r} "
            f"(longer than {MEMCACHE_MAX_KEY_LENGTH})"
        )
    for char in key:
        if ord(char) < 33 or ord(char) == 127:
            yield f"Cache key contains characters that will cause errors if used with memcached: {key!r}"
            break


def _int_option(params: dict, options: dict, name: str, default: int) -> int:
    value = options.get(name, params.get(name, default))
    try:
        return int(value)
    except (ValueError, TypeError):
        raise ImproperlyConfigured(f"The cache option {name} must be an integer, not {value!r}.") from None


class BaseCache:
    """The interface every backend implements; backends override the primitive operations."""

    _missing_key = object()

    def __init__(self, params: dict) -> None:
        timeout = params.get("timeout", params.get("TIMEOUT", 300))
        if timeout is not None:
            try:
                timeout = int(timeout)
            except (ValueError, TypeError):
                timeout = 300
        self.default_timeout = timeout
        options = params.get("OPTIONS", {})
        self._max_entries = _int_option(params, options, "max_entries", 300)
        self._max_entries = _int_option(params, options, "MAX_ENTRIES", self._max_entries)
        self._cull_frequency = _int_option(params, options, "cull_frequency", 3)
        self._cull_frequency = _int_option(params, options, "CULL_FREQUENCY", self._cull_frequency)
        self.key_prefix = params.get("KEY_PREFIX", "")
        self.version = params.get("VERSION", 1)
        self.key_func = get_key_func(params.get("KEY_FUNCTION"))

    # ------------------------------------------------------------ keys and timeouts
    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> float | None:
        """The absolute expiry time for ``timeout`` seconds from now (None = never)."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            timeout = -1  # 0 means "expire at once"
        return None if timeout is None else time.time() + timeout

    def make_key(self, key: Any, version: int | None = None) -> str:
        if version is None:
            version = self.version
        return self.key_func(key, self.key_prefix, version)

    def validate_key(self, key: str) -> None:
        """Warn about keys that would not work on memcached, so code stays portable."""
        for warning in memcache_key_warnings(key):
            warnings.warn(warning, CacheKeyWarning, stacklevel=3)

    def make_and_validate_key(self, key: Any, version: int | None = None) -> str:
        key = self.make_key(key, version=version)
        self.validate_key(key)
        return key

    # ------------------------------------------------------------ primitives (backends implement)
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Store ``value`` only if ``key`` is absent; True if stored."""
        raise NotImplementedError("subclasses of BaseCache must provide an add() method")

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        raise NotImplementedError("subclasses of BaseCache must provide a get() method")

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        raise NotImplementedError("subclasses of BaseCache must provide a set() method")

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Give ``key`` a new expiry; True if the key existed."""
        raise NotImplementedError("subclasses of BaseCache must provide a touch() method")

    def delete(self, key: Any, version: int | None = None) -> bool:
        """Remove ``key``; True if it existed."""
        raise NotImplementedError("subclasses of BaseCache must provide a delete() method")

    def clear(self) -> None:
        raise NotImplementedError("subclasses of BaseCache must provide a clear() method")

    # ------------------------------------------------------------ derived operations
    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict:
        """The keys found, mapped to their values (missing keys are left out)."""
        found = {}
        for key in keys:
            value = self.get(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    def get_or_set(
        self, key: Any, default: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        """The cached value, or ``default`` (called if callable) stored and returned."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            if callable(default):
                default = default()
            self.add(key, default, timeout=timeout, version=version)
            # Another writer may have won the race; answer what is stored now.
            return self.get(key, default, version=version)
        return value

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self.get(key, self._missing_key, version=version) is not self._missing_key

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        new_value = value + delta
        self.set(key, new_value, version=version)
        return new_value

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, -delta, version=version)

    def __contains__(self, key: Any) -> bool:
        return self.has_key(key)

    def set_many(self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list:
        """Store every pair; the list of keys that failed (always empty here)."""
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        for key in keys:
            self.delete(key, version=version)

    def incr_version(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Move ``key`` to version+delta; the new version."""
        if version is None:
            version = self.version
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        self.set(key, value, version=version + delta)
        self.delete(key, version=version)
        return version + delta

    def decr_version(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self.incr_version(key, -delta, version)

    def close(self, **kwargs: Any) -> None:
        """Release connections; nothing to do by default."""


def _async_variant(name: str) -> Callable[..., Any]:
    async def method(self: BaseCache, *args: Any, **kwargs: Any) -> Any:
        return await sync_to_async(getattr(self, name), thread_sensitive=True)(*args, **kwargs)

    method.__name__ = method.__qualname__ = f"a{name}"
    method.__doc__ = f"Async form of {name}()."
    return method


ASYNC_METHODS = (
    "add get set touch delete get_many get_or_set has_key incr decr set_many delete_many "
    "incr_version decr_version clear close"
).split()

for _name in ASYNC_METHODS:
    setattr(BaseCache, f"a{_name}", _async_variant(_name))
