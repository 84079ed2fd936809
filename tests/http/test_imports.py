"""Import budgets: the HTTP layer must not drag in the ORM, templates or URL routing."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys
import {module}
loaded = sorted(m for m in sys.modules if m.startswith("django"))
forbidden = [m for m in loaded if m.startswith(({forbidden!r}))]
print(len(loaded), forbidden)
"""


@pytest.mark.parametrize(
    "module,forbidden",
    [
        (
            "django.http",
            ("django.db", "django.template", "django.urls", "django.core.handlers", "django.apps"),
        ),
        ("django.core.handlers.wsgi", ("django.db", "django.template", "django.forms")),
        ("django.core.handlers.asgi", ("django.db", "django.template", "django.forms")),
        ("django.middleware.csrf", ("django.db", "django.template")),
        ("django.core.files.storage", ("django.db", "django.template", "django.http")),
    ],
)
def test_import_does_not_load_higher_layers(module, forbidden):
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module, forbidden=forbidden)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(maxsplit=1)
    count, leaked = int(out[0]), out[1].strip()
    assert leaked == "[]", f"{module} imported {leaked}"
    assert count < 60, f"{module} loads {count} django modules"


def test_importing_reads_no_settings():
    code = "import django.http, django.core.handlers.wsgi, django.middleware.common; print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert result.stdout.strip() == "ok", result.stderr
