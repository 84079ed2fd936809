"""Filesystem path helpers that refuse to leave a base directory."""

from __future__ import annotations

import os
import tempfile
from os.path import abspath, dirname, join, normcase, sep
from pathlib import Path
from typing import Any

from django.core.exceptions import SuspiciousFileOperation


def safe_join(base: Any, *paths: Any) -> str:
    """Join ``paths`` onto ``base`` and return the absolute result, raising
    SuspiciousFileOperation if it would lie outside ``base``."""
    final_path = abspath(join(base, *paths))
    base_path = abspath(base)
    inside = normcase(final_path).startswith(normcase(base_path + sep))
    if (
        not inside
        and normcase(final_path) != normcase(base_path)
        and dirname(normcase(base_path)) != normcase(base_path)
    ):
        raise SuspiciousFileOperation(
            f"The joined path ({final_path}) is located outside of the base path component ({base_path})"
        )
    return final_path


def symlinks_supported() -> bool:
    """True if this platform and user can create symbolic links."""
    tmpdir = tempfile.mkdtemp()
    original = os.path.join(tmpdir, "original")
    link = os.path.join(tmpdir, "symlink")
    os.makedirs(original)
    try:
        os.symlink(original, link)
        supported = True
    except (OSError, NotImplementedError):
        supported = False
    else:
        os.remove(link)
    finally:
        os.rmdir(original)
        os.rmdir(tmpdir)
    return supported


def to_path(value: str | Path) -> Path:
    """Turn a str into a Path; TypeError for anything else."""
    if isinstance(value, Path):
        return value
    if not isinstance(value, str):
        raise TypeError(f"Invalid path type: {type(value).__name__}")
    return Path(value)
