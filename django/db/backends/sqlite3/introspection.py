"""Reading SQLite's schema through sqlite_master and the table PRAGMAs."""

from __future__ import annotations

import re
from collections import namedtuple
from typing import Any

from django.db.backends.base.introspection import BaseDatabaseIntrospection, TableInfo, constraint_info

# The base FieldInfo fields spelled out, then ours, so type checkers know them.
FieldInfo = namedtuple(
    "FieldInfo",
    "name type_code display_size internal_size precision scale null_ok default collation pk has_json_constraint",
)

_FIELD_SIZE = re.compile(r"^\s*(?:var)?char\s*\(\s*(\d+)\s*\)\s*$", re.IGNORECASE)
# The first word of a column definition: a name quoted "...", `...` or [...], or a bare word.
_LEADING_NAME = re.compile(r'\s*("(?:[^"]|"")+"|`(?:[^`]|``)+`|\[[^\]]+\]|\w+)')
_NAMED_CONSTRAINT = re.compile(r'CONSTRAINT\s+("(?:[^"]|"")+"|\w+)\s+(UNIQUE|CHECK)\s*\(', re.IGNORECASE)


def _field_size(data_type: str) -> int | None:
    match = _FIELD_SIZE.match(data_type)
    return int(match.group(1)) if match else None


class FlexibleFieldLookupDict:
    """Maps SQLite declared types to field classes, ignoring case and size arguments."""

    base_data_types_reverse = {
        "bool": "BooleanField",
        "boolean": "BooleanField",
        "smallint": "SmallIntegerField",
        "smallint unsigned": "PositiveSmallIntegerField",
        "smallinteger": "SmallIntegerField",
        "int": "IntegerField",
        "integer": "IntegerField",
        "bigint": "BigIntegerField",
        "integer unsigned": "PositiveIntegerField",
        "bigint unsigned": "PositiveBigIntegerField",
        "decimal": "DecimalField",
        "real": "FloatField",
        "text": "TextField",
        "char": "CharField",
        "varchar": "CharField",
        "blob": "BinaryField",
        "date": "DateField",
        "datetime": "DateTimeField",
        "time": "TimeField",
    }

    def __getitem__(self, key: str) -> str:
        key = key.lower().split("(", 1)[0].strip()
        return self.base_data_types_reverse[key]


def _split_top_level(body: str) -> list[str]:
    parts, depth, current, quote = [], 0, [], ""
    for ch in body:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    if current:
        parts.append("".join(current).strip())
    return parts


def _unquote(name: str) -> str:
    if name[:1] == name[-1:] and name[:1] in "\"`'":
        return name[1:-1].replace(name[0] * 2, name[0])
    if name[:1] == "[" and name[-1:] == "]":
        return name[1:-1]
    return name


