from django.test import SimpleTestCase


class Broken(SimpleTestCase):
    def test_fails(self):
        self.assertEqual(1, 2)
