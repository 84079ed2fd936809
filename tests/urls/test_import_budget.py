"""Importing the URL, view and test layers loads no ORM and reads no settings."""

import subprocess
import sys

MODULES = [
    "django.urls",
    "django.views",
    "django.views.generic",
    "django.shortcuts",
    "django.views.debug",
    "django.test",
]


def test_imports_do_not_load_the_orm_or_read_settings():
    code = "\n".join(
        [
            "import importlib, sys",
            f"for name in {MODULES!r}:",
            "    importlib.import_module(name)",
            "    loaded = sorted(m for m in sys.modules if m.startswith('django.db'))",
            "    assert not loaded, (name, loaded)",
            "from django.conf import settings",
            "assert not settings.configured, 'settings were read at import time'",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
