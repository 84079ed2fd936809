"""manage.py test on a sample project, run as a subprocess (real test database, real discovery)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "sample_project"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "project"
    shutil.copytree(SAMPLE, target)
    return target


def manage(project, *args, stdin=None, **extra_env):
    """``manage.py test *args`` in ``project``; ``extra_env`` sets the sample settings' knobs."""
    env = {**os.environ, "PYTHONPATH": f"{project}{os.pathsep}{REPO}", **extra_env}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "test", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        timeout=120,
    )


@pytest.mark.slow
def test_runs_the_project_suite_on_a_fresh_test_database(project):
    result = manage(project, "shop.tests", "-v", "2", "--noinput")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 6 tests" in result.stderr
    assert "OK" in result.stderr
    assert "Creating test database for alias 'default'" in result.stderr
    assert not (project / "db.sqlite3").exists() or (project / "db.sqlite3").stat().st_size == 0


@pytest.mark.slow
def test_failure_gives_exit_status_1(project):
    result = manage(project, "shop.tests_failing")
    assert result.returncode == 1
    assert "FAIL: test_fails" in result.stderr
    assert "AssertionError: 1 != 2" in result.stderr


@pytest.mark.slow
def test_labels_patterns_and_tags(project):
    by_method = manage(project, "shop.tests.PageTests.test_reverse")
    assert "Ran 1 test" in by_method.stderr, by_method.stderr
    by_k = manage(project, "shop", "-k", "isolated", "-p", "tests.py")
    assert "Ran 1 test" in by_k.stderr, by_k.stderr
    by_tag = manage(project, "shop.tests", "--tag", "fast")
    assert "Ran 1 test" in by_tag.stderr, by_tag.stderr
    excluded = manage(project, "shop.tests", "--exclude-tag", "fast")
    assert "Ran 5 tests" in excluded.stderr, excluded.stderr


@pytest.mark.slow
def test_discovery_from_the_current_directory_finds_every_module(project):
    result = manage(project, "-p", "tests*.py")
    # The module that fails to import is reported as one error; the other 64 tests still run
    # (three of them skipped by database feature on SQLite).
    assert "Ran 65 tests" in result.stderr, result.stderr
    assert "ModuleNotFoundError: No module named 'shop.module_that_does_not_exist'" in result.stderr
    assert "FAILED (failures=1, errors=1, skipped=3)" in result.stderr
    assert result.returncode == 1


@pytest.mark.slow
def test_unknown_label_is_an_error(project):
    result = manage(project, "shop.nope")
    assert result.returncode != 0
    assert "nope" in result.stderr


@pytest.mark.slow
def test_reverse_and_shuffle_options(project):
    reversed_run = manage(project, "shop.tests", "--reverse")
    assert reversed_run.returncode == 0, reversed_run.stderr
    timed = manage(project, "shop.tests", "--timing")
    assert "Total database setup took" in timed.stderr and "Total run took" in timed.stderr, timed.stderr
    shuffled = manage(project, "shop.tests", "--shuffle", "42")
    assert shuffled.returncode == 0, shuffled.stderr
    assert "Using shuffle seed: 42" in shuffled.stdout


@pytest.mark.slow
def test_parallel_workers_each_get_a_database_clone(project):
    result = manage(project, "shop.tests", "--parallel", "2", "-v", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 6 tests" in result.stderr
    assert "Cloning test database for alias 'default'" in result.stderr
    failing = manage(project, "shop.tests_failing", "shop.tests", "--parallel", "2")
    assert failing.returncode == 1
    assert "FAIL: test_fails" in failing.stderr
    assert "AssertionError: 1 != 2" in failing.stderr


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_testserver_serves_fixture_data_from_a_test_database(project):
    import json
    import time
    from urllib.request import urlopen

    port = _free_port()
    env = {**os.environ, "PYTHONPATH": f"{project}{os.pathsep}{REPO}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "testserver",
            "products",
            "--noinput",
            "--addrport",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urlopen(f"http://127.0.0.1:{port}/products/", timeout=2) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.1)
        assert body == {"products": ["desk", "lamp"]}, (
            server.stdout.read() if server.poll() is not None else ""
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (project / "db.sqlite3").exists() or (project / "db.sqlite3").stat().st_size == 0


@pytest.mark.slow
def test_client_login_force_login_logout_and_session_with_contrib_auth(project):
    result = manage(project, "shop.tests_auth", "--noinput")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 3 tests" in result.stderr


@pytest.mark.slow
def test_durations_exists_from_python_3_12_only(project):
    result = manage(project, "shop.tests.PageTests", "--durations", "2")
    if sys.version_info >= (3, 12):
        assert result.returncode == 0, result.stderr
        assert "Slowest test durations" in result.stderr
    else:
        assert result.returncode == 2
        assert "unrecognized arguments: --durations 2" in result.stderr
