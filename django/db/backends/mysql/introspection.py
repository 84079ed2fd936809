"""Reading MySQL/MariaDB schemas through information_schema and SHOW INDEX."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from MySQLdb.constants import FIELD_TYPE

from django.db.backends.base.introspection import BaseDatabaseIntrospection, constraint_info

# The base FieldInfo/TableInfo fields spelled out, then ours, so type checkers know them.
FieldInfo = namedtuple(
    "FieldInfo",
    "name type_code display_size internal_size precision scale null_ok default collation"
    " extra is_unsigned has_json_constraint comment data_type",
)
TableInfo = namedtuple("TableInfo", "name type comment")

_COLUMNS_SQL = """
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, extra,
       column_default,
       CASE WHEN collation_name = (SELECT default_collation_name FROM information_schema.schemata
                                   WHERE schema_name = DATABASE()) THEN NULL ELSE collation_name END,
       CASE WHEN column_type LIKE '%% unsigned' THEN 1 ELSE 0 END,
       column_comment, is_nullable
FROM information_schema.columns
WHERE table_name = %s AND table_schema = DATABASE()
"""


class DatabaseIntrospection(BaseDatabaseIntrospection):
    data_types_reverse = {
        FIELD_TYPE.BLOB: "TextField",
        FIELD_TYPE.CHAR: "CharField",
        FIELD_TYPE.DECIMAL: "DecimalField",
        FIELD_TYPE.NEWDECIMAL: "DecimalField",
        FIELD_TYPE.DATE: "DateField",
        FIELD_TYPE.DATETIME: "DateTimeField",
        FIELD_TYPE.DOUBLE: "FloatField",
        FIELD_TYPE.FLOAT: "FloatField",
        FIELD_TYPE.INT24: "IntegerField",
        FIELD_TYPE.JSON: "JSONField",
        FIELD_TYPE.LONG: "IntegerField",
        FIELD_TYPE.LONGLONG: "BigIntegerField",
        FIELD_TYPE.SHORT: "SmallIntegerField",
        FIELD_TYPE.STRING: "CharField",
        FIELD_TYPE.TIME: "TimeField",
        FIELD_TYPE.TIMESTAMP: "DateTimeField",
        FIELD_TYPE.TINY: "IntegerField",
        FIELD_TYPE.TINY_BLOB: "TextField",
        FIELD_TYPE.MEDIUM_BLOB: "TextField",
        FIELD_TYPE.LONG_BLOB: "TextField",
        FIELD_TYPE.VAR_STRING: "CharField",
    }

    def get_field_type(self, data_type: Any, description: Any) -> str:
        field_type = super().get_field_type(data_type, description)
        if "auto_increment" in (description.extra or ""):
            return {
                "IntegerField": "AutoField",
                "BigIntegerField": "BigAutoField",
                "SmallIntegerField": "SmallAutoField",
            }.get(field_type, field_type)
        if description.is_unsigned:
            return {
                "BigIntegerField": "PositiveBigIntegerField",
                "IntegerField": "PositiveIntegerField",
                "SmallIntegerField": "PositiveSmallIntegerField",
            }.get(field_type, field_type)
        if description.has_json_constraint:
            return "JSONField"  # MariaDB stores JSON as LONGTEXT with a JSON_VALID check.
        return field_type

    def get_table_list(self, cursor: Any) -> list:
        cursor.execute(
            "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 't' END, table_comment "
            "FROM information_schema.tables WHERE table_schema = DATABASE()"
        )
        return [TableInfo(*row) for row in cursor.fetchall()]

    def _json_constrained_columns(self, cursor: Any, table_name: str) -> set[str]:
        cursor.execute(
            "SELECT c.constraint_name, c.check_clause FROM information_schema.check_constraints c "
            "WHERE c.constraint_schema = DATABASE() AND c.table_name = %s",
            [table_name],
        )
        return {name for name, clause in cursor.fetchall() if clause.lower().startswith("json_valid(")}

    def get_table_description(self, cursor: Any, table_name: str) -> list:
        json_columns = self._json_constrained_columns(cursor, table_name)
        cursor.execute(_COLUMNS_SQL, [table_name])
        info = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(f"SELECT * FROM {self.connection.ops.quote_name(table_name)} LIMIT 1")
        fields = []
        for column in cursor.description:
            name, type_code, display_size, internal_size, precision, scale, _null_ok = column
            (
                data_type,
                max_length,
                num_precision,
                num_scale,
                extra,
                default,
                collation,
                unsigned,
                comment,
                nullable,
            ) = info[name]
            fields.append(
                FieldInfo(
                    name,
                    type_code,
                    max_length if max_length is not None else display_size,
                    internal_size,
                    num_precision if num_precision is not None else precision,
                    num_scale if num_scale is not None else scale,
                    nullable == "YES",
                    default,
                    collation,
                    extra,
                    bool(unsigned),
                    name in json_columns,
                    comment,
                    data_type,
                )
            )
        return fields

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        for info in self.get_table_description(cursor, table_name):
            if "auto_increment" in (info.extra or ""):
                return [{"table": table_name, "column": info.name}]
        return []

    def get_relations(self, cursor: Any, table_name: str) -> dict[str, tuple[str, str]]:
        cursor.execute(
            "SELECT column_name, referenced_column_name, referenced_table_name "
            "FROM information_schema.key_column_usage "
            "WHERE table_name = %s AND table_schema = DATABASE() AND referenced_table_name IS NOT NULL",
            [table_name],
        )
        return {column: (ref_column, ref_table) for column, ref_column, ref_table in cursor.fetchall()}

    def get_storage_engine(self, cursor: Any, table_name: str) -> str:
        cursor.execute(
            "SELECT engine FROM information_schema.tables WHERE table_name = %s AND table_schema = DATABASE()",
            [table_name],
        )
        row = cursor.fetchone()
        return row[0] if row else self.connection.features._storage_engine

    def get_constraints(self, cursor: Any, table_name: str) -> dict[str, dict]:
        constraints: dict[str, dict] = {}
        cursor.execute(
            "SELECT kc.constraint_name, kc.column_name, kc.referenced_table_name, kc.referenced_column_name, "
            "c.constraint_type FROM information_schema.key_column_usage kc "
            "JOIN information_schema.table_constraints c ON kc.table_schema = c.table_schema "
            "AND kc.table_name = c.table_name AND kc.constraint_name = c.constraint_name "
            "WHERE kc.table_schema = DATABASE() AND kc.table_name = %s ORDER BY kc.ordinal_position",
            [table_name],
        )
        for name, column, ref_table, ref_column, kind in cursor.fetchall():
            if name not in constraints:
                constraints[name] = constraint_info(
                    [],
                    primary_key=kind == "PRIMARY KEY",
                    unique=kind in ("PRIMARY KEY", "UNIQUE"),
                    foreign_key=(ref_table, ref_column) if ref_column else None,
                )
            constraints[name]["columns"].append(column)
        self._add_check_constraints(cursor, table_name, constraints)
        self._add_indexes(cursor, table_name, constraints)
        return constraints

    def _add_check_constraints(self, cursor: Any, table_name: str, constraints: dict) -> None:
        column_names = [info.name for info in self.get_table_description(cursor, table_name)]
        cursor.execute(
            "SELECT constraint_name, check_clause FROM information_schema.check_constraints "
            "WHERE constraint_schema = DATABASE() AND table_name = %s",
            [table_name],
        )
        for name, clause in cursor.fetchall():
            if name in column_names:
                columns = [name]  # MariaDB names a column-level check after its column.
            else:
                columns = [col for col in column_names if f"`{col}`" in clause]
            constraints[name] = constraint_info(columns, check=True, definition=clause)

    def _add_indexes(self, cursor: Any, table_name: str, constraints: dict) -> None:
        cursor.execute(f"SHOW INDEX FROM {self.connection.ops.quote_name(table_name)}")
        for row in cursor.fetchall():
            non_unique, name, column, collation, index_type = row[1], row[2], row[4], row[5], row[10]
            if name not in constraints:
                constraints[name] = constraint_info(
                    [],
                    unique=not non_unique,
                    index=True,
                    type="idx" if index_type == "BTREE" else index_type.lower(),
                )
            entry = constraints[name]
            entry["index"] = True
            entry.setdefault("type", "idx" if index_type == "BTREE" else index_type.lower())
            entry.setdefault("orders", [])
            if column is not None and column not in entry["columns"]:
                entry["columns"].append(column)
            if len(entry["orders"]) < len(entry["columns"]):
                entry["orders"].append("DESC" if collation == "D" else "ASC")
