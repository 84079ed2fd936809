"""A throwaway project (manage.py + settings + a polls app) driven through real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

MODELS_V1 = """
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)
"""


@dataclass
class Result:
    returncode: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


class Project:
    def __init__(self, root: Path, database: dict) -> None:
        self.root = root
        (root / "polls" / "migrations").mkdir(parents=True)
        (root / "polls" / "__init__.py").write_text("")
        (root / "polls" / "migrations" / "__init__.py").write_text("")
        (root / "polls" / "models.py").write_text(MODELS_V1)
        (root / "settings.py").write_text(
            textwrap.dedent(
                f"""
                SECRET_KEY = "not-secret"
                INSTALLED_APPS = ["polls"]
                DATABASES = {{"default": {database!r}}}
                USE_TZ = True
                DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
                """
            )
        )
        (root / "manage.py").write_text(
            "import os, sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n"
            "from django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n"
        )

    def manage(self, *args: str, stdin: str | None = None) -> Result:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        proc = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            input=stdin,
            timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))

    def migration_files(self) -> list[str]:
        return sorted(p.name for p in (self.root / "polls" / "migrations").glob("0*.py"))


def _postgres_database():
    import psycopg

    name = f"test_mig_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def _drop_postgres_database(name):
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _engines():
    from tests.db_fixtures import DATABASE_ALIASES

    return ["sqlite"] + (["postgresql"] if "postgresql" in DATABASE_ALIASES else [])


@pytest.fixture(params=_engines())
def project(request, tmp_path):
    """A fresh project on each reachable database engine (SQLite file, or a new PostgreSQL database)."""
    if request.param == "sqlite":
        yield Project(
            tmp_path, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
        )
        return
    name = _postgres_database()
    try:
        yield Project(
            tmp_path,
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": name,
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": 5432,
            },
        )
    finally:
        _drop_postgres_database(name)


@pytest.fixture
def sqlite_project(tmp_path):
    return Project(tmp_path, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")})
