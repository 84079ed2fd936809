"""The MySQL/MariaDB dialect: backticks, DATE_FORMAT truncation, CONVERT_TZ, upserts."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations, Params
from django.db.backends.utils import split_tzname_delta
from django.utils.functional import cached_property

_EXTRACT_NAME = re.compile(r"[A-Z_]+")
_DATETIME_PARTS = ("year", "month", "day", "hour", "minute", "second")
_DATETIME_FORMATS = ("%Y-", "%m", "-%d", " %H:", "%i", ":%s")
_DATETIME_FLOORS = ("0000-", "01", "-01", " 00:", "00", ":00")
_TEXT_LOOKUPS = frozenset(
    {
        "iexact",
        "contains",
        "icontains",
        "startswith",
        "istartswith",
        "endswith",
        "iendswith",
        "regex",
        "iregex",
    }
)


class DatabaseOperations(BaseDatabaseOperations):
    compiler_module = "django.db.models.sql.compiler"
    integer_field_ranges = {
        **BaseDatabaseOperations.integer_field_ranges,
        "PositiveSmallIntegerField": (0, 65535),
        "PositiveIntegerField": (0, 4294967295),
        "PositiveBigIntegerField": (0, 18446744073709551615),
    }
    cast_data_types = {
        "AutoField": "signed integer",
        "BigAutoField": "signed integer",
        "SmallAutoField": "signed integer",
        "CharField": "char(%(max_length)s)",
        "DecimalField": "decimal(%(max_digits)s, %(decimal_places)s)",
        "TextField": "char",
        "IntegerField": "signed integer",
        "BigIntegerField": "signed integer",
        "SmallIntegerField": "signed integer",
        "PositiveBigIntegerField": "unsigned integer",
        "PositiveIntegerField": "unsigned integer",
        "PositiveSmallIntegerField": "unsigned integer",
        "DurationField": "signed integer",
    }
    cast_char_field_without_max_length = "char"
    explain_prefix = "EXPLAIN"

    def quote_name(self, name: str) -> str:
        if name.startswith("`") and name.endswith("`"):
            return name
        return "`%s`" % name.replace("`", "``")

    def max_name_length(self) -> int:
        return 64

    def no_limit_value(self) -> int:
        return 18446744073709551615  # 2**64 - 1: MySQL has no "no limit" with an OFFSET.

    def pk_default_value(self) -> str:
        return "NULL"

    def force_no_ordering(self) -> list:
        # GROUP BY used to imply ORDER BY; "ORDER BY NULL" stops the sort.
        return [(None, ("NULL", [], False))]

    # Date and time.

    def date_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        if lookup_type == "week_day":
            return f"DAYOFWEEK({sql})", params
        if lookup_type == "iso_week_day":
            return f"WEEKDAY({sql}) + 1", params
        if lookup_type == "week":
            return f"WEEK({sql}, 3)", params  # ISO-8601 week numbers
        if lookup_type == "iso_year":
            return f"TRUNCATE(YEARWEEK({sql}, 3), -2) / 100", params
        name = lookup_type.upper()
        if not _EXTRACT_NAME.fullmatch(name):
            raise ValueError(f"Invalid lookup type: {lookup_type!r}")
        return f"EXTRACT({name} FROM {sql})", params

    def _tz_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        from django.conf import settings

        if tzname and settings.USE_TZ and self.connection.timezone_name != tzname:
            name, sign, offset = split_tzname_delta(tzname)
            target = f"{sign}{offset}" if offset else name
            return f"CONVERT_TZ({sql}, %s, %s)", (*params, self.connection.timezone_name, target)
        return sql, params

    def date_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        formats = {"year": "%Y-01-01", "month": "%Y-%m-01"}
        if lookup_type in formats:
            return f"CAST(DATE_FORMAT({sql}, %s) AS DATE)", (*params, formats[lookup_type])
        if lookup_type == "quarter":
            return (
                f"MAKEDATE(YEAR({sql}), 1) + INTERVAL QUARTER({sql}) QUARTER - INTERVAL 1 QUARTER",
                (*params, *params),
            )
        if lookup_type == "week":
            return f"DATE_SUB({sql}, INTERVAL WEEKDAY({sql}) DAY)", (*params, *params)
        return f"DATE({sql})", params

    def datetime_cast_date_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"DATE({sql})", params

    def datetime_cast_time_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"TIME({sql})", params

    def datetime_extract_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return self.date_extract_sql(lookup_type, sql, params)

    def datetime_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        if lookup_type == "quarter":
            return (
                f"CAST(DATE_FORMAT(MAKEDATE(YEAR({sql}), 1) + INTERVAL QUARTER({sql}) QUARTER - "
                f"INTERVAL 1 QUARTER, %s) AS DATETIME)",
                (*params, *params, "%Y-%m-01 00:00:00"),
            )
        if lookup_type == "week":
            return (
                f"CAST(DATE_FORMAT(DATE_SUB({sql}, INTERVAL WEEKDAY({sql}) DAY), %s) AS DATETIME)",
                (*params, *params, "%Y-%m-%d 00:00:00"),
            )
        try:
            keep = _DATETIME_PARTS.index(lookup_type) + 1
        except ValueError:
            return sql, params
        format_str = "".join(_DATETIME_FORMATS[:keep] + _DATETIME_FLOORS[keep:])
        return f"CAST(DATE_FORMAT({sql}, %s) AS DATETIME)", (*params, format_str)

    def time_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        formats = {"hour": "%H:00:00", "minute": "%H:%i:00", "second": "%H:%i:%s"}
        if lookup_type in formats:
            sql, params = self._tz_sql(sql, params, tzname)
            return f"CAST(DATE_FORMAT({sql}, %s) AS TIME)", (*params, formats[lookup_type])
        return f"TIME({sql})", params

    def format_for_duration_arithmetic(self, sql: str) -> str:
        return f"INTERVAL {sql} MICROSECOND"

    def subtract_temporals(self, internal_type: str, lhs: tuple, rhs: tuple) -> tuple[str, Params]:
        (lhs_sql, lhs_params), (rhs_sql, rhs_params) = lhs, rhs
        if internal_type == "TimeField":
            return (
                f"((TIME_TO_SEC({lhs_sql}) * 1000000 + MICROSECOND({lhs_sql})) - "
                f"(TIME_TO_SEC({rhs_sql}) * 1000000 + MICROSECOND({rhs_sql})))",
                (*lhs_params, *lhs_params, *rhs_params, *rhs_params),
            )
        return f"TIMESTAMPDIFF(MICROSECOND, {rhs_sql}, {lhs_sql})", (*rhs_params, *lhs_params)

    # Expressions and lookups.

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        if connector == "^":
            return "POW(%s)" % ",".join(sub_expressions)
        if connector in ("&", "|", "<<", "#"):
            # Bitwise results are unsigned in MySQL; Django expects signed integers.
            operator = "^" if connector == "#" else connector
            return "CONVERT(%s, SIGNED)" % operator.join(sub_expressions)
        if connector == ">>":
            lhs, rhs = sub_expressions
            return f"FLOOR({lhs} / POW(2, {rhs}))"
        return super().combine_expression(connector, sub_expressions)

    def regex_lookup(self, lookup_type: str) -> str:
        if self.connection.mysql_is_mariadb:
            return "%s REGEXP BINARY %s" if lookup_type == "regex" else "%s REGEXP %s"
        option = "c" if lookup_type == "regex" else "i"
        return f"REGEXP_LIKE(%s, %s, '{option}')"

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        if internal_type == "JSONField" and (
            self.connection.mysql_is_mariadb or lookup_type in _TEXT_LOOKUPS
        ):
            return "JSON_UNQUOTE(%s)"
        return "%s"

    def binary_placeholder_sql(self, value: Any) -> str:
        return "_binary %s" if value is not None and not hasattr(value, "as_sql") else "%s"

    def explain_query_prefix(self, format: str | None = None, **options: Any) -> str:
        analyze = options.pop("analyze", False)
        if format and format.upper() == "TEXT":
            format = "TRADITIONAL"
        prefix = super().explain_query_prefix(format, **options)
        if analyze:
            prefix = "ANALYZE" if self.connection.mysql_is_mariadb else prefix + " ANALYZE"
        if format and not (analyze and self.connection.mysql_is_mariadb):
            prefix += f" FORMAT={format.upper()}"
        return prefix

    # INSERT.

    def insert_statement(self, on_conflict: Any = None) -> str:
        from django.db.models.constants import OnConflict

        if on_conflict == OnConflict.IGNORE:
            return "INSERT IGNORE INTO"
        return super().insert_statement(on_conflict=on_conflict)

    def on_conflict_suffix_sql(
        self,
        fields: Sequence[Any],
        on_conflict: Any,
        update_fields: Sequence[Any],
        unique_fields: Sequence[Any],
    ) -> str:
        from django.db.models.constants import OnConflict

        if on_conflict == OnConflict.UPDATE:
            updates = ", ".join(f"{col} = VALUES({col})" for col in map(self.quote_name, update_fields))
            return f"ON DUPLICATE KEY UPDATE {updates}"
        return super().on_conflict_suffix_sql(fields, on_conflict, update_fields, unique_fields)

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        executed = getattr(cursor, "_executed", None)
        if executed is not None:
            return executed.decode(errors="replace") if isinstance(executed, bytes) else str(executed)
        return super().last_executed_query(cursor, sql, params)

    # Flush and sequences.

    def sql_flush(
        self, style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        if not tables:
            return []
        statements = ["SET FOREIGN_KEY_CHECKS = 0;"]
        for table in tables:
            if reset_sequences:
                # TRUNCATE resets AUTO_INCREMENT (and is faster than DELETE).
                statements.append(
                    f"{style.SQL_KEYWORD('TRUNCATE')} {style.SQL_FIELD(self.quote_name(table))};"
                )
            else:
                statements.append(
                    f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} {style.SQL_FIELD(self.quote_name(table))};"
                )
        statements.append("SET FOREIGN_KEY_CHECKS = 1;")
        return statements

    def sequence_reset_by_name_sql(self, style: Any, sequences: list[dict]) -> list[str]:
        return [
            f"{style.SQL_KEYWORD('ALTER')} {style.SQL_KEYWORD('TABLE')} "
            f"{style.SQL_FIELD(self.quote_name(sequence['table']))} {style.SQL_FIELD('AUTO_INCREMENT')} = 1;"
            for sequence in sequences
        ]

    # Values.

    def validate_autopk_value(self, value: Any) -> Any:
        if value == 0 and not self.connection.features.allows_auto_pk_0:
            raise ValueError("The database backend does not accept 0 as a value for AutoField.")
        return value

    def adapt_datetimefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
            if not self._use_tz:
                raise ValueError(
                    "MySQL backend does not support timezone-aware datetimes when USE_TZ is False."
                )
            value = value.astimezone(self.connection.timezone).replace(tzinfo=None)
        return str(value)

    def adapt_timefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if getattr(value, "tzinfo", None) is not None:
            raise ValueError("MySQL backend does not support timezone-aware times.")
        return value.isoformat(timespec="microseconds") if isinstance(value, datetime.time) else str(value)

    def adapt_decimalfield_value(
        self, value: Any, max_digits: int | None = None, decimal_places: int | None = None
    ) -> Any:
        return value

    @cached_property
    def _use_tz(self) -> bool:
        from django.conf import settings

        return bool(settings.USE_TZ)

    def get_db_converters(self, expression: Any) -> list:
        converters = super().get_db_converters(expression)
        internal_type = expression.output_field.get_internal_type()
        if internal_type == "BooleanField":
            converters.append(self.convert_booleanfield_value)
        elif internal_type == "DateTimeField" and self._use_tz:
            converters.append(self.convert_datetimefield_value)
        elif internal_type == "UUIDField":
            converters.append(self.convert_uuidfield_value)
        return converters

    def convert_booleanfield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return bool(value) if value in (0, 1) else value

    def convert_datetimefield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=self.connection.timezone)
        return value

    def convert_uuidfield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, uuid.UUID):
            value = uuid.UUID(value)
        return value
