"""PostgreSQL's dialect: EXTRACT/DATE_TRUNC, AT TIME ZONE, RETURNING, DISTINCT ON, TRUNCATE."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations, Params
from django.db.backends.postgresql.psycopg_any import Jsonb, json_dumps, mogrify
from django.db.backends.utils import split_tzname_delta

_EXTRACT_NAME = re.compile(r"[A-Z_]+")
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
_INSENSITIVE_LOOKUPS = frozenset({"iexact", "icontains", "istartswith", "iendswith"})
_TEXT_TYPES = frozenset(
    {"CharField", "TextField", "EmailField", "SlugField", "URLField", "FilePathField", "FileField"}
)


class DatabaseOperations(BaseDatabaseOperations):
    cast_char_field_without_max_length = "varchar"
    explain_prefix = "EXPLAIN"
    explain_options = frozenset(
        [
            "ANALYZE",
            "BUFFERS",
            "COSTS",
            "GENERIC_PLAN",
            "MEMORY",
            "SETTINGS",
            "SERIALIZE",
            "SUMMARY",
            "TIMING",
            "VERBOSE",
            "WAL",
        ]
    )
    cast_data_types = {"AutoField": "integer", "BigAutoField": "bigint", "SmallAutoField": "smallint"}

    def quote_name(self, name: str) -> str:
        if name.startswith('"') and name.endswith('"'):
            return name
        return '"%s"' % name.replace('"', '""')

    def max_name_length(self) -> int:
        return 63

    def no_limit_value(self) -> None:
        return None

    def deferrable_sql(self) -> str:
        return " DEFERRABLE INITIALLY DEFERRED"

    def set_time_zone_sql(self) -> str:
        return "SELECT set_config('TimeZone', %s, false)"

    def tablespace_sql(self, tablespace: str | None, inline: bool = False) -> str:
        if not tablespace:
            return ""
        prefix = "USING INDEX TABLESPACE" if inline else "TABLESPACE"
        return f"{prefix} {self.quote_name(tablespace)}"

    def unification_cast_sql(self, output_field: Any) -> str:
        internal_type = output_field.get_internal_type()
        if internal_type in ("GenericIPAddressField", "IPAddressField", "TimeField", "UUIDField"):
            # Without a cast, UNION would unify these as text.
            return "CAST(%%s AS %s)" % output_field.db_type(self.connection)
        return "%s"

    # Date and time.

    def date_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        if lookup_type == "week_day":
            return f"EXTRACT(DOW FROM {sql}) + 1", params
        if lookup_type == "iso_week_day":
            return f"EXTRACT(ISODOW FROM {sql})", params
        if lookup_type == "iso_year":
            return f"EXTRACT(ISOYEAR FROM {sql})", params
        name = lookup_type.upper()
        if not _EXTRACT_NAME.fullmatch(name):
            raise ValueError(f"Invalid lookup type: {lookup_type!r}")
        return f"EXTRACT({name} FROM {sql})", params

    def _tz_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        from django.conf import settings

        if tzname and settings.USE_TZ:
            name, sign, offset = split_tzname_delta(tzname)
            if offset:
                # POSIX offsets count the other way round in AT TIME ZONE.
                tzname = f"{name}{'-' if sign == '+' else '+'}{offset}"
            return f"{sql} AT TIME ZONE %s", (*params, tzname)
        return sql, params

    def date_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"DATE_TRUNC(%s, {sql})", (lookup_type, *params)

    def datetime_cast_date_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"({sql})::date", params

    def datetime_cast_time_sql(self, sql: str, params: Params, tzname: str | None) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"({sql})::time", params

    def datetime_extract_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        if lookup_type == "second":
            # Whole seconds, as Django's other backends return them.
            return f"EXTRACT(SECOND FROM DATE_TRUNC(%s, {sql}))", ("second", *params)
        return self.date_extract_sql(lookup_type, sql, params)

    def datetime_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"DATE_TRUNC(%s, {sql})", (lookup_type, *params)

    def time_extract_sql(self, lookup_type: str, sql: str, params: Params) -> tuple[str, Params]:
        if lookup_type == "second":
            return f"EXTRACT(SECOND FROM DATE_TRUNC(%s, {sql}))", ("second", *params)
        return self.date_extract_sql(lookup_type, sql, params)

    def time_trunc_sql(
        self, lookup_type: str, sql: str, params: Params, tzname: str | None = None
    ) -> tuple[str, Params]:
        sql, params = self._tz_sql(sql, params, tzname)
        return f"DATE_TRUNC(%s, {sql})::time", (lookup_type, *params)

    def subtract_temporals(self, internal_type: str, lhs: tuple, rhs: tuple) -> tuple[str, Params]:
        if internal_type == "DateField":
            (lhs_sql, lhs_params), (rhs_sql, rhs_params) = lhs, rhs
            return f"(interval '1 day' * ({lhs_sql} - {rhs_sql}))", (*lhs_params, *rhs_params)
        return super().subtract_temporals(internal_type, lhs, rhs)

    # Lookups.

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        lookup = "%s"
        if lookup_type in _TEXT_LOOKUPS:
            if internal_type in ("GenericIPAddressField", "IPAddressField"):
                lookup = "HOST(%s)"
            elif internal_type not in _TEXT_TYPES:
                lookup = "%s::text"
        if lookup_type in _INSENSITIVE_LOOKUPS:
            lookup = f"UPPER({lookup})"
        return lookup

    def prep_for_iexact_query(self, x: Any) -> Any:
        return x  # iexact is "= UPPER(%s)", not LIKE.

    def regex_lookup(self, lookup_type: str) -> str:
        return "%s ~* %s" if lookup_type == "iregex" else "%s ~ %s"

    # SELECT.

    def distinct_sql(self, fields: list[str], params: Params) -> tuple[list[str], list]:
        if fields:
            flat = [param for group in params for param in group]
            return [f"DISTINCT ON ({', '.join(fields)})"], flat
        return ["DISTINCT"], []

    def explain_query_prefix(self, format: str | None = None, **options: Any) -> str:
        extra = {}
        for key in list(options):
            if key.upper() in self.explain_options:
                value = options.pop(key)
                if value is not None:
                    extra[key.upper()] = "true" if value is True else "false" if value is False else value
        prefix = super().explain_query_prefix(format, **options)
        if format:
            extra["FORMAT"] = format.upper()
        if extra:
            prefix += " (%s)" % ", ".join(f"{key} {value}" for key, value in extra.items())
        return prefix

    # INSERT.

    def on_conflict_suffix_sql(
        self,
        fields: Sequence[Any],
        on_conflict: Any,
        update_fields: Sequence[Any],
        unique_fields: Sequence[Any],
    ) -> str:
        from django.db.models.constants import OnConflict

        if on_conflict == OnConflict.IGNORE:
            return "ON CONFLICT DO NOTHING"
        if on_conflict == OnConflict.UPDATE:
            return self.on_conflict_do_update_sql(update_fields, unique_fields)
        return super().on_conflict_suffix_sql(fields, on_conflict, update_fields, unique_fields)

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        query = getattr(cursor, "_query", None)
        if query is not None and getattr(query, "query", None):
            text = query.query
            return text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        if params and self.connection.connection is not None:
            try:
                return mogrify(sql, params, self.connection.connection)
            except Exception:
                pass
        return super().last_executed_query(cursor, sql, params)

    def compose_sql(self, sql: str, params: Any) -> str:
        self.connection.ensure_connection()
        return mogrify(sql, params, self.connection.connection)

    # Flush and sequences.

    def sql_flush(
        self, style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        if not tables:
            return []
        names = ", ".join(style.SQL_FIELD(self.quote_name(table)) for table in tables)
        statement = f"{style.SQL_KEYWORD('TRUNCATE')} {names}"
        if reset_sequences:
            statement += " " + style.SQL_KEYWORD("RESTART IDENTITY")
        if allow_cascade:
            statement += " " + style.SQL_KEYWORD("CASCADE")
        return [statement + ";"]

    def sequence_reset_by_name_sql(self, style: Any, sequences: list[dict]) -> list[str]:
        statements = []
        for sequence in sequences:
            table = self.quote_name(sequence["table"]).replace("'", "''")
            column = sequence.get("column") or "id"
            statements.append(
                f"{style.SQL_KEYWORD('SELECT')} {style.SQL_TABLE('setval')}"
                f"(pg_get_serial_sequence('{table}','{style.SQL_FIELD(column)}'), 1, false);"
            )
        return statements

    def sequence_reset_sql(self, style: Any, model_list: Sequence[Any]) -> list[str]:
        """Set each auto-increment sequence to the current maximum of its column."""
        statements = []
        for model in model_list:
            for field in model._meta.local_fields:
                if field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
                    table = self.quote_name(model._meta.db_table)
                    column = self.quote_name(field.column)
                    statements.append(
                        f"{style.SQL_KEYWORD('SELECT')} {style.SQL_TABLE('setval')}(pg_get_serial_sequence("
                        f"'{table.replace(chr(39), chr(39) * 2)}','{field.column}'), "
                        f"coalesce(max({column}), 1), max({column}) {style.SQL_KEYWORD('IS NOT')} null) "
                        f"{style.SQL_KEYWORD('FROM')} {table};"
                    )
                    break
        return statements

    # Values.

    def adapt_datefield_value(self, value: Any) -> Any:
        return value

    def adapt_datetimefield_value(self, value: Any) -> Any:
        return value

    def adapt_timefield_value(self, value: Any) -> Any:
        if (
            value is not None
            and getattr(value, "tzinfo", None) is not None
            and not hasattr(value, "resolve_expression")
        ):
            raise ValueError("Django does not support timezone-aware times.")
        return value

    def adapt_decimalfield_value(
        self, value: Any, max_digits: int | None = None, decimal_places: int | None = None
    ) -> Any:
        return value

    def adapt_ipaddressfield_value(self, value: Any) -> Any:
        return value or None

    def adapt_json_value(self, value: Any, encoder: Any) -> Any:
        return Jsonb(value, dumps=json_dumps(encoder))

    def fetch_returned_insert_rows(self, cursor: Any) -> list:
        return cursor.fetchall()

    fetch_returned_rows = fetch_returned_insert_rows
