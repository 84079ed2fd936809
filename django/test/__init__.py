"""Testing tools: the test client, request factories, test cases and settings overrides."""

from typing import Any

from django.test.client import AsyncClient, AsyncRequestFactory, Client, RequestFactory
from django.test.testcases import SimpleTestCase
from django.test.utils import ignore_warnings, modify_settings, override_settings

__all__ = [
    "LiveServerTestCase",
    "TestCase",
    "TransactionTestCase",
    "skipIfDBFeature",
    "skipUnlessAnyDBFeature",
    "skipUnlessDBFeature",
    "tag",
    "AsyncClient",
    "AsyncRequestFactory",
    "Client",
    "RequestFactory",
    "SimpleTestCase",
    "ignore_warnings",
    "modify_settings",
    "override_settings",
]


_LAZY = {
    "TestCase": "django.test.db_testcases",
    "TransactionTestCase": "django.test.db_testcases",
    "LiveServerTestCase": "django.test.live_server",
    "skipIfDBFeature": "django.test.features",
    "skipUnlessDBFeature": "django.test.features",
    "skipUnlessAnyDBFeature": "django.test.features",
    "tag": "django.test.utils",
}


def __getattr__(name: str) -> Any:
    # The database test cases import the ORM; load them only when asked for.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'django.test' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module_name), name)
