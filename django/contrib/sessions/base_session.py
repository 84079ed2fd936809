"""AbstractBaseSession: the table shape of database-backed sessions."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSessionManager(models.Manager):
    def encode(self, session_dict: dict) -> str:
        return self.model.get_session_store_class()().encode(session_dict)

    def save(self, session_key: str, session_dict: dict, expire_date: Any) -> Any:
        s = self.model(session_key, self.encode(session_dict), expire_date)
        if session_dict:
            s.save()
        else:
            s.delete()
        return s


class AbstractBaseSession(models.Model):
    session_key = models.CharField(_("session key"), max_length=40, primary_key=True)
    session_data = models.TextField(_("session data"))
    expire_date = models.DateTimeField(_("expire date"), db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.session_key

    @classmethod
    def get_session_store_class(cls) -> Any:
        raise NotImplementedError

    def get_decoded(self) -> dict:
        session_store_class = self.get_session_store_class()
        return session_store_class().decode(self.session_data)
