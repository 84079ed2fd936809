"""JSONField key transforms (``data__key``, ``data__0``, ``KT()``) and the JSON lookups.

The one implementation behind ``django.db.models.fields.json.KeyTransform``,
``KeyTextTransform`` and ``KT``. Vendor differences live in ``as_<vendor>``
methods, where users put their own: PostgreSQL uses jsonb operators, SQLite and
MySQL/MariaDB JSON path functions.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError
from django.db.models import lookups
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import F
from django.db.models.fields.base import Field
from django.db.models.fields.json import JSONField
from django.db.models.fields.text import TextField

__all__ = [
    "KT",
    "ContainedBy",
    "DataContains",
    "HasAnyKeys",
    "HasKey",
    "HasKeys",
    "KeyTextTransform",
    "KeyTransform",
    "KeyTransformFactory",
    "compile_json_path",
]


def compile_json_path(key_transforms: list[str], include_root: bool = True) -> str:
    """'$."a"[0]."b"' for the keys ["a", "0", "b"] (integers index arrays)."""
    path = ["$"] if include_root else []
    for key in key_transforms:
        try:
            num = int(key)
        except ValueError:
            path.append("." + json.dumps(key))
        else:
            path.append(f"[{num}]")
    return "".join(path)


class KeyTransform(lookups.Transform):
    """``data__key``: the JSON value under key (or array index)."""

    postgres_operator = "->"
    postgres_nested_operator = "#>"

    def __init__(self, key_name: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def preprocess_lhs(self, compiler: Any, connection: Any) -> tuple[str, list, list[str]]:
        """The SQL of the JSON column under all chained keys, and those keys (outermost first)."""
        key_transforms = [self.key_name]
        previous = self.lhs
        while isinstance(previous, KeyTransform):
            key_transforms.insert(0, previous.key_name)
            previous = previous.lhs
        lhs, params = compiler.compile(previous)
        return lhs, list(params), key_transforms

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]  # no function/template
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        return f"JSON_EXTRACT({lhs}, %s)", (*params, compile_json_path(key_transforms))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        if len(key_transforms) > 1:
            return f"({lhs} {self.postgres_nested_operator} %s::text[])", (*params, key_transforms)
        try:
            return f"({lhs} {self.postgres_operator} %s::integer)", (*params, int(self.key_name))
        except ValueError:
            return f"({lhs} {self.postgres_operator} %s::text)", (*params, self.key_name)


class KeyTextTransform(KeyTransform):
    """``data__key`` as text (PostgreSQL ``->>``, MySQL ``JSON_UNQUOTE``)."""

    postgres_operator = "->>"
    postgres_nested_operator = "#>>"
    output_field = TextField()

    def as_mysql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = super().as_sql(compiler, connection)
        # JSON_UNQUOTE yields a binary collation; CHAR takes the connection's (case-insensitive) one.
        return f"CAST(JSON_UNQUOTE({sql}) AS CHAR)", params


def KT(path: str) -> KeyTextTransform:
    """``KT("data__owner__name")``: the text at that key path of a JSONField."""
    field_name, *keys = path.split(LOOKUP_SEP)
    if not keys:
        raise ValueError("KT() needs a field name followed by at least one key.")
    expression: Any = F(field_name)
    for key in keys[:-1]:
        expression = KeyTransform(key, expression)
    return KeyTextTransform(keys[-1], expression)


class KeyTransformFactory:
    def __init__(self, key_name: str) -> None:
        self.key_name = key_name

    def __call__(self, *args: Any, **kwargs: Any) -> KeyTransform:
        return KeyTransform(self.key_name, *args, **kwargs)


def _root_and_paths(lookup: Any, compiler: Any, connection: Any) -> tuple[str, list, list[str]]:
    """The JSON column SQL and one JSON path per key on the rhs (after any lhs keys)."""
    if isinstance(lookup.lhs, KeyTransform):
        lhs, params, lhs_keys = lookup.lhs.preprocess_lhs(compiler, connection)
    else:
        lhs, params = compiler.compile(lookup.lhs)
        lhs_keys = []
    keys = lookup.rhs if isinstance(lookup.rhs, (list, tuple)) else [lookup.rhs]
    paths = []
    for key in keys:
        rhs_keys = (
            key.preprocess_lhs(compiler, connection)[2] if isinstance(key, KeyTransform) else [str(key)]
        )
        paths.append(compile_json_path([*lhs_keys, *rhs_keys]))
    return lhs, list(params), paths


class HasKeyLookup(lookups.Lookup):
    """Whether the document has the key(s); several keys joined by ``logical_operator``."""

    prepare_rhs = False
    postgres_operator = "?"
    logical_operator = " AND "

    def _path_sql(self, compiler: Any, connection: Any, template: str) -> Any:
        lhs, params, paths = _root_and_paths(self, compiler, connection)
        sql = self.logical_operator.join(template % lhs for _ in paths)
        all_params = []
        for path in paths:
            all_params.extend([*params, path])
        return f"({sql})", all_params

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return self._path_sql(compiler, connection, "JSON_TYPE(%s, %%s) IS NOT NULL")

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        return self._path_sql(compiler, connection, "JSON_CONTAINS_PATH(%s, 'one', %%s)")

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        lhs, params = compiler.compile(self.lhs)
        keys = self.rhs if isinstance(self.rhs, (list, tuple)) else [self.rhs]
        keys = [str(k) for k in keys]
        if self.postgres_operator == "?":
            return f"({lhs} ? %s::text)", (*params, keys[0])
        return f"({lhs} {self.postgres_operator} %s::text[])", (*params, keys)


class HasKey(HasKeyLookup):
    lookup_name = "has_key"


class HasKeys(HasKeyLookup):
    lookup_name = "has_keys"
    postgres_operator = "?&"


class HasAnyKeys(HasKeyLookup):
    lookup_name = "has_any_keys"
    postgres_operator = "?|"
    logical_operator = " OR "


class DataContains(lookups.FieldGetDbPrepValueMixin, lookups.Lookup):
    """The document contains the given JSON (``@>``); not available on SQLite."""

    lookup_name = "contains"
    template = "{lhs} @> {rhs}"
    mysql_template = "JSON_CONTAINS({lhs}, {rhs})"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        raise NotSupportedError(f"{self.lookup_name} lookup is not supported on this database backend.")

    def _operands(self, compiler: Any, connection: Any, template: str) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if template.index("{lhs}") > template.index("{rhs}"):
            return template.format(lhs=lhs, rhs=rhs), (*rhs_params, *lhs_params)
        return template.format(lhs=lhs, rhs=rhs), (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        return self._operands(compiler, connection, self.template)

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        return self._operands(compiler, connection, self.mysql_template)


class ContainedBy(DataContains):
    lookup_name = "contained_by"
    template = "{lhs} <@ {rhs}"
    mysql_template = "JSON_CONTAINS({rhs}, {lhs})"


class KeyTransformExact(lookups.Exact):
    """``data__key=value`` compares JSON values; ``data__key=None`` matches JSON null."""

    can_use_none_as_rhs = True

    def _json_rhs(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if self.rhs_is_direct_value():
            rhs = f"JSON_EXTRACT({rhs}, '$')"
        return f"{lhs} = {rhs}", (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler: Any, connection: Any) -> Any:
        if self.rhs is None:
            # JSON_EXTRACT gives SQL NULL for both a JSON null and a missing key.
            lhs, params, keys = self.lhs.preprocess_lhs(compiler, connection)
            return f"JSON_TYPE({lhs}, %s) = 'null'", (*params, compile_json_path(keys))
        return self._json_rhs(compiler, connection)

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        return self._json_rhs(compiler, connection)


class KeyTransformIsNull(lookups.IsNull):
    """``data__key__isnull=True``: the key is missing (JSON null values count as present)."""

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        has_key = HasKey(self.lhs.lhs, self.lhs.key_name)
        sql, params = compiler.compile(has_key)
        if self.rhs:
            return f"NOT {sql}", params
        return sql, params


class KeyTransformIn(lookups.In):
    """``data__key__in=[...]``: each JSON-encoded value is decoded where JSON is text."""

    def batch_process_rhs(self, compiler: Any, connection: Any, rhs: Any = None) -> Any:
        sqls, params = super().batch_process_rhs(compiler, connection, rhs)
        if connection.vendor in ("sqlite", "mysql") and self.rhs_is_direct_value():
            sqls = [f"JSON_EXTRACT({sql}, '$')" for sql in sqls]
        return sqls, params

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        values = [value for value in self.rhs if value is not None] if self.rhs_is_direct_value() else None
        if values is None:
            return self.as_sql(compiler, connection)
        if not values:
            raise EmptyResultSet
        # MariaDB's IN doesn't compare bound JSON values as JSON; ``=`` does.
        lhs, lhs_params = self.process_lhs(compiler, connection)
        parts, params = [], []
        for value in values:
            sqls, value_params = self.batch_process_rhs(compiler, connection, [value])
            parts.append(f"{lhs} = {sqls[0]}")
            params.extend([*lhs_params, *value_params])
        return "(" + " OR ".join(parts) + ")", params


if TYPE_CHECKING:
    _LookupMixin = lookups.Lookup  # type checkers see the mixins below as the Lookups they are mixed into
else:
    _LookupMixin = object


class KeyTransformTextLookupMixin(_LookupMixin):
    """Text lookups (icontains, startswith, ...) compare the key's value as text."""

    def __init__(self, key_transform: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(key_transform, KeyTransform):
            raise TypeError("Transform should be an instance of KeyTransform in order to use this lookup.")
        key_text_transform = KeyTextTransform(key_transform.key_name, *key_transform.get_source_expressions())
        super().__init__(key_text_transform, *args, **kwargs)


class KeyTransformNumericLookupMixin(_LookupMixin):
    """lt/lte/gt/gte compare numbers: decode the JSON-encoded rhs where JSON isn't native."""

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        sql, params = super().process_rhs(compiler, connection)
        if not connection.features.has_native_json_field:
            params = [json.loads(value) if isinstance(value, str) else value for value in params]
        return sql, params


TEXT_LOOKUPS: tuple[str, ...] = ("iexact", "icontains", "startswith", "istartswith", "endswith", "iendswith")
TEXT_LOOKUPS += ("regex", "iregex")
NUMERIC_LOOKUPS = (lookups.LessThan, lookups.LessThanOrEqual, lookups.GreaterThan, lookups.GreaterThanOrEqual)


def _register() -> None:
    lookup: type[lookups.Lookup]
    for lookup in (DataContains, ContainedBy, HasKey, HasKeys, HasAnyKeys):
        JSONField.register_lookup(lookup)
    field_lookups = Field.get_lookups()
    for lookup in (KeyTransformExact, KeyTransformIsNull, KeyTransformIn, HasKey, HasKeys, HasAnyKeys):
        KeyTransform.register_lookup(lookup)
    for name in TEXT_LOOKUPS:
        base = field_lookups[name]
        mixed = type(f"KeyTransform{base.__name__}", (KeyTransformTextLookupMixin, base), {})
        KeyTransform.register_lookup(mixed)
    for base in NUMERIC_LOOKUPS:
        mixed = type(f"KeyTransform{base.__name__}", (KeyTransformNumericLookupMixin, base), {})
        KeyTransform.register_lookup(mixed)
    # KT() values are text: they compare as text, not as JSON.
    for lookup in (lookups.Exact, lookups.In, *NUMERIC_LOOKUPS):
        KeyTextTransform.register_lookup(lookup)


_register()
