"""What a Query selects and in which order: fields, values(), ordering, extra(), defer/only."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import FieldError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Ref
from django.db.models.sql.datastructures import MultiJoin
from django.db.models.sql.names import get_field_names_from_opts
from django.db.models.sql.where import AND, ExtraWhere

# Quotation marks, whitespace, semicolons and SQL comments could break out of an alias.
FORBIDDEN_ALIAS_PATTERN = re.compile(r"['`\"\]\[;\s]|--|/\*|\*/")


def check_alias(alias: str) -> None:
    if FORBIDDEN_ALIAS_PATTERN.search(alias):
        raise ValueError(
            "Column aliases cannot contain whitespace characters, quotation marks, semicolons, or SQL comments."
        )


def add_fields(query, field_names, allow_m2m: bool = True) -> None:
    """Select the named fields (following relations) instead of the model's columns."""
    alias = query.get_initial_alias()
    opts = query.get_meta()
    name: Any = None
    try:
        cols = []
        for name in field_names:
            join_info = query.setup_joins(name.split(LOOKUP_SEP), opts, alias, allow_many=allow_m2m)
            targets, final_alias, _ = query.trim_joins(join_info.targets, join_info.joins, join_info.path)
            for target in targets:
                cols.append(join_info.transform_function(target, final_alias))
        if cols:
            query.set_select(cols)
    except MultiJoin:
        raise FieldError(f"Invalid field name: '{name}'")
    except FieldError:
        if LOOKUP_SEP in name:
            raise
        if name in query.annotations:
            raise FieldError(f"Cannot select the '{name}' alias. Use annotate() to promote it.")
        choices = sorted(
            [
                *get_field_names_from_opts(opts),
                *query.extra,
                *query.annotation_select,
                *query._filtered_relations,
            ]
        )
        raise FieldError(f"Cannot resolve keyword {name!r} into field. Choices are: {', '.join(choices)}")


def add_ordering(query, ordering) -> None:
    """Validate and append order_by() items; no items clears the default ordering."""
    errors = []
    for item in ordering:
        if isinstance(item, str):
            if item == "?" or "." in item:
                continue
            name = item.removeprefix("-")
            if name in query.annotations or (query.extra and name in query.extra):
                continue
            # names_to_path() raises a descriptive FieldError for unknown names.
            query.names_to_path(name.split(LOOKUP_SEP), query.model._meta)
        elif not hasattr(item, "resolve_expression"):
            errors.append(item)
        if getattr(item, "contains_aggregate", False):
            raise FieldError(
                "Using an aggregate in order_by() without also including it in annotate() is not allowed: "
                f"{item}"
            )
    if errors:
        raise FieldError(f"Invalid order_by arguments: {errors}")
    if ordering:
        query.order_by += tuple(ordering)
    else:
        query.default_ordering = False


def add_extra(query, select, select_params, where, params, tables, order_by) -> None:
    if select:
        param_iter = iter(select_params or ())
        pairs = {}
        for name, entry in select.items():
            check_alias(name)
            entry = str(entry)
            entry_params = []
            pos = entry.find("%s")
            while pos != -1:
                if pos == 0 or entry[pos - 1] != "%":
                    entry_params.append(next(param_iter))
                pos = entry.find("%s", pos + 2)
            pairs[name] = (entry, entry_params)
        query.extra.update(pairs)
        query._extra_select_cache = None
    if where or params:
        query.where.add(ExtraWhere(where or [], params), AND)
    if tables:
        query.extra_tables += tuple(tables)
    if order_by:
        query.extra_order_by = tuple(order_by)


def set_values(query, fields) -> None:
    """Switch the query to values()/values_list() selection of ``fields``."""
    query.select_related = False
    query.clear_deferred_loading()
    query.clear_select_fields()
    if fields:
        field_names: list[str] = []
        extra_names: list[str] = []
        annotation_names: list[str] = []
        if not query.extra and not query.annotations:
            field_names = list(fields)
        else:
            query.default_cols = False
            for name in fields:
                if name in query.extra_select:
                    extra_names.append(name)
                elif name in query.annotation_select:
                    annotation_names.append(name)
                elif name in query.annotations:
                    raise FieldError(f"Cannot select the '{name}' alias. Use annotate() to promote it.")
                else:
                    field_names.append(name)
        query.set_extra_mask(extra_names)
        query.set_annotation_mask(annotation_names)
        selected = frozenset(field_names + extra_names + annotation_names)
    else:
        field_names = [f.attname for f in query.model._meta.concrete_fields]
        selected = frozenset(field_names)
    if query.group_by is True:
        query.add_fields((f.attname for f in query.model._meta.concrete_fields), False)
        query.set_group_by(allow_aliases=False)
        query.clear_select_fields()
    elif query.group_by:
        group_by = []
        for expr in query.group_by:
            if isinstance(expr, Ref) and expr.refs not in selected:
                expr = query.annotations[expr.refs]
            group_by.append(expr)
        query.group_by = tuple(group_by)
    query.values_select = tuple(field_names)
    query.add_fields(field_names, True)


def _build_mask_tree(field_names) -> dict:
    mask: dict = {}
    for field_name in field_names:
        level = mask
        for part in field_name.split(LOOKUP_SEP):
            level = level.setdefault(part, {})
    return mask


def get_select_mask(query) -> dict:
    """defer()/only() as a tree {field: {related field: ...}}; empty means everything."""
    field_names, defer = query.deferred_loading
    if not field_names:
        return {}
    mask = _build_mask_tree(field_names)
    opts = query.get_meta()
    if defer:
        return _defer_mask(opts, mask)
    return _only_mask(opts, mask)


def _only_mask(opts, mask: dict, select_mask: dict | None = None) -> dict:
    select_mask = {} if select_mask is None else select_mask
    select_mask[opts.pk] = {}
    for field_name, field_mask in mask.items():
        field = opts.get_field(field_name)
        # Reverse one-to-one relations are keyed by their forward field.
        field_key = field.field if getattr(field, "auto_created", False) and not field.concrete else field
        field_select_mask = select_mask.setdefault(field_key, {})
        if field_mask:
            if not field.is_relation:
                raise FieldError(next(iter(field_mask)))
            related_model = field.related_model._meta.concrete_model
            _only_mask(related_model._meta, field_mask, field_select_mask)
    return select_mask


def _defer_mask(opts, mask: dict, select_mask: dict | None = None) -> dict:
    select_mask = {} if select_mask is None else select_mask
    select_mask[opts.pk] = {}
    mask = dict(mask)
    for field in opts.concrete_fields:
        field_mask = mask.pop(field.name, None)
        field_att_mask = mask.pop(field.attname, None)
        if field_mask is None and field_att_mask is None:
            select_mask.setdefault(field, {})
        elif field_mask:
            if not field.is_relation:
                raise FieldError(next(iter(field_mask)))
            field_select_mask = select_mask.setdefault(field, {})
            related_model = field.remote_field.model._meta.concrete_model
            _defer_mask(related_model._meta, field_mask, field_select_mask)
    for field_name, field_mask in mask.items():
        # Remaining names must be reverse relations (deferring inside select_related()).
        field = opts.get_field(field_name)
        if field.is_relation and field_mask:
            related_model = field.related_model._meta.concrete_model
            field_select_mask = select_mask.setdefault(field.field if hasattr(field, "field") else field, {})
            _defer_mask(related_model._meta, field_mask, field_select_mask)
    return select_mask
