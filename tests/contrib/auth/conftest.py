"""Auth form/view tests: a pinned database, users made per test, and a small URLconf with templates."""

from __future__ import annotations

from pathlib import Path

import pytest


class _Pin:
    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias

    def allow_relation(self, *args, **hints):
        return True


@pytest.fixture
def auth_db(connection, monkeypatch):
    """Route every query to the database under test; remove the users made by the test afterwards."""
    from django.contrib.auth.models import User
    from django.db import router

    monkeypatch.setattr(router, "routers", [_Pin(connection.alias)])
    yield connection.alias
    from django.contrib.sessions.models import Session

    User.objects.all().delete()
    Session.objects.all().delete()


@pytest.fixture
def make_user(auth_db):
    from django.contrib.auth.models import User

    def make(username="ann", password="s3cret-Pass!", **extra):
        return User.objects.create_user(username=username, password=password, **extra)

    return make


@pytest.fixture
def site():
    """The auth URLconf, session/auth middleware and this folder's registration templates."""
    from django.test import override_settings

    with override_settings(
        ROOT_URLCONF="tests.contrib.auth.urls",
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [str(Path(__file__).parent / "templates")],
                "APP_DIRS": True,  # the auth app ships password_reset_subject.txt
                "OPTIONS": {},
            }
        ],
        LOGIN_REDIRECT_URL="/home/",
    ):
        yield
