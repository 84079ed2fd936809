"""Sessions kept entirely in a signed cookie."""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase
from django.core import signing


class SessionStore(SessionBase):
    def load(self) -> dict:
        try:
            return signing.loads(
                self.session_key,
                serializer=self.serializer,
                max_age=self.get_session_cookie_age(),
                salt="django.contrib.sessions.backends.signed_cookies",
            )
        except Exception:  # noqa: BLE001 - bad or expired cookie: start a new session
            self.create()
        return {}

    def create(self) -> None:
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        self._session_key = self._get_session_key()
        self.modified = True

    def exists(self, session_key: str | None = None) -> bool:
        return False

    def delete(self, session_key: str | None = None) -> None:
        self._session_key = ""
        self._session_cache = {}
        self.modified = True

    def cycle_key(self) -> None:
        self.save()

    def _get_session_key(self) -> str:  # type: ignore[override]
        return signing.dumps(
            self._session,
            compress=True,
            salt="django.contrib.sessions.backends.signed_cookies",
            serializer=self.serializer,
        )

    @classmethod
    def clear_expired(cls) -> None:
        pass
