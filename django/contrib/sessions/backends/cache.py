"""Sessions in the cache (SESSION_CACHE_ALIAS)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError

KEY_PREFIX = "django.contrib.sessions.cache"


class CachedSessionMixin:
    """The cache side shared by the cache and cached_db stores: the cache and the keys in it."""

    cache_key_prefix: str

    def __init__(self, session_key: str | None = None) -> None:
        from django.core.cache import caches

        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)  # type: ignore[call-arg]

    def _cache_key_of(self, session_key: str) -> str:
        return self.cache_key_prefix + session_key

    @property
    def cache_key(self) -> str:
        return self._cache_key_of(self._get_or_create_session_key())  # type: ignore[attr-defined]

    def _delete_from_cache(self, session_key: str | None) -> None:
        key = self._key_to_delete(session_key)  # type: ignore[attr-defined]
        if key is not None:
            self._cache.delete(self._cache_key_of(key))


class SessionStore(CachedSessionMixin, SessionBase):
    cache_key_prefix = KEY_PREFIX

    def load(self) -> dict:
        try:
            session_data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - a broken cache server means an empty session
            session_data = None
        if session_data is not None:
            return session_data
        self._session_key = None
        return {}

    def create(self) -> None:
        if not self._create_under_fresh_key(attempts=10000):
            raise RuntimeError(
                "Unable to create a new session key. It is likely that the cache is unavailable."
            )

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        func: Any = self._cache.add if must_create else self._cache.set
        if not must_create and not self._cache.has_key(self.cache_key):
            raise UpdateError
        result = func(self.cache_key, self._get_session(no_load=must_create), self.get_expiry_age())
        if must_create and not result:
            raise CreateError

    def exists(self, session_key: str) -> bool:
        return bool(session_key) and self._cache_key_of(session_key) in self._cache

    def delete(self, session_key: str | None = None) -> None:
        self._delete_from_cache(session_key)

    @classmethod
    def clear_expired(cls) -> None:
        pass
