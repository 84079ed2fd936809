"""A per-thread (or per-task) registry of named connections, shared by databases and caches."""

from __future__ import annotations

import threading
from asyncio.events import _get_running_loop
from collections.abc import Iterator
from typing import Any

from asgiref.local import Local

from django.utils.functional import cached_property


class ConnectionProxy:
    """Forwards attribute access to ``connections[alias]`` (e.g. ``django.db.connection``)."""

    def __init__(self, connections: Any, alias: str) -> None:
        self.__dict__["_connections"] = connections
        self.__dict__["_alias"] = alias

    def __getattr__(self, item: str) -> Any:
        return getattr(self._connections[self._alias], item)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._connections[self._alias], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._connections[self._alias], name)

    def __contains__(self, key: Any) -> bool:
        return key in self._connections[self._alias]

    def __eq__(self, other: object) -> bool:
        return self._connections[self._alias] == other

    def __hash__(self) -> int:
        return hash(self._connections[self._alias])


class ConnectionDoesNotExist(Exception):
    """No connection is configured under the requested alias."""


class BaseConnectionHandler:
    """Holds one connection per alias and per thread/task, created on first use.

    Subclasses set ``settings_name`` (the setting holding the aliases) and
    implement ``create_connection(alias)``.
    """

    settings_name: str | None = None
    exception_class: type[Exception] = ConnectionDoesNotExist
    thread_critical = False

    def __init__(self, settings: dict | None = None) -> None:
        self._settings = settings
        self._connections = Local(self.thread_critical)
        # Until some thread makes a connection, all(initialized_only=True) (run by the request
        # signals on every request) has nothing to look up in the per-thread storage.
        self._made_any = False

    @cached_property
    def settings(self) -> dict:
        self._settings = self.configure_settings(self._settings)
        return self._settings

    def configure_settings(self, settings: dict | None) -> dict:
        if settings is None:
            from django.conf import settings as django_settings

            settings = getattr(django_settings, self.settings_name)  # type: ignore[arg-type]
        return settings

    def create_connection(self, alias: str) -> Any:
        raise NotImplementedError("Subclasses must implement create_connection().")

    def __getitem__(self, alias: str) -> Any:
        try:
            return getattr(self._connections, alias)
        except AttributeError:
            if alias not in self.settings:
                raise self.exception_class(f"The connection '{alias}' doesn't exist.")
        conn = self.create_connection(alias)
        self._made_any = True
        setattr(self._connections, alias, conn)
        return conn

    def __setitem__(self, key: str, value: Any) -> None:
        self._made_any = True
        setattr(self._connections, key, value)

    def __delitem__(self, key: str) -> None:
        delattr(self._connections, key)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.settings)

    def all(self, initialized_only: bool = False) -> list:
        """The connections for every alias (only the ones already made if asked)."""
        if not initialized_only:
            return [self[alias] for alias in self]
        if not self._made_any:
            return []
        local: Any = self._connections
        if self.thread_critical:
            # What the Local would pick itself on every attribute access (at the cost of a raised
            # exception each time), read once: the per-request signals call this.
            storage = getattr(local, "_storage", None)
            if isinstance(storage, threading.local) and _get_running_loop() is None:
                local = storage
        made = []
        for alias in self.settings:
            conn = getattr(local, alias, None)
            if conn is not None:
                made.append(conn)
        return made

    def close_all(self) -> None:
        for conn in self.all(initialized_only=True):
            conn.close()
