"""Settings for the createsuperuser runs in a pseudo-terminal: the test settings plus password
validators, on the SQLite file named by REINHARDT_TEST_SQLITE."""

from tests.settings import *  # noqa: F403

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
