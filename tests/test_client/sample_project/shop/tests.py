from django.db import connection
from django.test import SimpleTestCase, TestCase, TransactionTestCase, tag

from .models import Product


class ProductTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pen = Product.objects.create(name="pen", price="1.50")

    def test_listing(self):
        Product.objects.create(name="ink", price="3.00")
        response = self.client.get("/products/")
        self.assertJSONEqual(response.content, {"products": ["ink", "pen"]})

    def test_isolated(self):
        self.assertEqual(Product.objects.count(), 1)

    def test_queries(self):
        with self.assertNumQueries(1):
            list(Product.objects.all())


class CommitTests(TransactionTestCase):
    def test_commit(self):
        Product.objects.create(name="x", price="1.00")
        self.assertFalse(connection.in_atomic_block)


class PageTests(SimpleTestCase):
    @tag("fast")
    def test_hello(self):
        self.assertContains(self.client.get("/"), "<b>shop</b>", html=True)

    def test_reverse(self):
        from django.urls import reverse

        self.assertEqual(reverse("products"), "/products/")
