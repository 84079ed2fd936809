"""Settings for the real-server tests: the shared test settings plus this package's URLconf."""

from tests.settings import *  # noqa: F403

# Only what these tests exercise: the server must not depend on other areas' test apps.
INSTALLED_APPS: list[str] = []
ROOT_URLCONF = "tests.core.handlers.urls"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
