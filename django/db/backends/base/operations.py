"""BaseDatabaseOperations: the SQL dialect of a backend, as used by compilers and schema editors."""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from django.db.backends import utils as backend_utils
from django.db.utils import NotSupportedError
from django.utils.functional import cached_property

Params = tuple | list


class BaseDatabaseOperations:
    """Vendor-specific SQL snippets and value conversions.

    Methods that build SQL from SQL take and return ``(sql, params)`` so that expressions can
    keep their parameters bound.
    """

    compiler_module = "django.db.models.sql.compiler"

    integer_field_ranges = {
        "SmallIntegerField": (-32768, 32767),
        "IntegerField": (-2147483648, 2147483647),
        "BigIntegerField": (-9223372036854775808, 9223372036854775807),
        "PositiveBigIntegerField": (0, 9223372036854775807),
        "PositiveSmallIntegerField": (0, 32767),
        "PositiveIntegerField": (0, 2147483647),
        "SmallAutoField": (-32768, 32767),
        "AutoField": (-2147483648, 2147483647),
        "BigAutoField": (-9223372036854775808, 9223372036854775807),
    }
    set_operators = {"union": "UNION", "intersection": "INTERSECT", "difference": "EXCEPT"}
    # CAST target for a CharField without max_length (None: use the field's db_type).
    cast_char_field_without_max_length: str | None = None
    cast_data_types: dict[str, str] = {}

    PRECEDING = "PRECEDING"
    FOLLOWING = "FOLLOWING"
    UNBOUNDED_PRECEDING = "UNBOUNDED " + PRECEDING
    UNBOUNDED_FOLLOWING = "UNBOUNDED " + FOLLOWING
    CURRENT_ROW = "CURRENT ROW"

    # Prefix of EXPLAIN, or None where the database has none.
    explain_prefix: str | None = None

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._cache: Any = None

    # Compilers.

    def compiler(self, compiler_name: str) -> type:
        """The compiler class of that name (SQLCompiler, SQLInsertCompiler...) for this backend."""
        if self._cache is None:
            self._cache = import_module(self.compiler_module)
        return getattr(self._cache, compiler_name)

    # Names and quoting.

    def quote_name(self, name: str) -> str:
        raise NotImplementedError("subclasses of BaseDatabaseOperations may require a quote_name() method")

    def max_name_length(self) -> int | None:
        return None

    def max_in_list_size(self) -> int | None:
        return None

    def tablespace_sql(self, tablespace: str | None, inline: bool = False) -> str:
        return ""

    def deferrable_sql(self) -> str:
        return ""

    def autoinc_sql(self, table: str, column: str) -> list[str] | None:
        return None

    def pk_default_value(self) -> str:
        return "DEFAULT"

    def bulk_batch_size(self, fields: Sequence[Any], objs: Sequence[Any]) -> int:
        return len(objs)

    # Date and time SQL.

    def date_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a date_extract_sql() method"
        )

    def date_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a date_trunc_sql() method"
        )

    def datetime_cast_date_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a datetime_cast_date_sql() method"
        )

    def datetime_cast_time_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a datetime_cast_time_sql() method"
        )

    def datetime_extract_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a datetime_extract_sql() method"
        )

    def datetime_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a datetime_trunc_sql() method"
        )

    def time_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a time_trunc_sql() method"
        )

    def time_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        return self.date_extract_sql(lookup_type, sql, params)

    def date_interval_sql(self, timedelta: datetime.timedelta) -> str:
        raise NotImplementedError

    def format_for_duration_arithmetic(self, sql: str) -> str:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a format_for_duration_arithmetic() method"
        )

    def subtract_temporals(self, internal_type: str, lhs: tuple, rhs: tuple) -> tuple[str, Params]:
        if self.connection.features.supports_temporal_subtraction:
            lhs_sql, lhs_params = lhs
            rhs_sql, rhs_params = rhs
            return f"({lhs_sql} - {rhs_sql})", (*lhs_params, *rhs_params)
        raise NotSupportedError(f"This backend does not support {internal_type} subtraction.")

    def year_lookup_bounds_for_date_field(self, value: int, iso_year: bool = False) -> list:
        first, last = _year_bounds(value, iso_year)
        return [self.adapt_datefield_value(first), self.adapt_datefield_value(last)]

    def year_lookup_bounds_for_datetime_field(self, value: int, iso_year: bool = False) -> list:
        first, last = _year_bounds(value, iso_year)
        start = datetime.datetime.combine(first, datetime.time.min)
        end = datetime.datetime.combine(last, datetime.time.max)
        from django.conf import settings

        if settings.USE_TZ:
            tz = self.connection.timezone
            start, end = start.replace(tzinfo=tz), end.replace(tzinfo=tz)
        return [self.adapt_datetimefield_value(start), self.adapt_datetimefield_value(end)]

    # Lookups and patterns.

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        return "%s"

    def field_cast_sql(self, db_type: str, internal_type: str) -> str:
        return "%s"

    def prep_for_like_query(self, x: Any) -> str:
        """Escape LIKE wildcards so user input only ever matches literally."""
        return str(x).replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")

    prep_for_iexact_query = prep_for_like_query

    def regex_lookup(self, lookup_type: str) -> str:
        raise NotImplementedError("subclasses of BaseDatabaseOperations may require a regex_lookup() method")

    def unification_cast_sql(self, output_field: Any) -> str:
        return "%s"

    def conditional_expression_supported_in_where_clause(self, expression: Any) -> bool:
        return True

    def check_expression_support(self, expression: Any) -> None:
        """Raise NotSupportedError for expressions the database cannot evaluate."""

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        return f" {connector} ".join(sub_expressions)

    def combine_duration_expression(self, connector: str, sub_expressions: list[str]) -> str:
        return self.combine_expression(connector, sub_expressions)

    def binary_placeholder_sql(self, value: Any) -> str:
        return "%s"

    def modify_insert_params(self, placeholder: str, params: Params) -> Params:
        return params

    def prepare_join_on_clause(self, lhs_table: str, lhs_field: Any, rhs_table: str, rhs_field: Any) -> tuple:
        from django.db.models.expressions import Col

        return Col(lhs_table, lhs_field), Col(rhs_table, rhs_field)

    # SELECT clauses.

    def distinct_sql(self, fields: list[str], params: Params) -> tuple[list[str], list]:
        if fields:
            raise NotSupportedError("DISTINCT ON fields is not supported by this database backend")
        return ["DISTINCT"], []

    def force_no_ordering(self) -> list:
        return []

    def for_update_sql(
        self, nowait: bool = False, skip_locked: bool = False, of: Sequence[str] = (), no_key: bool = False
    ) -> str:
        parts = ["FOR NO KEY UPDATE" if no_key else "FOR UPDATE"]
        if of:
            parts.append("OF " + ", ".join(of))
        if nowait:
            parts.append("NOWAIT")
        elif skip_locked:
            parts.append("SKIP LOCKED")
        return " ".join(parts)

    def no_limit_value(self) -> Any:
        raise NotImplementedError(
            "subclasses of BaseDatabaseOperations may require a no_limit_value() method"
        )

    def _get_limit_offset_params(self, low_mark: int | None, high_mark: int | None) -> tuple[int | None, int]:
        offset = low_mark or 0
        if high_mark is not None:
            return high_mark - offset, offset
        if offset:
            return self.no_limit_value(), offset
        return None, offset

    def limit_offset_sql(self, low_mark: int | None, high_mark: int | None) -> str:
        limit, offset = self._get_limit_offset_params(low_mark, high_mark)
        parts = []
        if limit is not None:
            parts.append(f"LIMIT {limit}")
        if offset:
            parts.append(f"OFFSET {offset}")
        return " ".join(parts)

    def explain_query_prefix(self, format: str | None = None, **options: Any) -> str:
        if not self.connection.features.supports_explaining_query_execution:
            raise NotSupportedError("This backend does not support explaining query execution.")
        if format:
            supported = self.connection.features.supported_explain_formats
            normalized = format.upper()
            if normalized not in supported:
                choices = ", ".join(sorted(supported)) if supported else "none"
                raise ValueError(f"{normalized} is not a recognized format. Allowed formats: {choices}")
        if options:
            raise ValueError(f"Unknown options: {', '.join(sorted(options))}")
        return self.explain_prefix or ""

    def window_frame_value(self, value: int | None, direction: str) -> str:
        if value is None:
            return f"UNBOUNDED {direction}"
        if value == 0:
            return self.CURRENT_ROW
        return f"{abs(value)} {direction}"

    def window_frame_start(self, start: int | None) -> str:
        if isinstance(start, int) and start > 0:
            raise ValueError(f"start argument must be a negative integer, zero, or None, but got '{start}'.")
        if start is None:
            return self.UNBOUNDED_PRECEDING
        return self.CURRENT_ROW if start == 0 else f"{abs(start)} {self.PRECEDING}"

    def window_frame_end(self, end: int | None) -> str:
        if isinstance(end, int) and end < 0:
            raise ValueError(f"end argument must be a positive integer, zero, or None, but got '{end}'.")
        if end is None:
            return self.UNBOUNDED_FOLLOWING
        return self.CURRENT_ROW if end == 0 else f"{end} {self.FOLLOWING}"

    def window_frame_rows_start_end(
        self, start: int | None = None, end: int | None = None
    ) -> tuple[str, str]:
        if not self.connection.features.supports_over_clause:
            raise NotSupportedError("This backend does not support window expressions.")
        return self.window_frame_start(start), self.window_frame_end(end)

    def window_frame_range_start_end(
        self, start: int | None = None, end: int | None = None
    ) -> tuple[str, str]:
        start_sql, end_sql = self.window_frame_rows_start_end(start, end)
        fixed = (start not in (None, 0)) or (end not in (None, 0))
        if fixed and not self.connection.features.supports_frame_range_fixed_distance:
            raise NotSupportedError(
                f"{self.connection.display_name} only supports UNBOUNDED together with PRECEDING and "
                f"FOLLOWING."
            )
        return start_sql, end_sql

    # INSERT.

    def insert_statement(self, on_conflict: Any = None) -> str:
        return "INSERT INTO"

    def bulk_insert_sql(self, fields: Sequence[Any], placeholder_rows: list[list[str]]) -> str:
        rows = ", ".join(f"({', '.join(row)})" for row in placeholder_rows)
        return f"VALUES {rows}"

    def on_conflict_suffix_sql(
        self,
        fields: Sequence[Any],
        on_conflict: Any,
        update_fields: Sequence[Any],
        unique_fields: Sequence[Any],
    ) -> str:
        return ""

    def on_conflict_do_update_sql(self, update_fields: Sequence[Any], unique_fields: Sequence[Any]) -> str:
        """The standard upsert suffix (PostgreSQL, SQLite): ``ON CONFLICT(...) DO UPDATE SET ...``."""
        targets = ", ".join(map(self.quote_name, unique_fields))
        updates = ", ".join(f"{col} = EXCLUDED.{col}" for col in map(self.quote_name, update_fields))
        return f"ON CONFLICT({targets}) DO UPDATE SET {updates}"

    def return_insert_columns(self, fields: Sequence[Any]) -> tuple[str, Params] | None:
        """``RETURNING table.column, ...`` (asked only where features.can_return_columns_from_insert)."""
        if not fields:
            return "", ()
        columns = ", ".join(
            f"{self.quote_name(field.model._meta.db_table)}.{self.quote_name(field.column)}"
            for field in fields
        )
        return f"RETURNING {columns}", ()

    returning_columns = return_insert_columns

    def fetch_returned_insert_columns(self, cursor: Any, returning_params: Any) -> Any:
        return cursor.fetchone()

    def fetch_returned_insert_rows(self, cursor: Any) -> list:
        return cursor.fetchall()

    fetch_returned_rows = fetch_returned_insert_rows

    def last_insert_id(self, cursor: Any, table_name: str, pk_name: str) -> Any:
        return cursor.lastrowid

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        """The statement as it was sent (for logging); the parameters shown as Python literals."""
        if not params:
            return sql
        shown: dict | tuple
        if isinstance(params, dict):
            shown = {key: _to_text(value) for key, value in params.items()}
        else:
            shown = tuple(_to_text(value) for value in params)
        try:
            return sql % shown
        except (TypeError, ValueError):
            return f"{sql} -- params: {shown!r}"

    # Transactions and savepoints.

    def start_transaction_sql(self) -> str:
        return "BEGIN;"

    def end_transaction_sql(self, success: bool = True) -> str:
        return "COMMIT;" if success else "ROLLBACK;"

    def savepoint_create_sql(self, sid: str) -> str:
        return f"SAVEPOINT {self.quote_name(sid)}"

    def savepoint_commit_sql(self, sid: str) -> str:
        return f"RELEASE SAVEPOINT {self.quote_name(sid)}"

    def savepoint_rollback_sql(self, sid: str) -> str:
        return f"ROLLBACK TO SAVEPOINT {self.quote_name(sid)}"

    def set_time_zone_sql(self) -> str:
        return ""

    # Flush and sequences.

    def sql_flush(
        self, style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        raise NotImplementedError("subclasses of BaseDatabaseOperations must provide an sql_flush() method")

    def execute_sql_flush(self, sql_list: list[str]) -> None:
        """Run the statements of sql_flush() in one transaction where DDL allows it."""
        from django.db import transaction

        with transaction.atomic(
            using=self.connection.alias, savepoint=self.connection.features.can_rollback_ddl
        ):
            with self.connection.cursor() as cursor:
                for sql in sql_list:
                    cursor.execute(sql)

    def sequence_reset_by_name_sql(self, style: Any, sequences: list[dict]) -> list[str]:
        return []

    def sequence_reset_sql(self, style: Any, model_list: Sequence[Any]) -> list[str]:
        return []

    def prepare_sql_script(self, sql: str) -> list[str]:
        """Split a script into statements (quotes and comments respected)."""
        return split_sql_statements(sql)

    def process_clob(self, value: Any) -> Any:
        return value

    def cache_key_culling_sql(self) -> str:
        return "SELECT cache_key FROM %s ORDER BY cache_key LIMIT 1 OFFSET %%s"

    def format_debug_sql(self, sql: str) -> str:
        return sql

    # Value adaptation (Python -> database).

    def validate_autopk_value(self, value: Any) -> Any:
        return value

    def adapt_unknown_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return self.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return self.adapt_datefield_value(value)
        if isinstance(value, datetime.time):
            return self.adapt_timefield_value(value)
        if isinstance(value, decimal.Decimal):
            return self.adapt_decimalfield_value(value)
        return value

    def adapt_integerfield_value(self, value: Any, internal_type: str) -> Any:
        return value

    def adapt_datefield_value(self, value: Any) -> Any:
        return None if value is None else str(value)

    def adapt_datetimefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return str(value)

    def adapt_timefield_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if getattr(value, "tzinfo", None) is not None:
            raise ValueError("Django does not support timezone-aware times.")
        return str(value)

    def adapt_decimalfield_value(
        self, value: Any, max_digits: int | None = None, decimal_places: int | None = None
    ) -> Any:
        return value

    def adapt_ipaddressfield_value(self, value: Any) -> Any:
        return value or None

    def adapt_json_value(self, value: Any, encoder: Any) -> Any:
        return json.dumps(value, cls=encoder)

    # Value conversion (database -> Python).

    def get_db_converters(self, expression: Any) -> list:
        return []

    def convert_durationfield_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return datetime.timedelta(0, 0, value)

    def integer_field_range(self, internal_type: str) -> tuple[int, int]:
        return self.integer_field_ranges[internal_type]

    @cached_property
    def _decimal_context(self) -> decimal.Context:
        return decimal.Context(prec=60)


def _to_text(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return repr(bytes(value))
    if isinstance(value, str):
        return "'%s'" % value.replace("'", "''")
    return value


def _year_bounds(value: int, iso_year: bool) -> tuple[datetime.date, datetime.date]:
    if iso_year:
        return datetime.date.fromisocalendar(value, 1, 1), datetime.date.fromisocalendar(
            value + 1, 1, 1
        ) - datetime.timedelta(days=1)
    return datetime.date(value, 1, 1), datetime.date(value, 12, 31)


def split_sql_statements(script: str) -> list[str]:
    """Split on top-level semicolons, ignoring those in quotes and comments; drop comments."""
    statements: list[str] = []
    current: list[str] = []
    i, n = 0, len(script)
    while i < n:
        ch = script[i]
        if ch in ("'", '"'):
            end = i + 1
            while end < n:
                if script[end] == ch:
                    if end + 1 < n and script[end + 1] == ch:
                        end += 2
                        continue
                    break
                end += 1
            current.append(script[i : end + 1])
            i = end + 1
        elif script.startswith("--", i):
            newline = script.find("\n", i)
            i = n if newline == -1 else newline
        elif script.startswith("/*", i):
            close = script.find("*/", i + 2)
            i = n if close == -1 else close + 2
        elif ch == ";":
            current.append(";")
            _flush_statement(current, statements)
            current = []
            i += 1
        else:
            current.append(ch)
            i += 1
    _flush_statement(current, statements)
    return statements


def _flush_statement(parts: list[str], statements: list[str]) -> None:
    text = "".join(parts).strip()
    if text and text != ";":
        statements.append(text)


__all__ = ["BaseDatabaseOperations", "backend_utils", "split_sql_statements"]
