"""Settings of the benchmark project: the same file runs on Reinhardt and on the real Django."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "world",
]
# BENCH_ADMIN=1 adds the admin (its changelist benchmark); off by default so that the TechEmpower
# endpoints measure the same stack as before.
ADMIN_ENABLED = bool(os.environ.get("BENCH_ADMIN"))
if ADMIN_ENABLED:
    INSTALLED_APPS = ["django.contrib.admin", *INSTALLED_APPS]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if os.environ.get("BENCH_MIDDLEWARE") == "none":
    MIDDLEWARE = []
ROOT_URLCONF = "benchsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
if ADMIN_ENABLED:
    TEMPLATES[0]["OPTIONS"]["context_processors"] += [
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]
# The database comes from the environment: BENCH_DB=sqlite (file BENCH_SQLITE) or
# BENCH_DB=postgresql (BENCH_DB_NAME/HOST/PORT/USER/PASSWORD). BENCH_CONN_MAX_AGE keeps connections
# open between requests ("none" = forever), as a production deployment would.
_engine = os.environ.get("BENCH_DB", "sqlite")
_max_age = os.environ.get("BENCH_CONN_MAX_AGE", "0")
if _engine == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("BENCH_DB_NAME", "bench"),
            "USER": os.environ.get("BENCH_DB_USER", "postgres"),
            "PASSWORD": os.environ.get("BENCH_DB_PASSWORD", ""),
            "HOST": os.environ.get("BENCH_DB_HOST", "127.0.0.1"),
            "PORT": os.environ.get("BENCH_DB_PORT", "5432"),
        }
    }
elif _engine == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_SQLITE", str(BASE_DIR / "bench.sqlite3")),
        }
    }
else:
    raise ValueError(f"BENCH_DB must be 'sqlite' or 'postgresql', not {_engine!r}")
DATABASES["default"]["CONN_MAX_AGE"] = None if _max_age == "none" else int(_max_age)
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
