from __future__ import annotations

from typing import Any

from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    """A session stored in the database (SESSION_ENGINE = "django.contrib.sessions.backends.db")."""

    objects = SessionManager()

    @classmethod
    def get_session_store_class(cls) -> Any:
        from django.contrib.sessions.backends.db import SessionStore

        return SessionStore

    class Meta(AbstractBaseSession.Meta):
        db_table = "django_session"
