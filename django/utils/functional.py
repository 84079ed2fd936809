"""Laziness helpers: cached_property, lazy proxies and lazily-built objects."""

from __future__ import annotations

import copy
import functools
import operator
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any


class cached_property:
    """A non-data descriptor that computes a value once per instance and then
    stores it in the instance ``__dict__`` (so later reads skip the descriptor).

    ``del obj.attr`` forgets the cached value.
    """

    name: str | None = None

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.real_func = func
        self.__doc__ = getattr(func, "__doc__", None)
        self.__module__ = getattr(func, "__module__", None)  # type: ignore[assignment]

    def __set_name__(self, owner: type, name: str) -> None:
        if self.name is not None and self.name != name:
            raise TypeError(
                f"Cannot assign the same cached_property to two different names ({self.name!r} and {name!r})."
            )
        self.name = name

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is None:
            return self
        if self.name is None:
            raise TypeError("Cannot use cached_property instance without calling __set_name__() on it.")
        instance.__dict__[self.name] = value = self.real_func(instance)
        return value


class classproperty:
    """Like ``@property`` but computed from the class, readable on the class."""

    def __init__(self, method: Callable[[Any], Any] | None = None) -> None:
        self.fget = method

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        return self.fget(cls if cls is not None else type(instance))  # type: ignore[misc]

    def getter(self, method: Callable[[Any], Any]) -> classproperty:
        self.fget = method
        return self


class Promise:
    """Base class of the proxies made by ``lazy()``; lets code recognise them."""

    def _cast(self) -> Any:
        raise NotImplementedError


# Names the proxy class must never take over from the result classes.
_PROXY_RESERVED = frozenset(
    {
        "__new__",
        "__init__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__class__",
        "__dict__",
        "__doc__",
        "__module__",
        "__reduce__",
        "__reduce_ex__",
        "__getnewargs__",
        "__getstate__",
        "__init_subclass__",
        "__subclasshook__",
        "__class_getitem__",
        "__sizeof__",
        "__slots__",
        "__weakref__",
    }
)


def _lazy_proxy_unpickle(func: Callable, args: tuple, kwargs: dict, *resultclasses: type) -> Any:
    return lazy(func, *resultclasses)(*args, **kwargs)


def _make_forwarder(name: str) -> Callable:
    def forward(self: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._cast(), name)(*args, **kwargs)

    forward.__name__ = name
    return forward


@functools.cache
def _proxy_class(resultclasses: tuple[type, ...]) -> type:
    """The proxy class for one set of result classes, built once: lazy() is
    called at import time all over the framework and must be cheap."""

    class __proxy__(Promise):
        __slots__ = ("_func", "_args", "_kw")

        def __init__(self, func: Callable, args: tuple, kw: dict) -> None:
            self._func = func
            self._args = args
            self._kw = kw

        def _cast(self) -> Any:
            return self._func(*self._args, **self._kw)

        def __reduce__(self) -> tuple:
            return (_lazy_proxy_unpickle, (self._func, self._args, self._kw, *resultclasses))

        def __deepcopy__(self, memo: dict) -> Any:
            memo[id(self)] = self
            return self

        def __copy__(self) -> Any:
            return self

        def __repr__(self) -> str:
            return repr(self._cast())

        def __str__(self) -> str:
            return str(self._cast())

        def __bool__(self) -> bool:
            return bool(self._cast())

        def __hash__(self) -> int:
            return hash(self._cast())

        def __format__(self, spec: str) -> str:
            return format(self._cast(), spec)

        def __eq__(self, other: object) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() == other

        def __ne__(self, other: object) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() != other

        def __lt__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() < other

        def __le__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() <= other

        def __gt__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() > other

        def __ge__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other._cast()
            return self._cast() >= other

        def __add__(self, other: Any) -> Any:
            return self._cast() + other

        def __radd__(self, other: Any) -> Any:
            return other + self._cast()

        def __mod__(self, other: Any) -> Any:
            return self._cast() % other

        def __mul__(self, other: Any) -> Any:
            return self._cast() * other

    own = set(vars(__proxy__))
    for resultclass in resultclasses:
        for klass in resultclass.__mro__:
            if klass is object:
                continue
            for name, value in vars(klass).items():
                if name in _PROXY_RESERVED or name in own or not callable(value):
                    continue
                own.add(name)
                setattr(__proxy__, name, _make_forwarder(name))
    return __proxy__


def lazy(func: Callable, *resultclasses: type) -> Callable[..., Any]:
    """Turn ``func`` into a function returning a lazy proxy: the real call
    happens each time the proxy is used (str(), ==, +, methods of the result
    classes...)."""
    proxy_class = _proxy_class(resultclasses)

    @wraps(func)
    def __wrapper__(*args: Any, **kw: Any) -> Any:
        return proxy_class(func, args, kw)

    __wrapper__._proxy_class = proxy_class  # type: ignore[attr-defined]
    return __wrapper__


_lazy_str = lazy(str, str)


