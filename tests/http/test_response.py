"""The HttpResponse family: content, headers, cookies, streaming, files, redirects, JSON."""

from __future__ import annotations

import datetime
import decimal
import io
import json
import uuid

import pytest
from asgiref.sync import async_to_sync

from django.core import signing
from django.core.exceptions import DisallowedRedirect
from django.core.signals import request_finished
from django.http import (
    BadHeaderError,
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)


class TestHttpResponse:
    def test_defaults(self):
        r = HttpResponse()
        assert r.status_code == 200 and r.reason_phrase == "OK"
        assert r["Content-Type"] == "text/html; charset=utf-8"
        assert r.content == b"" and r.charset == "utf-8"
        assert repr(r) == '<HttpResponse status_code=200, "text/html; charset=utf-8">'

    def test_content_from_str_bytes_iterables_and_objects(self):
        assert HttpResponse("héllo").content == "héllo".encode()
        assert HttpResponse(b"raw").content == b"raw"
        assert HttpResponse(memoryview(b"mv")).content == b"mv"
        assert HttpResponse(["a", b"b", 3]).content == b"ab3"
        assert HttpResponse(12).content == b"12"

    def test_iterable_content_is_consumed_and_closed(self):
        class Closing(list):
            closed = False

            def close(self):
                self.closed = True

        source = Closing(["x", "y"])
        r = HttpResponse(source)
        assert r.content == b"xy" and source.closed

    def test_text_decodes_with_charset(self):
        r = HttpResponse("é".encode("latin-1"), content_type="text/plain; charset=latin-1")
        assert r.charset == "latin-1"
        assert r.text == "é"

    def test_explicit_charset(self):
        r = HttpResponse("é", charset="latin-1")
        assert r.content == b"\xe9" and r["Content-Type"] == "text/html; charset=latin-1"

    def test_status_and_reason(self):
        assert HttpResponse(status=404).reason_phrase == "Not Found"
        assert HttpResponse(status=599).reason_phrase == "Unknown Status Code"
        assert HttpResponse(status=200, reason="Fine").reason_phrase == "Fine"
        with pytest.raises(ValueError, match="100 to 599"):
            HttpResponse(status=99)
        with pytest.raises(TypeError):
            HttpResponse(status="abc")

    def test_file_like_api(self):
        r = HttpResponse()
        r.write("a")
        r.writelines(["b", b"c"])
        assert r.getvalue() == b"abc" and r.tell() == 3 and r.writable()
        assert not r.readable() and not r.seekable()
        assert list(r) == [b"", b"a", b"b", b"c"]

    def test_headers_case_insensitive_and_dict_like(self):
        r = HttpResponse(headers={"X-Foo": "1"})
        r["x-bar"] = 2
        assert r["X-FOO"] == "1" and r.has_header("X-Bar") and "x-bar" in r
        assert r.get("missing", "d") == "d"
        del r["X-Foo"]
        del r["not-there"]
        assert "X-Foo" not in r
        r.setdefault("X-Bar", "ignored")
        assert r["X-Bar"] == "2"
        assert dict(r.items())["x-bar"] == "2"

    def test_headers_and_content_type_conflict(self):
        with pytest.raises(ValueError, match="Content-Type"):
            HttpResponse(content_type="text/plain", headers={"Content-Type": "text/html"})

    @pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=1", "a\nb", "a\rb"])
    def test_header_injection_is_refused(self, value):
        r = HttpResponse()
        with pytest.raises(BadHeaderError):
            r["X-Bad"] = value
        with pytest.raises(BadHeaderError):
            r["X-Bad\r\nInjected"] = "v"

    def test_non_latin1_header_values_are_mime_encoded(self):
        r = HttpResponse()
        r["Content-Disposition"] = "attachment; filename=€.txt"
        assert r["Content-Disposition"].startswith("=?utf-8?")

    def test_serialize(self):
        r = HttpResponse("body", headers={"X-A": "1"})
        assert bytes(r).endswith(b"\r\n\r\nbody")
        assert b"X-A: 1" in r.serialize_headers()

    def test_close_runs_closers_and_sends_request_finished(self):
        calls = []
        r = HttpResponse()
        r._resource_closers.append(lambda: calls.append("closer"))

        def receiver(sender, **kwargs):
            calls.append("finished")

        request_finished.connect(receiver)
        try:
            r.close()
        finally:
            request_finished.disconnect(receiver)
        assert calls == ["closer", "finished"] and r.closed


