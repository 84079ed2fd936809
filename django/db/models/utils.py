"""Small helpers shared by the model layer."""

from __future__ import annotations

import functools
from collections import namedtuple
from typing import TYPE_CHECKING, Any

# The ORM computes many cached properties per fresh query: ours skips functools' per-instance
# lock; the checker is shown functools' version, whose typing it understands.
if TYPE_CHECKING:
    from functools import cached_property as cached_property
else:
    from django.utils.functional import cached_property as cached_property


def make_model_tuple(model: Any) -> tuple[str, str]:
    """Return (app_label, model_name_lower) for a model class or an "app_label.ModelName" string."""
    try:
        if isinstance(model, tuple):
            return model
        if isinstance(model, str):
            app_label, model_name = model.split(".")
            return app_label, model_name.lower()
        return model._meta.app_label, model._meta.model_name
    except (ValueError, AttributeError):
        raise ValueError(
            "Invalid model reference '%s'. String model references must be of the form "
            "'app_label.ModelName'." % (model,)
        )


def swappable_setting_name(label: str) -> str | None:
    """The setting (e.g. ``"AUTH_USER_MODEL"``) that names the model ``"app_label.Model"``, if any.

    Decided by the settings and by the swappable models the project defines (the global
    registry), never by the registry a field's model lives in: a migration's historical
    state may hold neither the swappable model nor its replacement.
    """
    from django.apps import apps
    from django.conf import global_settings, settings

    label = label.lower()
    # setting name -> label of the model it replaces by default
    defaults = {"AUTH_USER_MODEL": global_settings.AUTH_USER_MODEL}
    for app_models in list(apps.all_models.values()):
        for model in list(app_models.values()):
            name = model._meta.swappable
            if name:
                defaults.setdefault(name, model._meta.label)
    for name, default in defaults.items():
        current = getattr(settings, name, None) or default
        if label in (current.lower(), default.lower()):
            return name
    return None


def resolve_callables(mapping: dict[str, Any]):
    """Yield (key, value) pairs, calling values that are callable."""
    for key, value in mapping.items():
        yield key, value() if callable(value) else value


def unpickle_named_row(names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    return create_namedtuple_class(*names)(*values)


@functools.lru_cache
def create_namedtuple_class(*names: str) -> type:
    # Cached so that values_list(named=True) builds one class per field set.
    def __reduce__(self):
        return unpickle_named_row, (names, tuple(self))

    return type("Row", (namedtuple("Row", names),), {"__reduce__": __reduce__, "__slots__": ()})


class AltersData:
    """Mark overriding methods of alters_data methods as alters_data too (templates won't call them)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        for name, value in list(vars(cls).items()):
            if not callable(value) or getattr(value, "alters_data", False):
                continue
            for base in cls.__mro__[1:]:
                base_value = base.__dict__.get(name)
                if base_value is not None:
                    if getattr(base_value, "alters_data", False):
                        value.alters_data = True
                    break
        super().__init_subclass__(**kwargs)
