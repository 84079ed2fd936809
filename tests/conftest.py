"""Root fixtures: the test settings are loaded and the app registry populated once."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def pytest_configure(config):
    import django

    django.setup()
