"""Cryptographic helpers: HMACs keyed from SECRET_KEY, random strings, PBKDF2."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.utils.encoding import force_bytes


class InvalidAlgorithm(ValueError):
    """The hashlib module does not offer the requested algorithm."""


def salted_hmac(key_salt: Any, value: Any, secret: Any = None, *, algorithm: str = "sha1") -> hmac.HMAC:
    """An HMAC of ``value`` keyed by hash(key_salt + secret); ``secret``
    defaults to settings.SECRET_KEY."""
    if secret is None:
        from django.conf import settings

        secret = settings.SECRET_KEY
    key_salt = force_bytes(key_salt)
    secret = force_bytes(secret)
    try:
        hasher = getattr(hashlib, algorithm)
    except AttributeError as exc:
        raise InvalidAlgorithm(f"{algorithm!r} is not an algorithm accepted by the hashlib module.") from exc
    # Derive a key so the same secret gives unrelated keys for different salts.
    key = hasher(key_salt + secret).digest()
    return hmac.new(key, msg=force_bytes(value), digestmod=hasher)


RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def get_random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    """A cryptographically secure random string of ``length`` characters."""
    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def constant_time_compare(val1: Any, val2: Any) -> bool:
    """Compare two str/bytes values in time independent of where they differ."""
    return secrets.compare_digest(force_bytes(val1), force_bytes(val2))


def pbkdf2(password: Any, salt: Any, iterations: int, dklen: int = 0, digest: Any = None) -> bytes:
    """PBKDF2-HMAC; ``digest`` is a hashlib constructor (default sha256),
    ``dklen`` 0 means the digest size."""
    if digest is None:
        digest = hashlib.sha256
    return hashlib.pbkdf2_hmac(
        digest().name, force_bytes(password), force_bytes(salt), iterations, dklen or None
    )
