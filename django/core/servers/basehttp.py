"""The development web server behind runserver: the standard library's wsgiref, made HTTP/1.1.

Not for production: no TLS, no hardening. It logs each request on the `django.server` logger.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import sys
from collections import deque
from typing import Any
from wsgiref import simple_server

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

__all__ = ("WSGIServer", "WSGIRequestHandler", "ThreadedWSGIServer", "run", "get_internal_wsgi_application")

logger = logging.getLogger("django.server")

MAX_REQUEST_LINE = 65536


def get_internal_wsgi_application() -> Any:
    """The WSGI application named by WSGI_APPLICATION, or Django's default one."""
    from django.conf import settings

    app_path = settings.WSGI_APPLICATION
    if app_path is None:
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()
    try:
        return import_string(app_path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"WSGI application '{app_path}' could not be loaded; Error importing module."
        ) from exc


def is_broken_pipe_error() -> bool:
    """Whether the exception being handled means the client went away."""
    exc_type = sys.exc_info()[0]
    return exc_type is not None and issubclass(
        exc_type, BrokenPipeError | ConnectionAbortedError | ConnectionResetError
    )


class WSGIServer(simple_server.WSGIServer):
    """A wsgiref server that can listen on IPv6 and stays quiet about clients hanging up."""

    request_queue_size = 10

    def __init__(
        self, *args: Any, ipv6: bool = False, allow_reuse_address: bool = True, **kwargs: Any
    ) -> None:
        if ipv6:
            self.address_family = socket.AF_INET6
        self.allow_reuse_address = allow_reuse_address
        super().__init__(*args, **kwargs)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if is_broken_pipe_error():
            logger.info("- Broken pipe from %s", client_address)
        else:
            super().handle_error(request, client_address)


class ThreadedWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """One thread per connection; threads die with the server."""

    daemon_threads = True

    def __init__(self, *args: Any, connections_override: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Test servers share the test's database connections (in-memory SQLite cannot be reopened).
        self.connections_override = connections_override

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        if self.connections_override:
            from django.db import connections

            for alias, connection in self.connections_override.items():
                connections[alias] = connection
        super().process_request_thread(request, client_address)

    def close_request(self, request: Any) -> None:
        _close_old_database_connections()
        super().close_request(request)


def _close_old_database_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


class _BoundedInput:
    """The request body, limited to CONTENT_LENGTH so an application cannot read the next request."""

    def __init__(self, stream: Any, limit: int) -> None:
        self.stream = stream
        self.remaining = limit

    def read(self, size: int | None = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > self.remaining:
            size = self.remaining
        data = self.stream.read(size)
        self.remaining -= len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > self.remaining:
            size = self.remaining
        line = self.stream.readline(size)
        self.remaining -= len(line)
        return line

    def readlines(self, hint: int = -1) -> list[bytes]:
        return list(iter(self.readline, b""))

    def __iter__(self) -> Any:
        return iter(self.readline, b"")


class ServerHandler(simple_server.ServerHandler):
    """Runs one request through the application, keeping the connection open when it can."""

    http_version = "1.1"
    request_handler: WSGIRequestHandler
    # set by wsgiref's BaseHandler; declared for the type checker
    headers: Any
    environ: dict[str, Any]
    result: Any
    headers_sent: bool

    def __init__(self, stdin: Any, stdout: Any, stderr: Any, environ: dict[str, Any], **kwargs: Any) -> None:
        try:
            content_length = max(int(environ.get("CONTENT_LENGTH") or 0), 0)
        except ValueError:
            content_length = 0
        super().__init__(_BoundedInput(stdin, content_length), stdout, stderr, environ, **kwargs)

    def cleanup_headers(self) -> None:
        super().cleanup_headers()
        headers = self.headers
        if (
            self.environ["REQUEST_METHOD"] == "HEAD"
            and "Content-Length" in headers
            and str(headers["Content-Length"]) == "0"
        ):
            del headers["Content-Length"]
        # Keep-alive needs a known length and a threaded server; otherwise close after the response.
        threaded = isinstance(self.request_handler.server, socketserver.ThreadingMixIn)
        if "Content-Length" not in headers or not threaded:
            headers["Connection"] = "close"
        if headers.get("Connection") == "close":
            self.request_handler.close_connection = True

    def close(self) -> None:
        # Drain an unread body so the next request on this connection starts at its first byte.
        self.get_stdin().read()
        super().close()

    def finish_response(self) -> None:
        if self.environ["REQUEST_METHOD"] != "HEAD":
            super().finish_response()
            return
        try:
            deque(self.result, maxlen=0)  # run the application's iterator, send no body
            if not self.headers_sent:
                self.send_headers()
        finally:
            self.close()


class WSGIRequestHandler(simple_server.WSGIRequestHandler):
    """Parses HTTP/1.1 requests, serves several per connection, and logs to `django.server`."""

    protocol_version = "HTTP/1.1"

    def address_string(self) -> str:
        return self.client_address[0]

    def log_message(self, format: str, *args: Any) -> None:
        extra: dict[str, Any] = {"request": self.request, "server_time": self.log_date_time_string()}
        status = str(args[1]) if len(args) > 1 else ""
        if status.startswith("4") and str(args[0]).startswith("\x16\x03"):
            extra["status_code"] = 500
            logger.error(
                "You're accessing the development server over HTTPS, but it only supports HTTP.", extra=extra
            )
            return
        log = logger.info
        if status.isdigit() and len(status) == 3:
            status_code = int(status)
            extra["status_code"] = status_code
            log = (
                logger.error if status_code >= 500 else logger.warning if status_code >= 400 else logger.info
            )
        log(format, *args, extra=extra)

    def get_environ(self) -> dict[str, Any]:
        # "X_Forwarded_For" and "X-Forwarded-For" both become HTTP_X_FORWARDED_FOR; drop the
        # underscore spelling so a client cannot spoof headers a proxy sets.
        for name in list(self.headers):
            if "_" in name:
                del self.headers[name]
        return super().get_environ()

    def handle(self) -> None:
        self.close_connection = True
        self.handle_one_request()
        while not self.close_connection:
            self.handle_one_request()
        try:
            self.connection.shutdown(socket.SHUT_WR)
        except (AttributeError, OSError):
            pass

    def handle_one_request(self) -> None:
        self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
        if len(self.raw_requestline) > MAX_REQUEST_LINE:
            self.requestline = ""
            self.request_version = ""
            self.command = ""
            self.send_error(414)
            return
        if not self.raw_requestline:
            self.close_connection = True
            return
        if not self.parse_request():
            return
        handler = ServerHandler(self.rfile, self.wfile, self.get_stderr(), self.get_environ())
        handler.request_handler = self
        handler.run(self.server.get_app())  # type: ignore[attr-defined]


def run(
    addr: str,
    port: int,
    wsgi_handler: Any,
    ipv6: bool = False,
    threading: bool = False,
    on_bind: Any = None,
    server_cls: type[WSGIServer] = WSGIServer,
) -> None:
    """Serve wsgi_handler on (addr, port) until interrupted."""
    server_class: type[WSGIServer] = server_cls
    if threading and not issubclass(server_cls, socketserver.ThreadingMixIn):
        server_class = type("WSGIServer", (socketserver.ThreadingMixIn, server_cls), {"daemon_threads": True})
    httpd = server_class((addr, port), WSGIRequestHandler, ipv6=ipv6)
    if on_bind is not None:
        on_bind(getattr(httpd, "server_port", port))
    httpd.set_app(wsgi_handler)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
