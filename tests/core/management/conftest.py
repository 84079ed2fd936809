"""Fixtures for running django-admin / manage.py in real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@dataclass
class Result:
    returncode: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh shell: no test settings module, plain output."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "RUN_MAIN")
    }
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def run_python(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    process = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env or clean_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Result(process.returncode, process.stdout, process.stderr)


@pytest.fixture
def django_admin(tmp_path):
    """Run `python -m django ...` in an empty temporary directory."""

    def run(*args: str, **kwargs) -> Result:
        return run_python("-m", "django", *args, cwd=kwargs.pop("cwd", tmp_path), **kwargs)

    return run


def trim_settings(project_dir: Path, name: str = "mysite") -> None:
    """Keep startproject's settings but only the apps and middleware this suite can rely on."""
    with open(project_dir / name / "settings.py", "a") as handle:
        handle.write(
            "\n# trimmed for the tests: contrib apps are not needed here\n"
            "INSTALLED_APPS = []\n"
            "MIDDLEWARE = []\n"
            "TEMPLATES = []\n"
        )
    # startproject's urls.py routes admin/, which needs the contrib apps removed above.
    (project_dir / name / "urls.py").write_text("urlpatterns = []\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project made by startproject, trimmed to run without the contrib apps."""
    root = tmp_path_factory.mktemp("project")
    result = run_python("-m", "django", "startproject", "mysite", ".", cwd=root)
    assert result.returncode == 0, result.output
    trim_settings(root)
    return root


@pytest.fixture
def manage(project):
    def run(*args: str, **kwargs) -> Result:
        return run_python("manage.py", *args, cwd=project, **kwargs)

    return run
