"""JavaScriptCatalog / JSONCatalog built from a real compiled .mo catalog."""

import json
import struct

import pytest

from django.test import RequestFactory, override_settings
from django.utils import translation
from django.views.i18n import JavaScriptCatalog, JSONCatalog

rf = RequestFactory()


def write_mo(path, messages):
    """A GNU .mo file for ``messages`` ({msgid: msgstr}; plural keys/values joined with NUL)."""
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    strs_start = ids_start + len(ids)
    key_table, value_table = b"", b""
    offset = 0
    for k in keys:
        key_table += struct.pack("<II", len(k.encode()), ids_start + offset)
        offset += len(k.encode()) + 1
    offset = 0
    for k in keys:
        value_table += struct.pack("<II", len(messages[k].encode()), strs_start + offset)
        offset += len(messages[k].encode()) + 1
    header = struct.pack("<Iiiiiii", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + key_table + value_table + ids + strs)


@pytest.fixture
def french_catalog(tmp_path):
    write_mo(
        tmp_path / "fr" / "LC_MESSAGES" / "djangojs.mo",
        {
            "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n",
            "Hello": "Bonjour",
            "one item\0%s items": "un objet\0%s objets",
            "month\x04May": "mai",
        },
    )
    with override_settings(LOCALE_PATHS=[str(tmp_path)], LANGUAGES=[("en", "English"), ("fr", "French")]):
        with translation.override("fr"):
            yield


def test_json_catalog_has_messages_plurals_context_and_plural_rule(french_catalog):
    data = json.loads(JSONCatalog.as_view()(rf.get("/")).content)
    assert data["catalog"]["Hello"] == "Bonjour"
    assert data["catalog"]["one item"] == ["un objet", "%s objets"]
    assert data["catalog"]["month\x04May"] == "mai"
    assert data["plural"] == "(n > 1)"
    assert "DATE_FORMAT" in data["formats"]


def test_javascript_catalog_defines_the_client_api(french_catalog):
    response = JavaScriptCatalog.as_view()(rf.get("/"))
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    script = response.content.decode()
    assert '"Hello": "Bonjour"' in script
    assert "const v = (n > 1);" in script
    for name in ("gettext", "ngettext", "pgettext", "npgettext", "interpolate", "get_format", "pluralidx"):
        assert f"django.{name} = function" in script


def test_unknown_package_is_refused(french_catalog):
    with pytest.raises(ValueError, match="Invalid package\\(s\\) provided to JavaScriptCatalog: not.an.app"):
        JavaScriptCatalog.as_view(packages=["not.an.app"])(rf.get("/"))


def test_installed_package_is_accepted(french_catalog):
    response = JSONCatalog.as_view(packages=["tests.test_client.testapp"])(rf.get("/"))
    # The app has no catalog of its own; LOCALE_PATHS still apply.
    assert json.loads(response.content)["catalog"]["Hello"] == "Bonjour"


def test_english_without_catalog_has_default_plural_rule():
    with translation.override("en"):
        data = json.loads(JSONCatalog.as_view()(rf.get("/")).content)
    assert data["catalog"] == {}
    assert data["plural"] is None


@pytest.mark.skipif(
    not __import__("shutil").which("node"), reason="needs node to run the generated JavaScript"
)
def test_generated_javascript_runs_and_translates(french_catalog, tmp_path):
    import subprocess

    script = JavaScriptCatalog.as_view()(rf.get("/")).content.decode()
    probe = (
        script
        + """
const out = [
  django.gettext('Hello'), django.gettext('Untranslated'),
  django.ngettext('one item', '%s items', 1), django.ngettext('one item', '%s items', 5),
  django.pgettext('month', 'May'), django.pgettext('verb', 'May'),
  django.interpolate('%s and %s', ['a', 'b']), django.interpolate('%(x)s!', {x: 'y'}, true),
  String(django.pluralidx(0)), String(django.get_format('NOPE')),
];
console.log(JSON.stringify(out));
"""
    )
    path = tmp_path / "probe.js"
    path.write_text(probe)
    result = subprocess.run(["node", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "Bonjour",
        "Untranslated",
        "un objet",
        "%s objets",
        "mai",
        "May",
        "a and b",
        "y!",
        "0",
        "NOPE",
    ]
