"""Normalising the many shapes of ``choices`` (lists, dicts, groups, enums, callables)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from django.utils.functional import Promise


class BaseChoiceIterator:
    """Base for lazily produced choices; compares equal to the list it yields."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Iterable):
            return list(self) == list(other)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __getitem__(self, index: int) -> Any:
        if isinstance(index, slice) or index < 0:
            return list(self)[index]
        try:
            return next(islice(self, index, index + 1))
        except StopIteration:
            raise IndexError("index out of range") from None

    def __iter__(self) -> Iterator:
        raise NotImplementedError("BaseChoiceIterator subclasses must implement __iter__().")


class BlankChoiceIterator(BaseChoiceIterator):
    """Choices with ``blank_choice`` prepended unless a blank value is already offered."""

    def __init__(self, choices: Any, blank_choice: list) -> None:
        self.choices = choices
        self.blank_choice = blank_choice

    def __iter__(self) -> Iterator:
        choices = list(self.choices)
        if not any(value in ("", None) for value, _ in flatten_choices(choices)):
            yield from self.blank_choice
        yield from choices


class CallableChoiceIterator(BaseChoiceIterator):
    """Choices computed by calling ``func`` each time they are iterated."""

    def __init__(self, func: Callable[[], Any]) -> None:
        self.func = func

    def __iter__(self) -> Iterator:
        yield from normalize_choices(self.func())


def flatten_choices(choices: Any) -> Iterator[tuple[Any, Any]]:
    """(value, label) pairs with option groups expanded."""
    for value_or_group, label_or_nested in choices or ():
        if isinstance(label_or_nested, (list, tuple)):
            yield from label_or_nested
        else:
            yield value_or_group, label_or_nested


def _is_choices_enum(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, enum.Enum) and hasattr(value, "choices")


def normalize_choices(value: Any, *, depth: int = 0) -> Any:
    """Turn choices given as a mapping, an enum ``Choices`` class, a callable
    or nested iterables into a list of (value, label or list of pairs);
    anything that cannot be normalised is returned unchanged."""
    if isinstance(value, (BaseChoiceIterator, Promise, bytes, str)):
        return value
    if _is_choices_enum(value):
        return value.choices
    if isinstance(value, Mapping) and depth < 2:
        value = value.items()
    elif isinstance(value, Iterator) and depth < 2:
        pass
    elif isinstance(value, Iterable) and depth < 2:
        if any(isinstance(item, (Promise, bytes, str)) for item in value):
            return value
    elif callable(value) and depth == 0:
        return CallableChoiceIterator(value)
    else:
        return value
    try:
        return [(key, normalize_choices(item, depth=depth + 1)) for key, item in value]
    except (TypeError, ValueError):
        # Not pairs: leave it for the field's checks to report.
        return value
