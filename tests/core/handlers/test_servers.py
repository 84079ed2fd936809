"""End to end over real HTTP on 127.0.0.1: gunicorn (WSGI) and uvicorn (ASGI)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early: {proc.stderr.read().decode()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


SERVERS = {
    "gunicorn": [
        "-m",
        "gunicorn",
        "--workers",
        "1",
        "--threads",
        "2",
        "tests.core.handlers.server_apps:wsgi_application",
    ],
    "uvicorn": ["-m", "uvicorn", "--lifespan", "on", "tests.core.handlers.server_apps:asgi_application"],
}


@pytest.fixture(params=sorted(SERVERS), scope="module")
def server(request):
    port = _free_port()
    name = request.param
    args = [sys.executable, *SERVERS[name]]
    args += (
        ["--bind", f"127.0.0.1:{port}"]
        if name == "gunicorn"
        else ["--host", "127.0.0.1", "--port", str(port)]
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.handlers.server_settings",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_get_with_middleware_headers(server):
    status, headers, body = _request(server, "GET", "/hello/?q=real")
    assert status == 200 and body == b"hello GET real"
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Length"] == str(len(body))


def test_async_view_and_streaming(server):
    assert _request(server, "GET", "/async/")[2] == b"async hello"
    assert _request(server, "GET", "/stream/")[2] == b"chunk0;chunk1;chunk2;"


def test_append_slash_redirect(server):
    status, headers, _ = _request(server, "GET", "/hello?x=1")
    assert status == 301 and headers["Location"] == "/hello/?x=1"


def test_csrf_rejects_post_without_token(server):
    status, _, body = _request(
        server, "POST", "/post/", body=b"a=1", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 403 and b"CSRF verification failed" in body


def test_bad_host_is_400(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    try:
        conn.putrequest("GET", "/hello/", skip_host=True)
        conn.putheader("Host", "evil.example.net")
        conn.endheaders()
        assert conn.getresponse().status == 400
    finally:
        conn.close()


def test_unknown_path_is_404_and_crash_is_500(server):
    assert _request(server, "GET", "/missing/")[0] == 404
    status, _, body = _request(server, "GET", "/500/")
    assert status == 500 and b"boom" not in body


def test_file_response(server):
    from tests.core.handlers import views

    status, headers, body = _request(server, "GET", "/file/")
    with open(views.__file__, "rb") as f:
        expected = f.read()
    assert status == 200 and body == expected
    assert headers["Content-Length"] == str(len(expected))
    assert headers["Content-Disposition"] == 'attachment; filename="views.py"'


def test_large_multipart_upload_spills_to_disk(server):
    from tests.http.factories import multipart_body

    content = b"0123456789" * 300_000  # 3 MB, over FILE_UPLOAD_MAX_MEMORY_SIZE
    body = multipart_body([("k", "v")], [("f", "big.bin", content, "application/octet-stream")])
    status, _, out = _request(
        server,
        "POST",
        "/upload/",
        body=body,
        headers={"Content-Type": "multipart/form-data; boundary=BoUnDaRy"},
    )
    assert status == 200 and out == f"big.bin:{len(content)}:TemporaryUploadedFile:v".encode()


def test_truncated_upload_is_400(server):
    from tests.http.factories import multipart_body

    body = multipart_body([("k", "v")])[:-12]
    status, _, _ = _request(
        server,
        "POST",
        "/upload/",
        body=body,
        headers={"Content-Type": "multipart/form-data; boundary=BoUnDaRy"},
    )
    assert status == 400
