"""Testing tools: the test client, request factories, test cases and settings overrides."""

from django.test.client import AsyncClient, AsyncRequestFactory, Client, RequestFactory
from django.test.testcases import SimpleTestCase
from django.test.utils import ignore_warnings, modify_settings, override_settings

__all__ = [
    "AsyncClient",
    "AsyncRequestFactory",
    "Client",
    "RequestFactory",
    "SimpleTestCase",
    "ignore_warnings",
    "modify_settings",
    "override_settings",
]


def __getattr__(name: str):
    # The database test cases import the ORM; load them only when asked for.
    if name in {
        "TestCase",
        "TransactionTestCase",
        "LiveServerTestCase",
        "skipIfDBFeature",
        "skipUnlessDBFeature",
        "skipUnlessAnyDBFeature",
    }:
        from django.test import testcases

        try:
            return getattr(testcases, name)
        except AttributeError:
            pass
    if name == "tag":
        from django.test.utils import tag

        return tag
    raise AttributeError(f"module 'django.test' has no attribute {name!r}")
