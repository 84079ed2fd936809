"""Container types used across the framework (MultiValueDict backs QueryDict)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NoReturn


class OrderedSet:
    """A set that remembers insertion order."""

    __slots__ = ("dict",)

    def __init__(self, iterable: Iterable | None = None) -> None:
        self.dict = dict.fromkeys(iterable or ())

    def add(self, item: Any) -> None:
        self.dict[item] = None

    def remove(self, item: Any) -> None:
        del self.dict[item]

    def discard(self, item: Any) -> None:
        self.dict.pop(item, None)

    def __iter__(self) -> Iterator:
        return iter(self.dict)

    def __reversed__(self) -> Iterator:
        return reversed(self.dict)

    def __contains__(self, item: object) -> bool:
        return item in self.dict

    def __bool__(self) -> bool:
        return bool(self.dict)

    def __len__(self) -> int:
        return len(self.dict)

    def __repr__(self) -> str:
        data = repr(list(self.dict)) if self.dict else ""
        return f"{type(self).__qualname__}({data})"


class MultiValueDictKeyError(KeyError):
    """A missing key in a MultiValueDict (a KeyError)."""


class MultiValueDict(dict):
    """A dict of lists: ``d[key]`` is the last value, ``getlist(key)`` all of them."""

    def __init__(self, key_to_list_mapping: Any = ()) -> None:
        super().__init__(key_to_list_mapping)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {super().__repr__()}>"

    def __getitem__(self, key: Any) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            raise MultiValueDictKeyError(key)
        try:
            return values[-1]
        except IndexError:
            return []

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, [value])

    def __copy__(self) -> MultiValueDict:
        return self.__class__([(k, v[:]) for k, v in self.lists()])

    def __deepcopy__(self, memo: dict) -> MultiValueDict:
        result = self.__class__()
        memo[id(self)] = result
        for key, value in dict.items(self):
            dict.__setitem__(result, copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_data": {k: self._getlist(k) for k in self}}

    def __setstate__(self, state: dict) -> None:
        data = state.pop("_data", {})
        for key, values in data.items():
            self.setlist(key, values)
        self.__dict__.update(state)

    def get(self, key: Any, default: Any = None) -> Any:
        """The last value for ``key``, or ``default`` if missing or empty."""
        try:
            value = self[key]
        except KeyError:
            return default
        if value == []:
            return default
        return value

    def _getlist(self, key: Any, default: Any = None, force_list: bool = False) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            if default is None:
                return []
            return default
        return list(values) if force_list and values is not None else values

    def getlist(self, key: Any, default: Any = None) -> list:
        """All values for ``key`` (a new list), or ``default`` (``[]`` if None)."""
        return self._getlist(key, default, force_list=True)

    def setlist(self, key: Any, list_: list) -> None:
        super().__setitem__(key, list_)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        if key not in self:
            if default_list is None:
                default_list = []
            self.setlist(key, default_list)
        return self._getlist(key)

    def appendlist(self, key: Any, value: Any) -> None:
        """Add ``value`` to the list for ``key``."""
        self.setlistdefault(key).append(value)

    def items(self) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        """(key, last value) pairs."""
        for key in self:
            yield key, self[key]

    def lists(self) -> Iterator[tuple[Any, list]]:
        """(key, list of values) pairs."""
        return iter(super().items())

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        """The last value of each key."""
        for key in self:
            yield self[key]

    def copy(self) -> MultiValueDict:
        """A shallow copy (the lists are copied, their items are not)."""
        return copy.copy(self)

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Extend (not replace) the lists with the given pairs or mapping."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        if args:
            arg = args[0]
            if isinstance(arg, MultiValueDict):
                for key, value_list in arg.lists():
                    self.setlistdefault(key).extend(value_list)
            else:
                pairs = arg.items() if isinstance(arg, Mapping) else arg
                for key, value in pairs:
                    self.setlistdefault(key).append(value)
        for key, value in kwargs.items():
            self.setlistdefault(key).append(value)

    def dict(self) -> dict:
        """A plain dict of key -> last value."""
        return {key: self[key] for key in self}


class ImmutableList(tuple):
    """A tuple that answers mutation attempts with a custom AttributeError."""

    warning: str | Exception

    def __new__(
        cls, *args: Any, warning: str = "ImmutableList object is immutable.", **kwargs: Any
    ) -> ImmutableList:
        self = tuple.__new__(cls, *args, **kwargs)
        self.warning = warning
        return self

    def complain(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AttributeError(self.warning)


# Every list-style mutator answers with the custom message.
for _mutator in (
    "__delitem__",
    "__setitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "reverse",
    "sort",
):
    setattr(ImmutableList, _mutator, ImmutableList.complain)
del _mutator


class DictWrapper(dict):
    """A dict whose values are passed through ``func`` when the key starts with ``prefix``
    (the prefix is stripped before lookup)."""

    def __init__(self, data: Mapping, func: Callable[[Any], Any], prefix: str) -> None:
        super().__init__(data)
        self.func = func
        self.prefix = prefix

    def __getitem__(self, key: str) -> Any:
        use_func = key.startswith(self.prefix)
        key = key.removeprefix(self.prefix)
        value = super().__getitem__(key)
        return self.func(value) if use_func else value


class CaseInsensitiveMapping(Mapping):
    """A read-only mapping whose string keys are matched case-insensitively but
    keep their original spelling when iterated."""

    def __init__(self, data: Mapping | Iterable[tuple[str, Any]]) -> None:
        self._store = {
            key.lower(): (key, value) for key, value in self._destruct_iterable_mapping_values(data)
        }

    @staticmethod
    def _destruct_iterable_mapping_values(data: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(data, Mapping):
            yield from data.items()
            return
        for index, item in enumerate(data):
            if len(item) != 2:
                raise ValueError(
                    f"dictionary update sequence element #{index} has length {len(item)}; 2 is required."
                )
            if not isinstance(item[0], str):
                raise ValueError(f"Element key {item[0]!r} invalid, only strings are allowed")
            yield tuple(item)  # type: ignore[misc]

    def __getitem__(self, key: str) -> Any:
        return self._store[key.lower()][1]

    def __len__(self) -> int:
        return len(self._store)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return {k.lower(): v for k, v in self.items()} == {str(k).lower(): v for k, v in other.items()}

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def __repr__(self) -> str:
        return repr(dict(self._store.values()))

    def copy(self) -> CaseInsensitiveMapping:
        return self
