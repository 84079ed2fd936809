"""createsuperuser (and changepassword) as a person runs it: ``python -m django createsuperuser`` in a pseudo-terminal
(getpass reads the terminal), answering its prompts, with the default User and with a custom user
model whose username is the e-mail and that has more required fields. On a migrated SQLite file."""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")]

ROOT = Path(__file__).resolve().parents[3]


def environment(settings: str, database: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_SUPERUSER_")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        REINHARDT_TEST_SQLITE=str(database),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory):
    """Each settings' migrated database, made once per module; tests work on copies."""
    made: dict[str, Path] = {}

    def make(settings: str) -> Path:
        if settings not in made:
            database = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
            subprocess.run(
                [sys.executable, "-m", "django", "migrate", "--database", "default", "-v", "0"],
                cwd=ROOT, env=environment(settings, database), check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            made[settings] = database
        return made[settings]

    return make


@pytest.fixture
def migrated(tmp_path, migrated_template):
    def copy(_tmp_path: Path, settings: str) -> Path:
        database = tmp_path / "db.sqlite3"
        shutil.copyfile(migrated_template(settings), database)
        return database

    return copy


class Terminal:
    """A command running on a pseudo-terminal: wait for a prompt, answer it, read what it printed."""

    def __init__(self, argv: list[str], env: dict) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its controlling terminal is the pty
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, *argv], env)
        self.output = ""
        self.seen = 0

    def expect(self, text: str, timeout: float = 30.0) -> str:
        """Read until ``text`` appears after what earlier expects consumed; return what came before it."""
        deadline = time.monotonic() + timeout
        while text not in self.output[self.seen :]:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                raise AssertionError(f"never saw {text!r}; output so far:\n{self.output}")
        index = self.output.index(text, self.seen)
        before = self.output[self.seen : index]
        self.seen = index + len(text)
        return before

    def send(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\r")

    def answer(self, prompt: str, line: str) -> str:
        """Wait for ``prompt``, type ``line``; return what was printed before the prompt."""
        before = self.expect(prompt)
        self.send(line)
        return before

    def passwords(self, first: str, second: str | None = None) -> str:
        """Answer getpass's two prompts; return what was printed before the first."""
        before = self.answer("Password: ", first)
        self.answer("Password (again): ", first if second is None else second)
        return before

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        self.output += chunk.decode(errors="replace").replace("\r\n", "\n")
        return bool(chunk)

    def wait(self) -> int:
        while self._read(5):
            pass
        _pid, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@pytest.fixture
def terminal():
    started: list[Terminal] = []

    def start(settings: str, database: Path, *command: str) -> Terminal:
        term = Terminal(["-m", "django", *(command or ["createsuperuser"])], environment(settings, database))
        started.append(term)
        return term

    yield start
    for term in started:
        term.kill()


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_prompts_validate_each_answer_and_create_the_superuser(tmp_path, terminal, migrated):
    settings = "tests.contrib.auth.tty_settings"
    database = migrated(tmp_path, settings)
    term = terminal(settings, database)
    term.answer("Username (leave blank to use ", "bad name!")
    assert "Enter a valid username" in term.answer("Username (leave blank to use ", "admin")
    term.answer("Email address: ", "not-an-address")
    assert "Error: Enter a valid email address." in term.answer("Email address: ", "Admin@EXAMPLE.com")
    term.passwords("first-Pass-12345", "other-Pass-12345")
    assert "Error: Your passwords didn't match." in term.passwords("")
    assert "Error: Blank passwords aren't allowed." in term.passwords("1234")
    complaints = term.expect("Bypass password validation and create user anyway? [y/N]: ")
    assert "This password is too short. It must contain at least 10 characters." in complaints
    assert "This password is entirely numeric." in complaints
    term.send("n")
    term.passwords("Good-enough-pass-9")
    term.expect("Superuser created successfully.")
    assert term.wait() == 0
    assert "Good-enough-pass-9" not in term.output  # getpass does not echo
    ((username, email, superuser, staff, password),) = rows(
        database, "SELECT username, email, is_superuser, is_staff, password FROM auth_user"
    )
    assert (username, email, superuser, staff) == ("admin", "Admin@example.com", 1, 1)
    assert password.startswith("md5$")


def test_a_taken_username_is_asked_again(tmp_path, terminal, migrated):
    settings = "tests.contrib.auth.tty_settings"
    database = migrated(tmp_path, settings)
    superuser_named_taken(database, settings)
    term = terminal(settings, database)
    term.answer("Username (leave blank to use ", "taken")
    assert "Error: That username is already taken." in term.answer("Username (leave blank to use ", "fresh")
    term.answer("Email address: ", "")  # the default User's e-mail may be blank
    term.passwords("1234")
    term.answer("Bypass password validation and create user anyway? [y/N]: ", "y")
    term.expect("Superuser created successfully.")
    assert term.wait() == 0
    assert rows(database, "SELECT username, email FROM auth_user ORDER BY id") == [
        ("taken", "t@example.com"),
        ("fresh", ""),
    ]


def test_custom_user_model_prompts_for_its_required_fields(tmp_path, terminal, migrated):
    settings = "tests.contrib.auth.tty_settings_custom"
    database = migrated(tmp_path, settings)
    assert not rows(database, "SELECT name FROM sqlite_master WHERE name = 'auth_user'")  # swapped out
    term = terminal(settings, database)
    term.answer("Email address: ", "Boss@Example.COM")
    term.answer("Full name: ", "Bea Boss")
    term.answer("Date of birth: ", "31/31/1990")
    assert "value has an invalid date format. It must be in YYYY-MM-DD format." in term.expect(
        "Date of birth: "
    )
    term.send("1990-05-17")
    term.passwords("Good-enough-pass-9")
    term.expect("Superuser created successfully.")
    assert term.wait() == 0
    assert rows(
        database, "SELECT email, full_name, date_of_birth, is_superuser FROM customuser_customer"
    ) == [("Boss@example.com", "Bea Boss", "1990-05-17", 1)]


def test_custom_user_model_without_input(tmp_path, migrated):
    settings = "tests.contrib.auth.tty_settings_custom"
    database = migrated(tmp_path, settings)
    command = [sys.executable, "-m", "django", "createsuperuser", "--noinput"]
    missing = subprocess.run(
        [*command, "--email", "a@example.com", "--full_name", "Al"],
        cwd=ROOT, env=environment(settings, database), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert missing.returncode == 1
    assert "You must use --date_of_birth with --noinput." in missing.stderr
    env = environment(
        settings,
        database,
        DJANGO_SUPERUSER_EMAIL="env@example.com",
        DJANGO_SUPERUSER_FULL_NAME="Env Person",
        DJANGO_SUPERUSER_DATE_OF_BIRTH="2000-01-02",
        DJANGO_SUPERUSER_PASSWORD="Good-enough-pass-9",
    )
    created = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    assert "Superuser created successfully." in created.stdout
    assert rows(database, "SELECT email, full_name, date_of_birth FROM customuser_customer") == [
        ("env@example.com", "Env Person", "2000-01-02")
    ]
    not_a_tty = subprocess.run(
        [sys.executable, "-m", "django", "createsuperuser"],
        cwd=ROOT, env=environment(settings, database), capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert not_a_tty.returncode == 0
    assert "Superuser creation skipped due to not running in a TTY." in not_a_tty.stdout


def superuser_named_taken(database: Path, settings: str) -> None:
    env = environment(settings, database, DJANGO_SUPERUSER_PASSWORD="Good-enough-pass-9")
    subprocess.run(
        [sys.executable, "-m", "django", "createsuperuser", "--noinput", "--username", "taken", "--email", "t@example.com"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def test_changepassword_asks_until_the_passwords_match_and_validate(tmp_path, terminal, migrated):
    settings = "tests.contrib.auth.tty_settings"
    database = migrated(tmp_path, settings)
    superuser_named_taken(database, settings)
    (before,) = rows(database, "SELECT password FROM auth_user WHERE username = 'taken'")
    term = terminal(settings, database, "changepassword", "taken")
    term.expect("Changing password for user 'taken'")
    term.passwords("Fresh-pass-12345", "Other-pass-12345")
    assert "Passwords do not match. Please try again." in term.passwords("1234")
    assert "This password is entirely numeric." in term.passwords("Fresh-pass-12345")
    term.expect("Password changed successfully for user 'taken'")
    assert term.wait() == 0
    (after,) = rows(database, "SELECT password FROM auth_user WHERE username = 'taken'")
    assert after != before and after[0].startswith("md5$")


def test_changepassword_gives_up_after_three_attempts_and_names_unknown_users(tmp_path, terminal, migrated):
    settings = "tests.contrib.auth.tty_settings"
    database = migrated(tmp_path, settings)
    superuser_named_taken(database, settings)
    term = terminal(settings, database, "changepassword", "taken")
    for attempt in range(3):
        term.passwords(f"first-{attempt}-aaaaaaaa", f"second-{attempt}-bbbbbbbb")
    term.expect("Aborting password change for user 'taken' after 3 attempts")
    assert term.wait() == 1
    unknown = terminal(settings, database, "changepassword", "ghost")
    unknown.expect("user 'ghost' does not exist")
    assert unknown.wait() == 1
