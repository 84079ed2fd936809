"""tty_settings with the custom user model of tests.contrib.auth.customuser."""

from tests.contrib.auth.tty_settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.contrib.auth.customuser"]  # noqa: F405
AUTH_USER_MODEL = "customuser.Customer"
