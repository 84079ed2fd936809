"""BaseDatabaseWrapper: one connection to one database alias, opened lazily."""

from __future__ import annotations

import _thread
import copy
import logging
import time
import warnings
import zoneinfo
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.backends import utils as backend_utils
from django.db.backends.base.client import BaseDatabaseClient
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.base.features import BaseDatabaseFeatures
from django.db.backends.base.introspection import BaseDatabaseIntrospection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.base.validation import BaseDatabaseValidation
from django.db.backends.signals import connection_created
from django.db.utils import DEFAULT_DB_ALIAS, DatabaseError, DatabaseErrorWrapper, ProgrammingError
from django.utils.asyncio import async_unsafe
from django.utils.functional import cached_property

NO_DB_ALIAS = "__no_db__"
RAN_DB_VERSION_CHECK: set[str] = set()

logger = logging.getLogger("django.db.backends.base")


class BaseDatabaseWrapper:
    """Shared behaviour of every backend's ``DatabaseWrapper``.

    Subclasses supply the driver module (``Database``), the helper classes and the five
    driver hooks: get_connection_params, get_new_connection, init_connection_state,
    create_cursor and _set_autocommit (plus is_usable).
    """

    # A type name, a %-template over the field's db_type parameters, or a callable of them.
    data_types: dict[str, str | Callable[[dict], str]] = {}
    data_types_suffix: dict[str, str] = {}
    data_type_check_constraints: dict[str, str] = {}

    if TYPE_CHECKING:  # defined by backends that can't BEGIN under autocommit; probed with hasattr()

        def _start_transaction_under_autocommit(self) -> None: ...

    operators: dict[str, str] = {}
    pattern_esc = ""
    pattern_ops: dict[str, str] = {}
    ops: Any = None
    vendor = "unknown"
    display_name = "unknown"
    SchemaEditorClass: Any = None
    Database: Any = None

    client_class: type = BaseDatabaseClient
    creation_class: type = BaseDatabaseCreation
    features_class: type = BaseDatabaseFeatures
    introspection_class: type = BaseDatabaseIntrospection
    ops_class: type = BaseDatabaseOperations
    validation_class: type = BaseDatabaseValidation

    queries_limit = 9000

    def __init__(self, settings_dict: dict, alias: str = DEFAULT_DB_ALIAS) -> None:
        self.connection: Any = None
        self.settings_dict = settings_dict
        self.alias = alias
        self.queries_log: deque = deque(maxlen=self.queries_limit)
        self.force_debug_cursor = False
        # Transaction state, see django.db.transaction.Atomic.
        self.autocommit = False
        self.in_atomic_block = False
        self.savepoint_state = 0
        self.savepoint_ids: list[str | None] = []
        self.atomic_blocks: list[Any] = []
        self.commit_on_exit = True
        self.needs_rollback = False
        self.rollback_exc: BaseException | None = None
        # Connection lifetime and health.
        self.close_at: float | None = None
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = False
        self.health_check_done = False
        self._thread_sharing_count = 0
        self._thread_ident = _thread.get_ident()
        # (savepoint ids, callback, robust) for transaction.on_commit().
        self.run_on_commit: list[tuple[set, Callable, bool]] = []
        self.run_commit_hooks_on_set_autocommit_on = False
        self.execute_wrappers: list[Callable] = []

        self.client = self.client_class(self)
        self.creation = self.creation_class(self)
        self.features = self.features_class(self)
        self.introspection = self.introspection_class(self)
        self.ops = self.ops_class(self)
        self.validation = self.validation_class(self)

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} vendor={self.vendor!r} alias={self.alias!r}>"

    def ensure_timezone(self) -> bool:
        """Make the session time zone match TIME_ZONE; True when it had to change."""
        return False

    @cached_property
    def timezone(self) -> Any:
        """The tzinfo of datetimes read from this database (UTC when USE_TZ, else local)."""
        from django.conf import settings

        if not settings.USE_TZ:
            return None
        if self.settings_dict["TIME_ZONE"] is None:
            return datetime_utc()
        return zoneinfo.ZoneInfo(self.settings_dict["TIME_ZONE"])

    @cached_property
    def timezone_name(self) -> str:
        from django.conf import settings

        if not settings.USE_TZ:
            return settings.TIME_ZONE
        if self.settings_dict["TIME_ZONE"] is None:
            return "UTC"
        return self.settings_dict["TIME_ZONE"]

    @property
    def queries_logged(self) -> bool:
        return self.force_debug_cursor or settings.DEBUG

    @property
    def queries(self) -> list[dict]:
        if len(self.queries_log) == self.queries_log.maxlen:
            warnings.warn(
                f"Limit for query logging exceeded, only the last {self.queries_log.maxlen} queries "
                f"will be returned.",
                stacklevel=2,
            )
        return list(self.queries_log)

    def get_database_version(self) -> tuple:
        raise NotImplementedError(
            "subclasses of BaseDatabaseWrapper may require a get_database_version() method"
        )

    def check_database_version_supported(self) -> None:
        minimum = self.features.minimum_database_version
        if minimum is None or self.get_database_version() >= minimum:
            return
        from django.db.utils import NotSupportedError

        version = ".".join(map(str, minimum))
        raise NotSupportedError(
            f"{self.display_name} {version} or later is required (found {self.get_database_version()})."
        )

    # Driver hooks.

    def get_connection_params(self) -> dict:
        raise NotImplementedError(
            "subclasses of BaseDatabaseWrapper may require a get_connection_params() method"
        )

    def get_new_connection(self, conn_params: dict) -> Any:
        raise NotImplementedError(
            "subclasses of BaseDatabaseWrapper may require a get_new_connection() method"
        )

    def init_connection_state(self) -> None:
        """Per-connection setup (time zone, isolation level...). Runs right after connect."""
        if self.alias not in RAN_DB_VERSION_CHECK:
            self.check_database_version_supported()
            RAN_DB_VERSION_CHECK.add(self.alias)

    def create_cursor(self, name: str | None = None) -> Any:
        raise NotImplementedError("subclasses of BaseDatabaseWrapper may require a create_cursor() method")

    def _set_autocommit(self, autocommit: bool) -> None:
        raise NotImplementedError("subclasses of BaseDatabaseWrapper may require a _set_autocommit() method")

    def is_usable(self) -> bool:
        raise NotImplementedError("subclasses of BaseDatabaseWrapper may require an is_usable() method")

    # Opening and closing.

    def check_settings(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        if self.settings_dict["TIME_ZONE"] is not None and not settings.USE_TZ:
            raise ImproperlyConfigured(
                f"Connection '{self.alias}' cannot set TIME_ZONE because USE_TZ is False."
            )

    @async_unsafe
    def connect(self) -> None:
        """Open a new connection and reset the per-connection state."""
        self.check_settings()
        self.in_atomic_block = False
        self.savepoint_ids = []
        self.atomic_blocks = []
        self.needs_rollback = False
        max_age = self.settings_dict["CONN_MAX_AGE"]
        self.close_at = None if max_age is None else time.monotonic() + max_age
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = self.settings_dict["CONN_HEALTH_CHECKS"]
        self.health_check_done = True  # A new connection is healthy.
        self.connection = self.get_new_connection(self.get_connection_params())
        self.set_autocommit(self.settings_dict["AUTOCOMMIT"])
        self.init_connection_state()
        connection_created.send(sender=self.__class__, connection=self)
        self.run_on_commit = []

    @async_unsafe
    def ensure_connection(self) -> None:
        """Connect if there is no open connection yet."""
        if self.connection is not None:
            return
        if self.in_atomic_block and self.closed_in_transaction:
            raise ProgrammingError("Cannot open a new connection in an atomic block.")
        with self.wrap_database_errors:
            self.connect()

    def _close(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                return self.connection.close()

    @async_unsafe
    def close(self) -> None:
        """Close the connection; inside an atomic block, the block is marked for rollback."""
        self.validate_thread_sharing()
        self.run_on_commit = []
        if self.closed_in_transaction or self.connection is None:
            return
        try:
            self._close()
        finally:
            if self.in_atomic_block:
                self.closed_in_transaction = True
                self.needs_rollback = True
            else:
                self.connection = None

    # Cursors.

    def _prepare_cursor(self, cursor: Any) -> Any:
        self.validate_thread_sharing()
        if self.queries_logged:
            return self.make_debug_cursor(cursor)
        return self.make_cursor(cursor)

    def _cursor(self, name: str | None = None) -> Any:
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(self.create_cursor(name))

    @async_unsafe
    def cursor(self) -> Any:
        """A new cursor, wrapped to convert errors and (under DEBUG) log queries."""
        return self._cursor()

    @async_unsafe
    def chunked_cursor(self) -> Any:
        """A cursor for streaming large results (server-side where the backend can)."""
        return self.cursor()

    def make_debug_cursor(self, cursor: Any) -> Any:
        return backend_utils.CursorDebugWrapper(cursor, self)

    def make_cursor(self, cursor: Any) -> Any:
        return backend_utils.CursorWrapper(cursor, self)

    @contextmanager
    def temporary_connection(self) -> Iterator[Any]:
        """A cursor; the connection is closed afterwards if this opened it."""
        must_close = self.connection is None
        try:
            with self.cursor() as cursor:
                yield cursor
        finally:
            if must_close:
                self.close()

    @contextmanager
    def _nodb_cursor(self) -> Iterator[Any]:
        """A cursor on a connection that does not need the configured database to exist."""
        conn = self.__class__({**self.settings_dict, "NAME": None}, alias=NO_DB_ALIAS)
        try:
            with conn.cursor() as cursor:
                yield cursor
        finally:
            conn.close()

    @cached_property
    def wrap_database_errors(self) -> DatabaseErrorWrapper:
        return DatabaseErrorWrapper(self)

    @contextmanager
    def execute_wrapper(self, wrapper: Callable) -> Iterator[None]:
        """Install ``wrapper(execute, sql, params, many, context)`` around every query."""
        self.execute_wrappers.append(wrapper)
        try:
            yield
        finally:
            self.execute_wrappers.pop()

    # Transactions.

    def _commit(self) -> None:
        if self.connection is not None:
            with backend_utils.debug_transaction(self, "COMMIT"), self.wrap_database_errors:
                return self.connection.commit()

    def _rollback(self) -> None:
        if self.connection is not None:
            with backend_utils.debug_transaction(self, "ROLLBACK"), self.wrap_database_errors:
                return self.connection.rollback()

    @async_unsafe
    def commit(self) -> None:
        self.validate_thread_sharing()
        self.validate_no_atomic_block()
        self._commit()
        self.errors_occurred = False
        self.run_commit_hooks_on_set_autocommit_on = True

    @async_unsafe
    def rollback(self) -> None:
        self.validate_thread_sharing()
        self.validate_no_atomic_block()
        self._rollback()
        self.errors_occurred = False
        self.needs_rollback = False
        self.run_on_commit = []

    def _savepoint(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_create_sql(sid))

    def _savepoint_rollback(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_rollback_sql(sid))

    def _savepoint_commit(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_commit_sql(sid))

    def _savepoint_allowed(self) -> bool:
        # Under autocommit a savepoint would be meaningless.
        return self.features.uses_savepoints and not self.get_autocommit()

    @async_unsafe
    def savepoint(self) -> str | None:
        if not self._savepoint_allowed():
            return None
        self.savepoint_state += 1
        sid = "s%s_x%d" % (str(_thread.get_ident()).replace("-", ""), self.savepoint_state)
        self.validate_thread_sharing()
        self._savepoint(sid)
        return sid

    @async_unsafe
    def savepoint_rollback(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        self.validate_thread_sharing()
        self._savepoint_rollback(sid)
        # Hooks registered after the savepoint are discarded with the work they belong to.
        self.run_on_commit = [entry for entry in self.run_on_commit if sid not in entry[0]]

    @async_unsafe
    def savepoint_commit(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        self.validate_thread_sharing()
        self._savepoint_commit(sid)

    def clean_savepoints(self) -> None:
        self.savepoint_state = 0

    def get_autocommit(self) -> bool:
        self.ensure_connection()
        return self.autocommit

    @async_unsafe
    def set_autocommit(
        self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False
    ) -> None:
        """Switch autocommit; switching it on runs the pending on_commit hooks."""
        self.validate_no_atomic_block()
        self.close_if_health_check_failed()
        self.ensure_connection()
        begin_explicitly = (
            force_begin_transaction_with_broken_autocommit
            and not autocommit
            and hasattr(self, "_start_transaction_under_autocommit")
        )
        if begin_explicitly:
            self._start_transaction_under_autocommit()
        elif autocommit:
            self._set_autocommit(autocommit)
        else:
            with backend_utils.debug_transaction(self, "BEGIN"):
                self._set_autocommit(autocommit)
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_and_clear_commit_hooks()
            self.run_commit_hooks_on_set_autocommit_on = False

    def get_rollback(self) -> bool:
        if not self.in_atomic_block:
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError("The rollback flag doesn't work outside of an 'atomic' block.")
        return self.needs_rollback

    def set_rollback(self, rollback: bool) -> None:
        if not self.in_atomic_block:
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError("The rollback flag doesn't work outside of an 'atomic' block.")
        self.needs_rollback = rollback

    def validate_no_atomic_block(self) -> None:
        if self.in_atomic_block:
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError("This is forbidden when an 'atomic' block is active.")

    def validate_no_broken_transaction(self) -> None:
        if self.needs_rollback:
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't execute queries until "
                "the end of the 'atomic' block."
            ) from self.rollback_exc

    def on_commit(self, func: Callable[[], Any], robust: bool = False) -> None:
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.in_atomic_block:
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        elif not self.get_autocommit():
            from django.db.transaction import TransactionManagementError

            raise TransactionManagementError("on_commit() cannot be used in manual transaction management")
        else:
            # No transaction: the work is already committed.
            self._run_commit_hook(func, robust)

    def _run_commit_hook(self, func: Callable, robust: bool) -> None:
        if not robust:
            func()
            return
        try:
            func()
        except Exception as exc:
            logger.exception(
                "Error calling %s in on_commit() (%s).", getattr(func, "__qualname__", func), exc
            )

    def run_and_clear_commit_hooks(self) -> None:
        self.validate_no_atomic_block()
        pending, self.run_on_commit = self.run_on_commit, []
        while pending:
            _sids, func, robust = pending.pop(0)
            self._run_commit_hook(func, robust)

    # Constraint checking.

    @contextmanager
    def constraint_checks_disabled(self) -> Iterator[None]:
        disabled = self.disable_constraint_checking()
        try:
            yield
        finally:
            if disabled:
                self.enable_constraint_checking()

    def disable_constraint_checking(self) -> bool:
        """Return True if checks were disabled (and must be re-enabled)."""
        return False

    def enable_constraint_checking(self) -> None:
        pass

    def check_constraints(self, table_names: list[str] | None = None) -> None:
        """Raise IntegrityError for rows that break foreign keys (backends that can check)."""

    # Health and lifetime.

    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self.is_usable():
            self.close()
        self.health_check_done = True

    def close_if_unusable_or_obsolete(self) -> None:
        """Called at request boundaries: drop broken, misconfigured or expired connections."""
        if self.connection is None:
            return
        self.health_check_done = False
        if self.get_autocommit() != self.settings_dict["AUTOCOMMIT"]:
            self.close()
            return
        if self.errors_occurred:
            if self.is_usable():
                self.errors_occurred = False
                self.health_check_done = True
            else:
                self.close()
                return
        if self.close_at is not None and time.monotonic() >= self.close_at:
            self.close()

    # Thread safety.

    @property
    def allow_thread_sharing(self) -> bool:
        return self._thread_sharing_count > 0

    def inc_thread_sharing(self) -> None:
        self._thread_sharing_count += 1

    def dec_thread_sharing(self) -> None:
        if self._thread_sharing_count <= 0:
            raise RuntimeError("Cannot decrement the thread sharing count below zero.")
        self._thread_sharing_count -= 1

    def validate_thread_sharing(self) -> None:
        if self.allow_thread_sharing or self._thread_ident == _thread.get_ident():
            return
        raise DatabaseError(
            f"DatabaseWrapper objects created in a thread can only be used in that same thread. "
            f"The object with alias '{self.alias}' was created in thread id {self._thread_ident} "
            f"and this is thread id {_thread.get_ident()}."
        )

    # Misc.

    def prepare_database(self) -> None:
        """Hook run before migrations (e.g. to install extensions)."""

    def schema_editor(self, *args: Any, **kwargs: Any) -> Any:
        if self.SchemaEditorClass is None:
            raise NotImplementedError(
                "The SchemaEditorClass attribute of this database wrapper is still None"
            )
        return self.SchemaEditorClass(self, *args, **kwargs)

    def copy(self, alias: str | None = None) -> BaseDatabaseWrapper:
        """A new, unconnected wrapper with the same settings."""
        return type(self)(copy.deepcopy(self.settings_dict), alias or self.alias)


def datetime_utc() -> Any:
    import datetime

    return datetime.UTC
