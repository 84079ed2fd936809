import pytest

from django.test import override_settings


@pytest.fixture(autouse=True)
def client_urlconf():
    with override_settings(ROOT_URLCONF="tests.test_client.urls"):
        yield
