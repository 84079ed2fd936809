"""End to end: a project made by startproject, served over real HTTP by runserver, gunicorn and uvicorn.

The project keeps startproject's settings except INSTALLED_APPS (emptied) and MIDDLEWARE (the
default list reduced to the middleware this installation provides), and gets one view.
"""

from __future__ import annotations

import http.client
import signal
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.core.servers.conftest import free_port, make_project, python

pytestmark = pytest.mark.slow

SETTINGS_TAIL = """
# e2e: serve one view with the default middleware that exists in this installation
from importlib.util import find_spec as _find_spec

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
TEMPLATES = []
MIDDLEWARE = [path for path in MIDDLEWARE if path.startswith("django.middleware.")
              and _find_spec(path.rpartition(".")[0]) is not None]
"""


@pytest.fixture(scope="module")
def e2e_project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("e2e"), marker="served by Reinhardt", trim=False)
    with open(root / "mysite" / "settings.py", "a") as handle:
        handle.write(SETTINGS_TAIL)
    return root


def fetch(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def assert_project_behaviour(port: int) -> None:
    page = fetch(port, "/")
    assert page.status == 200
    assert page.body == b"served by Reinhardt"
    assert page.getheader("Content-Type") == "text/html; charset=utf-8"
    if find_spec("django.middleware.security"):
        assert page.getheader("X-Content-Type-Options") == "nosniff"
    if find_spec("django.middleware.clickjacking"):
        assert page.getheader("X-Frame-Options") == "DENY"
    missing = fetch(port, "/no/such/page/")
    assert missing.status == 404
    assert b"Traceback" not in missing.body
    if find_spec("django.middleware.csrf"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            "POST", "/", body=b"a=1", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert connection.getresponse().status == 403, "a POST without a CSRF token is refused"
        connection.close()


STOP = {
    "runserver": (signal.SIGINT, True),
    "gunicorn": (signal.SIGTERM, False),
    "uvicorn": (signal.SIGINT, False),
}
SERVERS = {
    "runserver": lambda port: [python(), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
    "gunicorn": lambda port: [
        python(),
        "-m",
        "gunicorn",
        "mysite.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ],
    "uvicorn": lambda port: [
        python(),
        "-m",
        "uvicorn",
        "mysite.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--lifespan",
        "auto",
    ],
}


@pytest.mark.parametrize("server_name", list(SERVERS))
def test_startproject_project_is_served(server_name, e2e_project, start_server):
    port = free_port()
    server = start_server(SERVERS[server_name](port), e2e_project, port)
    server.wait_until_serving()
    assert_project_behaviour(port)
    # Each server is stopped the way its documentation says: runserver with Ctrl-C (SIGINT to the
    # terminal's process group), uvicorn with SIGINT, gunicorn with SIGTERM (its graceful stop;
    # SIGINT is gunicorn's *quick* shutdown, which may log a traceback for a worker it cuts short).
    stop_signal, to_group = STOP[server_name]
    returncode, out, err = server.stop(stop_signal, group=to_group)
    assert returncode == 0, err
    assert "Traceback" not in err
