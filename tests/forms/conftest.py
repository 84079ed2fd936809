"""Helpers for the forms tests: HTML comparison that ignores whitespace and attribute order."""

from __future__ import annotations

import pytest


def assert_html_equal(actual: str, expected: str) -> None:
    from django.test.html import parse_html

    assert parse_html(actual) == parse_html(expected), "\n%s\n!=\n%s" % (actual, expected)


@pytest.fixture
def html_equal():
    return assert_html_equal
