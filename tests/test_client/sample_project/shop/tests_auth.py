from django.contrib.auth.models import User
from django.test import TestCase


class AuthClientTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("ann", password="secret-pass-123")

    def test_force_login(self):
        self.client.force_login(self.user)
        response = self.client.get("/whoami/")
        self.assertEqual(response.content, b"ann")

    def test_login_and_logout(self):
        self.assertFalse(self.client.login(username="ann", password="wrong"))
        self.assertTrue(self.client.login(username="ann", password="secret-pass-123"))
        self.assertEqual(self.client.get("/whoami/").content, b"ann")
        self.client.logout()
        self.assertEqual(self.client.get("/whoami/").content, b"anonymous")

    def test_session(self):
        session = self.client.session
        session["colour"] = "blue"
        session.save()
        self.assertEqual(self.client.get("/colour/").content, b"blue")
