"""The e2e tests share the development-server fixtures."""

from tests.core.servers.conftest import start_server  # noqa: F401  (a fixture)
