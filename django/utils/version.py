"""Version helpers shared by django.get_version() and the management commands."""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
import sys

PY311 = sys.version_info >= (3, 11)
PY312 = sys.version_info >= (3, 12)
PY313 = sys.version_info >= (3, 13)
PY314 = sys.version_info >= (3, 14)

_RELEASE_SUFFIXES = {"alpha": "a", "beta": "b", "rc": "rc"}


def get_complete_version(version: tuple | None = None) -> tuple:
    """``version`` checked, or Django's VERSION when omitted."""
    if version is None:
        from django import VERSION

        version = VERSION
    if len(version) != 5 or version[3] not in ("alpha", "beta", "rc", "final"):
        raise ValueError(f"Invalid version tuple: {version!r}")
    return version


def get_main_version(version: tuple | None = None) -> str:
    """'X.Y' or 'X.Y.Z' (Z only when non-zero)."""
    version = get_complete_version(version)
    parts = 2 if version[2] == 0 else 3
    return ".".join(str(x) for x in version[:parts])


def get_version(version: tuple | None = None) -> str:
    """A PEP 440 version string for a VERSION tuple."""
    version = get_complete_version(version)
    main = get_main_version(version)
    if version[3] == "final":
        return main
    if version[3] == "alpha" and version[4] == 0:
        changeset = get_git_changeset()
        return f"{main}.dev{changeset}" if changeset else f"{main}.dev"
    return f"{main}{_RELEASE_SUFFIXES[version[3]]}{version[4]}"


def get_docs_version(version: tuple | None = None) -> str:
    """'dev' for pre-releases, else 'X.Y'."""
    version = get_complete_version(version)
    if version[3] != "final":
        return "dev"
    return f"{version[0]}.{version[1]}"


@functools.lru_cache
def get_git_changeset() -> str | None:
    """The UTC timestamp of the latest git commit as YYYYMMDDHHMMSS, or None."""
    repo_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        output = subprocess.run(
            ["git", "log", "--pretty=format:%ct", "--quiet", "-1", "HEAD"],
            capture_output=True,
            cwd=repo_dir,
            text=True,
            timeout=5,
        ).stdout
        timestamp = datetime.datetime.fromtimestamp(int(output), tz=datetime.UTC)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return timestamp.strftime("%Y%m%d%H%M%S")


def get_version_tuple(version: str) -> tuple[int, ...]:
    """'1.2.3b4' -> (1, 2, 3): the leading numeric parts of a version string."""
    numbers = []
    for part in version.split("."):
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) != len(part):
            break
    return tuple(numbers)
