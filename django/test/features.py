"""Skip decorators by database feature flags (``connection.features``), never by vendor name."""

from __future__ import annotations

import unittest
from collections.abc import Callable
from functools import wraps
from typing import Any

from asgiref.sync import iscoroutinefunction


class _ClassSkip:
    """A lazy ``__unittest_skip__`` for a class: unittest reads it as each test runs, so every test
    of the class is reported as skipped (and setUpClass is not run) once the databases exist."""

    def __init__(self, inherited: Any) -> None:
        self.inherited = inherited
        self.conditions: list[tuple[Callable[[], bool], str, str]] = []

    def triggered(self, owner: Any) -> str | None:
        """The reason of the first condition that applies to ``owner``, if any."""
        inherited = self.inherited
        if isinstance(inherited, _ClassSkip):
            reason = inherited.triggered(owner)
            if reason is not None:
                return reason
        elif inherited:
            return getattr(owner, "__unittest_skip_why__", "") or "skipped"
        for condition, reason, name in self.conditions:
            if _check(owner, condition, name):
                return reason
        return None

    def __get__(self, instance: Any, owner: Any) -> bool:
        return self.triggered(owner) is not None


class _ClassSkipReason:
    def __get__(self, instance: Any, owner: Any) -> str:
        for klass in owner.__mro__:
            skip = klass.__dict__.get("__unittest_skip__")
            if isinstance(skip, _ClassSkip):
                return skip.triggered(owner) or ""
        return ""


def _deferred_skip(condition: Callable[[], bool], reason: str, name: str) -> Callable:
    """Skip when ``condition()`` is true, evaluated when the test runs (the databases exist then)."""

    def decorator(test_item: Any) -> Any:
        if isinstance(test_item, type) and issubclass(test_item, unittest.TestCase):
            skip = test_item.__dict__.get("__unittest_skip__")
            if not isinstance(skip, _ClassSkip):
                inherited = next(
                    (
                        k.__dict__["__unittest_skip__"]
                        for k in test_item.__mro__
                        if "__unittest_skip__" in k.__dict__
                    ),
                    False,
                )
                skip = _ClassSkip(inherited)
                test_item.__unittest_skip__ = skip  # type: ignore[attr-defined]
                test_item.__unittest_skip_why__ = _ClassSkipReason()  # type: ignore[attr-defined]
            skip.conditions.append((condition, reason, name))
            return test_item
        if isinstance(test_item, type):
            raise TypeError(f"{name} cannot be used on {test_item.__qualname__} as it doesn't allow queries")

        if iscoroutinefunction(test_item):
            # Stay a coroutine function, so that the test case still runs it in an event loop.
            @wraps(test_item)
            async def async_skip_wrapper(*args: Any, **kwargs: Any) -> Any:
                if _check(args[0] if args else None, condition, name):
                    raise unittest.SkipTest(reason)
                return await test_item(*args, **kwargs)

            return async_skip_wrapper

        @wraps(test_item)
        def skip_wrapper(*args: Any, **kwargs: Any) -> Any:
            owner = args[0] if args else None
            if _check(owner, condition, name):
                raise unittest.SkipTest(reason)
            return test_item(*args, **kwargs)

        return skip_wrapper

    return decorator


def _check(test_case: Any, condition: Callable[[], bool], name: str) -> bool:
    databases = getattr(test_case, "databases", None)
    if databases is not None and not databases:
        raise ValueError(
            f"{name} cannot be used on {type(test_case).__qualname__ if not isinstance(test_case, type) else test_case.__qualname__} "
            "as it doesn't allow queries against the 'default' database."
        )
    return condition()


def _features() -> Any:
    from django.db import connection

    return connection.features


def skipIfDBFeature(*features: str) -> Callable:
    """Skip a test if any of the named database features is supported."""
    return _deferred_skip(
        lambda: any(getattr(_features(), feature, False) for feature in features),
        f"Database has feature(s) {', '.join(features)}",
        "skipIfDBFeature",
    )


def skipUnlessDBFeature(*features: str) -> Callable:
    """Skip a test unless all of the named database features are supported."""
    return _deferred_skip(
        lambda: not all(getattr(_features(), feature, False) for feature in features),
        f"Database doesn't support feature(s): {', '.join(features)}",
        "skipUnlessDBFeature",
    )


def skipUnlessAnyDBFeature(*features: str) -> Callable:
    """Skip a test unless any of the named database features is supported."""
    return _deferred_skip(
        lambda: not any(getattr(_features(), feature, False) for feature in features),
        f"Database doesn't support any of the feature(s): {', '.join(features)}",
        "skipUnlessAnyDBFeature",
    )