def lazystr(text: Any) -> Any:
    """A lazy ``str(text)``; handy for lazy translations in ``format`` calls."""
    return _lazy_str(text)


def keep_lazy(*resultclasses: type) -> Callable[[Callable], Callable]:
    """Decorator: if any argument is a lazy proxy, return a lazy proxy of the
    call instead of evaluating it now."""
    if not resultclasses:
        raise TypeError("You must pass at least one argument to keep_lazy().")

    def decorator(func: Callable) -> Callable:
        lazy_func = lazy(func, *resultclasses)

        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            # Plain loops: this wraps hot helpers such as escape().
            for arg in args:
                if isinstance(arg, Promise):
                    return lazy_func(*args, **kwargs)
            if kwargs:
                for arg in kwargs.values():
                    if isinstance(arg, Promise):
                        return lazy_func(*args, **kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorator


def keep_lazy_text(func: Callable) -> Callable:
    """``keep_lazy(str)`` as a plain decorator."""
    return keep_lazy(str)(func)


empty = object()


def new_method_proxy(func: Callable) -> Callable:
    def inner(self: Any, *args: Any) -> Any:
        wrapped = self._wrapped
        if wrapped is empty:
            self._setup()
            wrapped = self._wrapped
        return func(wrapped, *args)

    return inner


def unpickle_lazyobject(wrapped: Any) -> Any:
    """Unpickled lazy objects come back as the object they wrapped."""
    return wrapped


class LazyObject:
    """A wrapper that builds the wrapped object on first use; subclasses
    implement ``_setup()`` to set ``self._wrapped``."""

    _wrapped: Any = None

    def __init__(self) -> None:
        self._wrapped = empty

    def __getattr__(self, name: str) -> Any:
        if name == "_wrapped":
            raise AttributeError(name)
        wrapped = self._wrapped
        if wrapped is empty:
            self._setup()
            wrapped = self._wrapped
        return getattr(wrapped, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_wrapped":
            self.__dict__["_wrapped"] = value
            return
        if self._wrapped is empty:
            self._setup()
        setattr(self._wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        if name == "_wrapped":
            raise TypeError("can't delete _wrapped.")
        if self._wrapped is empty:
            self._setup()
        delattr(self._wrapped, name)

    def _setup(self) -> None:
        raise NotImplementedError("subclasses of LazyObject must provide a _setup() method")

    def __reduce__(self) -> tuple:
        if self._wrapped is empty:
            self._setup()
        return (unpickle_lazyobject, (self._wrapped,))

    def __copy__(self) -> Any:
        if self._wrapped is empty:
            return type(self)()
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo: dict) -> Any:
        if self._wrapped is empty:
            result = type(self)()
            memo[id(self)] = result
            return result
        return copy.deepcopy(self._wrapped, memo)

    __class__ = property(new_method_proxy(operator.attrgetter("__class__")))  # type: ignore[assignment]
    __hash__ = new_method_proxy(hash)  # type: ignore[assignment]


# Operations forwarded to the wrapped object (set up after the class body so
# the table stays readable).
_FORWARDED_OPERATIONS: dict[str, Callable] = {
    "__bytes__": bytes,
    "__str__": str,
    "__bool__": bool,
    "__dir__": dir,
    "__eq__": operator.eq,
    "__ne__": operator.ne,
    "__lt__": operator.lt,
    "__gt__": operator.gt,
    "__getitem__": operator.getitem,
    "__setitem__": operator.setitem,
    "__delitem__": operator.delitem,
    "__iter__": iter,
    "__len__": len,
    "__contains__": operator.contains,
    "__add__": operator.add,
    "__radd__": lambda wrapped, other: other + wrapped,
    "__or__": operator.or_,
    "__ror__": lambda wrapped, other: other | wrapped,
}
for _name, _operation in _FORWARDED_OPERATIONS.items():
    setattr(LazyObject, _name, new_method_proxy(_operation))
del _name, _operation


class SimpleLazyObject(LazyObject):
    """A lazy object built by calling ``func()`` on first use."""

    def __init__(self, func: Callable[[], Any]) -> None:
        self.__dict__["_setupfunc"] = func
        super().__init__()

    def _setup(self) -> None:
        self._wrapped = self._setupfunc()

    def __repr__(self) -> str:
        shown = self._setupfunc if self._wrapped is empty else self._wrapped
        return f"<{type(self).__name__}: {shown!r}>"

    def __copy__(self) -> Any:
        if self._wrapped is empty:
            return SimpleLazyObject(self._setupfunc)
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo: dict) -> Any:
        if self._wrapped is empty:
            result = SimpleLazyObject(self._setupfunc)
            memo[id(self)] = result
            return result
        return copy.deepcopy(self._wrapped, memo)


def partition(predicate: Callable[[Any], Any], values: Iterable) -> tuple[list, list]:
    """Split ``values`` into (items where predicate is false, items where true)."""
    results: tuple[list, list] = ([], [])
    for item in values:
        results[bool(predicate(item))].append(item)
    return results
