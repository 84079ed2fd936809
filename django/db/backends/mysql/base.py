"""MySQL and MariaDB backend on mysqlclient (MySQLdb)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.mysql.client import DatabaseClient
from django.db.backends.mysql.creation import DatabaseCreation
from django.db.backends.mysql.features import DatabaseFeatures
from django.db.backends.mysql.introspection import DatabaseIntrospection
from django.db.backends.mysql.operations import DatabaseOperations
from django.db.backends.mysql.schema import DatabaseSchemaEditor
from django.db.backends.mysql.validation import DatabaseValidation
from django.db.utils import IntegrityError
from django.utils.asyncio import async_unsafe
from django.utils.functional import cached_property

try:
    import MySQLdb as Database
    from MySQLdb.constants import CLIENT, FIELD_TYPE
    from MySQLdb.converters import conversions
except ImportError as exc:  # pragma: no cover - depends on the environment
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"Error loading MySQLdb module: {exc}.\nDid you install mysqlclient?") from exc


def _time_from_db(value: Any) -> datetime.time | None:
    """TIME columns as datetime.time (the driver's default is timedelta)."""
    if value is None:
        return None
    text = value.decode() if isinstance(value, bytes) else str(value)
    hours, minutes, rest = text.split(":")
    seconds, _, fraction = rest.partition(".")
    return datetime.time(int(hours) % 24, int(minutes), int(seconds), int((fraction + "000000")[:6]))


# Values come back as Django's fields expect them.
django_conversions = {**conversions, FIELD_TYPE.TIME: _time_from_db}

# Errors MySQL reports as OperationalError that are integrity violations for Django.
_INTEGRITY_ERROR_CODES = (
    1048,  # column cannot be null
    1690,  # value out of range for an unsigned column
    3819,  # check constraint violated (MySQL)
    4025,  # check constraint failed (MariaDB)
)


class CursorWrapper:
    """Raises IntegrityError for the OperationalErrors that are really integrity errors."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def execute(self, query: str, args: Any = None) -> Any:
        try:
            return self.cursor.execute(query, args)
        except Database.OperationalError as exc:
            if exc.args[0] in _INTEGRITY_ERROR_CODES:
                raise IntegrityError(*tuple(exc.args)) from exc
            raise

    def executemany(self, query: str, args: Any) -> Any:
        try:
            return self.cursor.executemany(query, args)
        except Database.OperationalError as exc:
            if exc.args[0] in _INTEGRITY_ERROR_CODES:
                raise IntegrityError(*tuple(exc.args)) from exc
            raise

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.cursor, attr)

    def __iter__(self) -> Any:
        return iter(self.cursor)


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "mysql"
    Database = Database

    data_types = {
        "AutoField": "integer",
        "BigAutoField": "bigint",
        "BinaryField": "longblob",
        "BooleanField": "bool",
        "CharField": "varchar(%(max_length)s)",
        "DateField": "date",
        "DateTimeField": "datetime(6)",
        "DecimalField": "numeric(%(max_digits)s, %(decimal_places)s)",
        "DurationField": "bigint",
        "FileField": "varchar(%(max_length)s)",
        "FilePathField": "varchar(%(max_length)s)",
        "FloatField": "double precision",
        "IntegerField": "integer",
        "BigIntegerField": "bigint",
        "IPAddressField": "char(15)",
        "GenericIPAddressField": "char(39)",
        "JSONField": "json",
        "OneToOneField": "integer",
        "PositiveBigIntegerField": "bigint UNSIGNED",
        "PositiveIntegerField": "integer UNSIGNED",
        "PositiveSmallIntegerField": "smallint UNSIGNED",
        "SlugField": "varchar(%(max_length)s)",
        "SmallAutoField": "smallint",
        "SmallIntegerField": "smallint",
        "TextField": "longtext",
        "TimeField": "time(6)",
        "UUIDField": "char(32)",
    }
    data_types_suffix = {
        "AutoField": "AUTO_INCREMENT",
        "BigAutoField": "AUTO_INCREMENT",
        "SmallAutoField": "AUTO_INCREMENT",
    }
    # Collations decide case sensitivity; BINARY forces a byte-wise (case-sensitive) match.
    operators = {
        "exact": "= %s",
        "iexact": "LIKE %s",
        "contains": "LIKE BINARY %s",
        "icontains": "LIKE %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE BINARY %s",
        "endswith": "LIKE BINARY %s",
        "istartswith": "LIKE %s",
        "iendswith": "LIKE %s",
    }
    pattern_esc = r"REPLACE(REPLACE(REPLACE({}, '\\', '\\\\'), '%%', '\%%'), '_', '\_')"
    pattern_ops = {
        "contains": "LIKE BINARY CONCAT('%%', {}, '%%')",
        "icontains": "LIKE CONCAT('%%', {}, '%%')",
        "startswith": "LIKE BINARY CONCAT({}, '%%')",
        "istartswith": "LIKE CONCAT({}, '%%')",
        "endswith": "LIKE BINARY CONCAT('%%', {})",
        "iendswith": "LIKE CONCAT('%%', {})",
    }
    _limited_data_types = (
        "tinyblob",
        "blob",
        "mediumblob",
        "longblob",
        "tinytext",
        "text",
        "mediumtext",
        "longtext",
        "json",
    )
    isolation_levels = {"read uncommitted", "read committed", "repeatable read", "serializable"}

    SchemaEditorClass = DatabaseSchemaEditor
    client_class = DatabaseClient
    creation_class = DatabaseCreation
    features_class = DatabaseFeatures
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations
    validation_class = DatabaseValidation

    def get_database_version(self) -> tuple:
        return self.mysql_version

    def get_connection_params(self) -> dict:
        from django.core.exceptions import ImproperlyConfigured

        settings_dict = self.settings_dict
        kwargs: dict[str, Any] = {"conv": django_conversions, "charset": "utf8mb4"}
        if settings_dict["USER"]:
            kwargs["user"] = settings_dict["USER"]
        if settings_dict["NAME"]:
            kwargs["database"] = settings_dict["NAME"]
        if settings_dict["PASSWORD"]:
            kwargs["password"] = settings_dict["PASSWORD"]
        host = settings_dict["HOST"]
        if host.startswith("/"):
            kwargs["unix_socket"] = host
        elif host:
            kwargs["host"] = host
        if settings_dict["PORT"]:
            kwargs["port"] = int(settings_dict["PORT"])
        # UPDATE reports the rows it matched, not only those it changed (Django relies on it).
        kwargs["client_flag"] = CLIENT.FOUND_ROWS
        options = dict(settings_dict["OPTIONS"])
        isolation_level = options.pop("isolation_level", "read committed")
        if isolation_level:
            isolation_level = isolation_level.lower()
            if isolation_level not in self.isolation_levels:
                choices = ", ".join(f"'{level}'" for level in sorted(self.isolation_levels))
                raise ImproperlyConfigured(
                    f"Invalid transaction isolation level '{isolation_level}' specified.\nUse one of {choices}, or None."
                )
        self.isolation_level = isolation_level
        kwargs.update(options)
        return kwargs

    @async_unsafe
    def get_new_connection(self, conn_params: dict) -> Any:
        connection = Database.connect(**conn_params)
        # Let bytes be escaped as binary strings rather than passed through raw.
        if connection.encoders.get(bytes) is bytes:
            connection.encoders.pop(bytes)
        return connection

    def init_connection_state(self) -> None:
        super().init_connection_state()
        statements = []
        if self.features.is_sql_auto_is_null_enabled:
            # "WHERE id IS NULL" must not find the last inserted row.
            statements.append("SET SQL_AUTO_IS_NULL = 0")
        if self.isolation_level:
            statements.append(f"SET SESSION TRANSACTION ISOLATION LEVEL {self.isolation_level.upper()}")
        if statements:
            with self.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    @async_unsafe
    def create_cursor(self, name: str | None = None) -> Any:
        return CursorWrapper(self.connection.cursor())

    def _rollback(self) -> None:
        from django.db.utils import NotSupportedError

        try:
            super()._rollback()
        except NotSupportedError:
            pass

    def _set_autocommit(self, autocommit: bool) -> None:
        with self.wrap_database_errors:
            self.connection.autocommit(autocommit)

    def disable_constraint_checking(self) -> bool:
        with self.cursor() as cursor:
            cursor.execute("SET foreign_key_checks=0")
        return True

    def enable_constraint_checking(self) -> None:
        # Allowed even in a transaction that must roll back: it only restores a setting.
        needs_rollback, self.needs_rollback = self.needs_rollback, False
        try:
            with self.cursor() as cursor:
                cursor.execute("SET foreign_key_checks=1")
        finally:
            self.needs_rollback = needs_rollback

    def check_constraints(self, table_names: list[str] | None = None) -> None:
        """Find rows whose foreign key points nowhere (checks were off); raise IntegrityError."""
        qn = self.ops.quote_name
        with self.cursor() as cursor:
            if table_names is None:
                table_names = self.introspection.table_names(cursor)
            for table in table_names:
                pk = self.introspection.get_primary_key_column(cursor, table)
                for column, (ref_column, ref_table) in self.introspection.get_relations(
                    cursor, table
                ).items():
                    cursor.execute(
                        f"SELECT r.{qn(pk)}, r.{qn(column)} FROM {qn(table)} AS r "
                        f"LEFT JOIN {qn(ref_table)} AS t ON (r.{qn(column)} = t.{qn(ref_column)}) "
                        f"WHERE r.{qn(column)} IS NOT NULL AND t.{qn(ref_column)} IS NULL"
                    )
                    for bad_pk, bad_value in cursor.fetchall():
                        raise IntegrityError(
                            f"The row in table '{table}' with primary key '{bad_pk}' has an invalid foreign key: "
                            f"{table}.{column} contains a value '{bad_value}' that does not have a corresponding "
                            f"value in {ref_table}.{ref_column}."
                        )

    def is_usable(self) -> bool:
        try:
            self.connection.ping()
        except Database.Error:
            return False
        return True

    @cached_property
    def display_name(self) -> str:  # type: ignore[override]
        return "MariaDB" if self.mysql_is_mariadb else "MySQL"

    @cached_property
    def data_type_check_constraints(self) -> dict:  # type: ignore[override]
        if self.features.supports_column_check_constraints:
            return DatabaseWrapper.__dict__["_check_constraints"]
        return {}

    _check_constraints = {
        "PositiveBigIntegerField": "`%(column)s` >= 0",
        "PositiveIntegerField": "`%(column)s` >= 0",
        "PositiveSmallIntegerField": "`%(column)s` >= 0",
    }

    @cached_property
    def mysql_server_data(self) -> dict:
        with self.temporary_connection() as cursor:
            cursor.execute(
                "SELECT VERSION(), @@sql_mode, @@default_storage_engine, @@sql_auto_is_null, "
                "@@lower_case_table_names, CONVERT_TZ('2001-01-01 01:00:00', 'UTC', 'UTC') IS NOT NULL"
            )
            row = cursor.fetchone()
        return {
            "version": row[0],
            "sql_mode": row[1],
            "default_storage_engine": row[2],
            "sql_auto_is_null": bool(row[3]),
            "lower_case_table_names": bool(row[4]),
            "has_zoneinfo_database": bool(row[5]),
        }

    @cached_property
    def mysql_server_info(self) -> str:
        return self.mysql_server_data["version"]

    @cached_property
    def mysql_version(self) -> tuple:
        digits = []
        for part in self.mysql_server_info.split("-", 1)[0].split("."):
            number = "".join(ch for ch in part if ch.isdigit())
            if not number:
                break
            digits.append(int(number))
        return tuple(digits[:3])

    @cached_property
    def mysql_is_mariadb(self) -> bool:
        return "mariadb" in self.mysql_server_info.lower()

    @cached_property
    def sql_mode(self) -> set[str]:
        sql_mode = self.mysql_server_data["sql_mode"]
        return set(sql_mode.split(",") if sql_mode else ())
