"""DummyCache: implements the interface and stores nothing (for development)."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class DummyCache(BaseCache):
    def __init__(self, host: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return True

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        self.make_and_validate_key(key, version=version)
        return default

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self.make_and_validate_key(key, version=version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def has_key(self, key: Any, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def clear(self) -> None:
        pass
