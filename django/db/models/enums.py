"""Enumerations for field choices: Choices, IntegerChoices, TextChoices."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

__all__ = ["Choices", "IntegerChoices", "TextChoices"]


class ChoicesType(enum.EnumType):
    """Metaclass splitting each member's value from its optional trailing label."""

    def __new__(metacls, classname, bases, classdict, **kwds):
        labels = []
        for key in classdict._member_names:
            value = classdict[key]
            has_label = (
                isinstance(value, (list, tuple)) and len(value) > 1 and isinstance(value[-1], (Promise, str))
            )
            if has_label:
                *value, label = value
                value = tuple(value)
            else:
                label = key.replace("_", " ").title()
            labels.append(label)
            # Re-store the bare value; dict.__setitem__ skips enum's duplicate-key guard.
            dict.__setitem__(classdict, key, value)
        cls = super().__new__(metacls, classname, bases, classdict, **kwds)
        member: Any
        for member, label in zip(cls.__members__.values(), labels):
            member._label_ = label
        return enum.unique(cls)  # type: ignore[type-var]  # cls is the new enum class

    @property
    def names(cls) -> list[str]:
        empty = ["__empty__"] if hasattr(cls, "__empty__") else []
        return empty + [member.name for member in cls]  # type: ignore[var-annotated]  # typeshed types EnumType.__iter__ for enum classes, not the metaclass

    @property
    def choices(cls) -> list[tuple[Any, Any]]:
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member.label) for member in cls]  # type: ignore[var-annotated]  # typeshed types EnumType.__iter__ for enum classes, not the metaclass

    @property
    def labels(cls) -> list[Any]:
        return [label for _, label in cls.choices]

    @property
    def values(cls) -> list[Any]:
        return [value for value, _ in cls.choices]

    def __contains__(cls, member: Any) -> bool:
        if not isinstance(member, enum.Enum):
            return any(x.value == member for x in cls)  # type: ignore[var-annotated]  # typeshed types EnumType.__iter__ for enum classes, not the metaclass
        return super().__contains__(member)


class Choices(enum.Enum, metaclass=ChoicesType):
    """Base class for creating enumerated choices."""

    if TYPE_CHECKING:  # set on each member by ChoicesType
        _label_: Any

    @enum.property
    def label(self) -> Any:
        return self._label_

    @property
    def do_not_call_in_templates(self) -> bool:
        return True

    def __str__(self) -> str:
        # Render as the plain value (in templates, f-strings, forms).
        return str(self.value)

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}.{self._name_}"


class IntegerChoices(int, Choices):
    """Integer-valued choices."""


class TextChoices(str, Choices):
    """String-valued choices; auto() gives the member name."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name
