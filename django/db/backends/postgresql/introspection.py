"""Reading PostgreSQL's schema from pg_catalog."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from django.db.backends.base.introspection import BaseDatabaseIntrospection, constraint_info

# The base FieldInfo/TableInfo fields spelled out, then ours, so type checkers know them.
FieldInfo = namedtuple(
    "FieldInfo",
    "name type_code display_size internal_size precision scale null_ok default collation is_autofield comment",
)
TableInfo = namedtuple("TableInfo", "name type comment")

_TABLE_LIST_SQL = """
SELECT c.relname,
       CASE WHEN c.relispartition THEN 'p' WHEN c.relkind IN ('m', 'v') THEN 'v' ELSE 't' END,
       obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
  AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
  AND pg_catalog.pg_table_is_visible(c.oid)
"""

_COLUMNS_SQL = """
SELECT a.attname,
       NOT a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid),
       CASE WHEN coll.collname = 'default' THEN NULL ELSE coll.collname END,
       a.attidentity != '' OR pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%%',
       col_description(a.attrelid, a.attnum)
FROM pg_attribute a
LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
LEFT JOIN pg_collation coll ON a.attcollation = coll.oid
JOIN pg_class c ON a.attrelid = c.oid
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
  AND c.relname = %s
  AND a.attnum > 0 AND NOT a.attisdropped
  AND pg_catalog.pg_table_is_visible(c.oid)
"""

_SEQUENCES_SQL = """
SELECT s.relname, a.attname
FROM pg_class s
JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
JOIN pg_class tbl ON tbl.oid = d.refobjid
WHERE s.relkind = 'S' AND tbl.relname = %s AND pg_catalog.pg_table_is_visible(tbl.oid)
"""

_RELATIONS_SQL = """
SELECT a1.attname, c2.relname, a2.attname
FROM pg_constraint con
JOIN pg_class c1 ON con.conrelid = c1.oid
JOIN pg_class c2 ON con.confrelid = c2.oid
JOIN pg_attribute a1 ON a1.attrelid = c1.oid AND a1.attnum = con.conkey[1]
JOIN pg_attribute a2 ON a2.attrelid = c2.oid AND a2.attnum = con.confkey[1]
WHERE con.contype = 'f' AND c1.relname = %s AND pg_catalog.pg_table_is_visible(c1.oid)
"""

_CONSTRAINTS_SQL = """
SELECT con.conname,
       ARRAY(SELECT att.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum ORDER BY k.ord),
       con.contype,
       (SELECT fkc.relname || '.' || fka.attname FROM pg_attribute fka
        JOIN pg_class fkc ON fka.attrelid = fkc.oid
        WHERE fka.attrelid = con.confrelid AND fka.attnum = con.confkey[1]),
       cl.reloptions,
       pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN pg_class cl ON con.conrelid = cl.oid
WHERE cl.relname = %s AND pg_catalog.pg_table_is_visible(cl.oid)
"""

_INDEXES_SQL = """
SELECT ic.relname,
       ARRAY(SELECT att.attname FROM unnest(idx.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
             LEFT JOIN pg_attribute att ON att.attrelid = idx.indrelid AND att.attnum = k.attnum
             WHERE k.ord <= idx.indnkeyatts ORDER BY k.ord),
       ARRAY(SELECT CASE WHEN (o.opt & 1) = 1 THEN 'DESC' ELSE 'ASC' END
             FROM unnest(idx.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord),
       idx.indisunique,
       idx.indisprimary,
       am.amname,
       pg_get_indexdef(idx.indexrelid),
       ic.reloptions
FROM pg_index idx
JOIN pg_class tc ON tc.oid = idx.indrelid
JOIN pg_class ic ON ic.oid = idx.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE tc.relname = %s AND pg_catalog.pg_table_is_visible(tc.oid)
"""


class DatabaseIntrospection(BaseDatabaseIntrospection):
    data_types_reverse = {
        16: "BooleanField",
        17: "BinaryField",
        20: "BigIntegerField",
        21: "SmallIntegerField",
        23: "IntegerField",
        25: "TextField",
        700: "FloatField",
        701: "FloatField",
        869: "GenericIPAddressField",
        1042: "CharField",
        1043: "CharField",
        1082: "DateField",
        1083: "TimeField",
        1114: "DateTimeField",
        1184: "DateTimeField",
        1186: "DurationField",
        1266: "TimeField",
        1700: "DecimalField",
        2950: "UUIDField",
        3802: "JSONField",
    }
    # Ordering of index columns (the 'orders' key of get_constraints()).
    index_default_access_method = "btree"
    ignored_tables: list[str] = []

    def get_field_type(self, data_type: Any, description: Any) -> str:
        field_type = super().get_field_type(data_type, description)
        if getattr(description, "is_autofield", False):
            return {
                "IntegerField": "AutoField",
                "BigIntegerField": "BigAutoField",
                "SmallIntegerField": "SmallAutoField",
            }.get(field_type, field_type)
        return field_type

    def get_table_list(self, cursor: Any) -> list:
        cursor.execute(_TABLE_LIST_SQL)
        return [TableInfo(*row) for row in cursor.fetchall() if row[0] not in self.ignored_tables]

    def get_table_description(self, cursor: Any, table_name: str) -> list:
        cursor.execute(_COLUMNS_SQL, [table_name])
        column_info = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(f"SELECT * FROM {self.connection.ops.quote_name(table_name)} LIMIT 1")
        fields = []
        for column in cursor.description:
            null_ok, default, collation, is_autofield, comment = column_info[column.name]
            fields.append(
                FieldInfo(
                    column.name,
                    column.type_code,
                    column.display_size,
                    column.internal_size if column.internal_size and column.internal_size > 0 else None,
                    column.precision,
                    column.scale,
                    null_ok,
                    default,
                    collation,
                    is_autofield,
                    comment,
                )
            )
        return fields

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        cursor.execute(_SEQUENCES_SQL, [table_name])
        return [{"name": name, "table": table_name, "column": column} for name, column in cursor.fetchall()]

    def get_relations(self, cursor: Any, table_name: str) -> dict[str, tuple[str, str]]:
        cursor.execute(_RELATIONS_SQL, [table_name])
        return {column: (ref_column, ref_table) for column, ref_table, ref_column in cursor.fetchall()}

    def get_constraints(self, cursor: Any, table_name: str) -> dict[str, dict]:
        constraints: dict[str, dict] = {}
        cursor.execute(_CONSTRAINTS_SQL, [table_name])
        for name, columns, kind, used_cols, options, definition in cursor.fetchall():
            info = constraint_info(
                list(columns),
                primary_key=kind == "p",
                unique=kind in ("p", "u"),
                foreign_key=tuple(used_cols.split(".", 1)) if kind == "f" else None,
                check=kind == "c",
            )
            info["options"] = options
            info["definition"] = definition if kind == "c" else None
            constraints[name] = info
        cursor.execute(_INDEXES_SQL, [table_name])
        for name, columns, orders, unique, primary, method, definition, options in cursor.fetchall():
            if name in constraints:
                continue
            columns = [] if columns == [None] else list(columns)
            info = constraint_info(
                columns,
                primary_key=primary,
                unique=unique,
                index=True,
                type="idx" if method == self.index_default_access_method else method,
                orders=list(orders)[: len(columns)] if method == "btree" else [],
                definition=definition if None in columns or not columns else None,
            )
            info["options"] = options
            constraints[name] = info
        return constraints
