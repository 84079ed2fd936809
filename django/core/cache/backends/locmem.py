"""LocMemCache: a per-process LRU dict of pickled values, shared by instances with the same LOCATION."""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

# LOCATION -> (values, expiry times, lock): every LocMemCache with that name shares them.
_caches: dict[str, OrderedDict] = {}
_expire_info: dict[str, dict] = {}
_locks: dict[str, threading.Lock] = {}
_registry_lock = threading.Lock()


class LocMemCache(BaseCache):
    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, name: str, params: dict) -> None:
        super().__init__(params)
        with _registry_lock:
            self._cache = _caches.setdefault(name, OrderedDict())
            self._expire_info = _expire_info.setdefault(name, {})
            self._lock = _locks.setdefault(name, threading.Lock())

    # Values are pickled so that callers cannot mutate what is stored (as with a real server).
    def _dump(self, value: Any) -> bytes:
        return pickle.dumps(value, self.pickle_protocol)

    def _has_expired(self, key: str) -> bool:
        expiry = self._expire_info.get(key, -1)
        return expiry is not None and expiry <= time.time()

    def _delete(self, key: str) -> bool:
        try:
            del self._cache[key]
            del self._expire_info[key]
        except KeyError:
            return False
        return True

    def _cull(self) -> None:
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            return
        count = len(self._cache) // self._cull_frequency
        for _ in range(count):
            key, _value = self._cache.popitem(last=False)  # least recently used first
            del self._expire_info[key]

    def _store(self, key: str, pickled: bytes, timeout: Any) -> None:
        if len(self._cache) >= self._max_entries and key not in self._cache:
            self._cull()
        self._cache[key] = pickled
        self._cache.move_to_end(key)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        pickled = self._dump(value)
        with self._lock:
            if key in self._cache and not self._has_expired(key):
                return False
            self._store(key, pickled, timeout)
            return True

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key not in self._cache:
                return default
            if self._has_expired(key):
                self._delete(key)
                return default
            pickled = self._cache[key]
            self._cache.move_to_end(key)
        return pickle.loads(pickled)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        pickled = self._dump(value)
        with self._lock:
            self._store(key, pickled, timeout)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key not in self._cache or self._has_expired(key):
                return False
            self._expire_info[key] = self.get_backend_timeout(timeout)
            return True

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key not in self._cache or self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            new_value = pickle.loads(self._cache[key]) + delta
            self._cache[key] = self._dump(new_value)
            self._cache.move_to_end(key)
        return new_value

    def has_key(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key in self._cache and not self._has_expired(key):
                return True
            self._delete(key)
            return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
