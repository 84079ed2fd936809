"""Model checks: every model's own check() and cross-model clashes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.checks.messages import CheckMessage, Error
from django.core.checks.registry import Tags, register


def _models_to_check(app_configs: Any) -> list[Any]:
    from django.apps import apps

    if app_configs is None:
        return list(apps.get_models())
    return [model for app_config in app_configs for model in app_config.get_models()]


@register(Tags.models)
def check_all_models(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Run Model.check() for every model and report db_table, index and constraint name clashes."""
    errors: list[CheckMessage] = []
    tables: defaultdict[str, list[str]] = defaultdict(list)
    indexes: defaultdict[str, list[str]] = defaultdict(list)
    constraints: defaultdict[str, list[str]] = defaultdict(list)
    for model in _models_to_check(app_configs):
        meta = model._meta
        if meta.managed and not meta.proxy:
            tables[meta.db_table].append(meta.label)
        if not callable(getattr(model, "check", None)):
            errors.append(
                Error(
                    f"The '{model.__name__}.check()' class method is currently overridden by {model.check!r}.",
                    obj=model,
                    id="models.E020",
                )
            )
        else:
            errors.extend(model.check(**kwargs))
        for index in getattr(meta, "indexes", ()):
            indexes[index.name].append(meta.label)
        for constraint in getattr(meta, "constraints", ()):
            constraints[constraint.name].append(meta.label)
    errors.extend(_table_clashes(tables))
    errors.extend(_name_clashes(indexes, "index", "models.E029", "models.E030"))
    errors.extend(_name_clashes(constraints, "constraint", "models.E031", "models.E032"))
    return errors


def _table_clashes(tables: dict[str, list[str]]) -> list[CheckMessage]:
    return [
        Error(
            f"db_table '{table}' is used by multiple models: {', '.join(labels)}.",
            obj=table,
            id="models.E028",
        )
        for table, labels in tables.items()
        if len(labels) > 1
    ]


def _name_clashes(names: dict[str, list[str]], kind: str, same_id: str, multi_id: str) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for name, labels in names.items():
        if len(labels) < 2:
            continue
        distinct = set(labels)
        if len(distinct) == 1:
            errors.append(Error(f"{kind} name '{name}' is not unique for model {labels[0]}.", id=same_id))
        else:
            errors.append(
                Error(
                    f"{kind} name '{name}' is not unique among models: {', '.join(sorted(distinct))}.",
                    id=multi_id,
                )
            )
    return errors


@register(Tags.models)
def check_lazy_references(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Report string model references ("app.Model") that never resolved to a registered model."""
    from django.apps import apps

    return lazy_reference_messages(apps)


def lazy_reference_messages(registry: Any) -> list[CheckMessage]:
    """The unresolved lazy references of one app registry."""
    apps = registry
    messages: list[CheckMessage] = []
    for (app_label, model_name), operations in sorted(apps._pending_operations.items()):
        if not operations:
            continue
        try:
            apps.get_app_config(app_label)
            problem = f"app '{app_label}' doesn't provide model '{model_name}'"
        except LookupError:
            problem = f"app '{app_label}' isn't installed"
        for operation in operations:
            messages.append(_lazy_reference_message(operation, app_label, model_name, problem))
    return messages


def _lazy_reference_message(operation: Any, app_label: str, model_name: str, problem: str) -> CheckMessage:
    # Fields record what they wait for in a `field` keyword of the pending partial, when they can.
    target = getattr(operation, "func", operation)
    keywords = getattr(target, "keywords", None) or {}
    field = keywords.get("field")
    if field is not None and getattr(field, "model", None) is not None:
        return Error(
            f"The field {field.model._meta.label}.{field.name} was declared with a lazy reference to "
            f"'{app_label}.{model_name}', but {problem}.",
            obj=field,
            id="fields.E307",
        )
    return Error(
        f"An operation is waiting for the lazy reference '{app_label}.{model_name}', but {problem}.",
        id="models.E022",
    )
