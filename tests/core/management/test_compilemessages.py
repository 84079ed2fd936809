"""compilemessages in a real project (subprocesses, the real msgfmt), including hostile .po files."""

from __future__ import annotations

import codecs
import os
import shutil

import pytest

from tests.core.management.conftest import clean_env
from tests.core.management.test_makemessages import I18nProject

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None and os.environ.get("CI") != "true",
    reason="GNU gettext is not installed (scripts/test installs the Debian package gettext)",
)

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


@pytest.fixture
def project(tmp_path):
    return I18nProject(tmp_path)


def write_po(project: I18nProject, locale: str, body: str, app: str = "shop") -> str:
    path = project.root / app / "locale" / locale / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body)
    return str(path)


def test_compiles_each_locale_and_skips_up_to_date_files(project):
    write_po(project, "de", 'msgid "Good morning"\nmsgstr "Guten Morgen"\n')
    write_po(project, "fr", 'msgid "Good morning"\nmsgstr "Bonjour"\n')
    first = project.manage("compilemessages")
    assert first.returncode == 0, first.output
    assert first.out.count("processing file django.po in") == 2
    assert project.get("/hello/", "fr").startswith("Bonjour|")
    second = project.manage("compilemessages")
    assert "is already compiled and up to date." in second.out
    assert "processing file" not in second.out


def test_locale_exclude_and_ignore(project):
    de = write_po(project, "de", 'msgid "Good morning"\nmsgstr "Guten Morgen"\n')
    fr = write_po(project, "fr", 'msgid "Good morning"\nmsgstr "Bonjour"\n')
    assert project.manage("compilemessages", "-l", "de").returncode == 0
    assert os.path.exists(de[:-3] + ".mo") and not os.path.exists(fr[:-3] + ".mo")
    os.unlink(de[:-3] + ".mo")
    assert project.manage("compilemessages", "-x", "de").returncode == 0
    assert os.path.exists(fr[:-3] + ".mo") and not os.path.exists(de[:-3] + ".mo")
    os.unlink(fr[:-3] + ".mo")
    assert project.manage("compilemessages", "-i", "shop").returncode == 1  # no locale dir left to find
    assert project.manage("compilemessages", "--ignore", "sh*").returncode == 1
    assert not os.path.exists(fr[:-3] + ".mo")


def test_fuzzy_translations_only_with_use_fuzzy(project):
    write_po(project, "de", '#, fuzzy\nmsgid "Good morning"\nmsgstr "Guten Morgen"\n')
    assert project.manage("compilemessages").returncode == 0
    assert project.get("/hello/", "de").startswith("Good morning|")
    mo = project.po().with_suffix(".mo")
    mo.unlink()
    assert project.manage("compilemessages", "--use-fuzzy").returncode == 0
    assert project.get("/hello/", "de").startswith("Guten Morgen|")


def test_a_broken_po_file_is_an_error_and_keeps_the_previous_mo(project):
    po = write_po(project, "de", 'msgid "Good morning"\nmsgstr "Guten Morgen"\n')
    assert project.manage("compilemessages").returncode == 0
    mo = po[:-3] + ".mo"
    before = open(mo, "rb").read()
    with open(po, "a") as handle:
        handle.write('\nmsgid "Open"\nmsgstr "unterminated\n\nthis is not a po file\n')
    result = project.manage("compilemessages")
    assert result.returncode == 1
    assert "Execution of msgfmt failed:" in result.err
    assert "django.po" in result.err
    assert "CommandError: compilemessages generated one or more errors." in result.err
    assert open(mo, "rb").read() == before
    assert sorted(os.listdir(os.path.dirname(po))) == ["django.mo", "django.po"]
    assert project.get("/hello/", "de").startswith("Guten Morgen|")


def test_a_format_mismatch_is_caught_by_check_format(project):
    write_po(project, "de", '#, python-format\nmsgid "%(count)s left"\nmsgstr "%(anzahl)s übrig"\n')
    result = project.manage("compilemessages")
    assert result.returncode == 1
    assert "Execution of msgfmt failed:" in result.err
    assert not project.po().with_suffix(".mo").exists()


def test_a_byte_order_mark_is_refused(project):
    po = write_po(project, "de", 'msgid "Good morning"\nmsgstr "Guten Morgen"\n')
    with open(po, "rb") as handle:
        data = handle.read()
    with open(po, "wb") as handle:
        handle.write(codecs.BOM_UTF8 + data)
    result = project.manage("compilemessages")
    assert result.returncode == 1
    assert (
        "has a BOM (Byte Order Mark). Django only supports .po files encoded in UTF-8 and without any BOM."
        in (result.err)
    )
    assert not os.path.exists(po[:-3] + ".mo")


def test_missing_msgfmt_and_missing_locale_dirs_are_reported(project):
    write_po(project, "de", 'msgid "Good morning"\nmsgstr "Guten Morgen"\n')
    no_tools = project.manage("compilemessages", env=clean_env(PATH=str(project.root / "no-tools")))
    assert no_tools.returncode == 1
    assert "Can't find msgfmt. Make sure you have GNU gettext tools 0.15 or newer installed." in no_tools.err
    shutil.rmtree(project.root / "shop" / "locale")
    nowhere = project.manage("compilemessages")
    assert nowhere.returncode == 1
    assert "This script should be run from the Django Git checkout or your project or app tree" in nowhere.err
