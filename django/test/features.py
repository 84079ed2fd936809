"""Skip decorators by database feature flags (``connection.features``), never by vendor name."""

from __future__ import annotations

import unittest
from collections.abc import Callable
from functools import wraps
from typing import Any


def _deferred_skip(condition: Callable[[], bool], reason: str, name: str) -> Callable:
    """Skip when ``condition()`` is true, evaluated when the test runs (the databases exist then)."""

    def decorator(test_item: Any) -> Any:
        if isinstance(test_item, type) and issubclass(test_item, unittest.TestCase):
            skip_class = test_item

            original = skip_class.setUpClass.__func__  # type: ignore[attr-defined]

            @classmethod  # type: ignore[misc]
            def setUpClass(cls: Any) -> None:
                if _check(cls, condition, name):
                    raise unittest.SkipTest(reason)
                original(cls)

            skip_class.setUpClass = setUpClass  # type: ignore[assignment]
            return skip_class
        if isinstance(test_item, type):
            raise TypeError(f"{name} cannot be used on {test_item.__qualname__} as it doesn't allow queries")

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
