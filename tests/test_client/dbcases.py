"""TestCase/TransactionTestCase classes run by test_db_testcases.py (not collected by pytest itself)."""

from django.db import connection, transaction
from django.test import LiveServerTestCase, SimpleTestCase, TestCase, TransactionTestCase, override_settings

from .testapp.models import Author, Book

LOG = []


class SharedDataCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = Author.objects.create(name="Ann")
        cls.tags = ["a"]

    def test_1_changes_are_rolled_back(self):
        Book.objects.create(title="B1", author=self.author)
        self.author.name = "changed in memory"
        self.tags.append("mutated")
        self.assertEqual(Book.objects.count(), 1)

    def test_2_sees_clean_state(self):
        self.assertEqual(Book.objects.count(), 0)
        self.assertEqual(self.author.name, "Ann")
        self.assertEqual(self.tags, ["a"])
        self.assertEqual(Author.objects.get().name, "Ann")

    def test_3_assert_num_queries(self):
        with self.assertNumQueries(2):
            Author.objects.create(name="Bob")
            list(Author.objects.all())
        self.assertNumQueries(1, lambda: list(Book.objects.all()))

    def test_4_assert_queryset_equal(self):
        Author.objects.create(name="Cid")
        self.assertQuerySetEqual(Author.objects.all(), ["Ann", "Cid"], transform=str)
        self.assertQuerySetEqual(
            Author.objects.order_by("-name"), ["Ann", "Cid"], transform=str, ordered=False
        )

    def test_5_on_commit_callbacks(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            transaction.on_commit(lambda: LOG.append("committed"))
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(LOG, ["committed"])


class FailingNumQueries(TestCase):
    def test_wrong_count(self):
        with self.assertNumQueries(5):
            list(Author.objects.all())


class FlushCase(TransactionTestCase):
    # Only this app's tables exist in the pytest database; this also skips post_migrate.
    available_apps = ["tests.test_client.testapp"]

    def test_1_commits(self):
        Author.objects.create(name="Committed")
        self.assertFalse(connection.in_atomic_block)

    def test_2_table_was_flushed(self):
        self.assertEqual(Author.objects.count(), 0)


class NoDatabaseAllowed(SimpleTestCase):
    def test_query_is_refused(self):
        list(Author.objects.all())


class FixtureCase(TestCase):
    fixtures = ["authors", "books"]

    def test_fixtures_loaded_for_the_class(self):
        self.assertEqual(Book.objects.get().author.name, "Ann")
        self.assertEqual(Author.objects.count(), 2)


@override_settings(ROOT_URLCONF="tests.test_client.live_urls")
class LiveCase(LiveServerTestCase):
    available_apps = ["tests.test_client.testapp"]

    def test_real_http_request(self):
        import json
        from urllib.request import urlopen

        Author.objects.create(name="Live")
        with urlopen(self.live_server_url + "/authors/", timeout=10) as response:
            self.assertEqual(response.status, 200)
            self.assertEqual(json.loads(response.read()), {"authors": ["Live"]})

    def test_not_found(self):
        from urllib.error import HTTPError
        from urllib.request import urlopen

        with self.assertRaises(HTTPError) as info:
            urlopen(self.live_server_url + "/missing/", timeout=10)
        self.assertEqual(info.exception.code, 404)

    def test_url_shape(self):
        self.assertRegex(self.live_server_url, r"^http://localhost:\d+$")
