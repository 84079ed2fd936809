"""Cryptographic signing: tamper-proof values and URL-safe signed objects.

    >>> signer = Signer(key="secret")
    >>> signer.unsign(signer.sign("hello"))
    'hello'

``dumps``/``loads`` sign JSON-serialisable objects with a timestamp, so a
``max_age`` can be enforced when loading.
"""

from __future__ import annotations

import base64
import datetime
import json
import time
import zlib
from collections.abc import Iterable
from typing import Any

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.module_loading import import_string
from django.utils.regex_helper import _lazy_re_compile

_SEP_UNSAFE = _lazy_re_compile(r"^[A-z0-9-_=]*$")
BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE62_INDEX = {char: index for index, char in enumerate(BASE62_ALPHABET)}


class BadSignature(Exception):
    """Signature does not match."""


class SignatureExpired(BadSignature):
    """Signature timestamp is older than the required max_age."""


def b62_encode(s: int) -> str:
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    digits = []
    while s:
        s, remainder = divmod(s, 62)
        digits.append(BASE62_ALPHABET[remainder])
    return sign + "".join(reversed(digits))


def b62_decode(s: str) -> int:
    if s == "0":
        return 0
    sign = 1
    if s.startswith("-"):
        s, sign = s[1:], -1
    decoded = 0
    for char in s:
        decoded = decoded * 62 + _BASE62_INDEX[char]
    return sign * decoded


def b64_encode(s: bytes) -> bytes:
    return base64.urlsafe_b64encode(s).strip(b"=")


def b64_decode(s: bytes) -> bytes:
    return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))


def base64_hmac(salt: str, value: Any, key: Any, algorithm: str = "sha1") -> str:
    return b64_encode(salted_hmac(salt, value, key, algorithm=algorithm).digest()).decode()


def _cookie_signer_key(key: Any) -> bytes:
    # Cookie signatures use a key distinct from other uses of SECRET_KEY.
    return b"django.http.cookies" + force_bytes(key)


def get_cookie_signer(salt: str = "django.core.signing.get_cookie_signer") -> Signer:
    """The SIGNING_BACKEND signer used for signed cookies."""
    from django.conf import settings

    signer_class = import_string(settings.SIGNING_BACKEND)
    return signer_class(
        key=_cookie_signer_key(settings.SECRET_KEY),
        fallback_keys=map(_cookie_signer_key, settings.SECRET_KEY_FALLBACKS),
        salt=salt,
    )


class JSONSerializer:
    """Compact JSON, as bytes (the default for dumps()/loads())."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"))


def dumps(
    obj: Any,
    key: Any = None,
    salt: str = "django.core.signing",
    serializer: type = JSONSerializer,
    compress: bool = False,
) -> str:
    """A URL-safe, signed and timestamped string holding ``obj`` (zlib
    compressed when ``compress`` and it helps)."""
    return TimestampSigner(key=key, salt=salt).sign_object(obj, serializer=serializer, compress=compress)


def loads(
    s: str,
    key: Any = None,
    salt: str = "django.core.signing",
    serializer: type = JSONSerializer,
    max_age: int | float | datetime.timedelta | None = None,
    fallback_keys: Iterable | None = None,
) -> Any:
    """Reverse of dumps(); BadSignature if tampered with, SignatureExpired if
    older than ``max_age`` seconds."""
    signer = TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys)
    return signer.unsign_object(s, serializer=serializer, max_age=max_age)


class Signer:
    """Appends ``sep`` + an HMAC of the value; ``unsign`` checks it against
    the key and any fallback keys (for key rotation)."""

    def __init__(
        self,
        *,
        key: Any = None,
        sep: str = ":",
        salt: str | None = None,
        algorithm: str | None = None,
        fallback_keys: Iterable | None = None,
    ) -> None:
        from django.conf import settings

        self.key = key if key is not None else settings.SECRET_KEY
        self.fallback_keys = (
            list(fallback_keys) if fallback_keys is not None else list(settings.SECRET_KEY_FALLBACKS)
        )
        self.sep = sep
        self.salt = salt or f"{self.__class__.__module__}.{self.__class__.__name__}"
        self.algorithm = algorithm or "sha256"
        if _SEP_UNSAFE.match(self.sep):
            raise ValueError(
                f"Unsafe Signer separator: {sep!r} (cannot be empty or consist of only A-z0-9-_=)",
            )

    def signature(self, value: Any, key: Any = None) -> str:
        key = key if key is not None else self.key
        return base64_hmac(self.salt + "signer", value, key, algorithm=self.algorithm)

    def sign(self, value: Any) -> str:
        return f"{value}{self.sep}{self.signature(value)}"

    def unsign(self, signed_value: str) -> str:
        if self.sep not in signed_value:
            raise BadSignature(f'No "{self.sep}" found in value')
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in [self.key, *self.fallback_keys]:
            if constant_time_compare(sig, self.signature(value, key)):
                return value
        raise BadSignature(f'Signature "{sig}" does not match')

    def sign_object(self, obj: Any, serializer: type = JSONSerializer, compress: bool = False) -> str:
        """Serialize, optionally compress, base64 and sign ``obj``."""
        data = serializer().dumps(obj)
        compressed_marker = ""
        if compress:
            compressed = zlib.compress(data)
            if len(compressed) < len(data) - 1:
                data = compressed
                compressed_marker = "."
        return self.sign(compressed_marker + b64_encode(data).decode())

    def unsign_object(self, signed_obj: str, serializer: type = JSONSerializer, **kwargs: Any) -> Any:
        """Check the signature, then decode what sign_object() produced."""
        payload = self.unsign(signed_obj, **kwargs).encode()
        compressed = payload[:1] == b"."
        if compressed:
            payload = payload[1:]
        data = b64_decode(payload)
        if compressed:
            data = zlib.decompress(data)
        return serializer().loads(data)


class TimestampSigner(Signer):
    """A Signer that also signs the time, so ``unsign(max_age=...)`` can
    reject old values."""

    def timestamp(self) -> str:
        return b62_encode(int(time.time()))

    def sign(self, value: Any) -> str:
        return super().sign(f"{value}{self.sep}{self.timestamp()}")

    def unsign(self, value: str, max_age: int | float | datetime.timedelta | None = None) -> str:
        result = super().unsign(value)
        if self.sep not in result:
            raise BadSignature(f'No "{self.sep}" found in value')
        value, timestamp_text = result.rsplit(self.sep, 1)
        try:
            timestamp = b62_decode(timestamp_text)
        except KeyError:
            raise BadSignature("Malformed timestamp")
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            age = time.time() - timestamp
            if age > max_age:
                raise SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value


__all__ = [
    "BadSignature",
    "JSONSerializer",
    "Signer",
    "SignatureExpired",
    "TimestampSigner",
    "b62_decode",
    "b62_encode",
    "b64_decode",
    "b64_encode",
    "base64_hmac",
    "dumps",
    "get_cookie_signer",
    "loads",
]
