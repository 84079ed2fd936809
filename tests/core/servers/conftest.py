"""A startproject project with one view, and helpers to run its development server."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.management.conftest import clean_env, run_python, trim_settings

VIEWS = """from django.http import HttpResponse


def hello(request):
    return HttpResponse("{marker}")
"""
URLS = """from django.urls import path

from mysite import views

urlpatterns = [path("", views.hello)]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_project(root: Path, marker: str = "hello from reinhardt", trim: bool = True) -> Path:
    result = run_python("-m", "django", "startproject", "mysite", ".", cwd=root)
    assert result.returncode == 0, result.output
    if trim:
        trim_settings(root)
    (root / "mysite" / "views.py").write_text(VIEWS.format(marker=marker))
    (root / "mysite" / "urls.py").write_text(URLS)
    return root


@pytest.fixture
def project_with_view(tmp_path):
    return make_project(tmp_path)


def get(port: int, path: str = "/", timeout: float = 5) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def wait_for(predicate, timeout: float = 60, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except (OSError, http.client.HTTPException) as exc:  # a server restarting mid-request
            last_error = exc
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s (last error: {last_error})")


class Server:
    """A server process started in its own session, so Ctrl-C can go to its whole group."""

    def __init__(self, args: list[str], cwd: Path, port: int, env: dict[str, str] | None = None) -> None:
        self.port = port
        self.process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env or clean_env(PYTHONUNBUFFERED="1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def wait_until_serving(self, timeout: float = 60) -> None:
        def accepting() -> bool:
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                raise AssertionError(f"server exited with {self.process.returncode}:\n{out}\n{err}")
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True

        wait_for(accepting, timeout)

    def interrupt(self, timeout: float = 15) -> tuple[int, str, str]:
        """Press Ctrl-C (SIGINT to the whole process group) and collect the output."""
        return self.stop(signal.SIGINT, group=True, timeout=timeout)

    def stop(self, signum: int, group: bool = False, timeout: float = 15) -> tuple[int, str, str]:
        if group:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate()


@pytest.fixture
def start_server():
    servers: list[Server] = []

    def start(args: list[str], cwd: Path, port: int, env: dict[str, str] | None = None) -> Server:
        server = Server(args, cwd, port, env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.kill()


def python() -> str:
    return sys.executable
