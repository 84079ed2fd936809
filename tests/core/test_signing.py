"""django.core.signing: Signer, TimestampSigner, dumps/loads, key rotation, tampering."""

import datetime
import time

import pytest

from django.core import signing


class TestSigner:
    def test_sign_and_unsign(self):
        signer = signing.Signer(key="predictable-secret")
        signed = signer.sign("hello")
        assert signed.startswith("hello:")
        assert signer.unsign(signed) == "hello"

    def test_signature_depends_on_key_salt_and_algorithm(self):
        base = signing.Signer(key="k1").signature("v")
        assert signing.Signer(key="k2").signature("v") != base
        assert signing.Signer(key="k1", salt="other").signature("v") != base
        assert signing.Signer(key="k1", algorithm="sha512").signature("v") != base
        assert signing.Signer(key="k1").signature("v") == base

    def test_default_key_is_secret_key(self):
        assert signing.Signer().key == "reinhardt-tests-not-secret"

    def test_custom_separator(self):
        signer = signing.Signer(key="k", sep="/")
        assert signer.unsign(signer.sign("a:b")) == "a:b"

    @pytest.mark.parametrize("sep", ["", "a", "A", "-", "_", "=", "ab-c"])
    def test_unsafe_separators_are_refused(self, sep):
        with pytest.raises(ValueError, match="Unsafe Signer separator"):
            signing.Signer(key="k", sep=sep)

    @pytest.mark.parametrize(
        "tampered",
        [
            lambda s: s + "x",
            lambda s: s[:-1],
            lambda s: "x" + s,
            lambda s: s.replace("hello", "hellO"),
            lambda s: s.replace(":", ""),
            lambda s: "",
            lambda s: ":" * 500,
            lambda s: "hello:" + "A" * 10000,
        ],
    )
    def test_tampering_is_detected(self, tampered):
        signer = signing.Signer(key="k")
        with pytest.raises(signing.BadSignature):
            signer.unsign(tampered(signer.sign("hello")))

    def test_fallback_keys_allow_rotation(self):
        old = signing.Signer(key="old")
        new = signing.Signer(key="new", fallback_keys=["older", "old"])
        assert new.unsign(old.sign("data")) == "data"
        assert new.sign("data") != old.sign("data")
        with pytest.raises(signing.BadSignature):
            signing.Signer(key="new", fallback_keys=[]).unsign(old.sign("data"))

    def test_sign_object_round_trip_and_compression(self):
        signer = signing.Signer(key="k")
        value = {"list": [1, 2, 3] * 50, "text": "é"}
        plain = signer.sign_object(value)
        compressed = signer.sign_object(value, compress=True)
        assert compressed.startswith(".") and len(compressed) < len(plain)
        assert signer.unsign_object(plain) == value
        assert signer.unsign_object(compressed) == value

    def test_incompressible_object_is_not_marked_compressed(self):
        assert not signing.Signer(key="k").sign_object("a", compress=True).startswith(".")


class TestTimestampSigner:
    def test_round_trip_and_max_age(self):
        signer = signing.TimestampSigner(key="k")
        signed = signer.sign("value")
        assert signed.count(":") == 2
        assert signer.unsign(signed) == "value"
        assert signer.unsign(signed, max_age=100) == "value"
        assert signer.unsign(signed, max_age=datetime.timedelta(seconds=100)) == "value"

    def test_expired_signature(self):
        class PastSigner(signing.TimestampSigner):
            def timestamp(self):
                return signing.b62_encode(int(time.time()) - 1000)

        signed = PastSigner(key="k", salt="s").sign("value")
        assert signing.TimestampSigner(key="k", salt="s").unsign(signed) == "value"
        with pytest.raises(signing.SignatureExpired):
            signing.TimestampSigner(key="k", salt="s").unsign(signed, max_age=10)
        assert issubclass(signing.SignatureExpired, signing.BadSignature)

    def test_plain_signer_value_is_not_a_timestamped_value(self):
        plain = signing.Signer(key="k", salt="django.core.signing.TimestampSigner").sign("value")
        with pytest.raises(signing.BadSignature):
            signing.TimestampSigner(key="k").unsign(plain)


class TestDumpsLoads:
    @pytest.mark.parametrize("value", ["a string", {"a": "dictionary"}, ["a", "list"], 42, None, "é unicode"])
    def test_round_trip(self, value):
        assert signing.loads(signing.dumps(value)) == value
        assert signing.loads(signing.dumps(value, compress=True)) == value

    def test_output_is_url_safe(self):
        token = signing.dumps({"payload": "a/b+c=" * 20})
        assert all(c.isalnum() or c in "-_:." for c in token)

    def test_salt_and_key_must_match(self):
        token = signing.dumps("x", salt="one", key="k")
        assert signing.loads(token, salt="one", key="k") == "x"
        with pytest.raises(signing.BadSignature):
            signing.loads(token, salt="two", key="k")
        with pytest.raises(signing.BadSignature):
            signing.loads(token, salt="one", key="other")

    def test_fallback_keys(self):
        token = signing.dumps("x", key="old")
        assert signing.loads(token, key="new", fallback_keys=["old"]) == "x"

    def test_max_age(self):
        token = signing.dumps("x")
        assert signing.loads(token, max_age=60) == "x"
        with pytest.raises(signing.SignatureExpired):
            signing.loads(token, max_age=-1)

    @pytest.mark.parametrize("garbage", ["", "abc", "a:b:c", "....", "x" * 5000, "é:é:é"])
    def test_garbage_raises_bad_signature(self, garbage):
        with pytest.raises(signing.BadSignature):
            signing.loads(garbage)

    def test_custom_serializer(self):
        class ReprSerializer:
            def dumps(self, obj):
                return repr(obj).encode()

            def loads(self, data):
                return data.decode()

        token = signing.dumps((1, 2), serializer=ReprSerializer)
        assert signing.loads(token, serializer=ReprSerializer) == "(1, 2)"


class TestEncodings:
    @pytest.mark.parametrize("n", [0, 1, -1, 61, 62, -62, 2**40, -(2**63)])
    def test_b62_round_trip(self, n):
        assert signing.b62_decode(signing.b62_encode(n)) == n

    def test_b64_round_trip_strips_padding(self):
        for data in (b"", b"a", b"ab", b"abc", b"\xff" * 10):
            encoded = signing.b64_encode(data)
            assert b"=" not in encoded
            assert signing.b64_decode(encoded) == data


def test_get_cookie_signer_uses_a_distinct_key():
    signer = signing.get_cookie_signer(salt="cookie")
    assert isinstance(signer, signing.TimestampSigner)
    assert signer.key == b"django.http.cookiesreinhardt-tests-not-secret"
    assert signer.unsign(signer.sign("v")) == "v"
    with pytest.raises(signing.BadSignature):
        signing.TimestampSigner(salt="cookie").unsign(signer.sign("v"))
