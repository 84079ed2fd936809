"""Sessions in the cache (SESSION_CACHE_ALIAS)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError

KEY_PREFIX = "django.contrib.sessions.cache"


class SessionStore(SessionBase):
    cache_key_prefix = KEY_PREFIX

    def __init__(self, session_key: str | None = None) -> None:
        from django.core.cache import caches

        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @property
    def cache_key(self) -> str:
        return self.cache_key_prefix + self._get_or_create_session_key()

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
        for _ in range(10000):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError("Unable to create a new session key. It is likely that the cache is unavailable.")

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
        return bool(session_key) and (self.cache_key_prefix + session_key) in self._cache

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    @classmethod
    def clear_expired(cls) -> None:
        pass
