"""AbstractBaseUser and BaseUserManager: the minimum a custom user model builds on."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import acheck_password, check_password, is_password_usable, make_password
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class BaseUserManager(models.Manager):
    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """Lower-case the domain part of an address."""
        email = email or ""
        try:
            local, domain = email.strip().rsplit("@", 1)
        except ValueError:
            return email
        return f"{local}@{domain.lower()}"

    def get_by_natural_key(self, username: str) -> Any:
        return self.get(**{self.model.USERNAME_FIELD: username})

    async def aget_by_natural_key(self, username: str) -> Any:
        return await self.aget(**{self.model.USERNAME_FIELD: username})


class AbstractBaseUser(models.Model):
    if TYPE_CHECKING:  # set by concrete user models
        USERNAME_FIELD: ClassVar[str]
    password = models.CharField(_("password"), max_length=128)
    last_login = models.DateTimeField(_("last login"), blank=True, null=True)

    is_active = True
    REQUIRED_FIELDS: list[str] = []
    _password: str | None = None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.get_username()

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if self._password is not None:
            password_validation.password_changed(self._password, self)
            self._password = None

    def get_username(self) -> str:
        return getattr(self, self.USERNAME_FIELD)

    def clean(self) -> None:
        setattr(self, self.USERNAME_FIELD, self.normalize_username(self.get_username()))

    def natural_key(self) -> tuple:
        return (self.get_username(),)

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def is_authenticated(self) -> bool:
        return True

    def set_password(self, raw_password: str | None) -> None:
        self.password = make_password(raw_password)
        self._password = raw_password

    def check_password(self, raw_password: str) -> bool:
        """Whether raw_password is right; re-hashes and saves it if the hasher changed."""

        def setter(raw: str) -> None:
            self.set_password(raw)
            self._password = None  # not a password change: validators need not hear of it
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, setter)

    async def acheck_password(self, raw_password: str) -> bool:
        async def setter(raw: str) -> None:
            self.set_password(raw)
            self._password = None
            await self.asave(update_fields=["password"])

        return await acheck_password(raw_password, self.password, setter)

    def set_unusable_password(self) -> None:
        self.password = make_password(None)

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def get_session_auth_hash(self) -> str:
        return self._get_session_auth_hash()

    def get_session_auth_fallback_hash(self) -> Any:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._get_session_auth_hash(secret=fallback_secret)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password, secret=secret, algorithm="sha256").hexdigest()

    @classmethod
    def get_email_field_name(cls) -> str:
        return getattr(cls, "EMAIL_FIELD", "email")

    @classmethod
    def normalize_username(cls, username: Any) -> Any:
        return unicodedata.normalize("NFKC", username) if isinstance(username, str) else username
