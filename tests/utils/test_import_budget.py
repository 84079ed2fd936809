"""Importing the utilities must stay cheap: no higher layers, no settings read."""

import subprocess
import sys

HIGHER_LAYERS = ("django.db", "django.http", "django.template", "django.urls", "django.forms", "django.test")
MODULES = [
    "django.utils.html",
    "django.utils.text",
    "django.utils.http",
    "django.utils.timezone",
    "django.utils.translation",
    "django.utils.formats",
    "django.utils.dateformat",
    "django.utils.timesince",
    "django.utils.feedgenerator",
    "django.core.validators",
    "django.core.signing",
    "django.core.paginator",
    "django.dispatch",
]


def test_imports_pull_in_no_higher_layer_and_read_no_settings():
    code = (
        "import importlib, os, sys\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from django.conf import settings\n"
        "print(settings.configured)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HIGHER_LAYERS!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    configured, loaded = result.stdout.strip().splitlines()
    assert configured == "False", "importing read the settings"
    assert loaded == "[]", f"higher layers imported: {loaded}"
