"""django.test.utils and the client: settings overrides, signals, isolated apps, uploads, async."""

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import setting_changed
from django.db import models
from django.template.loader import render_to_string
from django.test import SimpleTestCase, modify_settings, override_settings, tag
from django.test.signals import template_rendered
from django.test.utils import isolate_apps
from django.urls import reverse


@override_settings(SHOP_NAME="Lamps & Co")
class SettingsOverrideTests(SimpleTestCase):
    def test_class_decorator(self):
        self.assertEqual(settings.SHOP_NAME, "Lamps & Co")

    @override_settings(SHOP_NAME="Desks")
    def test_method_decorator_wins(self):
        self.assertEqual(settings.SHOP_NAME, "Desks")

    def test_context_manager(self):
        with self.settings(SHOP_NAME="Ink"):
            self.assertEqual(settings.SHOP_NAME, "Ink")
        self.assertEqual(settings.SHOP_NAME, "Lamps & Co")

    @modify_settings(ALLOWED_HOSTS={"append": "shop.example", "remove": "localhost"})
    def test_modify_settings(self):
        self.assertIn("shop.example", settings.ALLOWED_HOSTS)
        self.assertNotIn("localhost", settings.ALLOWED_HOSTS)

    def test_setting_changed_signal(self):
        seen = []

        def receiver(*, setting, value, enter, **kwargs):
            seen.append((setting, value, enter))

        setting_changed.connect(receiver)
        try:
            with override_settings(SHOP_NAME="Signals"):
                pass
        finally:
            setting_changed.disconnect(receiver)
        self.assertEqual(seen, [("SHOP_NAME", "Signals", True), ("SHOP_NAME", "Lamps & Co", False)])

    @override_settings(ROOT_URLCONF="shop.urls_alt")
    def test_urlconf_cache_reset_by_the_documented_receiver(self):
        self.assertEqual(reverse("alt"), "/alt/")
        self.assertContains(self.client.get("/alt/"), "alternative urlconf")


class TemplateSignalTests(SimpleTestCase):
    def test_template_rendered_signal(self):
        rendered = []

        def receiver(sender, template, context, **kwargs):
            rendered.append(template.name)

        template_rendered.connect(receiver)
        try:
            html = render_to_string("shop/base.html", {"messages": []})
        finally:
            template_rendered.disconnect(receiver)
        self.assertEqual(rendered, ["shop/base.html"])
        self.assertInHTML("<title>Shop</title>", html)


class IsolatedAppsTests(SimpleTestCase):
    @isolate_apps("shop")
    def test_model_declared_in_an_isolated_registry(self):
        class Coupon(models.Model):
            code = models.CharField(max_length=10)

            class Meta:
                app_label = "shop"

        self.assertIsNot(Coupon._meta.apps, apps)
        self.assertNotIn(Coupon, apps.get_models())


@tag("fast")
class ClientTests(SimpleTestCase):
    def test_multipart_upload(self):
        sheet = SimpleUploadedFile("stock.csv", b"sku,qty\nABC-1,3\n", content_type="text/csv")
        response = self.client.post("/upload/", {"sheet": sheet, "note": "weekly"})
        self.assertEqual(response.json(), {"name": "stock.csv", "size": 16, "note": "weekly"})

    def test_get_refused_by_require_post(self):
        self.assertEqual(self.client.get("/upload/").status_code, 405)

    def test_database_refused_in_simple_test_case(self):
        from .models import Product

        with self.assertRaisesMessage(
            AssertionError, "Database queries to 'default' are not allowed in SimpleTestCase subclasses"
        ):
            Product.objects.count()

    async def test_async_client(self):
        response = await self.async_client.get("/")
        self.assertContains(response, "<b>shop</b>", html=True)
