"""Sessions in the database with a write-through cache in front."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends.cache import CachedSessionMixin
from django.contrib.sessions.backends.db import SessionStore as DBStore

KEY_PREFIX = "django.contrib.sessions.cached_db"
logger = logging.getLogger("django.contrib.sessions")


class SessionStore(CachedSessionMixin, DBStore):
    cache_key_prefix = KEY_PREFIX

    def load(self) -> dict:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - fall back to the database
            data = None
        if data is None:
            s = self._get_session_from_db()
            if s:
                data = self.decode(s.session_data)
                try:
                    self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
                except Exception:  # noqa: BLE001 - the database has it; the cache is only a copy
                    logger.exception("Error saving to cache (%s)", self._cache)
            else:
                data = {}
        return data

    def exists(self, session_key: str) -> bool:
        try:
            if self._cache_key_of(session_key) in self._cache:
                return True
        except Exception:  # noqa: BLE001 - fall back to the database
            pass
        return super().exists(session_key)

    def save(self, must_create: bool = False) -> None:
        super().save(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:  # noqa: BLE001
            logger.exception("Error saving to cache (%s)", self._cache)

    def delete(self, session_key: str | None = None) -> None:
        super().delete(session_key)
        self._delete_from_cache(session_key)

    def flush(self) -> None:
        self.clear()
        self.delete(self.session_key)
        self._session_key = None
