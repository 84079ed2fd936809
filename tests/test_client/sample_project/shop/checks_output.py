"""Tests for the runner's output options (not matched by the default tests*.py pattern)."""

from django.conf import settings
from django.test import SimpleTestCase, TestCase

from .models import Product


class Noisy(SimpleTestCase):
    def test_fails_noisily(self):
        print("noise from a failing test")
        self.fail("expected failure")

    def test_passes_noisily(self):
        print("noise from a passing test")


class QueryThenFail(TestCase):
    def test_query_then_fail(self):
        Product.objects.filter(name="needle-in-the-sql").count()
        self.fail("failed after a query")


class ShowsDebug(SimpleTestCase):
    def test_shows_debug(self):
        print(f"DEBUG is {settings.DEBUG}")


class BothDatabases(TestCase):
    databases = {"default", "other"}

    def test_both(self):
        self.assertEqual(Product.objects.using("other").count(), 0)
