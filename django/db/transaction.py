"""Transaction control: ``atomic`` blocks with savepoints, commit hooks and manual helpers."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ContextDecorator
from typing import Any, Literal

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError, Error, ProgrammingError


class TransactionManagementError(ProgrammingError):
    """Transaction management was used in a way the current state does not allow."""


def get_connection(using: str | None = None) -> Any:
    return connections[DEFAULT_DB_ALIAS if using is None else using]


def get_autocommit(using: str | None = None) -> bool:
    return get_connection(using).get_autocommit()


def set_autocommit(autocommit: bool, using: str | None = None) -> None:
    return get_connection(using).set_autocommit(autocommit)


def commit(using: str | None = None) -> None:
    get_connection(using).commit()


def rollback(using: str | None = None) -> None:
    get_connection(using).rollback()


def savepoint(using: str | None = None) -> str | None:
    """Create a savepoint and return its id (None where savepoints are unavailable)."""
    return get_connection(using).savepoint()


def savepoint_rollback(sid: str, using: str | None = None) -> None:
    get_connection(using).savepoint_rollback(sid)


def savepoint_commit(sid: str, using: str | None = None) -> None:
    get_connection(using).savepoint_commit(sid)


def clean_savepoints(using: str | None = None) -> None:
    get_connection(using).clean_savepoints()


def get_rollback(using: str | None = None) -> bool:
    return get_connection(using).get_rollback()


def set_rollback(rollback: bool, using: str | None = None) -> None:
    return get_connection(using).set_rollback(rollback)


class mark_for_rollback_on_error(ContextDecorator):  # noqa: N801 (Django's public name)
    """Flag the enclosing atomic block for rollback if the body raises.

    For code that catches exceptions from queries inside ``atomic`` without a savepoint: the
    transaction can no longer be committed, and this makes that explicit. A class rather than
    a generator: Model.save() enters one per call.
    """

    __slots__ = ("using",)

    def __init__(self, using: str | None = None) -> None:
        self.using = using

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> Literal[False]:
        if exc_type is not None and issubclass(exc_type, Exception):
            connection = get_connection(self.using)
            if connection.in_atomic_block:
                connection.needs_rollback = True
                connection.rollback_exc = exc_value
        return False


def on_commit(func: Callable[[], Any], using: str | None = None, robust: bool = False) -> None:
    """Run ``func`` once the current transaction commits (immediately under autocommit)."""
    get_connection(using).on_commit(func, robust)


class Atomic(ContextDecorator):
    """An atomic block: a transaction when outermost, a savepoint when nested.

    State lives on the connection (``in_atomic_block``, ``savepoint_ids``, ``needs_rollback``,
    ``atomic_blocks``) so that nested blocks on the same alias cooperate.
    """

    def __init__(self, using: str | None, savepoint: bool, durable: bool) -> None:
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        # Set by the test framework for the blocks wrapping a TestCase.
        self._from_testcase = False

    def __enter__(self) -> None:
        connection = get_connection(self.using)
        if self.durable and connection.atomic_blocks and not connection.atomic_blocks[-1]._from_testcase:
            raise RuntimeError("A durable atomic block cannot be nested within another atomic block.")
        if not connection.in_atomic_block:
            connection.commit_on_exit = True
            connection.needs_rollback = False
            if not connection.get_autocommit():
                # Already in a transaction opened by set_autocommit(False): join it and leave
                # the commit to whoever opened it.
                connection.in_atomic_block = True
                connection.commit_on_exit = False
        if connection.in_atomic_block:
            sid = None
            if self.savepoint and not connection.needs_rollback:
                sid = connection.savepoint()
            connection.savepoint_ids.append(sid)
        else:
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            connection.in_atomic_block = True
        if connection.in_atomic_block:
            connection.atomic_blocks.append(self)

    def __exit__(self, exc_type: type | None, exc_value: BaseException | None, traceback: Any) -> None:
        connection = get_connection(self.using)
        if connection.in_atomic_block and connection.atomic_blocks:
            connection.atomic_blocks.pop()
        if connection.savepoint_ids:
            sid = connection.savepoint_ids.pop()
            outermost = False
        else:
            connection.in_atomic_block = False
            sid, outermost = None, True
        try:
            if connection.closed_in_transaction:
                pass  # The connection died inside the block; there is nothing to end.
            elif exc_type is None and not connection.needs_rollback:
                self._finish_success(connection, sid, outermost)
            else:
                self._finish_failure(connection, sid, outermost)
        finally:
            self._restore_state(connection)

    @staticmethod
    def _finish_success(connection: Any, sid: str | None, outermost: bool) -> None:
        if not outermost:
            if sid is None:
                return
            try:
                connection.savepoint_commit(sid)
            except DatabaseError:
                try:
                    connection.savepoint_rollback(sid)
                    connection.savepoint_commit(sid)
                except Error:
                    connection.needs_rollback = True
                raise
            return
        try:
            connection.commit()
        except DatabaseError:
            try:
                connection.rollback()
            except Error:
                connection.close()
            raise

    @staticmethod
    def _finish_failure(connection: Any, sid: str | None, outermost: bool) -> None:
        connection.needs_rollback = False
        if not outermost:
            if sid is None:
                # No savepoint to go back to: the enclosing block has to roll back.
                connection.needs_rollback = True
                return
            try:
                connection.savepoint_rollback(sid)
                connection.savepoint_commit(sid)
            except Error:
                connection.needs_rollback = True
            return
        try:
            connection.rollback()
        except Error:
            connection.close()

    @staticmethod
    def _restore_state(connection: Any) -> None:
        if not connection.in_atomic_block:
            if connection.closed_in_transaction:
                connection.connection = None
            else:
                connection.set_autocommit(True)
        elif not connection.savepoint_ids and not connection.commit_on_exit:
            # Leaving an atomic block that joined a manual transaction.
            if connection.closed_in_transaction:
                connection.connection = None
            else:
                connection.in_atomic_block = False


def atomic(using: Any = None, savepoint: bool = True, durable: bool = False) -> Any:
    """``@atomic``, ``@atomic(using=...)`` and ``with atomic(...):``."""
    if callable(using):
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def _mark_non_atomic(view: Callable, using: str) -> Callable:
    aliases: set[str] = getattr(view, "_non_atomic_requests", set())
    view._non_atomic_requests = {*aliases, using}  # type: ignore[attr-defined]
    return view


def non_atomic_requests(using: Any = None) -> Any:
    """Exclude a view from ATOMIC_REQUESTS for one database (the default one by default)."""
    if callable(using):
        return _mark_non_atomic(using, DEFAULT_DB_ALIAS)
    alias = DEFAULT_DB_ALIAS if using is None else using
    return lambda view: _mark_non_atomic(view, alias)
