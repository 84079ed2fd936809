"""Name resolution: turn ``"author__books__title"`` into relation paths and joins.

These functions take the Query they work on as their first argument; Query
exposes thin methods with Django's names (names_to_path, setup_joins,
trim_joins) for code that calls them there.
"""

from __future__ import annotations

import functools
from collections import namedtuple

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.fields.composite import CompositePrimaryKey
from django.db.models.sql.constants import INNER
from django.db.models.sql.datastructures import Join, MultiJoin

JoinInfo = namedtuple("JoinInfo", ("final_field", "targets", "opts", "joins", "path", "transform_function"))


def get_field_names_from_opts(opts) -> set[str]:
    """Every name usable in a lookup on this model (fields, attnames, reverse names)."""
    if opts is None:
        return set()
    names = set()
    for field in opts.get_fields():
        if field.is_relation and not field.concrete and getattr(field, "related_model", None) is None:
            continue  # a generic foreign key has no reverse lookup
        names.add(field.name)
        if getattr(field, "concrete", False) and getattr(field, "attname", None):
            names.add(field.attname)
    return names


def _lookup_field(query, opts, name: str, pos: int):
    """Return (field, filtered_relation) for one name, or (None, None)."""
    field = None
    filtered_relation = None
    try:
        if opts is None:
            raise FieldDoesNotExist
        field = opts.get_field(name)
    except FieldDoesNotExist:
        if name in query.annotation_select:
            field = query.annotation_select[name].output_field
        elif name in query._filtered_relations and pos == 0:
            filtered_relation = query._filtered_relations[name]
            relation_name = filtered_relation.relation_name
            if LOOKUP_SEP in relation_name:
                parts = relation_name.split(LOOKUP_SEP)
                filtered_relation_path, field, _, _ = names_to_path(query, parts, opts, True, False)
                return field, (filtered_relation, filtered_relation_path)
            field = opts.get_field(relation_name)
    return field, filtered_relation


# Resolved names kept per model (Options) at most; a bound, since lookups may carry user data.
_MAX_CACHED_PATHS = 2048


def names_to_path(query, names, opts, allow_many: bool = True, fail_on_missing: bool = False):
    """Walk ``names`` from ``opts`` and return (path, final_field, targets, unused names).

    ``path`` is a list of PathInfo. Names left unused are lookups/transforms.
    MultiJoin is raised at a multi-valued relation when allow_many is False.

    Without annotations or FilteredRelations the answer depends on the model alone, so it is
    remembered on the model's Options (cleared with its other caches).
    """
    if opts is None or query.annotation_select or query._filtered_relations:
        return _walk_names(query, names, opts, allow_many, fail_on_missing)
    cache = opts.__dict__.get("_resolved_name_paths")
    if cache is None:
        cache = opts.__dict__["_resolved_name_paths"] = {}
    key = (tuple(names), allow_many, fail_on_missing)
    hit = cache.get(key)
    if hit is None:
        path, final_field, targets, rest = _walk_names(query, names, opts, allow_many, fail_on_missing)
        if len(cache) >= _MAX_CACHED_PATHS:
            cache.clear()
        hit = cache[key] = (tuple(path), final_field, targets, tuple(rest))
    path, final_field, targets, rest = hit
    return list(path), final_field, targets, (list(rest) if isinstance(names, list) else rest)


