"""The benchmark project without contrib apps or middleware: for the in-process micro-benchmarks
that measure one layer (URLs, templates, ORM, forms)."""

from .settings import *  # noqa: F403

INSTALLED_APPS = ["world"]
MIDDLEWARE: list[str] = []