class TestCookies:
    def test_set_cookie_with_every_option(self):
        r = HttpResponse()
        r.set_cookie(
            "c",
            "v",
            max_age=60,
            path="/p/",
            domain=".example.com",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        out = r.cookies["c"].OutputString()
        for piece in (
            "c=v",
            "Max-Age=60",
            "Path=/p/",
            "Domain=.example.com",
            "Secure",
            "HttpOnly",
            "SameSite=Strict",
        ):
            assert piece in out
        assert "expires=" in out

    def test_max_age_timedelta(self):
        r = HttpResponse()
        r.set_cookie("c", max_age=datetime.timedelta(hours=1))
        assert r.cookies["c"]["max-age"] == 3600

    def test_expires_datetime_becomes_max_age(self):
        r = HttpResponse()
        r.set_cookie("c", expires=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=100))
        assert 99 <= r.cookies["c"]["max-age"] <= 101

    def test_expires_string_kept(self):
        r = HttpResponse()
        r.set_cookie("c", expires="Fri, 01 Jan 2038 00:00:00 GMT")
        assert r.cookies["c"]["expires"] == "Fri, 01 Jan 2038 00:00:00 GMT"

    def test_expires_and_max_age_together(self):
        with pytest.raises(ValueError, match="can't be used together"):
            HttpResponse().set_cookie("c", expires=datetime.datetime.now(), max_age=5)

    def test_invalid_samesite(self):
        with pytest.raises(ValueError, match="samesite"):
            HttpResponse().set_cookie("c", samesite="bogus")

    def test_cookie_value_with_newlines_is_quoted_not_injected(self):
        r = HttpResponse()
        r.set_cookie("c", "a\r\nSet-Cookie: evil=1")
        assert "\r" not in r.cookies["c"].OutputString() and "\n" not in r.cookies["c"].OutputString()

    @pytest.mark.parametrize("option", ["path", "domain"])
    def test_cookie_attribute_injection_is_refused(self, option):
        with pytest.raises(BadHeaderError):
            HttpResponse().set_cookie("c", "v", **{option: "/x\r\nSet-Cookie: evil=1"})
        with pytest.raises(BadHeaderError):
            HttpResponse().set_cookie("c", "v", **{option: "/x; Secure"})

    def test_illegal_cookie_name(self):
        from http.cookies import CookieError

        with pytest.raises(CookieError):
            HttpResponse().set_cookie("bad\r\nname", "v")

    def test_delete_cookie(self):
        r = HttpResponse()
        r.delete_cookie("c", path="/a/", domain="example.com", samesite="Lax")
        morsel = r.cookies["c"]
        assert morsel["max-age"] == 0 and morsel["expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert morsel["path"] == "/a/" and morsel["samesite"] == "Lax" and not morsel["secure"]

    def test_delete_prefixed_or_samesite_none_cookie_is_secure(self):
        r = HttpResponse()
        r.delete_cookie("__Host-c")
        r.delete_cookie("other", samesite="None")
        assert r.cookies["__Host-c"]["secure"] and r.cookies["other"]["secure"]

    def test_set_signed_cookie(self):
        r = HttpResponse()
        r.set_signed_cookie("c", "hello", salt="s", max_age=10)
        value = r.cookies["c"].value
        assert signing.get_cookie_signer(salt="cs").unsign(value) == "hello"


class TestSubclasses:
    @pytest.mark.parametrize(
        "cls,status",
        [
            (HttpResponseBadRequest, 400),
            (HttpResponseForbidden, 403),
            (HttpResponseNotFound, 404),
            (HttpResponseGone, 410),
            (HttpResponseServerError, 500),
        ],
    )
    def test_status_codes(self, cls, status):
        assert cls().status_code == status

    def test_not_allowed(self):
        r = HttpResponseNotAllowed(["GET", "POST"])
        assert r.status_code == 405 and r["Allow"] == "GET, POST"
        assert "[GET, POST]" in repr(r)

    def test_not_modified_has_no_content_type_or_content(self):
        r = HttpResponseNotModified()
        assert r.status_code == 304 and "Content-Type" not in r
        with pytest.raises(AttributeError):
            r.content = "x"

    def test_http404_is_exception(self):
        assert issubclass(Http404, Exception)


class TestRedirects:
    def test_redirect(self):
        r = HttpResponseRedirect("/next/?a=1")
        assert r.status_code == 302 and r.url == "/next/?a=1" and r["Location"] == "/next/?a=1"
        assert 'url="/next/?a=1"' in repr(r)
        assert HttpResponsePermanentRedirect("https://example.com/").status_code == 301

    def test_preserve_request(self):
        assert HttpResponseRedirect("/x", preserve_request=True).status_code == 307
        assert HttpResponsePermanentRedirect("/x", preserve_request=True).status_code == 308

    def test_iri_is_encoded(self):
        assert HttpResponseRedirect("/café/").url == "/caf%C3%A9/"

    @pytest.mark.parametrize(
        "target", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"]
    )
    def test_unsafe_scheme_is_refused(self, target):
        with pytest.raises(DisallowedRedirect, match="Unsafe redirect"):
            HttpResponseRedirect(target)

    def test_overlong_url_is_refused(self):
        with pytest.raises(DisallowedRedirect, match="exceeding"):
            HttpResponseRedirect("/" + "a" * 3000)

    def test_crlf_in_location_cannot_inject_headers(self):
        r = HttpResponseRedirect("/ok\r\nSet-Cookie: evil=1")
        assert "\r" not in r["Location"] and "\n" not in r["Location"]
        assert "Set-Cookie" not in [name for name, _ in r.items()]


class TestStreaming:
    def test_sync_iterator(self):
        r = StreamingHttpResponse(iter(["a", b"b"]))
        assert r.streaming and not r.is_async
        assert list(r) == [b"a", b"b"]
        with pytest.raises(AttributeError, match="streaming_content"):
            r.content  # noqa: B018
        with pytest.raises(AttributeError, match="streaming_content"):
            r.text  # noqa: B018

    def test_getvalue(self):
        assert StreamingHttpResponse(["x", "y"]).getvalue() == b"xy"

    def test_async_iterator_consumed_async(self):
        async def gen():
            yield "a"
            yield b"b"

        r = StreamingHttpResponse(gen())
        assert r.is_async

        async def collect():
            return [part async for part in r]

        assert async_to_sync(collect)() == [b"a", b"b"]

    def test_async_iterator_served_synchronously_warns(self):
        async def gen():
            yield "x"

        r = StreamingHttpResponse(gen())
        with pytest.warns(Warning, match="must consume asynchronous iterators"):
            assert list(r) == [b"x"]

    def test_sync_iterator_served_asynchronously_warns(self):
        r = StreamingHttpResponse(["x"])

        async def collect():
            return [part async for part in r]

        with pytest.warns(Warning, match="must consume synchronous iterators"):
            assert async_to_sync(collect)() == [b"x"]

    def test_close_closes_the_iterator(self):
        closed = []

        class Source:
            def __iter__(self):
                return iter([b"a"])

            def close(self):
                closed.append(True)

        StreamingHttpResponse(Source()).close()
        assert closed == [True]


class TestFileResponse:
    def test_real_file_headers_and_content(self, tmp_path):
        path = tmp_path / "report.pdf"
        path.write_bytes(b"%PDF-1.4 data")
        r = FileResponse(open(path, "rb"))
        assert r["Content-Type"] == "application/pdf"
        assert r["Content-Length"] == str(len(b"%PDF-1.4 data"))
        assert r["Content-Disposition"] == 'inline; filename="report.pdf"'
        assert b"".join(r) == b"%PDF-1.4 data"
        r.close()
        assert r.file_to_stream.closed

    def test_attachment_with_custom_name(self):
        r = FileResponse(io.BytesIO(b"abc"), as_attachment=True, filename="data.csv")
        assert r["Content-Disposition"] == 'attachment; filename="data.csv"'
        assert r["Content-Type"].startswith("text/csv")
        assert r["Content-Length"] == "3"

    def test_non_ascii_filename(self):
        r = FileResponse(io.BytesIO(b"x"), as_attachment=True, filename="résumé.txt")
        assert r["Content-Disposition"] == "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.txt"

    def test_bytesio_without_name(self):
        r = FileResponse(io.BytesIO(b"abc"))
        assert r["Content-Type"] == "application/octet-stream"
        assert "Content-Disposition" not in r

    def test_explicit_content_type_kept(self):
        r = FileResponse(io.BytesIO(b"abc"), content_type="text/plain", filename="x.json")
        assert r["Content-Type"] == "text/plain"

    def test_compressed_types(self):
        assert FileResponse(io.BytesIO(b""), filename="a.tar.gz")["Content-Type"] == "application/gzip"

    def test_length_counts_from_current_position(self):
        f = io.BytesIO(b"0123456789")
        f.seek(4)
        assert FileResponse(f)["Content-Length"] == "6"

    def test_iterable_instead_of_file(self):
        r = FileResponse([b"a", b"b"])
        assert b"".join(r) == b"ab" and r.file_to_stream is None


class TestJsonResponse:
    def test_dict(self):
        r = JsonResponse({"a": 1})
        assert r["Content-Type"] == "application/json" and json.loads(r.content) == {"a": 1}

    def test_non_dict_requires_safe_false(self):
        with pytest.raises(TypeError, match="safe parameter to False"):
            JsonResponse([1, 2])
        assert json.loads(JsonResponse([1, 2], safe=False).content) == [1, 2]

    def test_django_encoder_types(self):
        data = {
            "dt": datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=datetime.UTC),
            "d": datetime.date(2024, 1, 2),
            "dec": decimal.Decimal("1.10"),
            "u": uuid.UUID(int=1),
        }
        out = json.loads(JsonResponse(data).content)
        assert out["dt"] == "2024-01-02T03:04:05.123Z"
        assert out["d"] == "2024-01-02" and out["dec"] == "1.10"
        assert out["u"] == "00000000-0000-0000-0000-000000000001"

    def test_custom_encoder_and_dumps_params(self):
        r = JsonResponse({"b": 1, "a": 2}, json_dumps_params={"sort_keys": True, "separators": (",", ":")})
        assert r.content == b'{"a":2,"b":1}'

        class Enc(json.JSONEncoder):
            def default(self, o):
                return "custom"

        assert JsonResponse({"x": object()}, encoder=Enc).content == b'{"x": "custom"}'


