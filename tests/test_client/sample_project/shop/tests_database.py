"""TestCase and TransactionTestCase features: isolation, fixtures, queries, on_commit, databases."""

from journal.models import Entry

from django.contrib import messages
from django.contrib.messages import Message
from django.contrib.messages.test import MessagesTestMixin
from django.core import mail
from django.db import connection
from django.test import TestCase, TransactionTestCase, skipIfDBFeature, skipUnlessDBFeature
from django.test.utils import CaptureQueriesContext

from .models import Category, Order, Product


class SetUpTestDataIsolationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.lamp = Product.objects.create(name="lamp", price="12.00")
        cls.tags = ["new"]

    # Each test changes the class-level objects; whichever runs second proves they were restored.
    def test_first_change(self):
        self.assertEqual((self.lamp.name, self.tags), ("lamp", ["new"]))
        self.lamp.name = "changed in memory"
        self.tags.append("first")
        Product.objects.filter(pk=self.lamp.pk).update(price="1.00")

    def test_second_change(self):
        self.assertEqual((self.lamp.name, self.tags), ("lamp", ["new"]))
        self.assertEqual(str(Product.objects.get(pk=self.lamp.pk).price), "12.00")
        self.lamp.name = "changed again"
        self.tags.append("second")
        Product.objects.filter(pk=self.lamp.pk).update(price="2.00")


class QueryAssertionTests(TestCase):
    fixtures = ["products"]

    def test_fixture_loaded(self):
        self.assertEqual(Product.objects.get(pk=2).name, "desk")

    def test_assert_num_queries(self):
        with self.assertNumQueries(1):
            list(Product.objects.all())
        self.assertNumQueries(2, lambda: [Product.objects.count(), Product.objects.first()])

    def test_capture_queries_context(self):
        with CaptureQueriesContext(connection) as captured:
            Product.objects.filter(name="lamp").exists()
        self.assertEqual(len(captured), 1)
        self.assertIn("shop_product", captured.captured_queries[0]["sql"])

    def test_assert_queryset_equal(self):
        self.assertQuerySetEqual(
            Product.objects.order_by("name"), ["desk", "lamp"], transform=lambda p: p.name
        )
        self.assertQuerySetEqual(Product.objects.all(), [Product(pk=2), Product(pk=1)], ordered=False)

    def test_data_migration_rows_exist(self):
        self.assertQuerySetEqual(Category.objects.order_by("name"), ["general", "lighting"], transform=str)


class UnmigratedAppTests(TestCase):
    def test_table_of_an_app_without_migrations_exists(self):
        Entry.objects.create(text="restocked")
        self.assertQuerySetEqual(Entry.objects.all(), ["restocked"], transform=lambda e: e.text)


class AsyncTests(TestCase):
    async def test_async_queries_and_client_share_the_test_transaction(self):
        await Product.objects.acreate(name="async lamp", price="1.00")
        self.assertEqual(await Product.objects.acount(), 1)
        response = await self.async_client.get("/products/")
        self.assertEqual(response.json(), {"products": ["async lamp"]})


class OnCommitTests(MessagesTestMixin, TestCase):
    fixtures = ["products"]

    def test_confirmation_sent_when_callbacks_run(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post("/products/1/order/", {"quantity": "3"})
        self.assertEqual(len(callbacks), 1)
        order = Order.objects.get()
        self.assertEqual([m.subject for m in mail.outbox], [f"Order {order.pk}"])
        self.assertMessages(response, [Message(messages.INFO, "Order received.")])

    def test_confirmation_waits_for_the_commit(self):
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.post("/products/2/order/", {"quantity": "1"})
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(mail.outbox, [])


class TwoDatabaseTests(TestCase):
    databases = {"default", "other"}

    def test_each_alias_has_its_own_rows(self):
        Product.objects.using("other").create(name="remote", price="5.00")
        self.assertEqual(Product.objects.count(), 0)
        self.assertEqual(Product.objects.using("other").get().name, "remote")


class UndeclaredDatabaseTests(TestCase):
    def test_queries_to_an_undeclared_alias_fail(self):
        with self.assertRaisesMessage(
            AssertionError, "Database queries to 'other' are not allowed in this test"
        ):
            Product.objects.using("other").count()


class FeatureTests(TestCase):
    @skipUnlessDBFeature("supports_transactions")
    def test_runs_where_transactions_exist(self):
        self.assertTrue(connection.features.supports_transactions)

    @skipIfDBFeature("supports_transactions")
    def test_skipped_where_transactions_exist(self):
        self.fail("every database of this project supports transactions")


@skipUnlessDBFeature("supports_sequence_reset")
class ResetSequencesTests(TransactionTestCase):
    reset_sequences = True
    available_apps = ["shop"]

    # Run in either order, both start from a fresh sequence.
    def test_first_product_gets_pk_1(self):
        self.assertEqual(Product.objects.create(name="a", price="1.00").pk, 1)

    def test_again_pk_1(self):
        Product.objects.create(name="b", price="1.00")
        self.assertEqual(Product.objects.get().pk, 1)


class SerializedRollbackTests(TransactionTestCase):
    serialized_rollback = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.names_at_class_setup = sorted(Category.objects.values_list("name", flat=True))

    def test_rows_are_there_in_set_up_class(self):
        self.assertEqual(self.names_at_class_setup, ["general", "lighting"])

    # The migration-seeded rows come back before each test even though the other one deletes them.
    def test_delete_seeded_rows(self):
        self.assertEqual(Category.objects.count(), 2)
        Category.objects.all().delete()

    def test_delete_seeded_rows_again(self):
        self.assertEqual(Category.objects.count(), 2)
        Category.objects.all().delete()


class FlushedTransactionTests(TransactionTestCase):
    def test_commits_really_happen(self):
        Product.objects.create(name="committed", price="1.00")
        self.assertFalse(connection.in_atomic_block)
        self.assertEqual(Product.objects.count(), 1)
