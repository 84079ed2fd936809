"""Normalising field choices: enums, mappings, grouped choices and callables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.functional import Promise


def normalize_choices(value: Any) -> Any:
    """Turn Choices enums, mappings and callables into a list of (value, label) pairs."""
    from django.db.models.enums import ChoicesType

    if value is None or isinstance(value, (str, bytes, Promise)):
        return value
    if isinstance(value, ChoicesType):
        return value.choices
    if callable(value):
        return CallableChoices(value)
    if isinstance(value, dict):
        value = value.items()
    try:
        items = list(value)
    except TypeError:
        return value
    result = []
    for item in items:
        try:
            key, label = item
        except (TypeError, ValueError):
            return items
        if isinstance(label, ChoicesType):
            label = label.choices
        elif isinstance(label, dict):
            label = list(label.items())
        elif isinstance(label, (list, tuple)) and label and not isinstance(label, str):
            label = normalize_choices(label)
        result.append((key, label))
    return result


class CallableChoices:
    """Choices computed on each iteration (callable choices are re-evaluated, e.g. in forms)."""

    def __init__(self, func: Callable[[], Any]) -> None:
        self.func = func

    def __iter__(self):
        return iter(normalize_choices(self.func()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CallableChoices) and other.func == self.func

    def __hash__(self) -> int:
        return hash(self.func)


def flatten_choices(choices: Iterable) -> list[tuple[Any, Any]]:
    flat: list[tuple[Any, Any]] = []
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat
