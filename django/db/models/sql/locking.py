"""SELECT ... FOR UPDATE: validation against the backend's features, and the OF list."""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db.models.constants import LOOKUP_SEP


def for_update_sql(compiler, with_limit_offset: bool) -> str:
    from django.db import NotSupportedError
    from django.db.transaction import TransactionManagementError

    connection = compiler.connection
    features = connection.features
    query = compiler.query
    if connection.get_autocommit():
        raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
    if with_limit_offset and not features.supports_select_for_update_with_limit:
        raise NotSupportedError(
            "LIMIT/OFFSET is not supported with select_for_update on this database backend."
        )
    nowait = query.select_for_update_nowait
    skip_locked = query.select_for_update_skip_locked
    of = query.select_for_update_of
    no_key = query.select_for_no_key_update
    if nowait and not features.has_select_for_update_nowait:
        raise NotSupportedError("NOWAIT is not supported on this database backend.")
    if skip_locked and not features.has_select_for_update_skip_locked:
        raise NotSupportedError("SKIP LOCKED is not supported on this database backend.")
    if of and not features.has_select_for_update_of:
        raise NotSupportedError("FOR UPDATE OF is not supported on this database backend.")
    if no_key and not features.has_select_for_no_key_update:
        raise NotSupportedError("FOR NO KEY UPDATE is not supported on this database backend.")
    return connection.ops.for_update_sql(
        nowait=nowait,
        skip_locked=skip_locked,
        of=select_for_update_of_arguments(compiler) if of else (),
        no_key=no_key,
    )


def _related_choices(select_related, prefix: str = "") -> list[str]:
    choices = []
    if isinstance(select_related, dict):
        for name, nested in select_related.items():
            path = f"{prefix}{name}"
            choices.append(path)
            choices.extend(_related_choices(nested, f"{path}{LOOKUP_SEP}"))
    return choices


def select_for_update_of_arguments(compiler) -> list[str]:
    """The table aliases (or pk columns) named by select_for_update(of=...)."""
    query = compiler.query
    opts = query.get_meta()
    features = compiler.connection.features
    allowed = {"self", *_related_choices(query.select_related)}
    invalid = [name for name in query.select_for_update_of if name not in allowed]
    if invalid:
        raise FieldError(
            "Invalid field name(s) given in select_for_update(of=(...)): {}. Only relational fields "
            "followed in the query are allowed. Choices are: {}.".format(
                ", ".join(invalid), ", ".join(sorted(allowed))
            )
        )
    result = []
    base_alias = query.get_initial_alias()
    for name in query.select_for_update_of:
        if name == "self":
            alias, model_opts = base_alias, opts
        else:
            join_info = query.setup_joins(name.split(LOOKUP_SEP), opts, base_alias)
            alias, model_opts = join_info.joins[-1], join_info.opts
        if getattr(features, "select_for_update_of_column", False):
            sql, _ = compiler.compile(model_opts.pk.get_col(alias))
            result.append(sql)
        else:
            result.append(compiler.quote_name_unless_alias(alias))
    return result