class DatabaseIntrospection(BaseDatabaseIntrospection):
    data_types_reverse = FlexibleFieldLookupDict()  # type: ignore[assignment]

    def get_field_type(self, data_type: Any, description: Any) -> str:
        field_type = super().get_field_type(data_type, description)
        if description.pk and field_type in ("IntegerField", "BigIntegerField", "SmallIntegerField"):
            # An INTEGER PRIMARY KEY is SQLite's rowid: it numbers new rows by itself.
            return "AutoField"
        if field_type == "TextField" and description.has_json_constraint:
            return "JSONField"
        return field_type

    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        cursor.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
        return [TableInfo(name, kind[0]) for name, kind in cursor.fetchall()]

    def get_table_description(self, cursor: Any, table_name: str) -> list[FieldInfo]:
        quoted = self.connection.ops.quote_name(table_name)
        cursor.execute(f"PRAGMA table_xinfo({quoted})")
        rows = cursor.fetchall()
        if not rows:
            from django.db.utils import DatabaseError

            raise DatabaseError(f"Table {table_name} does not exist (empty pragma).")
        collations = self._column_collations(cursor, table_name)
        json_columns = self._json_columns(cursor, table_name)
        single_pk = sum(1 for row in rows if row[5]) == 1
        return [
            FieldInfo(
                name,
                data_type,
                _field_size(data_type),
                None,
                None,
                None,
                not notnull and not (pk and single_pk),  # a rowid key is never NULL
                default,
                collations.get(name),
                bool(pk) and single_pk,
                name in json_columns,
            )
            for _cid, name, data_type, notnull, default, pk, _hidden in rows
        ]

    def _json_columns(self, cursor: Any, table_name: str) -> set[str]:
        sql = self._table_sql(cursor, table_name)
        found = re.findall(r'JSON_VALID\(\s*("(?:[^"]|"")+"|\w+)\s*\)', sql, re.IGNORECASE)
        return {_unquote(name) for name in found}

    def _table_sql(self, cursor: Any, table_name: str) -> str:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('table', 'view') AND name = %s", [table_name]
        )
        row = cursor.fetchone()
        return row[0] if row and row[0] else ""

    def _column_collations(self, cursor: Any, table_name: str) -> dict[str, str]:
        sql = self._table_sql(cursor, table_name)
        body = sql[sql.find("(") + 1 : sql.rfind(")")] if "(" in sql else ""
        result = {}
        for item in _split_top_level(body):
            match = re.match(
                r'("(?:[^"]|"")+"|`[^`]+`|\w+)\s+.*?\bCOLLATE\s+("?\w+"?)', item, re.IGNORECASE | re.DOTALL
            )
            if match:
                result[_unquote(match.group(1))] = _unquote(match.group(2))
        return result

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        pk_column = self.get_primary_key_column(cursor, table_name)
        return [{"table": table_name, "column": pk_column}]

    def get_relations(self, cursor: Any, table_name: str) -> dict[str, tuple[str, str]]:
        cursor.execute(f"PRAGMA foreign_key_list({self.connection.ops.quote_name(table_name)})")
        relations = {}
        for _id, _seq, ref_table, from_column, to_column, *_ in cursor.fetchall():
            if to_column is None:
                to_column = self.get_primary_key_column(cursor, ref_table)
            relations[from_column] = (to_column, ref_table)
        return relations

    def get_primary_key_columns(self, cursor: Any, table_name: str) -> list[str] | None:
        cursor.execute(f"PRAGMA table_info({self.connection.ops.quote_name(table_name)})")
        keyed = sorted((pk, name) for _cid, name, _type, _nn, _default, pk in cursor.fetchall() if pk)
        return [name for _pk, name in keyed] or None

    def get_constraints(self, cursor: Any, table_name: str) -> dict[str, dict]:
        quote = self.connection.ops.quote_name
        constraints: dict[str, dict] = {}
        named = self._named_table_constraints(cursor, table_name)
        constraints.update(named)
        unique_by_columns = {tuple(info["columns"]): name for name, info in named.items() if info["unique"]}
        cursor.execute(f"PRAGMA index_list({quote(table_name)})")
        for _seq, index_name, unique, origin, _partial in cursor.fetchall():
            if origin == "pk":
                continue
            cursor.execute(f"PRAGMA index_xinfo({quote(index_name)})")
            columns, orders = [], []
            for _seqno, _cid, column, desc, _coll, key in cursor.fetchall():
                if key:
                    columns.append(column)
                    orders.append("DESC" if desc else "ASC")
            if origin == "u" and tuple(columns) in unique_by_columns:
                continue  # Reported under the constraint's own name.
            if None in columns:
                columns = []  # An index on expressions.
            constraints[index_name] = constraint_info(
                columns, unique=bool(unique), index=True, type="idx", orders=orders
            )
        pk_columns = self.get_primary_key_columns(cursor, table_name)
        if pk_columns:
            constraints["__primary__"] = constraint_info(pk_columns, primary_key=True, unique=True)
        cursor.execute(f"PRAGMA foreign_key_list({quote(table_name)})")
        for fk_id, _seq, ref_table, from_column, to_column, *_ in cursor.fetchall():
            if to_column is None:
                to_column = self.get_primary_key_column(cursor, ref_table)
            constraints[f"fk_{fk_id}"] = constraint_info([from_column], foreign_key=(ref_table, to_column))
        return constraints

    def _named_table_constraints(self, cursor: Any, table_name: str) -> dict[str, dict]:
        """Named UNIQUE and CHECK constraints, and unnamed CHECKs, parsed from CREATE TABLE."""
        sql = self._table_sql(cursor, table_name)
        if "(" not in sql:
            return {}
        body = sql[sql.find("(") + 1 : sql.rfind(")")]
        column_names = [
            _unquote(row[1])
            for row in cursor.execute(
                f"PRAGMA table_info({self.connection.ops.quote_name(table_name)})"
            ).fetchall()
        ]
        result: dict[str, dict] = {}
        unnamed = 0
        for item in _split_top_level(body):
            match = _NAMED_CONSTRAINT.match(item)
            if match:
                name, kind = _unquote(match.group(1)), match.group(2).upper()
                inner = item[match.end() : item.rfind(")")]
                if kind == "UNIQUE":
                    columns = [_unquote(col.strip().split()[0]) for col in _split_top_level(inner)]
                    result[name] = constraint_info(columns, unique=True)
                else:
                    result[name] = constraint_info(self._columns_in(inner, column_names), check=True)
                continue
            check_at = re.search(r"\bCHECK\s*\(", item, re.IGNORECASE)
            if check_at:
                unnamed += 1
                leading = _LEADING_NAME.match(item)
                first = _unquote(leading.group(1)) if leading else None
                columns = (
                    [first]
                    if first in column_names
                    else self._columns_in(item[check_at.end() :], column_names)
                )
                result[f"__unnamed_constraint_{unnamed}__"] = constraint_info(columns, check=True)
        return result

    @staticmethod
    def _columns_in(expression: str, column_names: list[str]) -> list[str]:
        tokens = {_unquote(token) for token in re.findall(r'"(?:[^"]|"")+"|\w+', expression)}
        return [name for name in column_names if name in tokens]
