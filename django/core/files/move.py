"""Move a file safely, across file systems if need be."""

from __future__ import annotations

import os
import shutil

from django.core.files import locks

__all__ = ["file_move_safe"]


def file_move_safe(
    old_file_name: str, new_file_name: str, chunk_size: int = 1024 * 64, allow_overwrite: bool = False
) -> None:
    """Move ``old_file_name`` to ``new_file_name``; FileExistsError unless overwriting is allowed."""
    if _same_file(old_file_name, new_file_name):
        return
    if not allow_overwrite and os.access(new_file_name, os.F_OK):
        raise FileExistsError(f"Destination file {new_file_name} exists and allow_overwrite is False.")
    try:
        if allow_overwrite:
            os.replace(old_file_name, new_file_name)
        else:
            os.link(old_file_name, new_file_name)
            os.unlink(old_file_name)
        return
    except OSError:
        # Different file systems (or links unsupported): copy under a lock instead.
        pass
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | (0 if allow_overwrite else os.O_EXCL)
    with open(old_file_name, "rb") as source:
        fd = os.open(new_file_name, flags)
        try:
            locks.lock(fd, locks.LOCK_EX)
            with os.fdopen(os.dup(fd), "wb") as target:
                if allow_overwrite:
                    target.truncate(0)
                shutil.copyfileobj(source, target, chunk_size)
        finally:
            locks.unlock(fd)
            os.close(fd)
    try:
        shutil.copystat(old_file_name, new_file_name)
    except PermissionError:
        pass
    os.remove(old_file_name)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
