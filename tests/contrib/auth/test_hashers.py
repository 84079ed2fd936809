"""Password hashing: formats, verification, upgrade on check, unusable passwords, bad input."""

import pytest

from django.contrib.auth.hashers import (
    BCryptSHA256PasswordHasher,
    MD5PasswordHasher,
    PBKDF2PasswordHasher,
    PBKDF2SHA1PasswordHasher,
    ScryptPasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
    is_password_usable,
    make_password,
)
from django.test import override_settings

ALL = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]


class FastPBKDF2(PBKDF2PasswordHasher):
    iterations = 10


@pytest.mark.parametrize(
    "algorithm", ["pbkdf2_sha256", "pbkdf2_sha1", "scrypt", "md5", "bcrypt_sha256", "argon2"]
)
def test_each_hasher_round_trips(algorithm):
    with override_settings(PASSWORD_HASHERS=ALL):
        encoded = make_password("lètmein", hasher=algorithm)
        assert encoded.startswith(algorithm + "$")
        assert check_password("lètmein", encoded)
        assert not check_password("letmein", encoded)
        assert identify_hasher(encoded).algorithm == algorithm
        summary = get_hasher(algorithm).safe_summary(encoded)
        assert "lètmein" not in str(summary)


def test_pbkdf2_format_and_iterations():
    encoded = PBKDF2PasswordHasher().encode("secret", "seasalt", iterations=3)
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations, salt) == ("pbkdf2_sha256", "3", "seasalt")
    assert PBKDF2PasswordHasher().verify("secret", encoded)
    assert PBKDF2PasswordHasher().must_update(encoded)  # fewer iterations than the current default
    assert PBKDF2SHA1PasswordHasher().encode("secret", "seasalt", 3).startswith("pbkdf2_sha1$3$seasalt$")


def test_check_password_upgrades_an_old_hash_through_the_setter():
    with override_settings(
        PASSWORD_HASHERS=[
            "tests.contrib.auth.test_hashers.FastPBKDF2",
            "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
    ):
        old = make_password("pw", hasher="md5")
        seen = []
        assert check_password("pw", old, setter=seen.append)
        assert seen == ["pw"]
        assert not check_password("wrong", old, setter=seen.append)
        assert seen == ["pw"]


def test_unusable_passwords():
    encoded = make_password(None)
    assert encoded.startswith("!") and len(encoded) == 41
    assert not is_password_usable(encoded)
    assert not check_password("", encoded)
    assert not check_password(None, make_password("x"))
    assert is_password_usable(make_password("x"))


@pytest.mark.parametrize(
    "encoded", ["", "nodollar", "unknown$1$2", "md5$", "pbkdf2_sha256$notanumber$salt$x"]
)
def test_malformed_stored_passwords_never_match(encoded):
    assert check_password("anything", encoded) is False


def test_unknown_algorithm_names_the_setting():
    with pytest.raises(ValueError, match="PASSWORD_HASHERS"):
        get_hasher("rot13")


def test_non_string_password_is_a_type_error():
    with pytest.raises(TypeError, match="Password must be a string or bytes"):
        make_password(123)


def test_salt_with_dollar_is_refused():
    with pytest.raises(ValueError, match="salt"):
        MD5PasswordHasher().encode("pw", "a$b")


def test_scrypt_and_bcrypt_must_update_when_work_factor_changes():
    scrypt = ScryptPasswordHasher()
    encoded = scrypt.encode("pw", scrypt.salt(), n=2**10)
    assert scrypt.verify("pw", encoded) and scrypt.must_update(encoded)
    bcrypt = BCryptSHA256PasswordHasher()
    bcrypt.rounds = 4
    encoded = bcrypt.encode("pw", bcrypt.salt())
    assert bcrypt.verify("pw", encoded)
    assert BCryptSHA256PasswordHasher().must_update(encoded)
