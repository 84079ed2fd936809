"""Django 6.0 made most mail arguments keyword-only, still accepting them positionally with a warning."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.deprecation import RemovedInDjango70Warning

F = TypeVar("F", bound=Callable[..., Any])


def legacy_positional(positional: int, legacy_names: tuple[str, ...]) -> Callable[[F], F]:
    """Map positional arguments past the first ``positional`` onto ``legacy_names``, warning once per call."""

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > positional:
                extra, args = args[positional:], args[:positional]
                name = func.__qualname__.removesuffix(".__init__")
                if len(extra) > len(legacy_names):
                    raise TypeError(
                        f"{name}() takes at most {positional + len(legacy_names)} positional arguments"
                    )
                passed = legacy_names[: len(extra)]
                for key, value in zip(passed, extra):
                    if key in kwargs:
                        raise TypeError(f"{name}() got multiple values for argument '{key}'")
                    kwargs[key] = value
                warnings.warn(
                    f"Passing positional argument(s) {', '.join(passed)} to {name}() is deprecated; "
                    "pass them as keyword arguments.",
                    RemovedInDjango70Warning,
                    stacklevel=2,
                )
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
