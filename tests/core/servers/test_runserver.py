"""runserver as a real process: banner, serving, Ctrl-C, addrport parsing and auto-reload."""

from __future__ import annotations

import os
import time

import pytest

from django.core.management.base import CommandError
from django.core.management.commands.runserver import Command

from .conftest import VIEWS, free_port, get, python, wait_for


@pytest.mark.parametrize(
    ("addrport", "expected"),
    [
        (None, ("127.0.0.1", "8000", False)),
        ("8080", ("127.0.0.1", "8080", False)),
        ("0.0.0.0:9000", ("0.0.0.0", "9000", False)),
        ("localhost:7000", ("localhost", "7000", False)),
        ("[::1]:8000", ("::1", "8000", True)),
        ("0:8001", ("0", "8001", False)),
    ],
)
def test_addrport_forms(addrport, expected):
    command = Command()
    command.use_ipv6 = False
    command._parse_addrport(addrport)
    assert (command.addr, command.port, command.use_ipv6) == expected


def test_ipv6_flag_defaults_to_ipv6_loopback():
    command = Command()
    command.use_ipv6 = True
    command._parse_addrport("8000")
    assert (command.addr, command._raw_ipv6) == ("::1", True)


@pytest.mark.parametrize("addrport", ["notaport", "127.0.0.1:", "1.2.3.4:abc", ":8000", "127.0.0.1:99999"])
def test_invalid_addrport_is_a_command_error(addrport):
    command = Command()
    command.use_ipv6 = False
    with pytest.raises(CommandError):
        command._parse_addrport(addrport)


@pytest.mark.slow
def test_serves_with_banner_and_stops_cleanly_on_ctrl_c(project_with_view, start_server):
    port = free_port()
    server = start_server(
        [python(), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], project_with_view, port
    )
    server.wait_until_serving()
    assert get(port) == (200, "hello from reinhardt")
    returncode, out, err = server.interrupt()
    assert returncode == 0
    assert "Traceback" not in err
    lines = out.splitlines()
    assert lines[0] == "Performing system checks..."
    assert "System check identified no issues (0 silenced)." in lines
    assert "Django version 6.0, using settings 'mysite.settings'" in lines
    assert f"Starting development server at http://127.0.0.1:{port}/" in lines
    assert "Quit the server with CONTROL-C." in lines
    assert any(line.startswith("WARNING: This is a development server.") for line in lines)
    assert '"GET / HTTP/1.1" 200' in err


@pytest.mark.slow
def test_threaded_server_answers_concurrent_connections(project_with_view, start_server):
    import socket

    port = free_port()
    server = start_server(
        [python(), "manage.py", "runserver", str(port), "--noreload"], project_with_view, port
    )
    server.wait_until_serving()
    idle = socket.create_connection(("127.0.0.1", port))  # an open, silent connection must not block others
    try:
        assert get(port, timeout=5)[0] == 200
    finally:
        idle.close()


@pytest.mark.slow
def test_port_in_use_is_a_clean_error(project_with_view, start_server):
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        server = start_server(
            [python(), "manage.py", "runserver", str(port), "--noreload"], project_with_view, port
        )
        out, err = server.process.communicate(timeout=30)
    assert server.process.returncode == 1
    assert "Error: That port is already in use." in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_debug_false_requires_allowed_hosts(project_with_view, start_server):
    with open(project_with_view / "mysite" / "settings.py", "a") as handle:
        handle.write("DEBUG = False\nALLOWED_HOSTS = []\n")
    port = free_port()
    server = start_server(
        [python(), "manage.py", "runserver", str(port), "--noreload"], project_with_view, port
    )
    out, err = server.process.communicate(timeout=30)
    assert server.process.returncode == 1
    assert "CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False." in err


def rewrite(path, text):
    """Write a file so that its modification time visibly moves forward."""
    before = path.stat().st_mtime if path.exists() else 0
    path.write_text(text)
    now = max(time.time(), before + 1)
    os.utime(path, (now, now))


@pytest.mark.slow
def test_reloads_after_a_source_change_and_survives_a_syntax_error(project_with_view, start_server):
    port = free_port()
    server = start_server([python(), "manage.py", "runserver", f"127.0.0.1:{port}"], project_with_view, port)
    server.wait_until_serving()
    assert get(port) == (200, "hello from reinhardt")
    views = project_with_view / "mysite" / "views.py"

    rewrite(views, VIEWS.format(marker="second version"))
    wait_for(lambda: get(port, timeout=2) == (200, "second version"), timeout=60, interval=0.3)

    rewrite(views, "def hello(request:\n    broken\n")
    time.sleep(3)  # the child restarts and fails on the broken file
    assert server.process.poll() is None, "the reloader must keep running while the code is broken"

    rewrite(views, VIEWS.format(marker="fixed version"))
    wait_for(lambda: get(port, timeout=2) == (200, "fixed version"), timeout=60, interval=0.3)

    returncode, out, err = server.interrupt()
    assert returncode == 0
    assert "SyntaxError" in err
    # With DEBUG on, the reloader's log records reach the console (stderr).
    assert "Watching for file changes with StatReloader" in err
    assert f"{views} changed, reloading." in err


@pytest.mark.slow
def test_reloader_waits_for_a_fix_when_an_app_fails_at_start_up(project_with_view, start_server):
    app = project_with_view / "brokenapp"
    app.mkdir()
    (app / "__init__.py").write_text("")
    rewrite(app / "models.py", "def broken(:\n")
    with open(project_with_view / "mysite" / "settings.py", "a") as handle:
        handle.write("INSTALLED_APPS = ['brokenapp']\n")
    port = free_port()
    server = start_server([python(), "manage.py", "runserver", f"127.0.0.1:{port}"], project_with_view, port)
    time.sleep(3)
    assert server.process.poll() is None, "the reloader keeps running while the app is broken"
    rewrite(app / "models.py", "# fixed\n")
    wait_for(lambda: get(port, timeout=2) == (200, "hello from reinhardt"), timeout=60, interval=0.3)
    returncode, _, err = server.interrupt()
    assert returncode == 0
    assert "brokenapp/models.py" in err and "SyntaxError" in err


def ipv6_loopback_available() -> bool:
    import socket

    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
def test_serves_on_ipv6_loopback(project_with_view, start_server):
    import http.client
    import socket

    port = free_port()
    server = start_server(
        [python(), "manage.py", "runserver", "-6", str(port), "--noreload"], project_with_view, port
    )

    def accepting():
        with socket.create_connection(("::1", port), timeout=1):
            return True

    wait_for(accepting, timeout=20)
    connection = http.client.HTTPConnection("::1", port, timeout=5)
    connection.request("GET", "/", headers={"Host": "localhost"})
    assert connection.getresponse().read() == b"hello from reinhardt"
    connection.close()
    returncode, out, _ = server.interrupt()
    assert returncode == 0
    assert f"Starting development server at http://[::1]:{port}/" in out
