"""django.test.utils and friends: tag, feature skips, isolate_apps, captured output, ignore_warnings."""

import sys
import unittest
import warnings

import pytest

from django.apps import apps as global_apps
from django.db import connection, models
from django.test import SimpleTestCase, TestCase, skipIfDBFeature, skipUnlessDBFeature, tag
from django.test.utils import CaptureQueriesContext, captured_stdout, ignore_warnings, isolate_apps


def test_tag_collects_tags_on_functions_and_classes():
    @tag("slow", "db")
    def f():
        pass

    @tag("fast")
    class C:
        pass

    assert f.tags == {"slow", "db"}
    assert C.tags == {"fast"}


class FeatureSkips(TestCase):
    @skipUnlessDBFeature("supports_transactions")
    def test_runs_when_supported(self):
        pass

    @skipIfDBFeature("supports_transactions")
    def test_skipped_when_supported(self):
        pass

    @skipUnlessDBFeature("no_such_feature_flag")
    def test_skipped_for_unknown_feature(self):
        pass


def test_feature_skips_evaluate_connection_features():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FeatureSkips)
    result = unittest.TestResult()
    suite.run(result)
    assert result.testsRun == 3
    assert sorted(test._testMethodName for test, _reason in result.skipped) == [
        "test_skipped_for_unknown_feature",
        "test_skipped_when_supported",
    ]
    assert not result.errors and not result.failures


def test_feature_skip_on_a_class_skips_each_test_without_running_set_up_class():
    calls = []

    @skipUnlessDBFeature("supports_transactions")
    @skipIfDBFeature("supports_transactions")
    class Skipped(TestCase):
        @classmethod
        def setUpClass(cls):
            calls.append("setUpClass")
            super().setUpClass()

        def test_a(self):
            calls.append("a")

        def test_b(self):
            calls.append("b")

    class Inherits(Skipped):
        pass

    @skipUnlessDBFeature("supports_transactions")
    class Runs(TestCase):
        def test_c(self):
            calls.append("c")

    result = unittest.TestResult()
    for case in (Skipped, Inherits, Runs):
        unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    assert calls == ["c"]
    assert result.testsRun == 5
    assert [(test._testMethodName, reason) for test, reason in result.skipped] == [
        ("test_a", "Database has feature(s) supports_transactions"),
        ("test_b", "Database has feature(s) supports_transactions"),
        ("test_a", "Database has feature(s) supports_transactions"),
        ("test_b", "Database has feature(s) supports_transactions"),
    ]
    assert not result.errors and not result.failures


def test_async_test_methods_run_in_an_event_loop():
    seen = []

    class AsyncCase(SimpleTestCase):
        async def test_awaits(self):
            import asyncio

            await asyncio.sleep(0)
            seen.append("ran")

        async def test_fails(self):
            self.assertEqual(1, 2)

    class AsyncDbCase(TestCase):
        @skipUnlessDBFeature("supports_transactions")
        async def test_runs_when_supported(self):
            seen.append("feature")

        @skipIfDBFeature("supports_transactions")
        async def test_skipped(self):
            seen.append("never")

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(AsyncCase).run(result)
    unittest.defaultTestLoader.loadTestsFromTestCase(AsyncDbCase).run(result)
    assert seen == ["ran", "feature"]
    assert [test._testMethodName for test, _tb in result.failures] == ["test_fails"]
    assert [test._testMethodName for test, _reason in result.skipped] == ["test_skipped"]


def test_feature_skip_on_simple_test_case_is_an_error():
    class NoDb(SimpleTestCase):
        @skipUnlessDBFeature("supports_transactions")
        def test_x(self):
            pass

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(NoDb).run(result)
    assert "doesn't allow queries against the 'default' database" in result.errors[0][1]


def test_isolate_apps_keeps_models_out_of_the_global_registry():
    with isolate_apps("tests.test_client.testapp") as apps:

        class Throwaway(models.Model):
            class Meta:
                app_label = "testapp"

        assert apps.get_model("testapp", "Throwaway") is Throwaway
    with pytest.raises(LookupError):
        global_apps.get_model("testapp", "Throwaway")


def test_capture_queries_context():
    with CaptureQueriesContext(connection) as captured:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert len(captured) == 1
    assert captured[0]["sql"] == "SELECT 1"


def test_captured_stdout():
    with captured_stdout() as out:
        print("hello")
    assert out.getvalue() == "hello\n"
    assert sys.stdout is not out


def test_ignore_warnings():
    @ignore_warnings(category=UserWarning)
    def noisy():
        warnings.warn("shh", UserWarning)
        return "done"

    assert noisy() == "done"
