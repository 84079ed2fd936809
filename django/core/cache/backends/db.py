"""DatabaseCache: entries in a table made by ``createcachetable``; the routers choose the database.

Expiry is compared in SQL (``expires > %s``), so no backend's datetime read-back format matters.
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class Options:
    """Just enough of a model's ``_meta`` for database routers to answer about the cache table."""

    def __init__(self, table: str) -> None:
        self.db_table = table
        self.app_label = "django_cache"
        self.model_name = "cacheentry"
        self.verbose_name = "cache entry"
        self.verbose_name_plural = "cache entries"
        self.object_name = "CacheEntry"
        self.abstract = False
        self.managed = True
        self.proxy = False
        self.swapped = False


class BaseDatabaseCache(BaseCache):
    def __init__(self, table: str, params: dict) -> None:
        super().__init__(params)
        self._table = table

        class CacheEntry:
            _meta = Options(table)

        self.cache_model_class = CacheEntry


def _datetime_from_timestamp(timestamp: float | None) -> datetime:
    """The expiry as the database column holds it (None = the far future)."""
    value = datetime.max.replace(tzinfo=UTC) if timestamp is None else datetime.fromtimestamp(timestamp, UTC)
    if not settings.USE_TZ:
        value = value.replace(tzinfo=None) if timestamp is None else datetime.fromtimestamp(timestamp)
    return value


class DatabaseCache(BaseDatabaseCache):
    pickle_protocol = pickle.HIGHEST_PROTOCOL

    # ------------------------------------------------------------ helpers
    def _db(self, for_write: bool) -> tuple[str, Any]:
        from django.db import connections, router

        route = router.db_for_write if for_write else router.db_for_read
        alias = route(self.cache_model_class)
        return alias, connections[alias]

    def _now(self, connection: Any) -> Any:
        from django.utils import timezone

        return connection.ops.adapt_datetimefield_value(timezone.now())

    def _expires(self, connection: Any, timeout: Any) -> Any:
        expiry = _datetime_from_timestamp(self.get_backend_timeout(timeout))
        return connection.ops.adapt_datetimefield_value(expiry)

    def _encode(self, value: Any) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("ascii")

    def _decode(self, stored: Any) -> Any:
        stored = stored.encode("ascii") if isinstance(stored, str) else bytes(stored)
        return pickle.loads(base64.b64decode(stored))

    def _names(self, connection: Any) -> tuple[str, str, str, str]:
        quote = connection.ops.quote_name
        return quote(self._table), quote("cache_key"), quote("value"), quote("expires")

    # ------------------------------------------------------------ reading
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self.get_many([key], version=version).get(key, default)

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        alias, connection = self._db(for_write=False)
        table, key_col, value_col, expires_col = self._names(connection)
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {key_col}, {value_col} FROM {table} "
                f"WHERE {key_col} IN ({placeholders}) AND {expires_col} > %s",
                [*key_map, self._now(connection)],
            )
            rows = cursor.fetchall()
        return {key_map[db_key]: self._decode(connection.ops.process_clob(value)) for db_key, value in rows}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        alias, connection = self._db(for_write=False)
        table, key_col, _value_col, expires_col = self._names(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {key_col} FROM {table} WHERE {key_col} = %s AND {expires_col} > %s",
                [key, self._now(connection)],
            )
            return cursor.fetchone() is not None

    # ------------------------------------------------------------ writing
    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._base_set("set", key, value, timeout)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._base_set("add", key, value, timeout)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        alias, connection = self._db(for_write=True)
        table, key_col, _value_col, expires_col = self._names(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {expires_col} = %s WHERE {key_col} = %s AND {expires_col} > %s",
                [self._expires(connection, timeout), key, self._now(connection)],
            )
            return cursor.rowcount > 0

    def _base_set(self, mode: str, key: str, value: Any, timeout: Any) -> bool:
        from django.db import DatabaseError, transaction

        alias, connection = self._db(for_write=True)
        table, key_col, value_col, expires_col = self._names(connection)
        encoded, expires, now = self._encode(value), self._expires(connection, timeout), self._now(connection)
        self._cull(connection, now)
        try:
            with transaction.atomic(using=alias), connection.cursor() as cursor:
                cursor.execute(f"SELECT {expires_col} > %s FROM {table} WHERE {key_col} = %s", [now, key])
                row = cursor.fetchone()
                if row is None:
                    cursor.execute(
                        f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) VALUES (%s, %s, %s)",
                        [key, encoded, expires],
                    )
                elif mode == "set" or not row[0]:  # add may replace only an expired entry
                    cursor.execute(
                        f"UPDATE {table} SET {value_col} = %s, {expires_col} = %s WHERE {key_col} = %s",
                        [encoded, expires, key],
                    )
                else:
                    return False
        except DatabaseError:
            # A concurrent writer inserted the key first: add() lost; set() retries as an update.
            if mode == "add":
                return False
            raise
        return True

    def _cull(self, connection: Any, now: Any) -> None:
        table, key_col, _value_col, expires_col = self._names(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            count = cursor.fetchone()[0]
            if count < self._max_entries:
                return
            cursor.execute(f"DELETE FROM {table} WHERE {expires_col} <= %s", [now])
            count -= cursor.rowcount
            if count < self._max_entries:
                return
            if self._cull_frequency == 0:
                cursor.execute(f"DELETE FROM {table}")
                return
            # The soonest-expiring entries go first (no vendor LIMIT syntax: fetch only n).
            cursor.execute(f"SELECT {key_col} FROM {table} ORDER BY {expires_col}, {key_col}")
            victims = [row[0] for row in cursor.fetchmany(count // self._cull_frequency)]
            if victims:
                placeholders = ", ".join(["%s"] * len(victims))
                cursor.execute(f"DELETE FROM {table} WHERE {key_col} IN ({placeholders})", victims)

    # ------------------------------------------------------------ deleting
    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._delete_keys([self.make_and_validate_key(key, version=version)])

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        db_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if db_keys:
            self._delete_keys(db_keys)

    def _delete_keys(self, db_keys: list[str]) -> bool:
        alias, connection = self._db(for_write=True)
        table, key_col, _value_col, _expires_col = self._names(connection)
        placeholders = ", ".join(["%s"] * len(db_keys))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {key_col} IN ({placeholders})", db_keys)
            return cursor.rowcount > 0

    def clear(self) -> None:
        alias, connection = self._db(for_write=True)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(self._table)}")
