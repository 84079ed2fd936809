"""django.utils.crypto: salted_hmac, random strings, constant-time comparison, pbkdf2."""

import hashlib
import hmac

import pytest

from django.utils.crypto import (
    RANDOM_STRING_CHARS,
    InvalidAlgorithm,
    constant_time_compare,
    get_random_string,
    pbkdf2,
    salted_hmac,
)


class TestSaltedHmac:
    def test_key_is_derived_from_salt_and_secret(self):
        expected_key = hashlib.sha1(b"salt" + b"secret").digest()
        expected = hmac.new(expected_key, b"value", hashlib.sha1).hexdigest()
        assert salted_hmac("salt", "value", "secret").hexdigest() == expected

    def test_algorithm_choice(self):
        result = salted_hmac("salt", "value", "secret", algorithm="sha256")
        assert len(result.digest()) == 32

    def test_different_salts_give_different_macs(self):
        assert salted_hmac("a", "v", "s").digest() != salted_hmac("b", "v", "s").digest()

    def test_default_secret_is_settings_secret_key(self, settings_secret="reinhardt-tests-not-secret"):
        assert salted_hmac("s", "v").digest() == salted_hmac("s", "v", settings_secret).digest()

    def test_unknown_algorithm(self):
        with pytest.raises(InvalidAlgorithm, match="'whatever' is not an algorithm accepted by the hashlib"):
            salted_hmac("s", "v", "k", algorithm="whatever")


def test_get_random_string():
    value = get_random_string(32)
    assert len(value) == 32 and set(value) <= set(RANDOM_STRING_CHARS)
    assert get_random_string(5, "ab").strip("ab") == ""
    assert get_random_string(0) == ""
    assert len({get_random_string(20) for _ in range(50)}) == 50


def test_constant_time_compare():
    assert constant_time_compare("spam", "spam")
    assert constant_time_compare(b"spam", "spam")
    assert not constant_time_compare("spam", "eggs")
    assert not constant_time_compare("spam", "spam!")


def test_pbkdf2_matches_hashlib():
    assert pbkdf2("password", "salt", 1, 20, hashlib.sha1).hex() == "0c60c80f961f0e71f3a9b524af6012062fe037a6"
    assert pbkdf2("pw", "salt", 2) == hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 2)
    assert len(pbkdf2("pw", "salt", 1, dklen=64)) == 64
