"""Importing the foundation reads no settings and pulls in no higher layer (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HIGHER_LAYERS = ("django.db", "django.http", "django.urls", "django.template", "django.views", "django.test")


def modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    env = {"PATH": "/usr/bin:/bin"}  # no DJANGO_SETTINGS_MODULE: importing must not need one
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    "statement",
    [
        "import django.conf",
        "import django.apps",
        "import django.core.management",
        "import django.core.checks",
        "from django.core.management.base import BaseCommand",
        "import django.core.servers.basehttp",
    ],
)
def test_foundation_imports_stay_low(statement):
    loaded = modules_after(statement)
    leaked = sorted(name for name in loaded if name.startswith(HIGHER_LAYERS))
    assert leaked == []


def test_importing_settings_does_not_configure_them():
    code = "from django.conf import settings\nprint(settings.configured)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert result.stdout.strip() == "False"
