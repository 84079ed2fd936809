"""django.utils.encoding: str/bytes conversion and IRI/URI helpers."""

import datetime
from decimal import Decimal

import pytest

from django.utils.encoding import (
    DjangoUnicodeDecodeError,
    escape_uri_path,
    filepath_to_uri,
    force_bytes,
    force_str,
    iri_to_uri,
    is_protected_type,
    punycode,
    repercent_broken_unicode,
    smart_bytes,
    smart_str,
    uri_to_iri,
)
from django.utils.functional import Promise, lazystr
from django.utils.safestring import SafeString, mark_safe


class TestForceStr:
    def test_bytes_are_decoded(self):
        assert force_str(b"caf\xc3\xa9") == "café"
        assert force_str(b"caf\xe9", encoding="latin-1") == "café"

    def test_str_subclasses_are_returned_unchanged(self):
        safe = mark_safe("<b>")
        assert force_str(safe) is safe

    def test_strings_only_keeps_protected_types(self):
        now = datetime.datetime(2020, 1, 1)
        for value in (None, 1, 1.5, Decimal("2"), now, now.date(), now.time()):
            assert force_str(value, strings_only=True) is value
            assert is_protected_type(value)
        assert force_str(None) == "None"

    def test_invalid_bytes_raise_informative_error(self):
        with pytest.raises(DjangoUnicodeDecodeError) as info:
            force_str(b"\xff")
        assert "You passed in b'\\xff'" in str(info.value)
        assert isinstance(info.value, UnicodeDecodeError)

    def test_errors_argument(self):
        assert force_str(b"a\xffb", errors="replace") == "a\ufffdb"

    def test_lazy_objects_are_forced(self):
        assert type(force_str(lazystr("x"))) is str

    def test_smart_str_keeps_lazy(self):
        lazy_value = lazystr("x")
        assert isinstance(smart_str(lazy_value), Promise)
        assert smart_str(b"y") == "y"


class TestForceBytes:
    def test_str_and_other_encodings(self):
        assert force_bytes("café") == b"caf\xc3\xa9"
        assert force_bytes("café", encoding="latin-1") == b"caf\xe9"
        assert force_bytes(b"caf\xc3\xa9", encoding="latin-1") == b"caf\xe9"

    def test_memoryview_and_objects(self):
        assert force_bytes(memoryview(b"abc")) == b"abc"
        assert force_bytes(12) == b"12"
        assert force_bytes(12, strings_only=True) == 12

    def test_smart_bytes_keeps_lazy(self):
        assert isinstance(smart_bytes(lazystr("x")), Promise)


class TestIri:
    def test_iri_to_uri_quotes_non_ascii_only(self):
        assert iri_to_uri("/♥♥/?utf8=✓") == "/%E2%99%A5%E2%99%A5/?utf8=%E2%9C%93"
        assert iri_to_uri("/a b/#frag") == "/a%20b/#frag"
        assert iri_to_uri("/already%20quoted/") == "/already%20quoted/"
        assert iri_to_uri(None) is None
        assert iri_to_uri(lazystr("/é")) == "/%C3%A9"

    def test_uri_to_iri_decodes_utf8_but_keeps_reserved(self):
        assert uri_to_iri("/%E2%99%A5%E2%99%A5/?utf8=%E2%9C%93") == "/♥♥/?utf8=✓"
        assert uri_to_iri("/%2F%25%3F") == "/%2F%25%3F"
        assert uri_to_iri("/%41%7e") == "/A~"
        assert uri_to_iri(None) is None

    def test_uri_to_iri_keeps_invalid_utf8_encoded(self):
        assert uri_to_iri("/%FF%E2%99%A5") == "/%FF♥"
        assert uri_to_iri("/%zz%") == "/%zz%"

    def test_round_trip(self):
        for iri in ("/blog/for/Jürgen Münster/", "/湖/", "/?q=♥&x=%20"):
            assert uri_to_iri(iri_to_uri(iri)) == uri_to_iri(iri_to_uri(uri_to_iri(iri_to_uri(iri))))

    def test_repercent_broken_unicode(self):
        assert repercent_broken_unicode(b"/\xff/ok") == b"/%FF/ok"
        assert repercent_broken_unicode("/♥".encode()) == "/♥".encode()


def test_escape_uri_path_keeps_path_characters():
    assert escape_uri_path("/;some/=awful/?path/:with/@lots/&of/+awful/chars") == (
        "/%3Bsome/%3Dawful/%3Fpath/:with/@lots/&of/+awful/chars"
    )


def test_filepath_to_uri_converts_backslashes():
    assert filepath_to_uri("upload\\чубака.mp4") == "upload/%D1%87%D1%83%D0%B1%D0%B0%D0%BA%D0%B0.mp4"
    assert filepath_to_uri(None) is None


def test_punycode():
    assert punycode("bücher.example") == "xn--bcher-kva.example"


def test_safe_string_through_force_str_stays_safe():
    assert isinstance(force_str(SafeString("a")), SafeString)
