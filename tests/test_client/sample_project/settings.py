"""A small project whose own test suite exercises django.test through manage.py test.

SAMPLE_DB_ENGINE=postgresql (with SAMPLE_DB_NAME) runs it on the PostgreSQL server at 127.0.0.1;
the default is SQLite (an in-memory test database).
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "sample-project-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shop",
    "journal",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "shop.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
STATIC_URL = "static/"

if os.environ.get("SAMPLE_DB_ENGINE") == "postgresql":
    _server = {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": 5432,
    }
    _name = os.environ["SAMPLE_DB_NAME"]
    DATABASES = {
        "default": {**_server, "NAME": _name},
        "other": {**_server, "NAME": f"{_name}_other"},
    }
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},
        "other": {"ENGINE": "django.db.backends.sqlite3", "NAME": "other.sqlite3"},
    }
# Knobs for the runner-option tests (tests/test_client/test_runner_options.py).
if os.environ.get("SAMPLE_TEST_DB_FILE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SAMPLE_TEST_DB_FILE"]}
if os.environ.get("SAMPLE_TEST_TEMPLATE"):
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["SAMPLE_TEST_TEMPLATE"], "CHARSET": "UTF8"}
if os.environ.get("SAMPLE_CIRCULAR_DEPENDENCIES"):
    DATABASES["default"]["TEST"] = {"DEPENDENCIES": ["other"]}
    DATABASES["other"]["TEST"] = {"DEPENDENCIES": ["default"]}
TEST_RUNNER = os.environ.get("SAMPLE_TEST_RUNNER", "django.test.runner.DiscoverRunner")
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
