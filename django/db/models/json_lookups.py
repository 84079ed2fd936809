"""JSONField key transforms (``data__key``, KT()) and the JSON lookups.

``has_key``, ``has_keys``, ``has_any_keys``, ``contains`` and ``contained_by``
are registered on JSONField here. JSONField.get_transform() falls back to
KeyTransformFactory for any other name, so ``data__owner__name`` walks keys.
Vendor differences live in ``as_<vendor>`` methods.
"""

from __future__ import annotations

import json

from django.db import NotSupportedError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import F, Value
from django.db.models.fields import TextField
from django.db.models.fields.json import JSONField
from django.db.models.lookups import Exact, IsNull, Lookup, PostgresOperatorLookup, Transform

__all__ = [
    "ContainedBy",
    "DataContains",
    "HasAnyKeys",
    "HasKey",
    "HasKeys",
    "KT",
    "KeyTextTransform",
    "KeyTransform",
    "KeyTransformFactory",
    "compile_json_path",
]


def compile_json_path(keys, include_root: bool = True) -> str:
    """``["a", "0", "b c"]`` -> ``$."a"[0]."b c"`` (integers index arrays)."""
    parts = ["$"] if include_root else []
    for key in keys:
        try:
            index = int(key)
        except ValueError:
            parts.append("." + json.dumps(key))
        else:
            parts.append(f"[{index}]")
    return "".join(parts)


