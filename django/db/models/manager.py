"""Managers: the ``Model.objects`` entry point to QuerySets."""

from __future__ import annotations

import copy
import inspect
from functools import wraps
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.db.models.query import QuerySet

if TYPE_CHECKING:
    from django.db.models.base import Model


class BaseManager:
    # Managers keep their declaration order (the first one is the default manager).
    creation_counter = 0
    # Set on managers Django creates itself (e.g. the automatic ``objects``).
    auto_created = False
    # Whether migrations' historical models get this manager.
    use_in_migrations = False

    if TYPE_CHECKING:
        _constructor_args: tuple[tuple, dict]  # set by __new__
        _queryset_class: type[QuerySet]  # set by from_queryset()

    def __new__(cls, *args: Any, **kwargs: Any) -> BaseManager:
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self) -> None:
        super().__init__()
        self._set_creation_counter()
        self.model: Any = None
        self.name: str | None = None
        self._db: str | None = None
        self._hints: dict = {}

    def __str__(self) -> str:
        return "%s.%s" % (self.model._meta.label, self.name)

    def __class_getitem__(cls, *args: Any, **kwargs: Any) -> type:
        return cls

    def deconstruct(self) -> tuple:
        """(as_manager, manager path, queryset path, args, kwargs) for migrations."""
        qs_class = self._queryset_class
        if getattr(self, "_built_with_as_manager", False):
            # A QuerySet.as_manager() manager is rebuilt from its queryset.
            return (True, None, "%s.%s" % (qs_class.__module__, qs_class.__name__), None, None)
        module_name = self.__module__
        name = self.__class__.__name__
        module = import_module(module_name)
        if not hasattr(module, name):
            raise ValueError(
                "Could not find manager %s in %s.\nPlease note that you need to inherit from managers you "
                "dynamically generated with 'from_queryset()'." % (name, module_name)
            )
        return (
            False,
            "%s.%s" % (module_name, name),
            None,
            self._constructor_args[0],
            self._constructor_args[1],
        )

    def check(self, **kwargs: Any) -> list:
        return []

    @classmethod
    def _get_queryset_methods(cls, queryset_class: type) -> dict:
        def create_method(name: str, method: Any) -> Any:
            @wraps(method)
            def manager_method(self, *args: Any, **kwargs: Any) -> Any:
                return getattr(self.get_queryset(), name)(*args, **kwargs)

            return manager_method

        new_methods = {}
        for name, method in inspect.getmembers(queryset_class, predicate=inspect.isfunction):
            # Existing manager attributes win.
            if hasattr(cls, name):
                continue
            # Private methods are copied only when queryset_only=False says so.
            queryset_only = getattr(method, "queryset_only", None)
            if queryset_only or (queryset_only is None and name.startswith("_")):
                continue
            new_methods[name] = create_method(name, method)
        return new_methods

    @classmethod
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        """A manager class exposing queryset_class's public methods."""
        if class_name is None:
            class_name = "%sFrom%s" % (cls.__name__, queryset_class.__name__)
        return type(
            class_name,
            (cls,),
            {"_queryset_class": queryset_class, **cls._get_queryset_methods(queryset_class)},
        )

    def contribute_to_class(self, cls: type[Model], name: str) -> None:
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.add_manager(self)

    def _set_creation_counter(self) -> None:
        self.creation_counter = BaseManager.creation_counter
        BaseManager.creation_counter += 1

    def db_manager(self, using: str | None = None, hints: dict | None = None) -> BaseManager:
        obj = copy.copy(self)
        obj._db = using or self._db
        obj._hints = hints or self._hints
        return obj

    @property
    def db(self) -> str:
        from django.db import router

        return self._db or router.db_for_read(self.model, **self._hints)

    def get_queryset(self) -> QuerySet:
        """The base QuerySet; override to customise what the manager returns."""
        return self._queryset_class(model=self.model, using=self._db, hints=self._hints)

    def all(self) -> QuerySet:
        # Not proxied: get_queryset() may be overridden and prefetching relies on all() calling it.
        return self.get_queryset()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self._constructor_args == other._constructor_args

    def __hash__(self) -> int:
        return id(self)


class Manager(BaseManager.from_queryset(QuerySet)):  # type: ignore[misc]  # base class built at runtime
    pass


class ManagerDescriptor:
    """Class-level access only: ``Model.objects`` works, ``instance.objects`` doesn't."""

    def __init__(self, manager: BaseManager) -> None:
        self.manager = manager

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is not None:
            raise AttributeError("Manager isn't accessible via %s instances" % cls.__name__)
        if cls._meta.abstract:
            raise AttributeError("Manager isn't available; %s is abstract" % (cls._meta.object_name,))
        if cls._meta.swapped:
            raise AttributeError(
                "Manager isn't available; '%s' has been swapped for '%s'"
                % (cls._meta.label, cls._meta.swapped)
            )
        return cls._meta.managers_map[self.manager.name]


class EmptyManager(Manager):
    """A manager whose querysets are always empty."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.model = model

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().none()
