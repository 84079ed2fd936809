"""django.utils.http: query strings, HTTP dates, ETags, base36/64, redirect safety, header parsing."""

import base64
import datetime
import time

import pytest

from django.utils.datastructures import MultiValueDict
from django.utils.http import (
    base36_to_int,
    content_disposition_header,
    escape_leading_slashes,
    http_date,
    int_to_base36,
    is_same_domain,
    parse_etags,
    parse_header_parameters,
    parse_http_date,
    parse_http_date_safe,
    quote_etag,
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)


class TestUrlencode:
    def test_mappings_and_pairs(self):
        assert urlencode({"a": 1, "b": "x y"}) == "a=1&b=x+y"
        assert urlencode([("a", "1"), ("a", "2")]) == "a=1&a=2"

    def test_doseq_expands_sequences(self):
        assert urlencode({"a": [1, 2]}, doseq=True) == "a=1&a=2"
        assert urlencode({"a": [1, 2]}, doseq=False) == "a=%5B1%2C+2%5D"
        assert urlencode({"a": "abc"}, doseq=True) == "a=abc"
        assert urlencode({"a": (x for x in "ab")}, doseq=True) == "a=a&a=b"

    def test_multivaluedict(self):
        assert urlencode(MultiValueDict({"n": ["a", "b"]}), doseq=True) == "n=a&n=b"

    def test_none_values_are_refused(self):
        with pytest.raises(TypeError, match="Cannot encode None for key 'a'"):
            urlencode({"a": None})
        with pytest.raises(TypeError, match="Cannot encode None"):
            urlencode({"a": [1, None]}, doseq=True)

    def test_bytes_values(self):
        assert urlencode({"a": b"x"}) == "a=x"


class TestHttpDate:
    def test_format(self):
        assert http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert http_date(1445412480) == "Wed, 21 Oct 2015 07:28:00 GMT"

    @pytest.mark.parametrize(
        "value",
        ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"],
    )
    def test_three_formats(self, value):
        expected = datetime.datetime(1994, 11, 6, 8, 49, 37, tzinfo=datetime.UTC).timestamp()
        assert parse_http_date(value) == expected

    def test_round_trip(self):
        now = int(time.time())
        assert parse_http_date(http_date(now)) == now

    def test_two_digit_year_far_in_future_means_last_century(self):
        now_year = datetime.datetime.now(datetime.UTC).year
        future = (now_year + 51) % 100
        parsed = parse_http_date(f"Sunday, 06-Nov-{future:02d} 08:49:37 GMT")
        assert datetime.datetime.fromtimestamp(parsed, datetime.UTC).year == now_year + 51 - 100

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "garbage",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT" + "x" * 5000,
        ],
    )
    def test_invalid_dates(self, value):
        with pytest.raises(ValueError):
            parse_http_date(value)
        assert parse_http_date_safe(value) is None


class TestBase36:
    @pytest.mark.parametrize("n", [0, 1, 35, 36, 1000, 2**62, 2**64 - 1])
    def test_round_trip(self, n):
        assert base36_to_int(int_to_base36(n)) == n

    def test_known_values(self):
        assert int_to_base36(35) == "z" and int_to_base36(36) == "10"
        assert base36_to_int("Z") == 35

    def test_bad_input(self):
        with pytest.raises(ValueError):
            int_to_base36(-1)
        with pytest.raises(ValueError, match="too large"):
            base36_to_int("1" * 14)
        with pytest.raises(ValueError):
            base36_to_int("!!")
        with pytest.raises(TypeError):
            int_to_base36("1")


class TestUrlsafeBase64:
    @pytest.mark.parametrize("data", [b"", b"a", b"ab", b"abc", b"\xff\xfe\x00", bytes(range(256))])
    def test_round_trip_without_padding(self, data):
        encoded = urlsafe_base64_encode(data)
        assert "=" not in encoded and "+" not in encoded and "/" not in encoded
        assert urlsafe_base64_decode(encoded) == data

    def test_accepts_padding(self):
        assert urlsafe_base64_decode(base64.urlsafe_b64encode(b"ab").decode()) == b"ab"

    @pytest.mark.parametrize("bad", ["a", "abcde", "ab=c", "é"])
    def test_invalid_input_raises_value_error(self, bad):
        with pytest.raises(ValueError):
            urlsafe_base64_decode(bad)


class TestEtags:
    def test_parse(self):
        assert parse_etags("*") == ["*"]
        assert parse_etags(' "abc" , W/"def", bogus, "g,h"') == ['"abc"', 'W/"def"']
        assert parse_etags("") == []

    def test_quote(self):
        assert quote_etag("abc") == '"abc"'
        assert quote_etag('"abc"') == '"abc"'
        assert quote_etag('W/"abc"') == 'W/"abc"'
        assert quote_etag('a"b') == '"a"b"'

    def test_huge_header_is_handled(self):
        assert len(parse_etags(", ".join(['"x"'] * 10000))) == 10000


