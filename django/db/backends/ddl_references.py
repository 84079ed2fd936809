"""Pieces of pending DDL that know which tables and columns they mention.

The schema editor defers some statements (foreign keys, indexes) until the end of a block. If a
table or column is renamed in between, the deferred statements are updated through these objects
instead of being re-rendered from scratch.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any


class Reference:
    """Base class: a fragment of SQL that may mention tables and columns."""

    def references_table(self, table: str) -> bool:
        return False

    def references_column(self, table: str, column: str) -> bool:
        return False

    def references_index(self, table: str, index: str) -> bool:
        return False

    def rename_table_references(self, old_table: str, new_table: str) -> None:
        pass

    def rename_column_references(self, table: str, old_column: str, new_column: str) -> None:
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {str(self)!r}>"

    def __str__(self) -> str:
        raise NotImplementedError


class Table(Reference):
    """A quoted table name."""

    def __init__(self, table: str, quote_name: Callable[[str], str]) -> None:
        self.table = table
        self.quote_name = quote_name

    def references_table(self, table: str) -> bool:
        return self.table == table

    def references_index(self, table: str, index: str) -> bool:
        return self.references_table(table) and str(self) == index

    def rename_table_references(self, old_table: str, new_table: str) -> None:
        if self.table == old_table:
            self.table = new_table

    def __str__(self) -> str:
        return self.quote_name(self.table)


class TableColumns(Table):
    """Base for references to some columns of one table."""

    def __init__(self, table: str, columns: list[str]) -> None:
        self.table = table
        self.columns = list(columns)

    def references_column(self, table: str, column: str) -> bool:
        return self.table == table and column in self.columns

    def rename_column_references(self, table: str, old_column: str, new_column: str) -> None:
        if self.table == table:
            self.columns = [new_column if col == old_column else col for col in self.columns]


class Columns(TableColumns):
    """A comma-separated list of quoted columns, each with an optional suffix (e.g. DESC)."""

    def __init__(
        self, table: str, columns: list[str], quote_name: Callable[[str], str], col_suffixes: Any = ()
    ) -> None:
        self.quote_name = quote_name
        self.col_suffixes = col_suffixes
        super().__init__(table, columns)

    def _suffix(self, index: int) -> str:
        try:
            suffix = self.col_suffixes[index]
        except IndexError:
            return ""
        return f" {suffix}" if suffix else ""

    def __str__(self) -> str:
        return ", ".join(self.quote_name(col) + self._suffix(i) for i, col in enumerate(self.columns))


class IndexName(TableColumns):
    """An index name computed from the table and columns, so it follows renames."""

    def __init__(self, table: str, columns: list[str], suffix: str, create_index_name: Callable) -> None:
        self.suffix = suffix
        self.create_index_name = create_index_name
        super().__init__(table, columns)

    def __str__(self) -> str:
        return self.create_index_name(self.table, self.columns, self.suffix)


class IndexColumns(Columns):
    """Columns of an index, each with an optional operator class and suffix."""

    def __init__(
        self,
        table: str,
        columns: list[str],
        quote_name: Callable[[str], str],
        col_suffixes: Any = (),
        opclasses: Any = (),
    ) -> None:
        self.opclasses = opclasses
        super().__init__(table, columns, quote_name, col_suffixes)

    def __str__(self) -> str:
        parts = []
        for i, column in enumerate(self.columns):
            text = self.quote_name(column)
            if i < len(self.opclasses) and self.opclasses[i]:
                text = f"{text} {self.opclasses[i]}"
            parts.append(text + self._suffix(i))
        return ", ".join(parts)


class ForeignKeyName(TableColumns):
    """A foreign key constraint name computed from both ends of the relation."""

    def __init__(
        self,
        from_table: str,
        from_columns: list[str],
        to_table: str,
        to_columns: list[str],
        suffix_template: str,
        create_fk_name: Callable,
    ) -> None:
        self.to_reference = TableColumns(to_table, to_columns)
        self.suffix_template = suffix_template
        self.create_fk_name = create_fk_name
        super().__init__(from_table, from_columns)

    def references_table(self, table: str) -> bool:
        return super().references_table(table) or self.to_reference.references_table(table)

    def references_column(self, table: str, column: str) -> bool:
        return super().references_column(table, column) or self.to_reference.references_column(table, column)

    def rename_table_references(self, old_table: str, new_table: str) -> None:
        super().rename_table_references(old_table, new_table)
        self.to_reference.rename_table_references(old_table, new_table)

    def rename_column_references(self, table: str, old_column: str, new_column: str) -> None:
        super().rename_column_references(table, old_column, new_column)
        self.to_reference.rename_column_references(table, old_column, new_column)

    def __str__(self) -> str:
        suffix = self.suffix_template % {
            "to_table": self.to_reference.table,
            "to_column": self.to_reference.columns[0],
        }
        return self.create_fk_name(self.table, self.columns, suffix)


class Statement(Reference):
    """A SQL template whose named parts may be references; renames reach into the parts."""

    def __init__(self, template: str, **parts: Any) -> None:
        self.template = template
        self.parts = parts

    def _references(self) -> list[Reference]:
        return [part for part in self.parts.values() if isinstance(part, Reference)]

    def references_table(self, table: str) -> bool:
        return any(part.references_table(table) for part in self._references())

    def references_column(self, table: str, column: str) -> bool:
        return any(part.references_column(table, column) for part in self._references())

    def references_index(self, table: str, index: str) -> bool:
        return any(part.references_index(table, index) for part in self._references())

    def rename_table_references(self, old_table: str, new_table: str) -> None:
        for part in self._references():
            part.rename_table_references(old_table, new_table)

    def rename_column_references(self, table: str, old_column: str, new_column: str) -> None:
        for part in self._references():
            part.rename_column_references(table, old_column, new_column)

    def __str__(self) -> str:
        return self.template % self.parts


class Expressions(TableColumns):
    """Index or constraint expressions, compiled on demand so column renames apply."""

    def __init__(self, table: str, expressions: Any, compiler: Any, quote_value: Callable) -> None:
        self.compiler = compiler
        self.expressions = expressions
        self.quote_value = quote_value
        columns = [col.target.column for col in self.compiler.query._gen_cols([self.expressions])]
        super().__init__(table, columns)

    def rename_table_references(self, old_table: str, new_table: str) -> None:
        if self.table != old_table:
            return
        self.expressions = self.expressions.relabeled_clone({old_table: new_table})
        super().rename_table_references(old_table, new_table)

    def rename_column_references(self, table: str, old_column: str, new_column: str) -> None:
        if self.table != table:
            return
        expressions = deepcopy(self.expressions)
        self.columns = []
        for col in self.compiler.query._gen_cols([expressions]):
            if col.target.column == old_column:
                col.target.column = new_column
            self.columns.append(col.target.column)
        self.expressions = expressions

    def __str__(self) -> str:
        sql, params = self.compiler.compile(self.expressions)
        return sql % tuple(self.quote_value(p) for p in params)
