"""TestCase and TransactionTestCase against the real SQLite test database."""

import unittest

import pytest

from django.db import connection
from django.test import TestCase

from . import dbcases
from .testapp.models import Author
from .testapp.tables import created_tables


@pytest.fixture(scope="module", autouse=True)
def tables():
    with created_tables(connection):
        yield


def run(case):
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_testcase_isolates_each_test_and_class_data():
    result = run(dbcases.SharedDataCase)
    assert result.testsRun == 5
    assert not result.failures and not result.errors, result.failures + result.errors
    # The class-level transaction is rolled back too.
    assert Author.objects.count() == 0


def test_assert_num_queries_failure_lists_the_queries():
    result = run(dbcases.FailingNumQueries)
    assert len(result.failures) == 1
    message = result.failures[0][1]
    assert "1 queries executed, 5 expected" in message
    assert "Captured queries were:\n1. SELECT" in message


def test_transaction_test_case_flushes_between_tests():
    result = run(dbcases.FlushCase)
    assert not result.failures and not result.errors, result.failures + result.errors
    assert Author.objects.count() == 0


def test_simple_test_case_refuses_database_queries():
    result = run(dbcases.NoDatabaseAllowed)
    assert len(result.failures) == 1
    assert (
        "Database queries to 'default' are not allowed in SimpleTestCase subclasses." in result.failures[0][1]
    )
    # The guard is removed after the class.
    assert Author.objects.count() == 0


def test_unknown_database_alias_is_reported():
    class Wrong(TestCase):
        databases = {"nope"}

        def test_x(self):
            pass

    result = run(Wrong)
    assert (
        "Wrong.databases refers to 'nope' which is not defined in settings.DATABASES." in result.errors[0][1]
    )


def test_fixtures_attribute_loads_fixtures_once_per_class():
    result = run(dbcases.FixtureCase)
    assert result.testsRun == 1
    assert not result.failures and not result.errors, result.failures + result.errors
    assert Author.objects.count() == 0


@pytest.mark.slow
def test_live_server_serves_the_project_over_real_http_sharing_the_in_memory_database():
    result = run(dbcases.LiveCase)
    assert result.testsRun == 3
    assert not result.failures and not result.errors, result.failures + result.errors


def test_transaction_test_case_fixtures_are_there_for_set_up_class_and_every_test():
    from django.test import TransactionTestCase

    seen = []

    class Case(TransactionTestCase):
        fixtures = ["authors"]

        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            seen.append(("class", Author.objects.count()))

        def test_a(self):
            seen.append(("a", Author.objects.count()))
            Author.objects.all().delete()

        def test_b(self):
            seen.append(("b", Author.objects.count()))
            Author.objects.all().delete()

    result = run(Case)
    assert not result.failures and not result.errors, result.failures + result.errors
    assert seen == [("class", 2), ("a", 2), ("b", 2)]
    assert Author.objects.count() == 0


def test_class_data_of_a_class_whose_tests_all_skip_is_flushed():
    from django.test import TransactionTestCase

    class Case(TransactionTestCase):
        fixtures = ["authors"]

        @unittest.skip("nothing to run")
        def test_skipped(self):
            pass

    result = run(Case)
    assert len(result.skipped) == 1
    assert Author.objects.count() == 0
