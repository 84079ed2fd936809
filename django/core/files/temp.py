"""Named temporary files (tempfile's own on POSIX)."""

from __future__ import annotations

import tempfile

__all__ = ["NamedTemporaryFile", "gettempdir"]

NamedTemporaryFile = tempfile.NamedTemporaryFile
gettempdir = tempfile.gettempdir
