"""Sessions in the database (the default SESSION_ENGINE)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, SessionBase, UpdateError
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, IntegrityError, router, transaction
from django.utils import timezone
from django.utils.functional import cached_property

_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(SessionBase):
    def _validate_session_key(self, key: Any) -> bool:
        # Only keys this store could have made reach the database (a hostile cookie is no session).
        return super()._validate_session_key(key) and len(key) <= 40 and set(key) <= _KEY_CHARS

    @classmethod
    def get_model_class(cls) -> Any:
        from django.contrib.sessions.models import Session

        return Session

    @cached_property
    def model(self) -> Any:
        return self.get_model_class()

    def _get_session_from_db(self) -> Any:
        try:
            return self.model.objects.get(session_key=self.session_key, expire_date__gt=timezone.now())
        except (self.model.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{exc.__class__.__name__}")
                logger.warning(str(exc))
            self._session_key = None
            return None

    def load(self) -> dict:
        s = self._get_session_from_db()
        return self.decode(s.session_data) if s else {}

    def exists(self, session_key: str) -> bool:
        return self.model.objects.filter(session_key=session_key).exists()

    def create(self) -> None:
        self._create_under_fresh_key()

    def create_model_instance(self, data: dict) -> Any:
        return self.model(
            session_key=self._get_or_create_session_key(),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    def save(self, must_create: bool = False) -> None:
        """Insert (must_create) or update the row; a vanished row on update is an UpdateError."""
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            with transaction.atomic(using=using):
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError
            raise

    def delete(self, session_key: str | None = None) -> None:
        session_key = self._key_to_delete(session_key)
        if session_key is not None:
            self.model.objects.filter(session_key=session_key).delete()

    @classmethod
    def clear_expired(cls) -> None:
        cls.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
