import pytest

from tests.core.handlers import middleware, views


@pytest.fixture(autouse=True)
def _clear_logs():
    middleware.log.clear()
    middleware.constructed.clear()
    views.events.clear()
    yield
