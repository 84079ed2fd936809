"""The FROM-clause entries of a Query: the base table and its joins."""

from __future__ import annotations

from django.core.exceptions import FullResultSet
from django.db.models.sql.constants import INNER, LOUTER


class MultiJoin(Exception):
    """Raised by names_to_path() when a multi-valued relation is met but not allowed."""

    def __init__(self, names_pos: int, path_with_names: list):
        self.level = names_pos
        self.names_with_path = path_with_names


class Empty:
    pass


def joining_fields(join_field) -> tuple:
    """(lhs field, rhs field) pairs that make up the ON clause of a relation join."""
    if hasattr(join_field, "get_joining_fields"):
        return tuple(join_field.get_joining_fields())
    return tuple(join_field.get_joining_columns())


class Join:
    """A JOIN of ``table_name`` (as ``table_alias``) onto ``parent_alias`` along ``join_field``.

    Joins are immutable once in a Query's alias_map: promotion returns a new Join,
    so clones of a Query can share them.
    """

    def __init__(
        self,
        table_name: str,
        parent_alias: str,
        table_alias: str | None,
        join_type: str,
        join_field,
        nullable: bool,
        filtered_relation=None,
    ):
        self.table_name = table_name
        self.parent_alias = parent_alias
        self.table_alias = table_alias
        self.join_type = join_type
        self.join_field = join_field
        self.join_fields = joining_fields(join_field)
        self.nullable = nullable
        self.filtered_relation = filtered_relation

    @property
    def join_cols(self) -> tuple:
        return tuple(
            (lhs.column if hasattr(lhs, "column") else lhs, rhs.column if hasattr(rhs, "column") else rhs)
            for lhs, rhs in self.join_fields
        )

    def as_sql(self, compiler, connection) -> tuple[str, tuple]:
        qn = compiler.quote_name_unless_alias
        qn2 = connection.ops.quote_name
        conditions = []
        params: list = []
        for lhs_col, rhs_col in self.join_cols:
            conditions.append(
                f"{qn(self.parent_alias)}.{qn2(lhs_col)} = {qn(self.table_alias)}.{qn2(rhs_col)}"
            )
        restriction = None
        if hasattr(self.join_field, "get_extra_restriction"):
            restriction = self.join_field.get_extra_restriction(self.table_alias, self.parent_alias)
        if restriction is not None:
            sql, extra_params = compiler.compile(restriction)
            conditions.append(sql)
            params.extend(extra_params)
        if self.filtered_relation is not None:
            try:
                sql, extra_params = compiler.compile(self.filtered_relation)
            except FullResultSet:
                sql, extra_params = "", ()
            if sql:
                conditions.append(sql)
                params.extend(extra_params)
        if not conditions:
            declared = getattr(self.join_field, "field", self.join_field)
            raise ValueError(
                f"Join generated an empty ON clause. {declared.__class__.__name__} did not yield "
                "either joining columns or extra restrictions."
            )
        alias_sql = "" if self.table_alias == self.table_name else f" {self.table_alias}"
        sql = f"{self.join_type} {qn(self.table_name)}{alias_sql} ON ({' AND '.join(conditions)})"
        return sql, tuple(params)

    def _copy(self, **changes) -> Join:
        new = self.__class__.__new__(self.__class__)
        new.__dict__ = {**self.__dict__, **changes}
        return new

    def relabeled_clone(self, change_map: dict) -> Join:
        filtered_relation = self.filtered_relation
        if filtered_relation is not None:
            filtered_relation = filtered_relation.relabeled_clone(change_map)
        return self._copy(
            parent_alias=change_map.get(self.parent_alias, self.parent_alias),
            table_alias=change_map.get(self.table_alias, self.table_alias),
            filtered_relation=filtered_relation,
        )

    @property
    def identity(self) -> tuple:
        return (self.__class__, self.table_name, self.parent_alias, self.join_field, self.filtered_relation)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Join):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    def equals(self, other: Join) -> bool:
        """Equal for reuse purposes: the filtered relation is not compared."""
        return self.identity[:-1] == other.identity[:-1]

    def demote(self) -> Join:
        return self._copy(join_type=INNER)

    def promote(self) -> Join:
        return self._copy(join_type=LOUTER)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.join_type} {self.table_name} AS {self.table_alias})"


class BaseTable:
    """The table a query starts FROM. It is never joined, so it has no join type."""

    join_type = None
    parent_alias = None
    filtered_relation = None

    def __init__(self, table_name: str, alias: str | None):
        self.table_name = table_name
        self.table_alias = alias

    def as_sql(self, compiler, connection) -> tuple[str, tuple]:
        alias_sql = "" if self.table_alias == self.table_name else f" {self.table_alias}"
        return compiler.quote_name_unless_alias(self.table_name) + alias_sql, ()

    def relabeled_clone(self, change_map: dict) -> BaseTable:
        return self.__class__(self.table_name, change_map.get(self.table_alias, self.table_alias))

    @property
    def identity(self) -> tuple:
        return self.__class__, self.table_name, self.table_alias

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseTable):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    def equals(self, other) -> bool:
        return self.identity == getattr(other, "identity", None)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.table_name} AS {self.table_alias})"
