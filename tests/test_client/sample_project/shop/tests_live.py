"""LiveServerTestCase and StaticLiveServerTestCase: the project served over real HTTP."""

import json
from urllib.request import urlopen

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import LiveServerTestCase, tag

from .models import Product


@tag("live")
class LiveProductsTests(LiveServerTestCase):
    fixtures = ["products"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.names_at_class_setup = sorted(Product.objects.values_list("name", flat=True))

    def test_fixture_rows_loaded_for_set_up_class(self):
        self.assertEqual(self.names_at_class_setup, ["desk", "lamp"])

    def test_fixture_rows_served_over_http(self):
        with urlopen(f"{self.live_server_url}/products/", timeout=10) as response:
            self.assertEqual(json.loads(response.read()), {"products": ["desk", "lamp"]})

    def test_live_server_url_is_a_real_port(self):
        self.assertRegex(self.live_server_url, r"^http://localhost:\d+$")
        self.assertNotEqual(self.live_server_url, "http://localhost:0")


@tag("live")
class LiveStaticTests(StaticLiveServerTestCase):
    def test_app_static_file_served(self):
        with urlopen(f"{self.live_server_url}/static/shop/style.css", timeout=10) as response:
            self.assertIn(b"#123456", response.read())
