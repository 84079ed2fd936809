"""Deprecation warning classes and MiddlewareMixin (the old-style middleware base)."""

from __future__ import annotations

import functools
import os
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
        # Looked up once: the hooks are class methods, not per-request state.
        self._process_request = getattr(self, "process_request", None)
        self._process_response = getattr(self, "process_response", None)
        if self.async_mode:
            markcoroutinefunction(self)
        super().__init__()

    def __repr__(self) -> str:
        target = getattr(self.get_response, "__qualname__", type(self.get_response).__qualname__)
        return f"<{type(self).__qualname__} get_response={target}>"

    def __call__(self, request: Any) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        before = self._process_request
        after = self._process_response
        # process_request may answer on its own; the view is then skipped.
        early = before(request) if before is not None else None
        result = early if early else self.get_response(request)
        return after(request, result) if after is not None else result

    async def __acall__(self, request: Any) -> Any:
        before = self._process_request
        after = self._process_response
        early = await sync_to_async(before, thread_sensitive=True)(request) if before is not None else None
        result = early if early else await self.get_response(request)
        if after is None:
            return result
        return await sync_to_async(after, thread_sensitive=True)(request, result)