def _walk_names(query, names, opts, allow_many: bool, fail_on_missing: bool):
    path, names_with_path = [], []
    final_field = targets = None
    pos = -1
    for pos, name in enumerate(names):
        cur_names_with_path: tuple[str, list] = (name, [])
        if name == "pk" and opts is not None:
            name = opts.pk.name
        field, filtered_relation = _lookup_field(query, opts, name, pos)
        extra_path = None
        if isinstance(filtered_relation, tuple):
            filtered_relation, extra_path = filtered_relation
        if field is None:
            pos -= 1
            if pos == -1 or fail_on_missing:
                available = sorted(
                    [
                        *get_field_names_from_opts(opts),
                        *query.annotation_select,
                        *query._filtered_relations,
                    ]
                )
                raise FieldError(
                    f"Cannot resolve keyword '{name}' into field. Choices are: {', '.join(available)}"
                )
            break
        if extra_path:
            path.extend(extra_path[:-1])
            cur_names_with_path[1].extend(extra_path[:-1])
            opts = extra_path[-2].to_opts if len(extra_path) > 1 else opts
        if (
            field.is_relation
            and getattr(field, "related_model", True) is None
            and not getattr(field, "concrete", True)
        ):
            raise FieldError(
                f"Field {name!r} does not generate an automatic reverse relation and therefore "
                "cannot be used for reverse querying. If it is a GenericForeignKey, consider "
                "adding a GenericRelation."
            )
        model = getattr(getattr(field, "model", None), "_meta", None)
        model = model.concrete_model if model is not None else None
        if (
            model is not None
            and opts is not None
            and model is not opts.model
            and model is not opts.concrete_model
        ):
            path_to_parent = opts.get_path_to_parent(model)
            if path_to_parent:
                path.extend(path_to_parent)
                cur_names_with_path[1].extend(path_to_parent)
                opts = path_to_parent[-1].to_opts
        if hasattr(field, "path_infos"):
            pathinfos = field.get_path_info(filtered_relation) if filtered_relation else field.path_infos
            if not allow_many:
                for inner_pos, info in enumerate(pathinfos):
                    if info.m2m:
                        cur_names_with_path[1].extend(pathinfos[0 : inner_pos + 1])
                        names_with_path.append(cur_names_with_path)
                        raise MultiJoin(pos + 1, names_with_path)
            last = pathinfos[-1]
            path.extend(pathinfos)
            final_field = last.join_field
            opts = last.to_opts
            targets = last.target_fields
            cur_names_with_path[1].extend(pathinfos)
            names_with_path.append(cur_names_with_path)
        else:
            # A local field: nothing more to join.
            final_field = field
            targets = (field,)
            if fail_on_missing and pos + 1 != len(names):
                raise FieldError(
                    f"Cannot resolve keyword {names[pos + 1]!r} into field. Join on '{name}' not permitted."
                )
            break
    return path, final_field, targets, names[pos + 1 :]


def _column_transformer(field, alias):
    if not getattr(field, "column", None) and not isinstance(field, CompositePrimaryKey):
        raise FieldError("Referencing multicolumn fields with F() objects isn't supported.")
    return field.get_col(alias)


def _chained_transform(field, alias, *, name, previous, final_field, last_field_exception, query):
    try:
        wrapped = previous(field, alias)
        return query.try_transform(wrapped, name)
    except FieldError:
        # Prefer the error about the name that did not resolve as a field.
        from django.db.models.fields import Field

        if isinstance(final_field, Field) and last_field_exception:
            raise last_field_exception
        raise


def setup_joins(query, names, opts, alias, can_reuse=None, allow_many: bool = True) -> JoinInfo:
    """Join every relation named in ``names`` starting at ``alias``.

    Trailing names that are not fields become transforms, applied by the
    returned transform_function(field, alias).
    """
    joins = [alias]
    last_field_exception = None
    for pivot in range(len(names), 0, -1):
        try:
            path, final_field, targets, rest = names_to_path(
                query, names[:pivot], opts, allow_many, fail_on_missing=True
            )
        except FieldError as exc:
            if pivot == 1:
                raise
            last_field_exception = exc
        else:
            transforms = names[pivot:]
            break
    transform_function = _column_transformer
    for name in transforms:
        transform_function = functools.partial(
            _chained_transform,
            name=name,
            previous=transform_function,
            final_field=final_field,
            last_field_exception=last_field_exception,
            query=query,
        )
        transform_function.has_transforms = True  # type: ignore[attr-defined]  # flag attribute on a function
    for info in path:
        if info.filtered_relation:
            filtered_relation = info.filtered_relation.clone()
            table_alias = filtered_relation.alias
        else:
            filtered_relation = None
            table_alias = None
        opts = info.to_opts
        nullable = query.is_nullable(info.join_field) if info.direct else True
        connection = Join(
            opts.db_table,
            alias,
            table_alias,
            INNER,
            info.join_field,
            nullable,
            filtered_relation=filtered_relation,
        )
        reuse = can_reuse if info.m2m else None
        alias = query.join(connection, reuse=reuse)
        joins.append(alias)
        if filtered_relation:
            filtered_relation.path = joins[:]
    return JoinInfo(final_field, targets, opts, joins, path, transform_function)


def trim_joins(query, targets, joins, path):
    """Drop trailing joins whose target columns are available on the previous table.

    ``filter(author__id=1)`` needs only ``book.author_id``, not the author join.
    Return (targets, last alias, joins).
    """
    joins = joins[:]
    for info in reversed(path):
        if len(joins) == 1 or not info.direct:
            break
        if info.filtered_relation:
            break
        join_targets = {t.column for t in info.join_field.foreign_related_fields}
        cur_targets = {t.column for t in targets}
        if not cur_targets.issubset(join_targets):
            break
        targets_by_column = {
            remote.column: local
            for local, remote in info.join_field.related_fields
            if remote.column in cur_targets
        }
        targets = tuple(targets_by_column[t.column] for t in targets)
        query.unref_alias(joins.pop())
    return targets, joins[-1], joins
