"""HttpRequest: lazy data, headers, host validation, URIs, scheme, content negotiation, body."""

from __future__ import annotations

import io
import pickle

import pytest

from django.core import signing
from django.core.exceptions import DisallowedHost, ImproperlyConfigured, RequestDataTooBig
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpHeaders, HttpRequest, QueryDict, RawPostDataException, UnreadablePostError
from django.http.request import split_domain_port, validate_host
from django.test import override_settings
from tests.http.factories import form_post, make_environ, wsgi_request


def test_bare_request_has_mutable_empty_data():
    request = HttpRequest()
    request.GET["a"] = "1"
    request.POST["b"] = "2"
    assert request.GET["a"] == "1" and request.POST["b"] == "2"
    assert request.COOKIES == {} and list(request.FILES) == []
    assert request.method is None and request.path == ""
    assert repr(request) == "<HttpRequest>"


def test_repr_shows_method_and_full_path():
    assert repr(wsgi_request(path="/x/", query="q=1")) == "<WSGIRequest: GET '/x/?q=1'>"


def test_get_is_parsed_lazily_and_immutable():
    request = wsgi_request(query="a=1&a=2&b=")
    assert "_get" not in request.__dict__
    assert request.GET.getlist("a") == ["1", "2"] and request.GET["b"] == ""
    with pytest.raises(AttributeError, match="immutable"):
        request.GET["c"] = "3"


def test_headers_are_case_insensitive_and_include_content_headers():
    request = wsgi_request(
        "POST", body=b"x", content_type="text/plain", headers={"X-Custom-Thing": "v", "User-Agent": "ua"}
    )
    assert request.headers["x-custom-thing"] == "v"
    assert request.headers["X_CUSTOM_THING"] == "v"
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["content-length"] == "1"
    assert "SERVER_NAME" not in request.headers


def test_header_name_conversions():
    assert HttpHeaders.parse_header_name("HTTP_ACCEPT_ENCODING") == "Accept-Encoding"
    assert HttpHeaders.parse_header_name("PATH_INFO") is None
    assert HttpHeaders.to_wsgi_name("Content-Type") == "CONTENT_TYPE"
    assert HttpHeaders.to_wsgi_names({"X-A": 1}) == {"HTTP_X_A": 1}
    assert HttpHeaders.to_asgi_name("X-A") == "X_A"


def test_read_readline_and_iteration():
    request = wsgi_request("POST", body=b"line1\nline2\nline3", content_type="text/plain")
    assert request.readline() == b"line1\n"
    assert list(request) == [b"line2\n", b"line3"]
    with pytest.raises(RawPostDataException):
        request.body  # noqa: B018


def test_body_then_read_works():
    request = wsgi_request("POST", body=b"abc", content_type="text/plain")
    assert request.body == b"abc"
    assert request.read() == b"abc"


def test_read_is_limited_to_content_length():
    environ = make_environ("POST", body=b"abcdef", content_type="text/plain")
    environ["CONTENT_LENGTH"] = "3"
    assert WSGIRequest(environ).read() == b"abc"


def test_broken_stream_raises_unreadable_post_error():
    class Broken(io.RawIOBase):
        def read(self, size=-1):
            raise OSError("client gone")

        readline = read

    environ = make_environ("POST", body=b"", content_type="text/plain")
    environ["CONTENT_LENGTH"] = "10"
    environ["wsgi.input"] = Broken()
    with pytest.raises(UnreadablePostError):
        WSGIRequest(environ).body  # noqa: B018


