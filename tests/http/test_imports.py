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


WSGI_APP = """
import sys
from django.conf import settings
settings.configure(
    SECRET_KEY="x",
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    ROOT_URLCONF=[],
)
import django
django.setup()
from django.core.wsgi import get_wsgi_application
get_wsgi_application()
print(sorted(m for m in DEFERRED if m in sys.modules))
"""

# Imported on first use only: each costs start-up time that a process serving plain requests never
# needs (dates are formatted without email.utils; the multipart parser, mimetypes for file
# responses and the management commands' color styles wait until used).
DEFERRED = (
    "email.utils",
    "email.header",
    "mimetypes",
    "django.http.multipartparser",
    "django.core.management",
    "argparse",
)


def test_start_up_to_a_wsgi_app_defers_what_plain_requests_do_not_need():
    out = subprocess.run(
        [sys.executable, "-c", WSGI_APP.replace("DEFERRED", repr(DEFERRED))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "[]", f"imported at start-up: {out}"


def test_http_date_without_email_utils_matches_the_rfc_format():
    from email.utils import formatdate

    from django.utils.http import http_date

    for epoch in (0, 1, 951782400.5, 1445412480, 4102444800, -86400.25):
        assert http_date(epoch) == formatdate(epoch, usegmt=True)
    assert http_date()[-4:] == " GMT"