class KeyTransform(Transform):
    """The value under one key (or array index) of a JSON document, as JSON."""

    postgres_operator = "->"
    postgres_nested_operator = "#>"

    def __init__(self, key_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def unwind(self, compiler):
        """(SQL of the document column, params, [keys from the outermost in])."""
        keys = [self.key_name]
        previous = self.lhs
        while isinstance(previous, KeyTransform):
            keys.insert(0, previous.key_name)
            previous = previous.lhs
        sql, params = compiler.compile(previous)
        return sql, list(params), keys

    def as_sql(self, compiler, connection):
        sql, params, keys = self.unwind(compiler)
        return f"JSON_EXTRACT({sql}, %s)", [*params, compile_json_path(keys)]

    def as_postgresql(self, compiler, connection):
        sql, params, keys = self.unwind(compiler)
        if len(keys) > 1:
            return f"({sql} {self.postgres_nested_operator} %s)", [*params, keys]
        try:
            key = int(self.key_name)
        except ValueError:
            key = self.key_name
        return f"({sql} {self.postgres_operator} %s)", [*params, key]


class KeyTextTransform(KeyTransform):
    """The value under a key as text (``->>`` on PostgreSQL)."""

    postgres_operator = "->>"
    postgres_nested_operator = "#>>"
    output_field = TextField()

    def as_mysql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return f"JSON_UNQUOTE({sql})", params


def KT(path: str) -> KeyTextTransform:
    """``KT("data__owner__name")``: the text at that key path of a JSONField."""
    field_name, *keys = path.split(LOOKUP_SEP)
    if not keys:
        raise ValueError("KT() needs a field name followed by at least one key.")
    expression = F(field_name)
    for key in keys[:-1]:
        expression = KeyTransform(key, expression)
    return KeyTextTransform(keys[-1], expression)


class KeyTransformFactory:
    def __init__(self, key_name: str):
        self.key_name = key_name

    def __call__(self, *args, **kwargs):
        return KeyTransform(self.key_name, *args, **kwargs)


def _key_paths(lookup):
    """The JSON paths of the rhs keys, relative to the document under lhs."""
    keys = lookup.rhs if isinstance(lookup.rhs, (list, tuple)) else [lookup.rhs]
    prefix = []
    lhs = lookup.lhs
    while isinstance(lhs, KeyTransform):
        prefix.insert(0, lhs.key_name)
        lhs = lhs.lhs
    return lhs, [[*prefix, str(key)] for key in keys]


class HasKeyLookup(PostgresOperatorLookup):
    """Whether the document has the key(s); several keys joined by ``logical_operator``."""

    prepare_rhs = False
    logical_operator = " AND "

    def _paths_sql(self, compiler, template):
        document, paths = _key_paths(self)
        sql, params = compiler.compile(document)
        parts = []
        all_params: list = []
        for path in paths:
            parts.append(template % sql)
            all_params.extend([*params, compile_json_path(path)])
        return f"({self.logical_operator.join(parts)})", all_params

    def as_sql(self, compiler, connection):
        return self._paths_sql(compiler, "JSON_CONTAINS_PATH(%s, 'one', %%s)")

    def as_sqlite(self, compiler, connection):
        return self._paths_sql(compiler, "JSON_TYPE(%s, %%s) IS NOT NULL")

    def as_postgresql(self, compiler, connection):
        document, paths = _key_paths(self)
        sql, params = compiler.compile(document)
        if all(len(path) == 1 for path in paths):
            keys = [path[0] for path in paths]
            rhs = keys[0] if self.postgres_operator == "?" else keys
            return f"{sql} {self.postgres_operator} %s", [*params, rhs]
        # Nested keys: check each path's parent object for its last key.
        parts = []
        all_params: list = []
        for path in paths:
            parts.append(f"({sql} #> %s) ? %s")
            all_params.extend([*params, path[:-1], path[-1]])
        return f"({self.logical_operator.join(parts)})", all_params


class HasKey(HasKeyLookup):
    lookup_name = "has_key"
    postgres_operator = "?"


class HasKeys(HasKeyLookup):
    lookup_name = "has_keys"
    postgres_operator = "?&"


class HasAnyKeys(HasKeyLookup):
    lookup_name = "has_any_keys"
    postgres_operator = "?|"
    logical_operator = " OR "


class DataContains(PostgresOperatorLookup):
    """The document contains the given JSON (``@>``); not available on SQLite."""

    lookup_name = "contains"
    postgres_operator = "@>"

    def as_sql(self, compiler, connection):
        if not getattr(connection.features, "supports_json_field_contains", False):
            raise NotSupportedError("contains lookup is not supported on this database backend.")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"JSON_CONTAINS({lhs}, {rhs})", [*lhs_params, *rhs_params]


class ContainedBy(PostgresOperatorLookup):
    lookup_name = "contained_by"
    postgres_operator = "<@"

    def as_sql(self, compiler, connection):
        if not getattr(connection.features, "supports_json_field_contains", False):
            raise NotSupportedError("contained_by lookup is not supported on this database backend.")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"JSON_CONTAINS({rhs}, {lhs})", [*rhs_params, *lhs_params]


class KeyTransformExact(Exact):
    """``data__key=value``: compare JSON with JSON on every backend."""

    def process_rhs(self, compiler, connection):
        if isinstance(self.rhs, KeyTransform):
            return super(Lookup, self).process_rhs(compiler, connection)
        return super().process_rhs(compiler, connection)

    def _json_rhs(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return lhs, lhs_params, rhs, rhs_params

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params, rhs, rhs_params = self._json_rhs(compiler, connection)
        # JSON_EXTRACT hands back SQL scalars; unwrap the JSON-encoded value the same way.
        return f"{lhs} = JSON_EXTRACT({rhs}, '$')", [*lhs_params, *rhs_params]

    def as_mysql(self, compiler, connection):
        lhs, lhs_params, rhs, rhs_params = self._json_rhs(compiler, connection)
        return f"{lhs} = JSON_EXTRACT({rhs}, '$')", [*lhs_params, *rhs_params]


class KeyTransformIsNull(IsNull):
    """``data__key__isnull=True``: the key is absent."""

    def as_sql(self, compiler, connection):
        has_key = HasKey(self.lhs.lhs, self.lhs.key_name)
        sql, params = compiler.compile(has_key)
        if self.rhs:
            return f"NOT {sql}", params
        return sql, params


JSONField.register_lookup(HasKey)
JSONField.register_lookup(HasKeys)
JSONField.register_lookup(HasAnyKeys)
JSONField.register_lookup(DataContains)
JSONField.register_lookup(ContainedBy)
KeyTransform.register_lookup(KeyTransformExact)
KeyTransform.register_lookup(KeyTransformIsNull)
# Text values compare as text.
KeyTextTransform.register_lookup(Exact)

__all__ += ["Value"]
