"""SQLite's dialect: Python-implemented date functions, RETURNING, ON CONFLICT."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations, Params
from django.db.utils import DatabaseError, NotSupportedError
from django.utils.functional import cached_property

_INSENSITIVE_LOOKUPS = frozenset({"iexact", "icontains", "istartswith", "iendswith"})


class DatabaseOperations(BaseDatabaseOperations):
    cast_char_field_without_max_length = "text"
    cast_data_types = {"DateField": "TEXT", "DateTimeField": "TEXT"}
    explain_prefix = "EXPLAIN QUERY PLAN"
    # SQLite stores any 64-bit integer whatever the declared type.
    # SQLite integers are 64-bit whatever the declared type; positive fields still start at 0.
    integer_field_ranges = {
        name: (0 if name.startswith("Positive") else -9223372036854775808, 9223372036854775807)
        for name in BaseDatabaseOperations.integer_field_ranges
    }
    jsonfield_datatype_values = frozenset(["null", "false", "true"])

    def quote_name(self, name: str) -> str:
        if name.startswith('"') and name.endswith('"'):
            return name
        return '"%s"' % name.replace('"', '""')

    def no_limit_value(self) -> int:
        return -1

    def pk_default_value(self) -> str:
        return "NULL"

    def bulk_batch_size(self, fields: Sequence[Any], objs: Sequence[Any]) -> int:
        if len(fields) == 1:
            return 500
        if len(fields) > 1:
            return self.connection.features.max_query_params // len(fields)
        return len(objs)

    def check_expression_support(self, expression: Any) -> None:
        from django.db.models import aggregates

        bad_fields = ("DateField", "DateTimeField", "TimeField")
        if isinstance(expression, aggregates.Aggregate) and getattr(expression, "name", "") in (
            "Sum",
            "Avg",
            "Variance",
            "StdDev",
        ):
            for source in expression.get_source_expressions():
                try:
                    output_field = source.output_field
                except (AttributeError, Exception):
                    continue
                if output_field.get_internal_type() in bad_fields:
                    raise NotSupportedError(
                        "You cannot use Sum, Avg, StdDev, and Variance aggregations on date/time fields in sqlite3 "
                        "since date/time is saved as text."
                    )
        if (
            isinstance(expression, aggregates.Aggregate)
            and getattr(expression, "distinct", False)
            and len(expression.source_expressions) > 1
        ):
            raise NotSupportedError(
                "SQLite doesn't support DISTINCT on aggregate functions accepting multiple arguments."
            )

    # Date and time, through the functions of _functions.py.

    def _tz_params(self, tzname: str | None) -> tuple[str | None, str | None]:
        from django.conf import settings

        if tzname and settings.USE_TZ:
            return tzname, self.connection.timezone_name
        return None, None

    def date_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        return f"django_date_extract(%s, {sql})", (lookup_type.lower(), *params)

    def date_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        return f"django_date_trunc(%s, {sql}, %s, %s)", (
            lookup_type.lower(),
            *params,
            *self._tz_params(tzname),
        )

    def time_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        return f"django_time_trunc(%s, {sql}, %s, %s)", (
            lookup_type.lower(),
            *params,
            *self._tz_params(tzname),
        )

    def time_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        return f"django_time_extract(%s, {sql})", (lookup_type.lower(), *params)

    def datetime_cast_date_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        return f"django_datetime_cast_date({sql}, %s, %s)", (*params, *self._tz_params(tzname))

    def datetime_cast_time_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        return f"django_datetime_cast_time({sql}, %s, %s)", (*params, *self._tz_params(tzname))

    def datetime_extract_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        return (
            f"django_datetime_extract(%s, {sql}, %s, %s)",
            (lookup_type.lower(), *params, *self._tz_params(tzname)),
        )

    def datetime_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        return (
            f"django_datetime_trunc(%s, {sql}, %s, %s)",
            (lookup_type.lower(), *params, *self._tz_params(tzname)),
        )

    def format_for_duration_arithmetic(self, sql: str) -> str:
        return sql

    def date_interval_sql(self, timedelta: datetime.timedelta) -> str:
        return str(timedelta // datetime.timedelta(microseconds=1))

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        if connector == "^":
            return "POWER(%s)" % ",".join(sub_expressions)
        if connector == "#":
            return "BITXOR(%s)" % ",".join(sub_expressions)
        return super().combine_expression(connector, sub_expressions)

    def combine_duration_expression(self, connector: str, sub_expressions: list[str]) -> str:
        if connector not in ("+", "-", "*", "/"):
            raise DatabaseError(f"Invalid connector for timedelta: {connector}.")
        args = [f"'{connector}'", *sub_expressions]
        if len(args) > 3:
            raise ValueError("Too many params for timedelta operations.")
        return "django_format_dtdelta(%s)" % ", ".join(args)

    def subtract_temporals(self, internal_type: str, lhs: tuple, rhs: tuple) -> tuple[str, Params]:
        (lhs_sql, lhs_params), (rhs_sql, rhs_params) = lhs, rhs
        func = "django_time_diff" if internal_type == "TimeField" else "django_timestamp_diff"
        return f"{func}({lhs_sql}, {rhs_sql})", (*lhs_params, *rhs_params)

    # Lookups.

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        if lookup_type in _INSENSITIVE_LOOKUPS:
            return "UPPER(%s)"
        return "%s"

    def regex_lookup(self, lookup_type: str) -> str:
        return "%s REGEXP '(?i)' || %s" if lookup_type == "iregex" else "%s REGEXP %s"

    # INSERT.

    def insert_statement(self, on_conflict: Any = None) -> str:
        from django.db.models.constants import OnConflict

        if on_conflict == OnConflict.IGNORE:
            return "INSERT OR IGNORE INTO"
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
            return self.on_conflict_do_update_sql(update_fields, unique_fields)
        return super().on_conflict_suffix_sql(fields, on_conflict, update_fields, unique_fields)

    # Flush.

    def sql_flush(
        self, style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        if tables and allow_cascade:
            tables = sorted(self._tables_referencing(tables))
        statements = [
            f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]
        if reset_sequences and self._has_sequence_table():
            statements.extend(self.sequence_reset_by_name_sql(style, [{"table": table} for table in tables]))
        return statements

    def _has_sequence_table(self) -> bool:
        # sqlite_sequence only exists once an AUTOINCREMENT table has been created.
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
            return cursor.fetchone() is not None

    def _tables_referencing(self, tables: Sequence[str]) -> set[str]:
        """The tables plus, transitively, every table with a foreign key to one of them."""
        found = set(tables)
        with self.connection.cursor() as cursor:
            all_tables = self.connection.introspection.table_names(cursor)
            pending = list(tables)
            while pending:
                target = pending.pop()
                for table in all_tables:
                    if table in found:
                        continue
                    relations = self.connection.introspection.get_relations(cursor, table)
                    if any(ref_table == target for _col, ref_table in relations.values()):
                        found.add(table)
                        pending.append(table)
        return found

    def sequence_reset_by_name_sql(self, style: Any, sequences: list[dict]) -> list[str]:
        if not sequences:
            return []
        names = ", ".join("'%s'" % sequence["table"].replace("'", "''") for sequence in sequences)
        return [
            f"{style.SQL_KEYWORD('UPDATE')} {style.SQL_TABLE(self.quote_name('sqlite_sequence'))} "
            f"{style.SQL_KEYWORD('SET')} {style.SQL_FIELD(self.quote_name('seq'))} = 0 "
            f"{style.SQL_KEYWORD('WHERE')} {style.SQL_FIELD(self.quote_name('name'))} "
            f"{style.SQL_KEYWORD('IN')} ({names});"
        ]

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        if not params:
            return sql
        if isinstance(params, dict):
            return sql % {key: self._quote_param(value) for key, value in params.items()}
        return sql % tuple(self._quote_param(value) for value in params)

    def _quote_param(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return str(int(value))
        if isinstance(value, int | float | decimal.Decimal):
            return str(value)
        if isinstance(value, bytes | memoryview):
            return f"X'{bytes(value).hex()}'"
        return "'%s'" % str(value).replace("'", "''")

    # Values in.

    def adapt_datetimefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
            from django.conf import settings

            if not settings.USE_TZ:
                raise ValueError(
                    "SQLite backend does not support timezone-aware datetimes when USE_TZ is False."
                )
            value = value.astimezone(self.connection.timezone).replace(tzinfo=None)
        return str(value)

    def adapt_timefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if getattr(value, "tzinfo", None) is not None:
            raise ValueError("SQLite backend does not support timezone-aware times.")
        return str(value)

    # Values out.

    def get_db_converters(self, expression: Any) -> list:
        converters = super().get_db_converters(expression)
        internal_type = expression.output_field.get_internal_type()
        if internal_type == "DateTimeField":
            converters.append(self.convert_datetimefield_value)
        elif internal_type == "DateField":
            converters.append(self.convert_datefield_value)
        elif internal_type == "TimeField":
            converters.append(self.convert_timefield_value)
        elif internal_type == "DecimalField":
            converters.append(self.get_decimalfield_converter(expression))
        elif internal_type == "UUIDField":
            converters.append(self.convert_uuidfield_value)
        elif internal_type == "BooleanField":
            converters.append(self.convert_booleanfield_value)
        return converters

    def convert_datetimefield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.fromisoformat(str(value))
        if self._use_tz and value.tzinfo is None:
            value = value.replace(tzinfo=self.connection.timezone)
        return value

    @cached_property
    def _use_tz(self) -> bool:
        from django.conf import settings

        return bool(settings.USE_TZ)

    def convert_datefield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, datetime.date):
            value = datetime.date.fromisoformat(str(value)[:10])
        elif isinstance(value, datetime.datetime):
            value = value.date()
        return value

    def convert_timefield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, datetime.time):
            value = datetime.time.fromisoformat(str(value))
        return value

    def get_decimalfield_converter(self, expression: Any) -> Any:
        # Values come back as REAL: round through 15 significant digits, then quantize.
        create_decimal = decimal.Context(prec=15).create_decimal_from_float
        output_field = expression.output_field
        places = getattr(output_field, "decimal_places", None)
        is_column = hasattr(expression, "target") and places is not None
        quantum = decimal.Decimal(1).scaleb(-places) if is_column and places is not None else None

        def converter(value: Any, expression: Any, connection: Any) -> Any:
            if value is None:
                return None
            if isinstance(value, str):
                value = decimal.Decimal(value)
            elif not isinstance(value, decimal.Decimal):
                value = create_decimal(value)
            if quantum is not None:
                context = getattr(output_field, "context", None) or decimal.Context(
                    prec=output_field.max_digits
                )
                return value.quantize(quantum, context=context)
            return value

        return converter

    def convert_uuidfield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, uuid.UUID):
            value = uuid.UUID(value)
        return value

    def convert_booleanfield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return bool(value) if value in (1, 0) else value
