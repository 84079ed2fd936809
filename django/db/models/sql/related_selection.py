"""select_related(): which related tables to join and which of their columns to select."""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db.models.query_utils import select_related_descend


def _no_op_setter(obj, value):
    pass


def _field_choices(opts) -> list[str]:
    direct = (f.name for f in opts.fields if f.is_relation)
    reverse = (
        f.field.related_query_name()
        for f in opts.related_objects
        if f.field.unique and not getattr(f, "many_to_many", False)
    )
    return [*direct, *reverse]


def _select_columns(compiler, select, select_mask, model, alias, from_parent=None) -> list[int]:
    positions = []
    columns = compiler.get_default_columns(
        select_mask, start_alias=alias, opts=model._meta, from_parent=from_parent
    )
    for col in columns:
        positions.append(len(select))
        select.append((col, None))
    return positions


def _forward_infos(compiler, select, select_mask, opts, root_alias, cur_depth, requested, restricted, found):
    infos = []
    for field in opts.fields:
        found.add(field.name)
        if restricted:
            next_level = requested.get(field.name, {})
            if not field.is_relation:
                # A non-relational field given in select_related is an error.
                if next_level or field.name in requested:
                    raise FieldError(
                        f"Non-relational field given in select_related: '{field.name}'. "
                        f"Choices are: {', '.join(_field_choices(opts)) or '(none)'}"
                    )
        else:
            next_level = False
        if not select_related_descend(field, restricted, requested, select_mask):
            continue
        related_mask = select_mask.get(field) or {}
        related_model = field.remote_field.model
        klass_info = {
            "model": related_model,
            "field": field,
            "reverse": False,
            "local_setter": field.set_cached_value,
            "remote_setter": field.remote_field.set_cached_value if field.unique else _no_op_setter,
            "from_parent": False,
        }
        infos.append(klass_info)
        join_info = compiler.query.setup_joins([field.name], opts, root_alias)
        alias = join_info.joins[-1]
        klass_info["select_fields"] = _select_columns(compiler, select, related_mask, related_model, alias)
        klass_info["related_klass_infos"] = get_related_selections(
            compiler, select, related_mask, related_model._meta, alias, cur_depth + 1, next_level, restricted
        )
    return infos


def _reverse_infos(compiler, select, select_mask, opts, root_alias, cur_depth, requested, restricted, found):
    infos = []
    related = [
        (o, o.field, o.related_model)
        for o in opts.related_objects
        if o.field.unique and not getattr(o, "many_to_many", False)
    ]
    for _related_object, related_field, model in related:
        if not select_related_descend(related_field, restricted, requested, select_mask, reverse=True):
            continue
        related_mask = select_mask.get(related_field) or {}
        name = related_field.related_query_name()
        found.add(name)
        join_info = compiler.query.setup_joins([name], opts, root_alias)
        alias = join_info.joins[-1]
        from_parent = issubclass(model, opts.model) and model is not opts.model
        klass_info = {
            "model": model,
            "field": related_field,
            "reverse": True,
            "local_setter": related_field.remote_field.set_cached_value,
            "remote_setter": related_field.set_cached_value,
            "from_parent": from_parent,
        }
        infos.append(klass_info)
        klass_info["select_fields"] = _select_columns(
            compiler, select, related_mask, model, alias, from_parent=opts.model
        )
        klass_info["related_klass_infos"] = get_related_selections(
            compiler,
            select,
            related_mask,
            model._meta,
            alias,
            cur_depth + 1,
            requested.get(name, {}),
            restricted,
        )
    return infos


def get_related_selections(compiler, select, select_mask, opts=None, root_alias=None, cur_depth=1,
                           requested=None, restricted=None) -> list:  # fmt: skip
    """Add related models' columns to ``select``; return their klass_info dicts."""
    if not restricted and cur_depth > compiler.query.max_depth:
        return []
    if opts is None:
        opts = compiler.query.get_meta()
        root_alias = compiler.query.get_initial_alias()
    if requested is None:
        restricted = isinstance(compiler.query.select_related, dict)
        if restricted:
            requested = compiler.query.select_related
    found: set[str] = set()
    infos = _forward_infos(
        compiler, select, select_mask, opts, root_alias, cur_depth, requested, restricted, found
    )
    if restricted:
        infos += _reverse_infos(
            compiler, select, select_mask, opts, root_alias, cur_depth, requested, restricted, found
        )
        not_found = set(requested).difference(found)
        if not_found:
            invalid = ", ".join(f"'{name}'" for name in sorted(not_found))
            raise FieldError(
                f"Invalid field name(s) given in select_related: {invalid}. "
                f"Choices are: {', '.join(_field_choices(opts)) or '(none)'}"
            )
    return infos


def add_parent_select_fields(klass_info, select) -> None:
    """A child reached from its parent reuses the parent's already-selected columns."""
    for info in klass_info.get("related_klass_infos", ()):
        if info["from_parent"]:
            info["select_fields"] = klass_info["select_fields"] + info["select_fields"]
        add_parent_select_fields(info, select)
