"""Sessions as files in SESSION_FILE_PATH (default: the temporary directory)."""

from __future__ import annotations

import datetime
import os
import tempfile
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, SessionBase, UpdateError
from django.contrib.sessions.exceptions import InvalidSessionKey
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.utils import timezone


class SessionStore(SessionBase):
    # Resolved and cached on the class by _get_storage_path().
    _storage_path: ClassVar[str]

    def __init__(self, session_key: str | None = None) -> None:
        self.storage_path = self._get_storage_path()
        self.file_prefix = settings.SESSION_COOKIE_NAME
        super().__init__(session_key)

    @classmethod
    def _get_storage_path(cls) -> str:
        try:
            return cls._storage_path
        except AttributeError:
            storage_path = getattr(settings, "SESSION_FILE_PATH", None) or tempfile.gettempdir()
            if not os.path.isdir(storage_path):
                raise ImproperlyConfigured(
                    f"The session storage path {storage_path!r} doesn't exist. Please set your SESSION_FILE_PATH "
                    "setting to an existing directory in which Django can store session data."
                )
            cls._storage_path = storage_path
            return storage_path

    def _key_to_file(self, session_key: str | None = None) -> str:
        if session_key is None:
            session_key = self._get_or_create_session_key()
        if not set(session_key).issubset(VALID_KEY_CHARS):
            raise InvalidSessionKey("Invalid characters in session key")
        return os.path.join(self.storage_path, self.file_prefix + session_key)

    def _last_modification(self) -> datetime.datetime:
        modification = os.stat(self._key_to_file()).st_mtime
        return datetime.datetime.fromtimestamp(modification, tz=datetime.UTC)

    def _expiry_date(self, session_data: dict) -> datetime.datetime:
        return session_data.get("_session_expiry") or (
            self._last_modification() + datetime.timedelta(seconds=self.get_session_cookie_age())
        )

    def load(self) -> dict:
        session_data: dict = {}
        try:
            with open(self._key_to_file(), encoding="ascii") as fh:
                content = fh.read()
        except (OSError, SuspiciousOperation):
            self._session_key = None
            return session_data
        if content:
            session_data = self.decode(content)
            expiry = self._expiry_date(session_data)
            if isinstance(expiry, str):
                expiry = datetime.datetime.fromisoformat(expiry)
            if (expiry - timezone.now()).total_seconds() <= 0:
                session_data = {}
                self.delete()
                self.create()
        return session_data

    def create(self) -> None:
        self._create_under_fresh_key()

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        session_data = self._get_session(no_load=must_create)
        session_file_name = self._key_to_file()
        flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
        if must_create:
            flags |= os.O_EXCL | os.O_CREAT
        try:
            fd = os.open(session_file_name, flags)
            os.close(fd)
        except FileNotFoundError:
            if not must_create:
                raise UpdateError
        except FileExistsError:
            if must_create:
                raise CreateError
        # Write to a temporary file first, then rename, so readers never see half a session.
        directory = os.path.dirname(session_file_name)
        output_fd, output_path = tempfile.mkstemp(
            dir=directory, prefix=os.path.basename(session_file_name) + "_"
        )
        renamed = False
        try:
            with os.fdopen(output_fd, "w", encoding="ascii") as fh:
                fh.write(self.encode(session_data))
            os.replace(output_path, session_file_name)
            renamed = True
        finally:
            if not renamed:
                os.unlink(output_path)

    def exists(self, session_key: str) -> bool:
        return os.path.exists(self._key_to_file(session_key))

    def delete(self, session_key: str | None = None) -> None:
        session_key = self._key_to_delete(session_key)
        if session_key is None:
            return
        try:
            os.unlink(self._key_to_file(session_key))
        except OSError:
            pass

    def clean(self) -> None:
        pass

    @classmethod
    def clear_expired(cls) -> None:
        storage_path = cls._get_storage_path()
        file_prefix = settings.SESSION_COOKIE_NAME
        for session_file in os.listdir(storage_path):
            if not session_file.startswith(file_prefix):
                continue
            session_key = session_file.removeprefix(file_prefix)
            session: Any = cls(session_key)
            session.create = lambda: None  # do not make a new file for an expired one
            session.load()
