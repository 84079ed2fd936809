"""Helpers shared by management commands."""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterable
from typing import Any

SECRET_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"


def get_random_secret_key() -> str:
    """A fresh 50-character secret key (what startproject writes, after the insecure prefix)."""
    return "".join(secrets.choice(SECRET_KEY_CHARS) for _ in range(50))


def handle_extensions(extensions: Iterable[str]) -> set[str]:
    """Normalize ["html,txt", "py"] into {".html", ".txt", ".py"}."""
    found = set()
    for group in extensions:
        for extension in group.replace(" ", "").split(","):
            if extension:
                found.add(extension if extension.startswith(".") else f".{extension}")
    return found


def popen_wrapper(args: list[str], stdout_encoding: str = "utf-8") -> tuple[str, str, int]:
    """Run args; return (stdout, stderr, returncode). A missing program is a CommandError."""
    from django.core.management.base import CommandError

    try:
        process = subprocess.run(args, capture_output=True, close_fds=os.name != "nt")
    except OSError as exc:
        raise CommandError(f"Error executing {args[0]}") from exc
    return (
        process.stdout.decode(stdout_encoding, errors="replace"),
        process.stderr.decode(errors="replace"),
        process.returncode,
    )


def get_command_line_option(argv: list[str], option: str) -> Any:
    """The value of `option` in argv (e.g. --settings), parsed without knowing the command."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(option, dest="value")
    try:
        options, _ = parser.parse_known_args(argv[2:])
    except SystemExit:
        return None
    return options.value
