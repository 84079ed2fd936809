"""WSGIHandler: the full request cycle, exceptions -> responses, signals and bad input."""

from __future__ import annotations

import io
import logging

import pytest

from django.core.handlers.wsgi import LimitedStream, WSGIHandler, WSGIRequest, get_script_name
from django.core.signals import got_request_exception, request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from tests.http.factories import call_wsgi, make_environ, multipart_body

URLS = "tests.core.handlers.urls"
pytestmark = pytest.mark.usefixtures("_urls")


@pytest.fixture
def _urls():
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[]):
        yield


def run(path="/hello/", **kwargs):
    return call_wsgi(WSGIHandler(), make_environ(path=path, **kwargs))


def test_simple_get():
    status, headers, body = run(query="q=x")
    assert status == "200 OK" and body == b"hello GET x"
    assert ("Content-Type", "text/html; charset=utf-8") in headers


def test_async_view_under_wsgi():
    assert run("/async/")[2] == b"async hello"


def test_post_form_and_multipart():
    body = b"a=1&b=2"
    status, _, out = run("/post/", method="POST", body=body, content_type="application/x-www-form-urlencoded")
    assert out == b"[('a', '1'), ('b', '2')] {}"
    mp = multipart_body([("k", "v")], [("f", "a.txt", b"data", "text/plain")])
    _, _, out = run("/post/", method="POST", body=mp, content_type="multipart/form-data; boundary=BoUnDaRy")
    assert out == b"[('k', 'v')] {'f': 'data'}"


def test_streaming_response():
    status, headers, body = run("/stream/")
    assert body == b"chunk0;chunk1;chunk2;"


def test_cookies_are_sent_as_set_cookie_headers():
    from django.http import HttpResponse

    def view(request):
        r = HttpResponse()
        r.set_cookie("a", "1", httponly=True)
        r.set_cookie("b", "2")
        return r

    handler = WSGIHandler()
    handler._get_response = lambda request: view(request)
    handler.load_middleware()
    _, headers, _ = call_wsgi(handler, make_environ(path="/hello/"))
    cookies = [v for k, v in headers if k == "Set-Cookie"]
    assert cookies == ["a=1; HttpOnly; Path=/", "b=2; Path=/"]


@pytest.mark.parametrize(
    "path,status",
    [
        ("/404/", "404 Not Found"),
        ("/nope/", "404 Not Found"),
        ("/403/", "403 Forbidden"),
        ("/400/", "400 Bad Request"),
    ],
)
def test_exceptions_map_to_statuses(path, status):
    assert run(path)[0] == status


def test_unhandled_exception_is_500_with_log_and_signal(caplog):
    seen = []

    def receiver(sender, request, **kwargs):
        seen.append(request.path)

    got_request_exception.connect(receiver)
    try:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            status, _, body = run("/500/")
    finally:
        got_request_exception.disconnect(receiver)
    assert status == "500 Internal Server Error"
    assert b"boom" not in body  # no traceback to the client
    assert seen == ["/500/"]
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1 and records[0].status_code == 500 and records[0].exc_info[0] is ValueError


def test_suspicious_operation_is_400_on_security_logger(caplog):
    with caplog.at_level(logging.ERROR):
        status, _, _ = run("/suspicious/")
    assert status == "400 Bad Request"
    assert any(r.name == "django.security.SuspiciousOperation" for r in caplog.records)


def test_404_logged_as_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        run("/missing/")
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "django.request"] == [
        ("WARNING", "Not Found: /missing/")
    ]


@pytest.mark.parametrize(
    "path,message", [("/none/", "returned None"), ("/coroutine/", "unawaited coroutine")]
)
def test_view_returning_non_response_is_500(path, message, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert run(path)[0].startswith("500")
    assert message in str(caplog.records[-1].exc_info[1])


@override_settings(ROOT_URLCONF="tests.core.handlers.urls_custom_errors")
def test_urlconf_error_handlers_are_used():
    assert run("/404/")[2] == b"custom 404: no such thing"
    assert run("/403/")[2] == b"custom 403"
    assert run("/400/")[2] == b"custom 400: BadRequest"
    assert run("/500/")[2] == b"custom 500"


@override_settings(ROOT_URLCONF="tests.core.handlers.urls_broken_errors")
def test_broken_error_handlers_still_give_a_500_page():
    status, _, body = run("/404/")
    assert status.startswith("500") and b"Server Error" in body


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True)
def test_debug_propagate_exceptions():
    with pytest.raises(ValueError, match="boom"):
        run("/500/")


