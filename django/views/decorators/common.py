"""no_append_slash: opt a view out of CommonMiddleware's APPEND_SLASH redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from asgiref.sync import iscoroutinefunction


def no_append_slash(view_func: Callable) -> Callable:
    if iscoroutinefunction(view_func):

        async def async_view(*args: Any, **kwargs: Any) -> Any:
            return await view_func(*args, **kwargs)

        wrapper: Any = wraps(view_func)(async_view)
    else:

        def sync_view(*args: Any, **kwargs: Any) -> Any:
            return view_func(*args, **kwargs)

        wrapper = wraps(view_func)(sync_view)
    wrapper.should_append_slash = False
    return wrapper
