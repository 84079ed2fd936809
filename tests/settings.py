"""Settings for the test suite. Areas add their own test apps to INSTALLED_APPS."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "reinhardt-tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "example.com", ".example.org"]
USE_TZ = True
TIME_ZONE = "UTC"

INSTALLED_APPS: list[str] = [
    # contrib apps and test apps are added here as they arrive
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "tests.db.backends.flushapp",
    "tests.core.management.cmdapp",
    "tests.db.models.app_models",
    "tests.db.models.query.qapp",
    "tests.test_client.testapp",
    "tests.forms.formsapp",
    "tests.contrib.contenttypes.ctapp",
]

MIDDLEWARE: list[str] = []
ROOT_URLCONF = "tests.urls_empty"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("REINHARDT_TEST_SQLITE", ":memory:"),
    },
    # Used only through the db_alias/connection fixtures of tests/conftest.py, which create
    # the test database (TEST NAME, one per xdist worker) when the server answers.
    "postgresql": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "reinhardt",
        "HOST": "127.0.0.1",
        "PORT": 5432,
        "USER": "postgres",
        "TEST": {"NAME": "test_reinhardt"},
    },
    "mysql": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "reinhardt",
        "HOST": "127.0.0.1",
        "PORT": 3306,
        "USER": "root",
        "TEST": {"NAME": "test_reinhardt", "CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    },
}

TEMPLATES: list[dict] = []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

# Fast hashing for tests (the default PBKDF2 costs ~0.5 s per password).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
