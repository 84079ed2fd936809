"""The WSGI server interface: WSGIHandler and WSGIRequest."""

from __future__ import annotations

from io import IOBase
from typing import Any

from django.conf import settings
from django.core import signals
from django.core.handlers import base
from django.http import HttpRequest


def _latin1_to_utf8(value: str) -> str:
    """WSGI carries bytes as latin-1 text; recover the UTF-8 text (bad bytes replaced)."""
    if value.isascii():
        return value  # ASCII reads the same in latin-1 and UTF-8
    return value.encode("latin-1", "replace").decode("utf-8", "replace")


def _repercent(raw: bytes) -> str:
    """Decode a path as UTF-8, percent-encoding any byte that is not valid UTF-8."""
    out, start = [], 0
    while True:
        try:
            out.append(raw[start:].decode("utf-8"))
            return "".join(out)
        except UnicodeDecodeError as exc:
            bad_start, bad_end = start + exc.start, start + exc.end
            out.append(raw[start:bad_start].decode("utf-8"))
            out.append("".join(f"%{byte:02X}" for byte in raw[bad_start:bad_end]))
            start = bad_end


def get_path_info(environ: dict[str, Any]) -> str:
    """PATH_INFO as text; non-UTF-8 bytes are kept percent-encoded."""
    path_info = environ.get("PATH_INFO", "/")
    if path_info.isascii():
        return path_info  # the common case: latin-1 and UTF-8 agree on ASCII
    return _repercent(path_info.encode("latin-1", "replace"))


def get_script_name(environ: dict[str, Any]) -> str:
    """The script prefix: FORCE_SCRIPT_NAME, else SCRIPT_URL/REDIRECT_URL minus PATH_INFO, else SCRIPT_NAME."""
    if settings.FORCE_SCRIPT_NAME is not None:
        return settings.FORCE_SCRIPT_NAME
    script_url = environ.get("SCRIPT_URL", "") or environ.get("REDIRECT_URL", "")
    if script_url:
        while "//" in script_url:
            script_url = script_url.replace("//", "/")
        path_info = environ.get("PATH_INFO", "")
        script_name = script_url[: -len(path_info)] if path_info else script_url
    else:
        script_name = environ.get("SCRIPT_NAME", "")
        if script_name.isascii():
            return script_name
    return _repercent(script_name.encode("latin-1", "replace"))


class LimitedStream(IOBase):
    """Never read more than ``limit`` bytes from the wrapped WSGI input."""

    def __init__(self, stream: Any, limit: int) -> None:
        self._read = stream.read
        self._readline = stream.readline
        self._pos = 0
        self.limit = limit

    def read(self, size: int | None = -1, /) -> bytes:
        remaining = self.limit - self._pos
        if remaining <= 0:
            return b""
        size = remaining if size is None or size < 0 else min(size, remaining)
        data = self._read(size)
        self._pos += len(data)
        return data

    def readline(self, size: int | None = -1, /) -> bytes:
        remaining = self.limit - self._pos
        if remaining <= 0:
            return b""
        size = remaining if size is None or size < 0 else min(size, remaining)
        line = self._readline(size)
        self._pos += len(line)
        return line


class WSGIRequest(HttpRequest):
    """A request built from a WSGI environ; data is parsed on first access."""

    _lazy_data = True

    def __init__(self, environ: dict[str, Any]) -> None:
        script_name = get_script_name(environ)
        path_info = get_path_info(environ) or "/"
        self.environ = environ
        self.path_info = path_info
        self.path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"
        self.META = environ
        self.META["PATH_INFO"] = path_info
        self.META["SCRIPT_NAME"] = script_name
        self.method = environ["REQUEST_METHOD"].upper()
        self.resolver_match = None
        self._set_content_type_params(environ)
        try:
            content_length = int(environ.get("CONTENT_LENGTH") or 0)
        except (ValueError, TypeError):
            content_length = 0
        self._content_length = max(content_length, 0)
        self._read_started = False

    @property
    def _stream(self) -> Any:
        # Made on first read: most requests (GET) never read their body.
        try:
            return self.__dict__["_stream"]
        except KeyError:
            stream = LimitedStream(self.environ["wsgi.input"], self._content_length)
            self.__dict__["_stream"] = stream
            return stream

    @_stream.setter
    def _stream(self, value: Any) -> None:
        self.__dict__["_stream"] = value

    def _get_scheme(self) -> str:
        return self.environ.get("wsgi.url_scheme", "http")

    def _raw_query_string(self) -> bytes:
        return self.environ.get("QUERY_STRING", "").encode("latin-1", "replace")

    def _raw_cookie_header(self) -> str:
        return _latin1_to_utf8(self.environ.get("HTTP_COOKIE", ""))


class WSGIHandler(base.BaseHandler):
    """The WSGI application: ``handler(environ, start_response)``."""

    request_class = WSGIRequest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.load_middleware()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        base.set_script_prefix_once(get_script_name(environ))
        signals.request_started.send(sender=self.__class__, environ=environ)
        request = self.request_class(environ)
        response = self.get_response(request)
        response._handler_class = self.__class__
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.items())
        if response.cookies:
            headers.extend(("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values())
        start_response(status, headers)
        file_to_stream = getattr(response, "file_to_stream", None)
        if file_to_stream is not None and environ.get("wsgi.file_wrapper"):
            # The server closes the wrapper; make that close the response (and send request_finished).
            file_to_stream.close = response.close
            return environ["wsgi.file_wrapper"](file_to_stream, response.block_size)
        return response
