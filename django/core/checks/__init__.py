"""The system check framework. Importing it registers the built-in checks."""

from importlib import import_module
from importlib.util import find_spec

# Importing these modules registers their checks.
import django.core.checks.async_checks  # noqa: E402
import django.core.checks.caches  # noqa: E402
import django.core.checks.database  # noqa: E402
import django.core.checks.files  # noqa: E402
import django.core.checks.model_checks  # noqa: E402
import django.core.checks.security.base  # noqa: E402
import django.core.checks.security.csrf  # noqa: E402
import django.core.checks.security.sessions  # noqa: E402
import django.core.checks.templates  # noqa: E402
import django.core.checks.translation  # noqa: E402
from django.core.checks.messages import (
    CRITICAL,
    DEBUG,
    ERROR,
    INFO,
    WARNING,
    CheckMessage,
    Critical,
    Debug,
    Error,
    Info,
    Warning,
)
from django.core.checks.registry import Tags, register, run_checks, tag_exists

# The URLconf checks belong to the URL layer; they register once that module exists.
if find_spec("django.core.checks.urls") is not None:
    import_module("django.core.checks.urls")

__all__ = [
    "CheckMessage",
    "Debug",
    "Info",
    "Warning",
    "Error",
    "Critical",
    "DEBUG",
    "INFO",
    "WARNING",
    "ERROR",
    "CRITICAL",
    "register",
    "run_checks",
    "tag_exists",
    "Tags",
]
