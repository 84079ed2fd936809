"""Password hashing: make_password/check_password and the hasher classes of PASSWORD_HASHERS.

A stored password is "<algorithm>$<fields...>"; the algorithm names the hasher that made it. A
password starting with "!" is unusable. Checking a password whose hasher is not the preferred
one (or whose work factor is outdated) lets the caller re-hash it (``setter``).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import importlib
import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.crypto import RANDOM_STRING_CHARS, constant_time_compare, get_random_string, pbkdf2
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop as _

UNUSABLE_PASSWORD_PREFIX = "!"
UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40


def is_password_usable(encoded: str | None) -> bool:
    """False for None and for passwords set with set_unusable_password()."""
    return encoded is None or not encoded.startswith(UNUSABLE_PASSWORD_PREFIX)


def verify_password(
    password: str | None, encoded: str | None, preferred: str = "default"
) -> tuple[bool, bool]:
    """(is_correct, must_update) for a raw password against a stored one."""
    fake_runtime = password is None or not is_password_usable(encoded)
    preferred_hasher = get_hasher(preferred)
    try:
        hasher = identify_hasher(encoded)
    except ValueError:
        fake_runtime = True
    if fake_runtime or password is None or encoded is None:  # (both Nones set fake_runtime already)
        # Spend the time a real check would, so timing does not tell whether the user exists.
        make_password(get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH))
        return False, False
    try:
        must_update = hasher.algorithm != preferred_hasher.algorithm or hasher.must_update(encoded)
        is_correct = hasher.verify(password, encoded)
    except (ValueError, TypeError):
        return False, False  # a stored password this hasher cannot even parse matches nothing
    if not is_correct and not must_update and hasher.must_update(encoded):
        hasher.harden_runtime(password, encoded)
    return is_correct, must_update


def check_password(
    password: str | None, encoded: str | None, setter: Callable | None = None, preferred: str = "default"
) -> bool:
    """Whether ``password`` matches ``encoded``; calls ``setter(password)`` when it needs re-hashing."""
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        setter(password)
    return is_correct


async def acheck_password(
    password: str | None, encoded: str | None, setter: Callable | None = None, preferred: str = "default"
) -> bool:
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        await setter(password)
    return is_correct


def make_password(
    password: str | None, salt: str | None = None, hasher: str | BasePasswordHasher = "default"
) -> str:
    """The stored form of a password; None gives an unusable password."""
    if password is None:
        return UNUSABLE_PASSWORD_PREFIX + get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH)
    if not isinstance(password, (bytes, str)):
        raise TypeError(f"Password must be a string or bytes, got {type(password).__qualname__}.")
    hasher_obj = get_hasher(hasher)
    salt = salt or hasher_obj.salt()
    return hasher_obj.encode(password, salt)


@functools.lru_cache
def get_hashers() -> list[BasePasswordHasher]:
    hashers = []
    for path in settings.PASSWORD_HASHERS:
        hasher = import_string(path)()
        if not hasher.algorithm:
            raise ImproperlyConfigured(f"hasher doesn't specify an algorithm name: {path}")
        hashers.append(hasher)
    return hashers


@functools.lru_cache
def get_hashers_by_algorithm() -> dict[str, BasePasswordHasher]:
    return {hasher.algorithm: hasher for hasher in get_hashers()}  # type: ignore[misc]  # get_hashers() checked them


@receiver(setting_changed)
def reset_hashers(*, setting: str, **kwargs: Any) -> None:
    if setting == "PASSWORD_HASHERS":
        get_hashers.cache_clear()
        get_hashers_by_algorithm.cache_clear()


def get_hasher(algorithm: str | BasePasswordHasher = "default") -> BasePasswordHasher:
    """The hasher for an algorithm name ("default" is the first of PASSWORD_HASHERS)."""
    if hasattr(algorithm, "algorithm"):
        return algorithm  # type: ignore[return-value]
    if algorithm == "default":
        return get_hashers()[0]
    try:
        return get_hashers_by_algorithm()[algorithm]  # type: ignore[index]
    except KeyError:
        raise ValueError(
            f"Unknown password hashing algorithm '{algorithm}'. Did you specify it in the PASSWORD_HASHERS setting?"
        )


def identify_hasher(encoded: str | None) -> BasePasswordHasher:
    """The hasher that made ``encoded``; ValueError if none of PASSWORD_HASHERS did."""
    if not encoded or "$" not in encoded:
        raise ValueError("Unknown password hashing algorithm.")
    return get_hasher(encoded.split("$", 1)[0])


def mask_hash(hash: str, show: int = 6, char: str = "*") -> str:  # noqa: A002
    """Show only the first ``show`` characters of a hash."""
    return hash[:show] + char * len(hash[show:])


def must_update_salt(salt: str, expected_entropy: int) -> bool:
    return len(salt) * math.log2(len(RANDOM_STRING_CHARS)) < expected_entropy


class BasePasswordHasher:
    """Subclasses set ``algorithm`` and implement encode/decode/verify/safe_summary."""

    algorithm: str | None = None
    library: Any = None
    salt_entropy = 128

    def _load_library(self) -> Any:
        if self.library is None:
            raise ValueError(f"Hasher {self.__class__.__name__!r} doesn't specify a library attribute")
        name, mod_path = (
            self.library if isinstance(self.library, (tuple, list)) else (self.library, self.library)
        )
        try:
            return importlib.import_module(mod_path)
        except ImportError as exc:
            raise ValueError(f"Couldn't load {self.__class__.__name__!r} algorithm library: {exc}")

    def salt(self) -> str:
        char_count = math.ceil(self.salt_entropy / math.log2(len(RANDOM_STRING_CHARS)))
        return get_random_string(char_count, allowed_chars=RANDOM_STRING_CHARS)

    def verify(self, password: str, encoded: str) -> bool:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a verify() method")

    def _check_encode_args(self, password: Any, salt: str) -> None:
        if password is None:
            raise TypeError("password must be provided.")
        if not salt or "$" in salt:
            raise ValueError("salt must be provided and cannot contain $.")

    def encode(self, password: str, salt: str) -> str:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide an encode() method")

    def decode(self, encoded: str) -> dict:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a decode() method.")

    def safe_summary(self, encoded: str) -> dict:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a safe_summary() method")

    def must_update(self, encoded: str) -> bool:
        return False

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass


class PBKDF2PasswordHasher(BasePasswordHasher):
    """PBKDF2 with HMAC-SHA256 (the default)."""

    algorithm = "pbkdf2_sha256"
    iterations = 1_200_000
    digest: Callable[..., Any] = hashlib.sha256

    def encode(self, password: str, salt: str, iterations: int | None = None) -> str:
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        raw = pbkdf2(password, salt, iterations, digest=self.digest)
        return "%s$%d$%s$%s" % (
            self.algorithm,
            iterations,
            salt,
            base64.b64encode(raw).decode("ascii").strip(),
        )

    def decode(self, encoded: str) -> dict:
        algorithm, iterations, salt, hash_ = encoded.split("$", 3)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded!r} was not made by {self.algorithm}")
        return {"algorithm": algorithm, "hash": hash_, "iterations": int(iterations), "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(encoded, self.encode(password, decoded["salt"], decoded["iterations"]))

    def safe_summary(self, encoded: str) -> dict:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("iterations"): decoded["iterations"],
            _("salt"): mask_hash(decoded["salt"]),
            _("hash"): mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return decoded["iterations"] != self.iterations or must_update_salt(
            decoded["salt"], self.salt_entropy
        )

    def harden_runtime(self, password: str, encoded: str) -> None:
        decoded = self.decode(encoded)
        extra = self.iterations - decoded["iterations"]
        if extra > 0:
            self.encode(password, decoded["salt"], extra)


class PBKDF2SHA1PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha1"
    digest = hashlib.sha1


class Argon2PasswordHasher(BasePasswordHasher):
    """Argon2id through the argon2-cffi package."""

    algorithm = "argon2"
    library = "argon2"
    time_cost = 2
    memory_cost = 102400
    parallelism = 8

    def encode(self, password: str, salt: str) -> str:
        argon2 = self._load_library()
        params = self.params()
        data = argon2.low_level.hash_secret(
            password.encode() if isinstance(password, str) else password,
            salt.encode(),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
        )
        return self.algorithm + data.decode("ascii")

    def decode(self, encoded: str) -> dict:
        argon2 = self._load_library()
        algorithm, rest = encoded.split("$", 1)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded!r} was not made by {self.algorithm}")
        params = argon2.extract_parameters("$" + rest)
        variety, *_, b64salt, hash_ = rest.split("$")
        b64salt += "=" * (-len(b64salt) % 4)
        salt = base64.b64decode(b64salt).decode("latin1")
        return {
            "algorithm": algorithm,
            "hash": hash_,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "salt": salt,
            "time_cost": params.time_cost,
            "variety": variety,
            "version": params.version,
            "params": params,
        }

    def verify(self, password: str, encoded: str) -> bool:
        argon2 = self._load_library()
        algorithm, rest = encoded.split("$", 1)
        try:
            return argon2.PasswordHasher().verify("$" + rest, password)
        except argon2.exceptions.VerificationError:
            return False

    def safe_summary(self, encoded: str) -> dict:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("variety"): decoded["variety"],
            _("version"): decoded["version"],
            _("memory cost"): decoded["memory_cost"],
            _("time cost"): decoded["time_cost"],
            _("parallelism"): decoded["parallelism"],
            _("salt"): mask_hash(decoded["salt"]),
            _("hash"): mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        current = decoded["params"]
        new = self.params()
        new.salt_len = current.salt_len
        return current != new or must_update_salt(decoded["salt"], self.salt_entropy)

    def params(self) -> Any:
        argon2 = self._load_library()
        return argon2.Parameters(
            type=argon2.low_level.Type.ID,
            version=argon2.low_level.ARGON2_VERSION,
            salt_len=argon2.DEFAULT_RANDOM_SALT_LENGTH,
            hash_len=argon2.DEFAULT_HASH_LENGTH,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
        )


class BCryptSHA256PasswordHasher(BasePasswordHasher):
    """bcrypt over a SHA-256 of the password (so long passwords are not truncated)."""

    algorithm = "bcrypt_sha256"
    digest: Any = hashlib.sha256
    library = ("bcrypt", "bcrypt")
    rounds = 12

    def salt(self) -> str:
        return self._load_library().gensalt(self.rounds).decode("ascii")

    def encode(self, password: str, salt: str) -> str:
        bcrypt = self._load_library()
        data = password.encode() if isinstance(password, str) else password
        if self.digest is not None:
            data = binascii.hexlify(self.digest(data).digest())
        return "%s$%s" % (self.algorithm, bcrypt.hashpw(data, salt.encode("ascii")).decode("ascii"))

    def decode(self, encoded: str) -> dict:
        algorithm, empty, algostr, work_factor, data = encoded.split("$", 4)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded!r} was not made by {self.algorithm}")
        return {
            "algorithm": algorithm,
            "algostr": algostr,
            "checksum": data[22:],
            "salt": data[:22],
            "work_factor": int(work_factor),
        }

    def verify(self, password: str, encoded: str) -> bool:
        algorithm, data = encoded.split("$", 1)
        return constant_time_compare(encoded, self.encode(password, data))

    def safe_summary(self, encoded: str) -> dict:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("work factor"): decoded["work_factor"],
            _("salt"): mask_hash(decoded["salt"]),
            _("checksum"): mask_hash(decoded["checksum"]),
        }

    def must_update(self, encoded: str) -> bool:
        return self.decode(encoded)["work_factor"] != self.rounds


class BCryptPasswordHasher(BCryptSHA256PasswordHasher):
    algorithm = "bcrypt"
    digest = None


class ScryptPasswordHasher(BasePasswordHasher):
    """scrypt from hashlib."""

    algorithm = "scrypt"
    block_size = 8
    maxmem = 0
    parallelism = 5
    work_factor = 2**14

    def encode(
        self, password: str, salt: str, n: int | None = None, r: int | None = None, p: int | None = None
    ) -> str:
        self._check_encode_args(password, salt)
        n, r, p = n or self.work_factor, r or self.block_size, p or self.parallelism
        raw = hashlib.scrypt(
            password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=self.maxmem, dklen=64
        )
        return "%s$%d$%s$%d$%d$%s" % (
            self.algorithm,
            n,
            salt,
            r,
            p,
            base64.b64encode(raw).decode("ascii").strip(),
        )

    def decode(self, encoded: str) -> dict:
        algorithm, work_factor, salt, block_size, parallelism, hash_ = encoded.split("$", 6)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded!r} was not made by {self.algorithm}")
        return {
            "algorithm": algorithm,
            "block_size": int(block_size),
            "hash": hash_,
            "parallelism": int(parallelism),
            "salt": salt,
            "work_factor": int(work_factor),
        }

    def verify(self, password: str, encoded: str) -> bool:
        d = self.decode(encoded)
        return constant_time_compare(
            encoded, self.encode(password, d["salt"], d["work_factor"], d["block_size"], d["parallelism"])
        )

    def safe_summary(self, encoded: str) -> dict:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("work factor"): d["work_factor"],
            _("block size"): d["block_size"],
            _("parallelism"): d["parallelism"],
            _("salt"): mask_hash(d["salt"]),
            _("hash"): mask_hash(d["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        d = self.decode(encoded)
        return (d["work_factor"], d["block_size"], d["parallelism"]) != (
            self.work_factor,
            self.block_size,
            self.parallelism,
        ) or must_update_salt(d["salt"], self.salt_entropy)


class MD5PasswordHasher(BasePasswordHasher):
    """Salted MD5: fast and weak; meant for test settings only."""

    algorithm = "md5"

    def encode(self, password: str, salt: str) -> str:
        self._check_encode_args(password, salt)
        return "%s$%s$%s" % (self.algorithm, salt, hashlib.md5((salt + password).encode()).hexdigest())

    def decode(self, encoded: str) -> dict:
        algorithm, salt, hash_ = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded!r} was not made by {self.algorithm}")
        return {"algorithm": algorithm, "hash": hash_, "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(encoded, self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded: str) -> dict:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("salt"): mask_hash(d["salt"], show=2),
            _("hash"): mask_hash(d["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        return must_update_salt(self.decode(encoded)["salt"], self.salt_entropy)