def test_header_fast_paths_keep_the_checks():
    from django.http.responseheaders import ResponseHeaders

    response = HttpResponse()
    response["X-Plain"] = "value"
    response["x-plain"] = "again"  # same header, case-insensitively; the last spelling is kept
    assert list(response.items())[-1] == ("x-plain", "again")
    assert response.get("X-PLAIN") == "again" and response.get("missing", "d") == "d"
    response["X-Tab"] = "a\tb"  # not printable, still a valid value
    assert response["x-tab"] == "a\tb"
    response["X-Latin"] = "caf\xe9"
    assert response["X-Latin"] == "caf\xe9"
    response["X-Utf"] = "\u2603"
    assert response["X-Utf"].startswith("=?utf-8?")
    for bad in ("a\nb", "a\rb", b"a\nb"):
        with pytest.raises(BadHeaderError):
            response["X-Bad"] = bad
    for bad_name in ("X-\nEvil", "X-\u2603"):
        with pytest.raises((BadHeaderError, UnicodeError)):
            response[bad_name] = "v"
        assert bad_name not in response.headers
    response[b"X-Bytes"] = b"bytes"
    assert response["X-Bytes"] == "bytes"
    response["X-Number"] = 5
    assert response["X-Number"] == "5"
    assert ("X-Number", "5") in response.items()

    prepared = [ResponseHeaders.prepare("X-Default", "one"), ResponseHeaders.prepare("X-Plain", "no")]
    response.headers.set_defaults(prepared)
    assert response["X-Default"] == "one" and response["X-Plain"] == "again"
    with pytest.raises(BadHeaderError):
        ResponseHeaders.prepare("X-Default", "a\r\nSet-Cookie: x=1")


def test_unknown_status_code_has_a_reason_phrase():
    assert HttpResponse(status=299).reason_phrase == "Unknown Status Code"
    assert HttpResponse(status=418).reason_phrase == "I'm a Teapot"
    assert HttpResponse(status=200, reason="Fine").reason_phrase == "Fine"
