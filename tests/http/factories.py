"""Hand-made WSGI environs and ASGI scopes for driving requests without a test client."""

from __future__ import annotations

import asyncio
import io
from typing import Any
from urllib.parse import urlencode

from django.core.handlers.wsgi import WSGIRequest


def make_environ(
    method: str = "GET",
    path: str | bytes = "/",
    query: str | bytes = "",
    body: bytes = b"",
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A WSGI environ as a server builds it: text paths are UTF-8 encoded, bytes kept as-is,
    both stored as latin-1 text (PEP 3333)."""
    path = path if isinstance(path, bytes) else path.encode()
    query = query if isinstance(query, bytes) else query.encode()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path.decode("latin-1"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": query.decode("latin-1"),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if body or method in ("POST", "PUT", "PATCH"):
        environ["CONTENT_LENGTH"] = str(len(body))
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    environ.update(extra)
    return environ


def wsgi_request(*args: Any, **kwargs: Any) -> WSGIRequest:
    return WSGIRequest(make_environ(*args, **kwargs))


def form_post(data: dict[str, Any], **kwargs: Any) -> WSGIRequest:
    body = urlencode(data, doseq=True).encode()
    return wsgi_request("POST", body=body, content_type="application/x-www-form-urlencoded", **kwargs)


def multipart_body(
    fields: list[tuple[str, str]] = (),  # type: ignore[assignment]
    files: list[tuple[str, str, bytes, str]] = (),  # type: ignore[assignment]
    boundary: str = "BoUnDaRy",
) -> bytes:
    """Encode fields and (name, filename, content, content_type) files as multipart/form-data."""
    out = io.BytesIO()
    for name, value in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    for name, filename, content, ctype in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def multipart_request(body: bytes, boundary: str = "BoUnDaRy", **kwargs: Any) -> WSGIRequest:
    return wsgi_request("POST", body=body, content_type=f"multipart/form-data; boundary={boundary}", **kwargs)


def call_wsgi(app: Any, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Run a WSGI app; return (status, headers, body) and close the iterable as servers do."""
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list, exc_info: Any = None) -> None:
        captured["status"], captured["headers"] = status, headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close:
            close()
    return captured["status"], captured["headers"], body


def make_scope(
    method: str = "GET",
    path: str = "/",
    query: bytes = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": headers if headers is not None else [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    scope.update(extra)
    return scope


async def call_asgi(
    app: Any, scope: dict[str, Any], body_chunks: list[bytes] = (), disconnect_after: bool = False
):
    """Run an ASGI app; return the list of messages it sent."""
    inbound: asyncio.Queue = asyncio.Queue()
    chunks = list(body_chunks) or [b""]
    for i, chunk in enumerate(chunks):
        await inbound.put({"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1})
    if disconnect_after:
        await inbound.put({"type": "http.disconnect"})
    sent: list[dict[str, Any]] = []
    finished = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if inbound.empty() and not disconnect_after:
            await finished.wait()
            return {"type": "http.disconnect"}
        return await inbound.get()

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            finished.set()

    await app(scope, receive, send)
    return sent


def asgi_response(messages: list[dict[str, Any]]) -> tuple[int, dict[bytes, bytes], bytes]:
    start = messages[0]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], dict(start["headers"]), body
