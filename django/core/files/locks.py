"""Advisory file locking: ``lock(f, flags)`` / ``unlock(f)`` with LOCK_EX, LOCK_SH, LOCK_NB."""

from __future__ import annotations

from typing import Any

try:
    import fcntl

    LOCK_SH, LOCK_NB, LOCK_EX = fcntl.LOCK_SH, fcntl.LOCK_NB, fcntl.LOCK_EX

    def _fd(f: Any) -> int:
        return f.fileno() if hasattr(f, "fileno") else f

    def lock(f: Any, flags: int) -> bool:
        """Take the lock; False if LOCK_NB was given and the lock is held elsewhere."""
        try:
            fcntl.flock(_fd(f), flags)
        except BlockingIOError:
            return False
        return True

    def unlock(f: Any) -> bool:
        fcntl.flock(_fd(f), fcntl.LOCK_UN)
        return True

except ImportError:  # pragma: no cover - platforms without fcntl
    LOCK_EX = LOCK_SH = LOCK_NB = 0

    def lock(f: Any, flags: int) -> bool:
        return False

    def unlock(f: Any) -> bool:
        return True


__all__ = ["LOCK_EX", "LOCK_SH", "LOCK_NB", "lock", "unlock"]