class TestSafeRedirects:
    @pytest.mark.parametrize(
        "url",
        [
            "/view/?param=http://example.com",
            "/view/?param=https://example.com",
            "/view?param=ftp://example.com",
            "view/?param=//example.com",
            "https://testserver/",
            "HTTPS://testserver/",
            "//testserver/",
            "/url%20with%20spaces/",
            "path/http:2222222222",
        ],
    )
    def test_safe(self, url):
        assert url_has_allowed_host_and_scheme(url, allowed_hosts={"otherserver", "testserver"})

    @pytest.mark.parametrize(
        "url",
        [
            "http://example.com",
            "http:///example.com",
            "https://example.com",
            "ftp://example.com",
            r"\\example.com",
            r"\\\example.com",
            r"/\\/example.com",
            r"\\\example.com",
            r"\\//example.com",
            r"/\/example.com",
            r"\/example.com",
            r"/\example.com",
            "http:///example.com",
            r"http:/\//example.com",
            r"http:\/example.com",
            r"http:/\example.com",
            'javascript:alert("XSS")',
            "\njavascript:alert(x)",
            "\x08//example.com",
            r"http://otherserver\@example.com",
            r"http:\\testserver\@example.com",
            r"http://testserver\me:pass@example.com",
            r"http://testserver\@example.com",
            r"http:\\testserver\confirm\me@example.com",
            "http:999999999",
            "ftp:9999999999",
            "\n",
            "http://[2001:cdba:0000:0000:0000:0000:3257:9652/",
            "http://2001:cdba:0000:0000:0000:0000:3257:9652]/",
            "",
            None,
            "/" + "a" * 3000,
        ],
    )
    def test_unsafe(self, url):
        assert not url_has_allowed_host_and_scheme(url, allowed_hosts={"testserver", "testserver2"})

    def test_require_https(self):
        assert url_has_allowed_host_and_scheme("https://example.com", {"example.com"}, require_https=True)
        assert not url_has_allowed_host_and_scheme("http://example.com", {"example.com"}, require_https=True)
        assert url_has_allowed_host_and_scheme("/relative", None, require_https=True)

    def test_allowed_hosts_as_string_and_none(self):
        assert url_has_allowed_host_and_scheme("http://example.com/", "example.com")
        assert not url_has_allowed_host_and_scheme("http://example.com/", None)


def test_is_same_domain():
    assert is_same_domain("example.com", "example.com")
    assert is_same_domain("Sub.Example.com", ".example.com")
    assert is_same_domain("example.com", ".example.com")
    assert not is_same_domain("badexample.com", ".example.com")
    assert not is_same_domain("example.com", "")
    assert not is_same_domain("example.com.evil", "example.com")


def test_escape_leading_slashes():
    assert escape_leading_slashes("//example.com") == "/%2Fexample.com"
    assert escape_leading_slashes("/ok") == "/ok"


class TestParseHeaderParameters:
    def test_simple(self):
        assert parse_header_parameters("text/plain") == ("text/plain", {})
        assert parse_header_parameters('Text/HTML; Charset="utf-8"; q=0.5') == (
            "text/html",
            {"charset": "utf-8", "q": "0.5"},
        )

    def test_quoted_semicolons_and_escapes(self):
        key, params = parse_header_parameters('form-data; name="a;b"; filename="c\\"d.txt"')
        assert key == "form-data"
        assert params == {"name": "a;b", "filename": 'c"d.txt'}

    def test_rfc2231(self):
        _, params = parse_header_parameters("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt")
        assert params == {"filename": "€ rates.txt"}
        _, params = parse_header_parameters("attachment; filename*=iso-8859-1''caf%E9")
        assert params == {"filename": "café"}

    def test_bad_rfc2231_charset_does_not_crash(self):
        _, params = parse_header_parameters("attachment; filename*=nope-charset''abc")
        assert params == {"filename": "abc"}

    def test_parameters_without_value_are_ignored(self):
        assert parse_header_parameters("a; novalue; b=1") == ("a", {"b": "1"})

    def test_too_long_raises(self):
        with pytest.raises(ValueError):
            parse_header_parameters("a; b=" + "x" * 20000)


class TestContentDisposition:
    def test_ascii_names(self):
        assert content_disposition_header(True, "report.pdf") == 'attachment; filename="report.pdf"'
        assert content_disposition_header(False, "a b.txt") == 'inline; filename="a b.txt"'
        assert content_disposition_header(True, 'we"ird\\.txt') == 'attachment; filename="we\\"ird\\\\.txt"'

    def test_non_ascii_names_use_rfc5987(self):
        assert (
            content_disposition_header(True, "€ rates.pdf")
            == "attachment; filename*=utf-8''%E2%82%AC%20rates.pdf"
        )

    def test_without_filename(self):
        assert content_disposition_header(True, "") == "attachment"
        assert content_disposition_header(False, None) is None
