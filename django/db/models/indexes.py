"""Meta.indexes: Index, with generated names and DDL via the schema editor."""

from __future__ import annotations

from typing import Any

from django.db.models.query_utils import Q

__all__ = ["Index"]


class Index:
    suffix = "idx"
    # Fits every supported database (Oracle's limit was 30).
    max_name_length = 30

    def __init__(
        self,
        *expressions: Any,
        fields: Any = (),
        name: str | None = None,
        db_tablespace: str | None = None,
        opclasses: Any = (),
        condition: Any = None,
        include: Any = None,
    ) -> None:
        _validate_index_args(expressions, fields, name, opclasses, condition, include)
        from django.db.models.expressions import F

        self.fields = list(fields)
        # (field name, "DESC" or "") from names like "-pub_date".
        self.fields_orders = [
            (field_name.removeprefix("-"), "DESC" if field_name.startswith("-") else "")
            for field_name in self.fields
        ]
        self.name = name or ""
        self.db_tablespace = db_tablespace
        self.opclasses = opclasses
        self.condition = condition
        self.include = tuple(include) if include else ()
        self.expressions = tuple(F(e) if isinstance(e, str) else e for e in expressions)

    @property
    def contains_expressions(self) -> bool:
        return bool(self.expressions)

    def _get_condition_sql(self, model: Any, schema_editor: Any) -> str | None:
        from django.db.models.constraints import _condition_sql

        return _condition_sql(self.condition, model, schema_editor)

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        include = [model._meta.get_field(name).column for name in self.include]
        condition = self._get_condition_sql(model, schema_editor)
        if self.expressions:
            from django.db.models.expressions import ExpressionList
            from django.db.models.sql.query import Query

            expressions = ExpressionList(*self.expressions).resolve_expression(Query(model, alias_cols=False))
            fields: list = []
            col_suffixes: list = []
        else:
            fields = [model._meta.get_field(field_name) for field_name, _ in self.fields_orders]
            if schema_editor.connection.features.supports_index_column_ordering:
                col_suffixes = [order for _, order in self.fields_orders]
            else:
                col_suffixes = [""] * len(self.fields_orders)
            expressions = None
        return schema_editor._create_index_sql(
            model,
            fields=fields,
            name=self.name,
            using=using,
            db_tablespace=self.db_tablespace,
            col_suffixes=col_suffixes,
            opclasses=self.opclasses,
            condition=condition,
            include=include,
            expressions=expressions,
            **kwargs,
        )

    def remove_sql(self, model: Any, schema_editor: Any, **kwargs: Any) -> Any:
        return schema_editor._delete_index_sql(model, self.name, **kwargs)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path = "%s.%s" % (self.__class__.__module__, self.__class__.__name__)
        path = path.replace("django.db.models.indexes", "django.db.models")
        kwargs: dict[str, Any] = {"name": self.name}
        if self.fields:
            kwargs["fields"] = self.fields
        if self.db_tablespace is not None:
            kwargs["db_tablespace"] = self.db_tablespace
        if self.opclasses:
            kwargs["opclasses"] = self.opclasses
        if self.condition:
            kwargs["condition"] = self.condition
        if self.include:
            kwargs["include"] = self.include
        return path, self.expressions, kwargs

    def clone(self) -> Index:
        _path, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    def set_name_with_model(self, model: Any) -> None:
        """Name the index "<table[:11]>_<column[:7]>_<hash>_idx" (at most 30 characters).

        The hash covers the table, the ordered columns and the suffix, so the name is
        stable across databases and runs.
        """
        from django.db.backends.utils import names_digest, split_identifier

        _, table_name = split_identifier(model._meta.db_table)
        column_names = [model._meta.get_field(field_name).column for field_name, _order in self.fields_orders]
        column_names_with_order = [
            ("-%s" if order else "%s") % column_name
            for column_name, (_field_name, order) in zip(column_names, self.fields_orders)
        ]
        hash_data = [table_name, *column_names_with_order, self.suffix]
        self.name = "%s_%s_%s" % (
            table_name[:11],
            column_names[0][:7],
            "%s_%s" % (names_digest(*hash_data, length=6), self.suffix),
        )
        if len(self.name) > self.max_name_length:
            raise ValueError(
                "Index too long for multiple database support. Is self.suffix longer than 3 characters?"
            )
        if self.name[0] == "_" or self.name[0].isdigit():
            self.name = "D%s" % self.name[1:]

    def __repr__(self) -> str:
        return "<%s:%s%s%s%s%s%s%s>" % (
            self.__class__.__qualname__,
            "" if not self.fields else " fields=%s" % repr(self.fields),
            "" if not self.expressions else " expressions=%s" % repr(self.expressions),
            "" if not self.name else " name=%s" % repr(self.name),
            "" if self.db_tablespace is None else " db_tablespace=%s" % repr(self.db_tablespace),
            "" if self.condition is None else " condition=%s" % self.condition,
            "" if not self.include else " include=%s" % repr(self.include),
            "" if not self.opclasses else " opclasses=%s" % repr(self.opclasses),
        )

    def __eq__(self, other: object) -> bool:
        if self.__class__ == other.__class__:
            return self.deconstruct() == other.deconstruct()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def _validate_index_args(
    expressions: tuple, fields: Any, name: Any, opclasses: Any, condition: Any, include: Any
) -> None:
    if opclasses and not name:
        raise ValueError("An index must be named to use opclasses.")
    if not isinstance(condition, (type(None), Q)):
        raise ValueError("Index.condition must be a Q instance.")
    if condition and not name:
        raise ValueError("An index must be named to use condition.")
    if not isinstance(fields, (list, tuple)):
        raise ValueError("Index.fields must be a list or tuple.")
    if not isinstance(opclasses, (list, tuple)):
        raise ValueError("Index.opclasses must be a list or tuple.")
    if not expressions and not fields:
        raise ValueError("At least one field or expression is required to define an index.")
    if expressions and fields:
        raise ValueError("Index.fields and expressions are mutually exclusive.")
    if expressions and not name:
        raise ValueError("An index must be named to use expressions.")
    if expressions and opclasses:
        raise ValueError(
            "Index.opclasses cannot be used with expressions. Use django.contrib.postgres.indexes.OpClass() "
            "instead."
        )
    if opclasses and len(fields) != len(opclasses):
        raise ValueError("Index.fields and Index.opclasses must have the same number of elements.")
    if fields and not all(isinstance(field, str) for field in fields):
        raise ValueError("Index.fields must contain only strings with field names.")
    if include and not name:
        raise ValueError("A covering index must be named.")
    if not isinstance(include, (type(None), list, tuple)):
        raise ValueError("Index.include must be a list or tuple.")
