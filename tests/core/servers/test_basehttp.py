"""The development server core (django.core.servers.basehttp) over real sockets on 127.0.0.1."""

from __future__ import annotations

import http.client
import logging
import socket
import threading
import time

import pytest

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, WSGIServer


def echo_app(environ, start_response):
    """Answers with what the server passed in, so tests can see the WSGI environ."""
    body_size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(body_size) if body_size else b""
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "-")
    text = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} body={body.decode()} xff={forwarded}".encode()
    status = "404 Not Found" if environ["PATH_INFO"] == "/missing" else "200 OK"
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(text)))])
    return [text]


@pytest.fixture(params=[ThreadedWSGIServer, WSGIServer], ids=["threaded", "single"])
def server(request):
    httpd = request.param(("127.0.0.1", 0), WSGIRequestHandler)
    httpd.set_app(echo_app)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def connect(server):
    return http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)


def test_serves_requests_and_bodies(server):
    connection = connect(server)
    connection.request("POST", "/submit", body=b"a=1&b=2", headers={"Content-Type": "text/plain"})
    response = connection.getresponse()
    assert response.status == 200
    assert response.read() == b"POST /submit body=a=1&b=2 xff=-"


def test_threaded_server_keeps_connections_alive(server):
    connection = connect(server)
    for path in ("/one", "/two", "/three"):
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.read() == f"GET {path} body= xff=-".encode()
        keep_alive = response.getheader("Connection") != "close"
        assert keep_alive is isinstance(server, ThreadedWSGIServer)
        if not keep_alive:
            connection.close()
            connection = connect(server)


def test_unread_body_does_not_leak_into_next_request(server):
    def lazy_app(environ, start_response):
        start_response("200 OK", [("Content-Length", "2")])
        return [b"ok"]

    server.set_app(lazy_app)
    connection = connect(server)
    connection.request("POST", "/", body=b"x" * 5000)
    assert connection.getresponse().read() == b"ok"
    connection.request("GET", "/")
    assert connection.getresponse().status == 200


def test_head_sends_headers_without_body(server):
    connection = connect(server)
    connection.request("HEAD", "/page")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b""


def test_headers_with_underscores_are_dropped(server):
    connection = connect(server)
    connection.request("GET", "/", headers={"X_Forwarded_For": "6.6.6.6"})
    assert connection.getresponse().read().endswith(b"xff=-")
    connection = connect(server)
    connection.request("GET", "/", headers={"X-Forwarded-For": "1.2.3.4"})
    assert connection.getresponse().read().endswith(b"xff=1.2.3.4")


def test_overlong_request_line_is_answered_414(server):
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as sock:
        sock.sendall(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
        reply = sock.recv(1024)
    assert reply.startswith(b"HTTP/1.1 414")


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_requests_are_logged_on_django_server_with_status(server):
    logger = logging.getLogger("django.server")
    collector = Collect()
    logger.addHandler(collector)  # on the logger itself: django.server does not propagate
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        connection = connect(server)
        connection.request("GET", "/missing")
        connection.getresponse().read()
        connection.request("GET", "/found")
        connection.getresponse().read()
        connection.close()
        deadline = time.monotonic() + 5
        while len(collector.records) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)  # the log line is written after the response is sent
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
    records = collector.records
    assert [r.status_code for r in records] == [404, 200]
    assert records[0].levelno == logging.WARNING and records[1].levelno == logging.INFO
    assert '"GET /missing HTTP/1.1" 404' in records[0].getMessage()
    assert all(hasattr(r, "server_time") for r in records)


def test_ipv6_server_binds_to_loopback():
    if not socket.has_ipv6:
        pytest.skip("no IPv6 support in this Python")
    try:
        httpd = WSGIServer(("::1", 0), WSGIRequestHandler, ipv6=True)
    except OSError:
        pytest.skip("::1 is not configured on this machine")
    try:
        assert httpd.address_family == socket.AF_INET6
    finally:
        httpd.server_close()
