"""Cursor wrappers (query logging, execute wrappers) and small SQL value helpers."""

from __future__ import annotations

import datetime
import decimal
import functools
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from hashlib import md5
from typing import Any

logger = logging.getLogger("django.db.backends")


class CursorWrapper:
    """A DB-API cursor whose errors become Django's and whose execute passes execute_wrappers."""

    WRAP_ERROR_ATTRS = frozenset(["fetchone", "fetchmany", "fetchall", "nextset"])

    def __init__(self, cursor: Any, db: Any) -> None:
        self.cursor = cursor
        self.db = db

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self.cursor, attr)
        if attr in CursorWrapper.WRAP_ERROR_ATTRS:
            return self.db.wrap_database_errors(value)
        return value

    # The fetch methods are spelled out: reading rows is the hot path, and going through
    # __getattr__ would build a wrapping function on every call.
    def fetchone(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchone()

    def fetchmany(self, *args: Any, **kwargs: Any) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchmany(*args, **kwargs)

    def fetchall(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        with self.db.wrap_database_errors:
            yield from self.cursor

    def __enter__(self) -> CursorWrapper:
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        # A cursor whose connection is already gone may refuse to close; that is harmless.
        try:
            self.close()
        except self.db.Database.Error:
            pass

    def callproc(self, procname: str, params: Any = None, kparams: Any = None) -> Any:
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            if kparams is not None:
                return self.cursor.callproc(procname, params, kparams)
            if params is None:
                return self.cursor.callproc(procname)
            return self.cursor.callproc(procname, params)

    def execute(self, sql: str, params: Any = None) -> Any:
        return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)

    def executemany(self, sql: str, param_list: Any) -> Any:
        return self._execute_with_wrappers(sql, param_list, many=True, executor=self._executemany)

    def _execute_with_wrappers(self, sql: str, params: Any, many: bool, executor: Any) -> Any:
        if not self.db.execute_wrappers:
            return executor(sql, params, many)  # the common case: no context to build
        context = {"connection": self.db, "cursor": self}
        # The first wrapper installed is the outermost one.
        for wrapper in reversed(self.db.execute_wrappers):
            executor = functools.partial(wrapper, executor)
        return executor(sql, params, many, context)

    def _execute(self, sql: str, params: Any, *ignored: Any) -> Any:
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            if params is None:
                return self.cursor.execute(sql)
            return self.cursor.execute(sql, params)

    def _executemany(self, sql: str, param_list: Any, *ignored: Any) -> Any:
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            return self.cursor.executemany(sql, param_list)


class CursorDebugWrapper(CursorWrapper):
    """Also records each statement in ``connection.queries_log`` and logs it at DEBUG."""

    def execute(self, sql: str, params: Any = None) -> Any:
        with self.debug_sql(sql, params, use_last_executed_query=True):
            return super().execute(sql, params)

    def executemany(self, sql: str, param_list: Any) -> Any:
        with self.debug_sql(sql, param_list, many=True):
            return super().executemany(sql, param_list)

    @contextmanager
    def debug_sql(
        self,
        sql: str | None = None,
        params: Any = None,
        use_last_executed_query: bool = False,
        many: bool = False,
    ) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        finally:
            duration = time.monotonic() - start
            if use_last_executed_query:
                sql = self.db.ops.last_executed_query(self.cursor, sql, params)
            try:
                times = len(params) if many else ""
            except TypeError:
                times = "?"  # An iterator of parameter sets has no length.
            self.db.queries_log.append(
                {"sql": f"{times} times: {sql}" if many else sql, "time": "%.3f" % duration}
            )
            logger.debug(
                "(%.3f) %s; args=%s; alias=%s",
                duration,
                sql,
                params,
                self.db.alias,
                extra={"duration": duration, "sql": sql, "params": params, "alias": self.db.alias},
            )


@contextmanager
def debug_transaction(connection: Any, sql: str) -> Iterator[None]:
    """Log BEGIN/COMMIT/ROLLBACK issued through the driver API when queries are logged."""
    start = time.monotonic()
    try:
        yield
    finally:
        if connection.queries_logged:
            duration = time.monotonic() - start
            connection.queries_log.append({"sql": sql, "time": "%.3f" % duration})
            logger.debug(
                "(%.3f) %s; args=%s; alias=%s",
                duration,
                sql,
                None,
                connection.alias,
                extra={"duration": duration, "sql": sql, "alias": connection.alias},
            )


def split_tzname_delta(tzname: str) -> tuple[str, str | None, str | None]:
    """Split 'Europe/Paris', '+05:00' or 'UTC-03' into (name, sign, offset)."""
    for sign in ("+", "-"):
        if sign in tzname:
            name, _, offset = tzname.rpartition(sign)
            if offset and _parse_offset(offset):
                return name, sign, offset
    return tzname, None, None


def _parse_offset(offset: str) -> bool:
    parts = offset.split(":")
    return 1 <= len(parts) <= 2 and all(part.isdigit() for part in parts)


# Converters from the strings some drivers return to Python values.


def typecast_date(s: str | None) -> datetime.date | None:
    return datetime.date(*map(int, s.split("-"))) if s else None


def typecast_time(s: str | None) -> datetime.time | None:
    if not s:
        return None
    hour, minute, rest = s.split(":")
    seconds, _, fraction = rest.partition(".")
    return datetime.time(int(hour), int(minute), int(seconds), int((fraction + "000000")[:6]))


def typecast_timestamp(s: str | None) -> datetime.datetime | datetime.date | None:
    """Parse 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]'; the result is naive (UTC assumed by callers)."""
    if not s:
        return None
    if " " not in s:
        return typecast_date(s)
    date_part, time_part = s.split(" ", 1)
    for sign in ("+", "-"):
        if sign in time_part:
            time_part = time_part.split(sign, 1)[0]
    day = typecast_date(date_part)
    clock = typecast_time(time_part)
    return datetime.datetime.combine(day, clock)  # type: ignore[arg-type]


# Identifier and number formatting.


def split_identifier(identifier: str) -> tuple[str, str]:
    """Split '"schema"."table"' (or 'table') into ('schema', 'table') without quotes."""
    try:
        namespace, name = identifier.split('"."')
    except ValueError:
        namespace, name = "", identifier
    return namespace.strip('"'), name.strip('"')


def names_digest(*args: str, length: int) -> str:
    """A short stable hash of some names, for generated identifiers (not for security)."""
    digest = md5(usedforsecurity=False)
    for arg in args:
        digest.update(arg.encode())
    return digest.hexdigest()[:length]


def truncate_name(identifier: str, length: int | None = None, hash_len: int = 4) -> str:
    """Shorten an identifier to ``length`` characters, keeping it unique with a hash suffix.

    A namespace ('"schema"."table"') is kept as is; only the name part is shortened.
    """
    namespace, name = split_identifier(identifier)
    if length is None or len(name) <= length:
        return identifier
    digest = names_digest(name, length=hash_len)
    shortened = f"{name[: length - hash_len]}{digest}"
    return f'{namespace}"."{shortened}' if namespace else shortened


def format_number(
    value: decimal.Decimal | None, max_digits: int | None, decimal_places: int | None
) -> str | None:
    """Format a Decimal for storage with the given precision (rounded half-even like Decimal)."""
    if value is None:
        return None
    context = decimal.getcontext().copy()
    if max_digits is not None:
        context.prec = max_digits
    if decimal_places is not None:
        value = value.quantize(decimal.Decimal(1).scaleb(-decimal_places), context=context)
    else:
        context.traps[decimal.Rounded] = True
        value = context.create_decimal(value)
    return f"{value:f}"


def strip_quotes(table_name: str) -> str:
    """'"name"' -> 'name'; anything else is returned unchanged."""
    if table_name.startswith('"') and table_name.endswith('"'):
        return table_name[1:-1]
    return table_name
