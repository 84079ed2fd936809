"""Comparison and conversion functions: Cast, Coalesce, Collate, Greatest, Least, NullIf, JSONObject."""

from __future__ import annotations

import re

from django.db.models.expressions import Func, Value, _fields


class Cast(Func):
    """Coerce an expression to the type of ``output_field``."""

    function = "CAST"
    template = "%(function)s(%(expressions)s AS %(db_type)s)"

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        extra_context["db_type"] = self.output_field.cast_db_type(connection)
        return super().as_sql(compiler, connection, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        db_type = self.output_field.db_type(connection)
        if db_type in {"datetime", "time"}:
            # strftime keeps the fractional seconds that CAST would drop.
            template = "strftime(%%s, %(expressions)s)"
            sql, params = super().as_sql(compiler, connection, template=template, **extra_context)
            format_string = "%H:%M:%f" if db_type == "time" else "%Y-%m-%d %H:%M:%f"
            return sql, [format_string, *params]
        if db_type == "date":
            return super().as_sql(compiler, connection, template="date(%(expressions)s)", **extra_context)
        return self.as_sql(compiler, connection, **extra_context)

    def as_mysql(self, compiler, connection, **extra_context):
        template = None
        output_type = self.output_field.get_internal_type()
        if output_type == "FloatField":
            template = "(%(expressions)s + 0.0)"
        elif output_type == "JSONField" and getattr(connection, "mysql_is_mariadb", False):
            template = "JSON_EXTRACT(%(expressions)s, '$')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)::%(db_type)s", **extra_context)


class Coalesce(Func):
    """The first non-null value among the arguments."""

    function = "COALESCE"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Coalesce must take at least two expressions")
        super().__init__(*expressions, **extra)

    @property
    def empty_result_set_value(self):
        for expression in self.get_source_expressions():
            result = expression.empty_result_set_value
            if result is NotImplemented or result is not None:
                return result
        return None


class Collate(Func):
    """``expression COLLATE name``."""

    function = "COLLATE"
    template = "%(expressions)s %(function)s %(collation)s"
    allowed_default = False
    collation_re = re.compile(r"^[\w-]+$")

    def __init__(self, expression, collation):
        if not (collation and self.collation_re.match(collation)):
            raise ValueError(f"Invalid collation name: {collation!r}.")
        self.collation = collation
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        extra_context.setdefault("collation", connection.ops.quote_name(self.collation))
        return super().as_sql(compiler, connection, **extra_context)


class Greatest(Func):
    """The largest argument (NULL if any argument is NULL, except on MySQL/SQLite semantics)."""

    function = "GREATEST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Greatest must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sqlite(compiler, connection, function="MAX", **extra_context)


class Least(Func):
    function = "LEAST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Least must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sqlite(compiler, connection, function="MIN", **extra_context)


class JSONObject(Func):
    """A JSON object built from key/expression pairs."""

    function = "JSON_OBJECT"

    def __init__(self, **fields):
        expressions: list = []
        for key, value in fields.items():
            expressions.extend((Value(key), value))
        super().__init__(*expressions)

    def _resolve_output_field(self):
        from django.db.models.fields.json import JSONField

        return JSONField()

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        from django.db import NotSupportedError

        if not connection.features.has_json_object_function:
            raise NotSupportedError("JSONObject() is not supported on this database backend.")
        return super().as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        clone = self.copy()
        clone.set_source_expressions(
            [
                Cast(expression, _fields().TextField()) if index % 2 == 0 else expression
                for index, expression in enumerate(self.get_source_expressions())
            ]
        )
        return super(JSONObject, clone).as_sql(
            compiler, connection, function="JSONB_BUILD_OBJECT", **extra_context
        )


class NullIf(Func):
    function = "NULLIF"
    arity = 2


class JSONArray(Func):
    """A JSON array of the given expressions."""

    function = "JSON_ARRAY"

    def _resolve_output_field(self):
        from django.db.models.fields.json import JSONField

        return JSONField()

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]  # options are keyword-only here, as in Django
        from django.db import NotSupportedError

        if not connection.features.has_json_object_function:
            raise NotSupportedError("JSONArray() is not supported on this database backend.")
        return super().as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_BUILD_ARRAY", **extra_context)