def test_content_type_params_and_encoding_from_charset():
    request = wsgi_request(
        "POST", body=b"a=%E9", content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.content_params == {"charset": "latin-1"}
    assert request.encoding == "latin-1"
    assert request.POST["a"] == "é"


def test_unknown_charset_is_ignored():
    request = wsgi_request("POST", body=b"", content_type="text/plain; charset=no-such-codec")
    assert request.encoding is None


def test_encoding_setter_reparses_get():
    request = wsgi_request(query="a=%E9")
    assert request.GET["a"] == "\ufffd"
    request.encoding = "latin-1"
    assert request.GET["a"] == "é"


def test_post_for_non_post_methods_is_empty():
    request = wsgi_request("PUT", body=b"a=1", content_type="application/x-www-form-urlencoded")
    assert request.POST == {}
    assert request.body == b"a=1"


def test_post_form_parsed():
    assert form_post({"a": ["1", "2"]}).POST.getlist("a") == ["1", "2"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10)
def test_body_over_limit_raises_request_data_too_big():
    request = form_post({"a": "x" * 20})
    with pytest.raises(RequestDataTooBig):
        request.POST  # noqa: B018


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
def test_no_body_limit_when_setting_is_none():
    assert form_post({"a": "x" * 5000}).POST["a"] == "x" * 5000


class TestHost:
    def test_allowed_host(self):
        assert wsgi_request(headers={"Host": "example.com:8000"}).get_host() == "example.com:8000"

    def test_subdomain_wildcard(self):
        assert wsgi_request(headers={"Host": "a.b.example.org"}).get_host() == "a.b.example.org"
        assert wsgi_request(headers={"Host": "example.org"}).get_host() == "example.org"

    def test_disallowed_host_message_names_the_domain(self):
        with pytest.raises(DisallowedHost, match="You may need to add 'evil.com' to ALLOWED_HOSTS"):
            wsgi_request(headers={"Host": "evil.com"}).get_host()

    @pytest.mark.parametrize(
        "host",
        [
            "example.com@evil.com",
            "example.com:80:90",
            "exa mple.com",
            "[::1",
            "example.com/path",
            "example.com\r\nX: y",
            "",
            "a" * 300 + ".example.org",
        ],
    )
    def test_malformed_or_oversized_host_is_rejected(self, host):
        with pytest.raises(DisallowedHost, match="RFC 1034/1035|ALLOWED_HOSTS"):
            wsgi_request(headers={"Host": host}).get_host()

    def test_server_name_used_without_host_header(self):
        environ = make_environ(SERVER_NAME="example.com", SERVER_PORT="8080")
        del environ["HTTP_HOST"]
        assert WSGIRequest(environ).get_host() == "example.com:8080"

    @override_settings(DEBUG=True, ALLOWED_HOSTS=[])
    def test_debug_allows_localhost_only(self):
        assert wsgi_request(headers={"Host": "localhost:8000"}).get_host() == "localhost:8000"
        assert wsgi_request(headers={"Host": "sub.localhost"}).get_host() == "sub.localhost"
        with pytest.raises(DisallowedHost):
            wsgi_request(headers={"Host": "example.com"}).get_host()

    @override_settings(USE_X_FORWARDED_HOST=True, USE_X_FORWARDED_PORT=True)
    def test_forwarded_host_and_port(self):
        request = wsgi_request(headers={"X-Forwarded-Host": "example.com", "X-Forwarded-Port": "8443"})
        assert request.get_host() == "example.com"
        assert request.get_port() == "8443"

    def test_split_domain_port_and_validate_host(self):
        assert split_domain_port("Example.COM.:80") == ("example.com", "80")
        assert split_domain_port("[::1]:8000") == ("[::1]", "8000")
        assert split_domain_port("bad host") == ("", "")
        assert validate_host("x.example.org", [".example.org"])
        assert not validate_host("example.net", ["example.com"])
        assert validate_host("anything", ["*"])


class TestUris:
    def test_full_path_escapes_and_appends_slash(self):
        request = wsgi_request(path="/a b/ü", query="x=1")
        assert request.get_full_path() == "/a%20b/%C3%BC?x=1"
        assert request.get_full_path(force_append_slash=True) == "/a%20b/%C3%BC/?x=1"

    def test_full_path_info_excludes_script_name(self):
        request = wsgi_request(path="/page/", SCRIPT_NAME="/app")
        assert request.path == "/app/page/"
        assert request.get_full_path_info() == "/page/"

    def test_build_absolute_uri(self):
        request = wsgi_request(path="/dir/page/", query="q=1")
        assert request.build_absolute_uri() == "http://testserver/dir/page/?q=1"
        assert request.build_absolute_uri("/other/") == "http://testserver/other/"
        assert request.build_absolute_uri("sibling") == "http://testserver/dir/page/sibling"
        assert request.build_absolute_uri("../up") == "http://testserver/dir/up"
        assert request.build_absolute_uri("https://elsewhere.example/x") == "https://elsewhere.example/x"
        assert request.build_absolute_uri("//cdn.example/x") == "http://cdn.example/x"

    def test_build_absolute_uri_with_secure_scheme(self):
        request = wsgi_request(**{"wsgi.url_scheme": "https"})
        assert request.is_secure()
        assert request.build_absolute_uri("/") == "https://testserver/"


class TestScheme:
    @override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
    def test_proxy_header_decides(self):
        assert wsgi_request(headers={"X-Forwarded-Proto": "https"}).is_secure()
        assert wsgi_request(headers={"X-Forwarded-Proto": "https, http"}).is_secure()
        assert not wsgi_request(headers={"X-Forwarded-Proto": "http"}).is_secure()
        assert not wsgi_request().is_secure()

    @override_settings(SECURE_PROXY_SSL_HEADER="bad")
    def test_misconfigured_proxy_header(self):
        with pytest.raises(ImproperlyConfigured, match="two values"):
            wsgi_request().scheme  # noqa: B018


class TestAccept:
    def test_accepts_with_wildcards_and_quality(self):
        request = wsgi_request(headers={"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"})
        assert request.accepts("text/html")
        assert request.accepts("application/json")  # via */*
        assert [str(t) for t in request.accepted_types][0] == "text/html"

    def test_q_zero_is_not_accepted(self):
        request = wsgi_request(headers={"Accept": "text/html, application/json;q=0"})
        assert not request.accepts("application/json")

    def test_no_accept_header_accepts_everything(self):
        assert wsgi_request().accepts("image/png")

    def test_get_preferred_type(self):
        request = wsgi_request(headers={"Accept": "application/json;q=0.5, text/html"})
        assert request.get_preferred_type(["application/json", "text/html"]) == "text/html"
        assert request.get_preferred_type(["application/json"]) == "application/json"
        assert request.get_preferred_type(["image/png"]) is None

    def test_more_specific_range_wins_at_equal_quality(self):
        request = wsgi_request(headers={"Accept": "text/*, text/plain"})
        assert request.get_preferred_type(["text/html", "text/plain"]) == "text/plain"


class TestSignedCookies:
    def test_round_trip_and_tampering(self):
        value = signing.get_cookie_signer(salt="name" + "pepper").sign("hello")
        request = wsgi_request(headers={"Cookie": f"name={value}; other=tampered:abc"})
        assert request.get_signed_cookie("name", salt="pepper") == "hello"
        with pytest.raises(signing.BadSignature):
            request.get_signed_cookie("name")  # wrong salt
        assert request.get_signed_cookie("other", default="dflt") == "dflt"
        with pytest.raises(KeyError):
            request.get_signed_cookie("missing")
        assert request.get_signed_cookie("missing", default=None) is None


def test_cookies_parsed_lazily():
    request = wsgi_request(headers={"Cookie": 'a=1; b="quoted"; c'})
    assert request.COOKIES == {"a": "1", "b": "quoted", "": "c"}


def test_non_utf8_cookie_bytes_do_not_crash():
    environ = make_environ()
    environ["HTTP_COOKIE"] = b"name=caf\xe9; ok=1".decode("latin-1")
    cookies = WSGIRequest(environ).COOKIES
    assert cookies["ok"] == "1" and cookies["name"].startswith("caf")


def test_non_utf8_path_is_percent_encoded():
    environ = make_environ(path=b"/caf\xe9/")
    request = WSGIRequest(environ)
    assert request.path_info == "/caf%E9/"


def test_utf8_path_is_decoded():
    environ = make_environ(path="/café/")
    assert WSGIRequest(environ).path == "/café/"


def test_non_utf8_query_string_falls_back_to_latin1():
    environ = make_environ(query=b"q=caf\xe9")
    assert WSGIRequest(environ).GET["q"] == "café"


def test_request_pickles_without_stream():
    request = HttpRequest()
    request.GET["a"] = "1"
    clone = pickle.loads(pickle.dumps(request))
    assert clone.GET["a"] == "1"


def test_querydict_type():
    assert isinstance(wsgi_request().GET, QueryDict)
