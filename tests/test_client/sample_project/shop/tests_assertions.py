"""The assertions of django.test, each used on this project's own views, forms and data."""

import warnings

from django.contrib import messages
from django.contrib.messages import Message
from django.contrib.messages.test import MessagesTestMixin
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase, ignore_warnings

from .forms import SkuField
from .models import Product


class ProductFormViewTests(MessagesTestMixin, TestCase):
    def test_invalid_post_shows_field_errors(self):
        response = self.client.post("/products/new/", {"name": "", "price": "abc"})
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "shop/product_form.html")
        self.assertTemplateUsed(response, "shop/base.html", count=1)
        self.assertTemplateNotUsed(response, "shop/product_detail.html")
        form = response.context["form"]
        self.assertFormError(form, "name", "This field is required.")
        self.assertFormError(form, "price", ["Enter a number."])
        self.assertFalse(Product.objects.exists())

    def test_non_field_error(self):
        response = self.client.post("/products/new/", {"name": "free", "price": "1.00"})
        self.assertFormError(response.context["form"], None, "A free product cannot have a price.")

    def test_valid_post_redirects_with_a_message(self):
        response = self.client.post("/products/new/", {"name": "lamp", "price": "12.00"})
        product = Product.objects.get()
        self.assertRedirects(response, f"/products/{product.pk}/")
        self.assertMessages(response, [Message(messages.SUCCESS, "Added lamp.")])

    def test_redirect_target_not_fetched(self):
        response = self.client.post("/products/new/", {"name": "desk", "price": "99.00"})
        self.assertRedirects(
            response, f"/products/{Product.objects.get().pk}/", fetch_redirect_response=False
        )

    def test_followed_redirect_shows_the_message_once(self):
        response = self.client.post("/products/new/", {"name": "ink", "price": "3.00"}, follow=True)
        self.assertEqual(len(response.redirect_chain), 1)
        self.assertContains(response, '<p class="message success">Added ink.</p>', count=1, html=True)
        self.assertContains(self.client.get(response.redirect_chain[0][0]), "ink")
        self.assertNotContains(self.client.get(response.redirect_chain[0][0]), "Added ink.")

    def test_response_context_templates_and_resolver_match(self):
        product = Product.objects.create(name="pen", price="1.50")
        response = self.client.get(f"/products/{product.pk}/")
        self.assertEqual(response.context["product"], product)
        self.assertEqual([t.name for t in response.templates], ["shop/product_detail.html", "shop/base.html"])
        self.assertEqual(response.resolver_match.url_name, "product_detail")
        self.assertEqual(response.resolver_match.kwargs, {"pk": product.pk})


class OrderLineFormSetTests(SimpleTestCase):
    def post(self, *lines):
        data = {"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0"}
        for index, (sku, quantity) in enumerate(lines):
            data[f"lines-{index}-sku"] = sku
            data[f"lines-{index}-quantity"] = quantity
        return self.client.post("/orders/lines/", data)

    def test_errors_per_form(self):
        formset = self.post(("abc-1", "0"), ("nope", "2")).context["formset"]
        self.assertFormSetError(formset, 0, "quantity", "Ensure this value is greater than or equal to 1.")
        self.assertFormSetError(formset, 0, "sku", [])
        self.assertFormSetError(formset, 1, "sku", "Enter a SKU like ABC-123.")

    def test_non_form_errors(self):
        formset = self.post(("abc-1", "1"), ("ABC-1", "2")).context["formset"]
        self.assertFormSetError(formset, None, None, "Each SKU may appear only once.")

    def test_valid_formset_answers_json(self):
        response = self.post(("abc-1", "1"), ("xyz-2", "2"))
        self.assertEqual(response.json(), {"lines": 2})


class SkuFieldTests(SimpleTestCase):
    def test_field_output(self):
        self.assertFieldOutput(
            SkuField,
            valid={"abc-123": "ABC-123", "XYZ-9": "XYZ-9"},
            invalid={"abc123": ["Enter a SKU like ABC-123."], "ab-12": ["Enter a SKU like ABC-123."]},
        )

    def test_raises_message(self):
        self.assertRaisesMessage(ValidationError, "like ABC-123", SkuField().clean, "12-abc")
        with self.assertRaisesMessage(ValidationError, "This field is required."):
            SkuField().clean("")


class MarkupTests(TestCase):
    fixtures = ["products"]

    def test_contains_html(self):
        response = self.client.get("/products/1/")
        self.assertContains(response, "<p class='price'>12.00</p>", html=True)
        self.assertNotContains(response, "<p class='price'>99.00</p>", html=True)
        self.assertInHTML('<h1 id="name">lamp</h1>', response.content.decode(), count=1)

    def test_html_equal(self):
        self.assertHTMLEqual('<p class="a b" id="x">one  two</p>', "<p id='x' class='b a'>one two</p>")
        self.assertHTMLNotEqual("<p>one</p>", "<p>two</p>")

    def test_json_equal(self):
        response = self.client.get("/products/")
        self.assertJSONEqual(response.content, {"products": ["desk", "lamp"]})
        self.assertJSONNotEqual(response.content, {"products": ["lamp", "desk"]})

    def test_xml_equal(self):
        response = self.client.get("/feed.xml")
        self.assertXMLEqual(
            response.content.decode(), "<feed>\n  <item>lamp</item>\n  <item>desk</item>\n</feed>"
        )
        self.assertXMLNotEqual(response.content.decode(), "<feed><item>desk</item><item>lamp</item></feed>")


class WarningTests(SimpleTestCase):
    def test_warns_message(self):
        self.assertWarnsMessage(RuntimeWarning, "low stock", warnings.warn, "low stock: lamp", RuntimeWarning)

    def test_ignore_warnings(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with ignore_warnings(category=RuntimeWarning):
                warnings.warn("silenced", RuntimeWarning)
            with self.assertRaises(RuntimeWarning):
                warnings.warn("raised", RuntimeWarning)
