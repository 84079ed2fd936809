"""BaseDatabaseIntrospection: reading tables, columns, keys and constraints back from the database."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

# type is 't' for a table, 'v' for a view ('p' for a partition where supported).
TableInfo = namedtuple("TableInfo", ["name", "type"])

# Column metadata, PEP 249's description plus what Django needs.
FieldInfo = namedtuple(
    "FieldInfo",
    "name type_code display_size internal_size precision scale null_ok default collation",
)


class BaseDatabaseIntrospection:
    # Database column type -> Django field class name, used by inspectdb.
    data_types_reverse: dict[Any, str] = {}

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} vendor={self.connection.vendor!r}>"

    def get_field_type(self, data_type: Any, description: Any) -> str:
        """The Django field class name for a column (``description`` is its FieldInfo)."""
        return self.data_types_reverse[data_type]

    def identifier_converter(self, name: str) -> str:
        """Normalise a name as the database stores it (case folding on some backends)."""
        return name

    def table_names(self, cursor: Any = None, include_views: bool = False) -> list[str]:
        """Sorted names of the tables (and views if asked) in the current database."""

        def names(cur: Any) -> list[str]:
            kinds = {"t", "v"} if include_views else {"t"}
            return sorted(info.name for info in self.get_table_list(cur) if info.type in kinds)

        if cursor is None:
            with self.connection.cursor() as cur:
                return names(cur)
        return names(cursor)

    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseIntrospection may require a get_table_list() method"
        )

    def get_table_description(self, cursor: Any, table_name: str) -> list[Any]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseIntrospection may require a get_table_description() method."
        )

    def get_migratable_models(self) -> list:
        from django.apps import apps
        from django.db import router

        models = []
        for app_config in apps.get_app_configs():
            models.extend(router.get_migratable_models(app_config, self.connection.alias))
        return [model for model in models if _can_migrate(model, self.connection)]

    def django_table_names(self, only_existing: bool = False, include_views: bool = True) -> list[str]:
        """Tables of all installed, migratable models (and their automatic M2M tables)."""
        tables: set[str] = set()
        for model in self.get_migratable_models():
            if not model._meta.managed:
                continue
            tables.add(model._meta.db_table)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    tables.add(through._meta.db_table)
        names = sorted(tables)
        if only_existing:
            existing = {
                self.identifier_converter(name) for name in self.table_names(include_views=include_views)
            }
            names = [name for name in names if self.identifier_converter(name) in existing]
        return names

    def installed_models(self, tables: list[str]) -> set:
        """The installed models whose table is among ``tables``."""
        wanted = {self.identifier_converter(name) for name in tables}
        return {
            model
            for model in self.get_migratable_models()
            if self.identifier_converter(model._meta.db_table) in wanted
        }

    def sequence_list(self) -> list[dict]:
        """{'table', 'column'} for each sequence behind an auto-incrementing column."""
        sequences = []
        with self.connection.cursor() as cursor:
            for model in self.get_migratable_models():
                if not model._meta.managed:
                    continue
                if model._meta.swapped:
                    continue
                sequences.extend(self.get_sequences(cursor, model._meta.db_table, model._meta.local_fields))
                for field in model._meta.local_many_to_many:
                    through = field.remote_field.through
                    if through._meta.auto_created:
                        sequences.extend(self.get_sequences(cursor, through._meta.db_table))
        return sequences

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseIntrospection may require a get_sequences() method"
        )

    def get_relations(self, cursor: Any, table_name: str) -> dict[str, tuple[str, str]]:
        """{column: (referenced column, referenced table)} for the table's foreign keys."""
        raise NotImplementedError(
            "subclasses of BaseDatabaseIntrospection may require a get_relations() method."
        )

    def get_primary_key_column(self, cursor: Any, table_name: str) -> str | None:
        columns = self.get_primary_key_columns(cursor, table_name)
        return columns[0] if columns else None

    def get_primary_key_columns(self, cursor: Any, table_name: str) -> list[str] | None:
        for constraint in self.get_constraints(cursor, table_name).values():
            if constraint["primary_key"]:
                return constraint["columns"]
        return None

    def get_constraints(self, cursor: Any, table_name: str) -> dict[str, dict]:
        """Constraints and indexes of a table, by name.

        Each value has: columns (list), primary_key, unique, index, check (bools),
        foreign_key ((table, column) or None), and for indexes 'type' and 'orders'.
        """
        raise NotImplementedError(
            "subclasses of BaseDatabaseIntrospection may require a get_constraints() method"
        )


def _can_migrate(model: Any, connection: Any) -> bool:
    can_migrate = getattr(model._meta, "can_migrate", None)
    return True if can_migrate is None else can_migrate(connection)


def constraint_info(
    columns: list[str],
    *,
    primary_key: bool = False,
    unique: bool = False,
    foreign_key: tuple[str, str] | None = None,
    check: bool = False,
    index: bool = False,
    type: str | None = None,
    orders: list[str] | None = None,
    definition: str | None = None,
) -> dict:
    """One entry of get_constraints(), with every key present."""
    info = {
        "columns": columns,
        "primary_key": primary_key,
        "unique": unique,
        "foreign_key": foreign_key,
        "check": check,
        "index": index,
        "definition": definition,
        "options": None,
    }
    if index:
        info["type"] = type
        info["orders"] = orders or []
    return info
