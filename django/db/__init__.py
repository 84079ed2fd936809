"""Database access: ``connections``, ``connection``, ``router`` and the exception classes."""

from __future__ import annotations

from typing import Any

from django.db.utils import (
    DEFAULT_DB_ALIAS,
    DJANGO_VERSION_PICKLE_KEY,
    ConnectionHandler,
    ConnectionRouter,
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
)
from django.utils.connection import ConnectionProxy

__all__ = [
    "connection",
    "connections",
    "router",
    "DatabaseError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "DataError",
    "NotSupportedError",
    "Error",
    "InterfaceError",
    "OperationalError",
    "DEFAULT_DB_ALIAS",
    "DJANGO_VERSION_PICKLE_KEY",
    "close_old_connections",
    "reset_queries",
]

connections = ConnectionHandler()
router = ConnectionRouter()
# The default connection, looked up per thread on each attribute access.
connection = ConnectionProxy(connections, DEFAULT_DB_ALIAS)


def reset_queries(**kwargs: Any) -> None:
    """Empty ``queries_log`` of every open connection (connected to request_started)."""
    for conn in connections.all(initialized_only=True):
        conn.queries_log.clear()


def close_old_connections(**kwargs: Any) -> None:
    """Close connections that errored or outlived CONN_MAX_AGE (request start and end)."""
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


# Both only touch connections of the calling thread: for an ASGI request whose sync code never got a
# thread they have nothing to do, and the handler skips them instead of starting one.
reset_queries.request_thread_only = True  # type: ignore[attr-defined]
close_old_connections.request_thread_only = True  # type: ignore[attr-defined]


def _connect_request_signals() -> None:
    # django.core.signals is a lower layer than db in Django; connecting here mirrors the
    # documented behaviour that every request resets queries and recycles old connections.
    try:
        from django.core import signals
    except ImportError:  # pragma: no cover - core.signals arrives with the http area
        return
    signals.request_started.connect(reset_queries, dispatch_uid="django.db.reset_queries")
    signals.request_started.connect(close_old_connections, dispatch_uid="django.db.close_old_start")
    signals.request_finished.connect(close_old_connections, dispatch_uid="django.db.close_old_finish")


_connect_request_signals()
