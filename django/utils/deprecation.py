"""Deprecation warning classes and MiddlewareMixin (the old-style middleware base)."""

from __future__ import annotations

import functools
import inspect
import os
import warnings
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async


class RemovedInDjango61Warning(DeprecationWarning):
    pass


class RemovedInDjango70Warning(PendingDeprecationWarning):
    pass


RemovedInNextVersionWarning = RemovedInDjango61Warning
RemovedAfterNextVersionWarning = RemovedInDjango70Warning


@functools.cache
def django_file_prefixes() -> tuple[str, ...]:
    """Directory prefixes to skip when warnings.warn() picks a stack level."""
    import django

    return (os.path.dirname(django.__file__),)


class warn_about_renamed_method:
    def __init__(
        self, class_name: str, old_method_name: str, new_method_name: str, deprecation_warning: type
    ):
        self.class_name = class_name
        self.old_method_name = old_method_name
        self.new_method_name = new_method_name
        self.deprecation_warning = deprecation_warning

    def __call__(self, f: Callable) -> Callable:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(
                f"`{self.class_name}.{self.old_method_name}` is deprecated, use `{self.new_method_name}` instead.",
                self.deprecation_warning,
                2,
            )
            return f(*args, **kwargs)

        return wrapper


class RenameMethodsBase(type):
    """Metaclass that keeps old method names working (with a warning) after a rename.

    ``renamed_methods = ((old, new, warning_class), ...)``.
    """

    renamed_methods: tuple = ()

    def __new__(cls, name: str, bases: tuple, attrs: dict):
        new_class = super().__new__(cls, name, bases, attrs)
        for base in inspect.getmro(new_class):
            class_name = base.__name__
            for old_name, new_name, warning in cls.renamed_methods:
                old_method = base.__dict__.get(old_name)
                new_method = base.__dict__.get(new_name)
                if not new_method and old_method:
                    warnings.warn(
                        f"`{class_name}.{old_name}` method should be renamed `{new_name}`.", warning, 2
                    )
                    setattr(base, new_name, old_method)
                    setattr(
                        base,
                        old_name,
                        warn_about_renamed_method(class_name, old_name, new_name, warning)(old_method),
                    )
                if not old_method and new_method:
                    setattr(
                        base,
                        old_name,
                        warn_about_renamed_method(class_name, old_name, new_name, warning)(new_method),
                    )
        return new_class


class MiddlewareMixin:
    """Base for middleware written with ``process_request``/``process_response``;
    works in both sync and async chains."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable) -> None:
        if get_response is None:
            raise ValueError("get_response must be provided.")
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(self.get_response)
        if self.async_mode:
            markcoroutinefunction(self)
        super().__init__()

    def __repr__(self) -> str:
        target = getattr(self.get_response, "__qualname__", type(self.get_response).__qualname__)
        return f"<{type(self).__qualname__} get_response={target}>"

    def __call__(self, request: Any) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response

    async def __acall__(self, request: Any) -> Any:
        response = None
        if hasattr(self, "process_request"):
            response = await sync_to_async(self.process_request, thread_sensitive=True)(request)
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = await sync_to_async(self.process_response, thread_sensitive=True)(request, response)
        return response