def test_request_started_and_finished_signals():
    events = []

    def started(sender, environ, **kwargs):
        events.append(("started", sender, environ["PATH_INFO"]))

    def finished(sender, **kwargs):
        events.append(("finished", sender))

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        run()
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert events == [("started", WSGIHandler, "/hello/"), ("finished", WSGIHandler)]


def test_file_wrapper_is_used_for_file_responses(tmp_path):
    from django.http import FileResponse

    target = tmp_path / "f.txt"
    target.write_bytes(b"file body")
    wrapped = []

    class Wrapper:
        def __init__(self, filelike, block_size):
            wrapped.append(block_size)
            self.filelike = filelike

        def __iter__(self):
            return iter(lambda: self.filelike.read(4), b"")

        def close(self):
            self.filelike.close()

    handler = WSGIHandler()
    handler._middleware_chain = lambda request: FileResponse(open(target, "rb"))
    environ = make_environ(path="/hello/", **{"wsgi.file_wrapper": Wrapper})
    status, headers, body = call_wsgi(handler, environ)
    assert body == b"file body" and wrapped == [FileResponse.block_size]


def test_script_name_and_force_script_name():
    assert get_script_name({"SCRIPT_NAME": "/app"}) == "/app"
    assert get_script_name({"SCRIPT_URL": "/app//x/", "PATH_INFO": "/x/"}) == "/app"
    with override_settings(FORCE_SCRIPT_NAME="/forced"):
        assert get_script_name({"SCRIPT_NAME": "/app"}) == "/forced"
        request = WSGIRequest(make_environ(path="/p/"))
        assert request.path == "/forced/p/" and request.path_info == "/p/"


def test_limited_stream():
    stream = LimitedStream(io.BytesIO(b"line1\nline2\nrest"), 9)
    assert stream.readline() == b"line1\n"
    assert stream.read(100) == b"lin"
    assert stream.read() == b"" and stream.readline() == b""


def test_get_wsgi_application():
    app = get_wsgi_application()
    assert isinstance(app, WSGIHandler)
    assert call_wsgi(app, make_environ(path="/hello/"))[0] == "200 OK"


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.com", "example.com:bad", "a" * 1000, "[::1", "exa mple.com"])
def test_bad_host_is_400_not_500(host):
    assert run("/host/", headers={"Host": host})[0] == "400 Bad Request"


def test_non_utf8_path_is_404_not_500():
    assert run(b"/hel\xfflo/")[0] == "404 Not Found"


def test_non_utf8_query_and_cookie_are_handled():
    assert run(query=b"q=\xff\xfe")[0] == "200 OK"
    environ = make_environ(path="/hello/", query=b"q=%ff")
    environ["HTTP_COOKIE"] = b"c=\xff\xfe; d=1".decode("latin-1")
    assert call_wsgi(WSGIHandler(), environ)[0] == "200 OK"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10)
def test_body_over_limit_is_400():
    status, _, _ = run("/body/", method="POST", body=b"x" * 100, content_type="text/plain")
    assert status == "400 Bad Request"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=5)
def test_too_many_fields_is_400():
    body = "&".join(f"k{i}=v" for i in range(10)).encode()
    status, _, _ = run("/post/", method="POST", body=body, content_type="application/x-www-form-urlencoded")
    assert status == "400 Bad Request"
    assert run("/hello/", query="&".join(f"k{i}=v" for i in range(10)))[0] == "400 Bad Request"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=1)
def test_too_many_files_is_400():
    mp = multipart_body(files=[("a", "a.txt", b"1", "text/plain"), ("b", "b.txt", b"2", "text/plain")])
    status, _, _ = run(
        "/post/", method="POST", body=mp, content_type="multipart/form-data; boundary=BoUnDaRy"
    )
    assert status == "400 Bad Request"


@pytest.mark.parametrize(
    "body,content_type",
    [
        (multipart_body([("k", "v")])[:-10], "multipart/form-data; boundary=BoUnDaRy"),
        (b"--x\r\n", "multipart/form-data"),
        (b"--x\r\n", "multipart/form-data; boundary=" + "z" * 500),
        (b"no boundary here", "multipart/form-data; boundary=BoUnDaRy"),
    ],
)
def test_malformed_multipart_is_400(body, content_type):
    assert run("/post/", method="POST", body=body, content_type=content_type)[0] == "400 Bad Request"


def test_invalid_content_length_is_treated_as_empty():
    environ = make_environ(path="/body/", method="POST", body=b"abc", content_type="text/plain")
    environ["CONTENT_LENGTH"] = "not-a-number"
    status, _, body = call_wsgi(WSGIHandler(), environ)
    assert status == "200 OK" and body == b""
