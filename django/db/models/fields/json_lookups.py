"""JSONField key/index/path transforms and the JSON lookups (has_key, contains, ...).

Vendor differences live in as_postgresql()/as_mysql()/as_sqlite() methods, the
place Django users put their own: PostgreSQL uses jsonb operators, SQLite and
MySQL/MariaDB JSON path functions.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import NotSupportedError
from django.db.models import lookups
from django.db.models.fields.base import Field
from django.db.models.fields.json import JSONField
from django.db.models.fields.text import TextField


def compile_json_path(key_transforms: list[str], include_root: bool = True) -> str:
    """'$."a"[0]."b"' for the keys ["a", "0", "b"] (integers index arrays)."""
    path = ["$"] if include_root else []
    for key in key_transforms:
        try:
            num = int(key)
        except ValueError:
            path.append(".")
            path.append(json.dumps(key))
        else:
            path.append("[%s]" % num)
    return "".join(path)


class KeyTransform(lookups.Transform):
    """``data__key``: the JSON value under key (or array index)."""

    postgres_operator = "->"
    postgres_nested_operator = "#>"

    def __init__(self, key_name: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def preprocess_lhs(self, compiler: Any, connection: Any) -> tuple[str, list, list[str]]:
        """The SQL of the JSON column under all chained keys, and those keys (outermost last)."""
        key_transforms = [self.key_name]
        previous = self.lhs
        while isinstance(previous, KeyTransform):
            key_transforms.insert(0, previous.key_name)
            previous = previous.lhs
        lhs, params = compiler.compile(previous)
        return lhs, list(params), key_transforms

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        return "JSON_EXTRACT(%s, %%s)" % lhs, (*params, compile_json_path(key_transforms))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        if len(key_transforms) > 1:
            return "(%s %s %%s::text[])" % (lhs, self.postgres_nested_operator), (*params, key_transforms)
        try:
            return "(%s %s %%s::integer)" % (lhs, self.postgres_operator), (*params, int(self.key_name))
        except ValueError:
            return "(%s %s %%s::text)" % (lhs, self.postgres_operator), (*params, self.key_name)


class KeyTextTransform(KeyTransform):
    """``data__key`` as text (PostgreSQL ->>, MySQL JSON_UNQUOTE)."""

    postgres_operator = "->>"
    postgres_nested_operator = "#>>"
    output_field = TextField()

    def as_mysql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = super().as_sql(compiler, connection)
        # JSON_UNQUOTE yields a binary collation; CHAR takes the connection's (case-insensitive) one.
        return "CAST(JSON_UNQUOTE(%s) AS CHAR)" % sql, params


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
    prepare_rhs = False
    postgres_operator = "?"
    logical_operator = " AND "

    def _path_sql(self, compiler: Any, connection: Any, template: str) -> Any:
        lhs, params, paths = _root_and_paths(self, compiler, connection)
        sql = self.logical_operator.join(template % lhs for _ in paths)
        all_params = []
        for path in paths:
            all_params.extend([*params, path])
        return "(%s)" % sql, all_params

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return self._path_sql(compiler, connection, "JSON_TYPE(%s, %%s) IS NOT NULL")

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        return self._path_sql(compiler, connection, "JSON_CONTAINS_PATH(%s, 'one', %%s)")

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        lhs, params = compiler.compile(self.lhs)
        keys = self.rhs if isinstance(self.rhs, (list, tuple)) else [self.rhs]
        keys = [str(k) for k in keys]
        if self.postgres_operator == "?":
            return "(%s ? %%s::text)" % lhs, (*params, keys[0])
        return "(%s %s %%s::text[])" % (lhs, self.postgres_operator), (*params, keys)


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
    lookup_name = "contains"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        raise NotSupportedError("contains lookup is not supported on this database backend.")

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return "%s @> %s" % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return "JSON_CONTAINS(%s, %s)" % (lhs, rhs), (*lhs_params, *rhs_params)


class ContainedBy(DataContains):
    lookup_name = "contained_by"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        raise NotSupportedError("contained_by lookup is not supported on this database backend.")

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return "%s <@ %s" % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return "JSON_CONTAINS(%s, %s)" % (rhs, lhs), (*rhs_params, *lhs_params)


class KeyTransformExact(lookups.Exact):
    """``data__key=value``: compare JSON values (the rhs is JSON-encoded by JSONField)."""

    def _json_rhs(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if self.rhs_is_direct_value():
            rhs = "JSON_EXTRACT(%s, '$')" % rhs
        return "%s = %s" % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler: Any, connection: Any) -> Any:
        return self._json_rhs(compiler, connection)

    def as_mysql(self, compiler: Any, connection: Any) -> Any:
        return self._json_rhs(compiler, connection)


class KeyTransformIsNull(lookups.IsNull):
    """``data__key__isnull=True``: the key is missing (JSON null values count as present)."""

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        has_key = HasKey(self.lhs.lhs, self.lhs.key_name)
        sql, params = compiler.compile(has_key)
        if self.rhs:
            return "NOT %s" % sql, params
        return sql, params


class KeyTransformTextLookupMixin:
    """Text lookups (icontains, startswith, ...) compare the key's value as text."""

    def __init__(self, key_transform: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(key_transform, KeyTransform):
            raise TypeError("Transform should be an instance of KeyTransform in order to use this lookup.")
        key_text_transform = KeyTextTransform(key_transform.key_name, *key_transform.get_source_expressions())
        super().__init__(key_text_transform, *args, **kwargs)


class KeyTransformNumericLookupMixin:
    """lt/lte/gt/gte compare numbers: decode the JSON-encoded rhs where JSON isn't native."""

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        sql, params = super().process_rhs(compiler, connection)
        if not connection.features.has_native_json_field:
            params = [json.loads(value) if isinstance(value, str) else value for value in params]
        return sql, params


def _register() -> None:
    for lookup in (DataContains, ContainedBy, HasKey, HasKeys, HasAnyKeys):
        JSONField.register_lookup(lookup)
    KeyTransform.register_lookup(KeyTransformExact)
    KeyTransform.register_lookup(KeyTransformIsNull)
    field_lookups = Field.get_lookups()
    for name in (
        "iexact",
        "icontains",
        "startswith",
        "istartswith",
        "endswith",
        "iendswith",
        "regex",
        "iregex",
    ):
        base = field_lookups[name]
        KeyTransform.register_lookup(
            type("KeyTransform%s" % base.__name__, (KeyTransformTextLookupMixin, base), {})
        )
    for base in (lookups.LessThan, lookups.LessThanOrEqual, lookups.GreaterThan, lookups.GreaterThanOrEqual):
        KeyTransform.register_lookup(
            type("KeyTransform%s" % base.__name__, (KeyTransformNumericLookupMixin, base), {})
        )
    for lookup in (HasKey, HasKeys, HasAnyKeys):
        KeyTransform.register_lookup(lookup)
    KeyTransform.register_lookup(type("KeyTransformIn", (lookups.In,), {}))


_register()
