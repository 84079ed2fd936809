"""One-time tokens for password reset links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

_EPOCH = datetime(2001, 1, 1)


class PasswordResetTokenGenerator:
    """Tokens that stop working once the password or last login changes, or after
    PASSWORD_RESET_TIMEOUT seconds."""

    key_salt = "django.contrib.auth.tokens.PasswordResetTokenGenerator"
    algorithm: str | None = None
    _secret: Any = None
    _secret_fallbacks: Any = None

    def __init__(self) -> None:
        self.algorithm = self.algorithm or "sha256"

    @property
    def secret(self) -> str:
        return self._secret or settings.SECRET_KEY

    @secret.setter
    def secret(self, value: str) -> None:
        self._secret = value

    @property
    def secret_fallbacks(self) -> list:
        if self._secret_fallbacks is None:
            return settings.SECRET_KEY_FALLBACKS
        return self._secret_fallbacks

    @secret_fallbacks.setter
    def secret_fallbacks(self, value: list) -> None:
        self._secret_fallbacks = value

    def make_token(self, user: Any) -> str:
        return self._make_token_with_timestamp(user, self._num_seconds(self._now()), self.secret)

    def check_token(self, user: Any, token: Any) -> bool:
        """Whether the token was made for this user's current state and has not expired."""
        if not (user and token) or not isinstance(token, str):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.PASSWORD_RESET_TIMEOUT

    def _make_token_with_timestamp(self, user: Any, timestamp: int, secret: str) -> str:
        ts_b36 = int_to_base36(timestamp)
        digest = salted_hmac(
            self.key_salt,
            self._make_hash_value(user, timestamp),
            secret=secret,
            algorithm=self.algorithm,  # type: ignore[arg-type]  # __init__ set it
        ).hexdigest()[::2]  # half the digest keeps the URL short
        return f"{ts_b36}-{digest}"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        login_timestamp = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        email_field = user.get_email_field_name()
        email = getattr(user, email_field, "") or ""
        return f"{user.pk}{user.password}{login_timestamp}{timestamp}{email}"

    def _num_seconds(self, dt: datetime) -> int:
        return int((dt - _EPOCH).total_seconds())

    def _now(self) -> datetime:
        return datetime.now()


default_token_generator = PasswordResetTokenGenerator()
