"""SQLite backend: the standard library's sqlite3 driver."""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import sqlite3 as Database
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3 import _functions
from django.db.backends.sqlite3.client import DatabaseClient
from django.db.backends.sqlite3.creation import DatabaseCreation
from django.db.backends.sqlite3.features import DatabaseFeatures
from django.db.backends.sqlite3.introspection import DatabaseIntrospection
from django.db.backends.sqlite3.operations import DatabaseOperations
from django.db.backends.sqlite3.schema import DatabaseSchemaEditor
from django.utils.asyncio import async_unsafe


def _decoder(parse: Any) -> Any:
    return lambda raw: parse(raw.decode())


def _adapt_datetime(value: datetime.datetime) -> str:
    return value.isoformat(" ")


def _adapt_date(value: datetime.date) -> str:
    return value.isoformat()


# Converters run for columns declared with these types (PARSE_DECLTYPES).
Database.register_converter("bool", b"1".__eq__)
Database.register_converter("date", _decoder(datetime.date.fromisoformat))
Database.register_converter("time", _decoder(datetime.time.fromisoformat))
Database.register_converter("datetime", _decoder(datetime.datetime.fromisoformat))
Database.register_converter("timestamp", _decoder(datetime.datetime.fromisoformat))
# Explicit adapters: the stdlib's default ones are deprecated since Python 3.12.
Database.register_adapter(decimal.Decimal, str)
Database.register_adapter(datetime.date, _adapt_date)
Database.register_adapter(datetime.datetime, _adapt_datetime)
Database.register_adapter(datetime.time, datetime.time.isoformat)


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "sqlite"
    display_name = "SQLite"
    Database = Database

    data_types = {
        "AutoField": "integer",
        "BigAutoField": "integer",
        "BinaryField": "BLOB",
        "BooleanField": "bool",
        "CharField": "varchar(%(max_length)s)",
        "DateField": "date",
        "DateTimeField": "datetime",
        "DecimalField": "decimal",
        "DurationField": "bigint",
        "FileField": "varchar(%(max_length)s)",
        "FilePathField": "varchar(%(max_length)s)",
        "FloatField": "real",
        "IntegerField": "integer",
        "BigIntegerField": "bigint",
        "IPAddressField": "char(15)",
        "GenericIPAddressField": "char(39)",
        "JSONField": "text",
        "OneToOneField": "integer",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveIntegerField": "integer unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "SlugField": "varchar(%(max_length)s)",
        "SmallAutoField": "integer",
        "SmallIntegerField": "smallint",
        "TextField": "text",
        "TimeField": "time",
        "UUIDField": "char(32)",
    }
    data_type_check_constraints = {
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
    }
    data_types_suffix = {
        "AutoField": "AUTOINCREMENT",
        "BigAutoField": "AUTOINCREMENT",
        "SmallAutoField": "AUTOINCREMENT",
    }
    # LIKE is made case-sensitive on each connection (PRAGMA case_sensitive_like), so the
    # case-insensitive lookups compare upper-cased text on both sides.
    operators = {
        "exact": "= %s",
        "iexact": "LIKE UPPER(%s) ESCAPE '\\'",
        "contains": "LIKE %s ESCAPE '\\'",
        "icontains": "LIKE UPPER(%s) ESCAPE '\\'",
        "regex": "REGEXP %s",
        "iregex": "REGEXP '(?i)' || %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE %s ESCAPE '\\'",
        "endswith": "LIKE %s ESCAPE '\\'",
        "istartswith": "LIKE UPPER(%s) ESCAPE '\\'",
        "iendswith": "LIKE UPPER(%s) ESCAPE '\\'",
    }
    # Escaping of a right-hand side that is an expression rather than a value.
    pattern_esc = r"REPLACE(REPLACE(REPLACE({}, '\', '\\'), '%%', '\%%'), '_', '\_')"
    pattern_ops = {
        "contains": r"LIKE '%%' || {} || '%%' ESCAPE '\'",
        "icontains": r"LIKE '%%' || UPPER({}) || '%%' ESCAPE '\'",
        "startswith": r"LIKE {} || '%%' ESCAPE '\'",
        "istartswith": r"LIKE UPPER({}) || '%%' ESCAPE '\'",
        "endswith": r"LIKE '%%' || {} ESCAPE '\'",
        "iendswith": r"LIKE '%%' || UPPER({}) ESCAPE '\'",
    }

    SchemaEditorClass = DatabaseSchemaEditor
    client_class = DatabaseClient
    creation_class = DatabaseCreation
    features_class = DatabaseFeatures
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations

    def get_connection_params(self) -> dict:
        from django.core.exceptions import ImproperlyConfigured

        settings_dict = self.settings_dict
        if not settings_dict["NAME"]:
            raise ImproperlyConfigured(
                "settings.DATABASES is improperly configured. Please supply the NAME value."
            )
        options = dict(settings_dict["OPTIONS"])
        for key in ("init_command", "transaction_mode"):
            options.pop(key, None)
        params = {
            "database": str(settings_dict["NAME"]),
            "detect_types": Database.PARSE_DECLTYPES | Database.PARSE_COLNAMES,
            **options,
        }
        # Thread safety is checked by validate_thread_sharing(), not by the driver.
        params["check_same_thread"] = False
        params["uri"] = True
        return params

    def get_database_version(self) -> tuple:
        return Database.sqlite_version_info

    @async_unsafe
    def get_new_connection(self, conn_params: dict) -> Any:
        conn = Database.connect(**conn_params)
        _functions.register(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA legacy_alter_table = OFF")
        conn.execute("PRAGMA case_sensitive_like = ON")
        init_command = self.settings_dict["OPTIONS"].get("init_command")
        if init_command:
            for statement in init_command.split(";"):
                if statement.strip():
                    conn.execute(statement)
        return conn

    def create_cursor(self, name: str | None = None) -> Any:
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    @async_unsafe
    def close(self) -> None:
        self.validate_thread_sharing()
        # Closing the last connection to an in-memory database destroys it: keep it open.
        if not self.is_in_memory_db():
            super().close()

    def _savepoint_allowed(self) -> bool:
        # The driver's own transaction handling is bypassed (see
        # _start_transaction_under_autocommit), so only atomic blocks get savepoints.
        return self.in_atomic_block

    def _savepoint(self, sid: str) -> None:
        # In manual mode the driver begins lazily, before the first DML statement; a savepoint
        # issued first would open (and its release would commit) a transaction of its own.
        if not self.connection.in_transaction:
            with self.cursor() as cursor:
                cursor.execute("BEGIN")
        super()._savepoint(sid)

    def _set_autocommit(self, autocommit: bool) -> None:
        level = None if autocommit else ""
        with self.wrap_database_errors:
            self.connection.isolation_level = level

    def _start_transaction_under_autocommit(self) -> None:
        """Begin explicitly: the driver's implicit BEGIN would break savepoints."""
        mode = self.settings_dict["OPTIONS"].get("transaction_mode")
        self.cursor().execute(f"BEGIN {mode}" if mode else "BEGIN")

    def disable_constraint_checking(self) -> bool:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            # Inside a transaction the pragma is a silent no-op: report what really happened.
            enabled = cursor.execute("PRAGMA foreign_keys").fetchone()[0]
        return not bool(enabled)

    def enable_constraint_checking(self) -> None:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")

    def check_constraints(self, table_names: list[str] | None = None) -> None:
        """Raise IntegrityError for the first row whose foreign key points nowhere."""
        from django.db.utils import IntegrityError

        with self.cursor() as cursor:
            if table_names is None:
                violations = cursor.execute("PRAGMA foreign_key_check").fetchall()
            else:
                violations = []
                for table in table_names:
                    quoted = self.ops.quote_name(table)
                    violations.extend(cursor.execute(f"PRAGMA foreign_key_check({quoted})").fetchall())
            for table, rowid, referenced_table, fk_index in violations:
                fk = cursor.execute(f"PRAGMA foreign_key_list({self.ops.quote_name(table)})").fetchall()[
                    fk_index
                ]
                column, referenced_column = fk[3], fk[4]
                pk_column = self.introspection.get_primary_key_column(cursor, table)
                key = cursor.execute(
                    f"SELECT {self.ops.quote_name(pk_column or 'rowid')}, {self.ops.quote_name(column)} "
                    f"FROM {self.ops.quote_name(table)} WHERE rowid = %s",
                    [rowid],
                ).fetchone()
                raise IntegrityError(
                    f"The row in table '{table}' with primary key '{key[0]}' has an invalid foreign key: "
                    f"{table}.{column} contains a value '{key[1]}' that does not have a corresponding value "
                    f"in {referenced_table}.{referenced_column}."
                )

    def is_usable(self) -> bool:
        return True

    def is_in_memory_db(self) -> bool:
        return self.creation.is_in_memory_db(self.settings_dict["NAME"])


class SQLiteCursorWrapper(Database.Cursor):
    """Accepts Django's 'format' paramstyle (%s, %(name)s) and converts it to sqlite's qmark."""

    def execute(self, query: str, params: Any = None) -> Any:
        if params is None:
            return super().execute(query)
        query, params = _convert_query(query, params)
        return super().execute(query, params)

    def executemany(self, query: str, param_list: Any) -> Any:
        param_list = list(param_list)
        if not param_list:
            return self
        query, _ = _convert_query(query, param_list[0])
        return super().executemany(query, param_list)


_FORMAT_PLACEHOLDER = re.compile(r"(?<!%)%s")
_NAMED_PLACEHOLDER = re.compile(r"(?<!%)%\((\w+)\)s")


def _convert_query(query: str, params: Any) -> tuple[str, Any]:
    """'format'/'pyformat' placeholders to sqlite's; '%%' becomes '%', a lone '%' stays."""
    named = isinstance(params, dict)
    if len(query) > _CACHED_QUERY_LENGTH:
        return _converted(query, named), params
    return _cached_conversion(query, named), params


def _converted(query: str, named: bool) -> str:
    if named:
        query = _NAMED_PLACEHOLDER.sub(r":\1", query)
    else:
        query = _FORMAT_PLACEHOLDER.sub("?", query)
    return query.replace("%%", "%")


# The ORM runs the same SQL texts again and again (the shape cache makes them identical):
# convert each once. Long texts (big IN lists, bulk inserts) are converted without caching.
_CACHED_QUERY_LENGTH = 4096
_cached_conversion = functools.lru_cache(maxsize=1024)(_converted)
