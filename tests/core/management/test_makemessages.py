"""makemessages in a real project, run as a subprocess that drives the real GNU gettext tools."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from tests.core.management.conftest import Result, clean_env, run_python

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="GNU gettext is not installed (scripts/test installs the Debian package gettext)",
)

SETTINGS = """
SECRET_KEY = "not-secret"
DEBUG = True
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = ["shop"]
ROOT_URLCONF = "shop.urls"
MIDDLEWARE = ["django.middleware.locale.LocaleMiddleware"]
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "German"), ("fr", "French")]
USE_I18N = True
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
"""

VIEWS = """
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

TITLE = gettext_lazy("Lamp shop")


def hello(request):
    # Translators: shown when the shop opens
    greeting = _("Good morning")
    sign = pgettext("door sign", "Open")
    lamps = ngettext("%(count)s lamp", "%(count)s lamps", 3) % {"count": 3}
    return HttpResponse(f"{greeting}|{sign}|{lamps}|{TITLE}")


def page(request):
    return render(request, "shop/page.html", {"items": [1, 2], "name": "Ann", "label": "Cart"})
"""

TEMPLATE = """\
{% load i18n %}
<h1>{% translate "Welcome" %}</h1>
{# Translators: the link to the cart #}
<a>{% translate "Cart" context "shopping" %}</a>
{% blocktranslate count counter=items|length trimmed %}
  You have {{ counter }} item
  in the cart.
{% plural %}
  You have {{ counter }} items
  in the cart.
{% endblocktranslate %}
<p>{% blocktranslate with name=name %}Hello {{ name }}, 100% ready{% endblocktranslate %}</p>
<p>{{ missing|default:_("Nothing here") }}</p>
<p>{% translate label %}</p>
"""

URLS = """
from django.urls import path

from . import views

from django.views.i18n import JSONCatalog

urlpatterns = [path("hello/", views.hello), path("page/", views.page), path("jsi18n/", JSONCatalog.as_view())]
"""


class I18nProject:
    """A project with one app (views, a template, its own locale dir) on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("settings.py", SETTINGS)
        self.write(
            "manage.py",
            "import os, sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n"
            "from django.core.management import execute_from_command_line\n"
            "execute_from_command_line(sys.argv)\n",
        )
        self.write("shop/__init__.py", "")
        self.write("shop/views.py", VIEWS)
        self.write("shop/urls.py", URLS)
        self.write("shop/templates/shop/page.html", TEMPLATE)
        (root / "shop" / "locale").mkdir()

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if not text.startswith("{%") else text)
        return path

    def manage(self, *args: str, env: dict | None = None, stdin: str | None = None) -> Result:
        return run_python("manage.py", *args, cwd=self.root, env=env, stdin=stdin)

    def po(self, locale: str = "de", domain: str = "django", app: str = "shop") -> Path:
        return self.root / app / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"

    def translate(
        self, locale: str, translations: dict[str, str], plurals: dict[str, list[str]] | None = None
    ):
        """Fill msgstrs as a translator would (and clear the header's fuzzy flag)."""
        path = self.po(locale)
        text = path.read_text().replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
        for msgid, msgstr in translations.items():
            pattern = rf'(msgid "{re.escape(msgid)}"\nmsgstr )""'
            text, count = re.subn(pattern, rf'\1"{msgstr}"', text)
            assert count == 1, msgid
        for msgid, forms in (plurals or {}).items():
            block = rf'(msgid "{re.escape(msgid)}"\nmsgid_plural "[^"]*"\n)msgstr\[0\] ""\nmsgstr\[1\] ""'
            text, count = re.subn(block, rf'\1msgstr[0] "{forms[0]}"\nmsgstr[1] "{forms[1]}"', text)
            assert count == 1, msgid
        path.write_text(text)

    def get(self, path: str, language: str) -> str:
        """The body of ``path`` fetched with the test client in a fresh process."""
        code = (
            "import django; django.setup()\n"
            "from django.test import Client\n"
            f"print(Client().get({path!r}, headers={{'accept-language': {language!r}}}).content.decode())\n"
        )
        result = run_python("-c", code, cwd=self.root, env=clean_env(DJANGO_SETTINGS_MODULE="settings"))
        assert result.returncode == 0, result.output
        return result.out


@pytest.fixture
def project(tmp_path):
    return I18nProject(tmp_path)


def entry(po_text: str, msgid: str) -> str:
    """The block of the .po entry whose msgid is ``msgid`` (comments and references included)."""
    for block in po_text.split("\n\n"):
        if f'msgid "{msgid}"' in block.replace('msgid ""\n"', 'msgid "'):
            return block
    raise AssertionError(f"no entry for {msgid!r} in:\n{po_text}")


def test_extracts_python_and_template_strings_with_references_and_comments(project):
    result = project.manage("makemessages", "-l", "de")
    assert result.returncode == 0, result.output
    assert "processing locale de" in result.out
    po = project.po().read_text()
    assert '"Language: de\\n"' in po
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in po
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in po

    good_morning = entry(po, "Good morning")
    assert "#. Translators: shown when the shop opens" in good_morning
    assert re.search(r"#: shop/views\.py:\d+", good_morning)
    assert 'msgctxt "door sign"' in entry(po, "Open")
    assert 'msgid_plural "%(count)s lamps"' in entry(po, "%(count)s lamp")
    views = (project.root / "shop" / "views.py").read_text().splitlines()
    title_line = next(n for n, line in enumerate(views, 1) if "Lamp shop" in line)
    assert f"#: shop/views.py:{title_line}\n" in entry(po, "Lamp shop")

    # Template references name the template and its lines.
    assert "#: shop/templates/shop/page.html:2" in entry(po, "Welcome")
    cart = entry(po, "Cart")
    assert 'msgctxt "shopping"' in cart and "#. Translators: the link to the cart" in cart
    counted = entry(po, "You have %(counter)s item in the cart.")
    assert "#: shop/templates/shop/page.html:5" in counted
    assert 'msgid_plural "You have %(counter)s items in the cart."' in counted
    assert "python-format" in entry(po, "Hello %(name)s, 100%% ready")
    assert "#: shop/templates/shop/page.html:13" in entry(po, "Nothing here")
    # {% translate label %} translates a variable at run time: nothing to extract.
    assert 'msgid "label"' not in po and "page.html:14" not in po
    assert not (project.root / "shop" / "locale" / "django.pot").exists()


def test_the_compiled_catalog_is_used_by_views_and_templates(project):
    assert project.manage("makemessages", "-l", "de").returncode == 0
    project.translate(
        "de",
        {"Good morning": "Guten Morgen", "Welcome": "Willkommen", "Lamp shop": "Lampenladen"},
        plurals={
            "%(count)s lamp": ["%(count)s Lampe", "%(count)s Lampen"],
            "You have %(counter)s item in the cart.": [
                "Du hast %(counter)s Artikel im Korb.",
                "Du hast %(counter)s Artikel im Warenkorb.",
            ],
        },
    )
    compiled = project.manage("compilemessages")
    assert compiled.returncode == 0, compiled.output
    assert project.po().with_suffix(".mo").exists()
    assert project.get("/hello/", "de").strip() == "Guten Morgen|Open|3 Lampen|Lampenladen"
    assert project.get("/hello/", "en").strip() == "Good morning|Open|3 lamps|Lamp shop"
    page = project.get("/page/", "de")
    assert "<h1>Willkommen</h1>" in page
    assert "Du hast 2 Artikel im Warenkorb." in page


def test_update_keeps_translations_and_handles_obsolete_entries(project):
    assert project.manage("makemessages", "-l", "de").returncode == 0
    project.translate("de", {"Good morning": "Guten Morgen", "Welcome": "Willkommen"})
    project.write("shop/views.py", VIEWS.replace('_("Good morning")', '_("Thanks for visiting us")'))
    assert project.manage("makemessages", "-l", "de").returncode == 0
    po = project.po().read_text()
    assert 'msgid "Welcome"\nmsgstr "Willkommen"' in po
    assert 'msgid "Thanks for visiting us"' in po
    assert '#~ msgid "Good morning"' in po
    assert project.manage("makemessages", "-l", "de", "--no-obsolete").returncode == 0
    po = project.po().read_text()
    assert "Good morning" not in po
    assert 'msgstr "Willkommen"' in po


def test_all_exclude_and_invalid_locale_names(project):
    assert project.manage("makemessages", "-l", "de", "-l", "fr").returncode == 0
    project.write("shop/views.py", VIEWS + '\nEXTRA = gettext_lazy("Brand new")\n')
    result = project.manage("makemessages", "--all", "--exclude", "fr")
    assert result.returncode == 0, result.output
    assert "Brand new" in project.po("de").read_text()
    assert "Brand new" not in project.po("fr").read_text()
    invalid = project.manage("makemessages", "-l", "pt-br")
    assert invalid.returncode == 0
    assert "invalid locale pt-br, did you mean pt_BR?" in invalid.out
    assert not project.po("pt-br").exists()


def test_location_wrap_and_pot_options(project):
    long_text = "A very long sentence " * 6
    project.write("shop/long.py", f'from django.utils.translation import gettext\n\ngettext("{long_text}")\n')
    assert project.manage("makemessages", "-l", "de", "--no-location").returncode == 0
    assert "#: " not in project.po().read_text()
    project.po().unlink()
    assert project.manage("makemessages", "-l", "de", "--add-location=file").returncode == 0
    po = project.po().read_text()
    assert "#: shop/views.py\n" in po and "shop/views.py:" not in po
    project.po().unlink()
    assert project.manage("makemessages", "-l", "de", "--no-wrap", "--keep-pot").returncode == 0
    assert f'msgid "{long_text}"' in project.po().read_text()
    pot = project.root / "shop" / "locale" / "django.pot"
    assert pot.exists() and "Lamp shop" in pot.read_text()


def test_extensions_ignore_patterns_and_symlinks(project, tmp_path_factory):
    assert project.manage("makemessages", "-l", "de", "-e", "py").returncode == 0
    assert "Welcome" not in project.po().read_text()
    project.po().unlink()
    assert project.manage("makemessages", "-l", "de", "-i", "shop/templates/*").returncode == 0
    assert "Welcome" not in project.po().read_text() and "Lamp shop" in project.po().read_text()
    project.po().unlink()

    project.write(
        "shop/.hidden/secret.py", 'from django.utils.translation import gettext\ngettext("Hidden")\n'
    )
    outside = tmp_path_factory.mktemp("linked")
    (outside / "linked.py").write_text('from django.utils.translation import gettext\ngettext("Linked")\n')
    os.symlink(outside, project.root / "shop" / "extra", target_is_directory=True)
    assert project.manage("makemessages", "-l", "de").returncode == 0
    po = project.po().read_text()
    assert "Hidden" not in po and "Linked" not in po
    assert project.manage("makemessages", "-l", "de", "--symlinks", "--no-default-ignore").returncode == 0
    po = project.po().read_text()
    assert 'msgid "Hidden"' in po and 'msgid "Linked"' in po


def test_djangojs_domain_reads_javascript(project):
    project.write(
        "shop/static/shop/cart.js",
        "const label = gettext('Add to cart');\n"
        "const many = ngettext('one lamp', 'many lamps', n);\n"
        "const ctx = pgettext('button', 'Buy');\n",
    )
    result = project.manage("makemessages", "-d", "djangojs", "-l", "de")
    assert result.returncode == 0, result.output
    po = project.po(domain="djangojs").read_text()
    assert "#: shop/static/shop/cart.js:1" in entry(po, "Add to cart")
    assert 'msgid_plural "many lamps"' in po
    assert 'msgctxt "button"' in entry(po, "Buy")
    assert "Lamp shop" not in po

    # Compiled, the catalog reaches the browser through the JavaScript catalog view.
    path = project.po(domain="djangojs")
    path.write_text(
        path.read_text()
        .replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
        .replace('msgid "Add to cart"\nmsgstr ""', 'msgid "Add to cart"\nmsgstr "In den Warenkorb"')
    )
    assert project.manage("compilemessages").returncode == 0
    catalog = json.loads(project.get("/jsi18n/", "de"))
    assert catalog["catalog"] == {"Add to cart": "In den Warenkorb"}
    assert catalog["plural"] == "(n != 1)"


def test_usage_errors(project):
    no_locale = project.manage("makemessages")
    assert no_locale.returncode == 1
    assert "Type 'manage.py help makemessages' for usage information." in no_locale.err
    bad_domain = project.manage("makemessages", "-l", "de", "-d", "other")
    assert bad_domain.returncode == 1
    assert "currently makemessages only supports domains 'django' and 'djangojs'" in bad_domain.err


def test_a_file_that_is_not_utf8_is_skipped_with_a_message(project):
    (project.root / "shop" / "templates" / "shop" / "legacy.txt").write_bytes(b"caf\xe9 {% translate 'x' %}")
    result = project.manage("makemessages", "-l", "de")
    assert result.returncode == 0, result.output
    assert "UnicodeDecodeError: skipped file legacy.txt in shop/templates/shop (reason:" in result.out
    assert 'msgid "Welcome"' in project.po().read_text()


def test_runs_inside_an_app_directory_without_settings(project):
    app = project.root / "shop"
    env = clean_env()
    result = run_python("-m", "django", "makemessages", "-l", "de", cwd=app, env=env)
    assert result.returncode == 0, result.output
    po = (app / "locale" / "de" / "LC_MESSAGES" / "django.po").read_text()
    assert "#: views.py:" in po and "#: templates/shop/page.html:2" in po


def test_missing_locale_directory_is_reported(project):
    shutil.rmtree(project.root / "shop" / "locale")
    result = project.manage("makemessages", "-l", "de")
    assert result.returncode == 1
    assert "Unable to find a locale path to store translations for file shop/" in result.err
    assert "Make sure the 'locale' directory exists in an app or LOCALE_PATHS setting is set." in result.err


def test_locale_paths_and_the_project_locale_take_files_outside_apps(project):
    shutil.rmtree(project.root / "shop" / "locale")
    (project.root / "translations").mkdir()
    project.write("settings.py", SETTINGS + "\nLOCALE_PATHS = ['translations']\n")
    result = project.manage("makemessages", "-l", "de")
    assert result.returncode == 0, result.output
    assert "Lamp shop" in (project.root / "translations" / "de" / "LC_MESSAGES" / "django.po").read_text()


def test_missing_gettext_tools_are_reported(project):
    env = clean_env(PATH=str(project.root / "no-tools-here"))
    result = project.manage("makemessages", "-l", "de", env=env)
    assert result.returncode == 1
    assert "Can't find xgettext. Make sure you have GNU gettext tools 0.15 or newer installed." in result.err
    assert not project.po().exists()


def test_a_broken_translation_block_names_the_template_and_line(project):
    project.write(
        "shop/templates/shop/broken.html",
        "{% load i18n %}\n\n{% blocktranslate %}Hi {% if x %}there{% endif %}{% endblocktranslate %}\n",
    )
    result = project.manage("makemessages", "-l", "de")
    assert result.returncode == 1
    assert "Translation blocks must not include other block tags: {% if x %}" in result.err
    assert "shop/templates/shop/broken.html, line 3" in result.err
    assert not project.po().exists()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% translate "a" %}', 'gettext("a")'),
        ("{% trans 'b' noop %}", "gettext('b')"),
        ('{% translate "c" context "k" as v %}', 'pgettext("k", "c")'),
        ("{% translate v %}", ""),
        ('{% translate "d"|upper %}', 'gettext("d")'),
        ("{% blocktranslate %}x {{ y }} 5%{% endblocktranslate %}", 'gettext("x %(y)s 5%%")'),
        (
            '{% blocktrans count n=c context "k" %}one{% plural %}many{% endblocktrans %}',
            'npgettext("k", "one", "many", count)',
        ),
        ("{% blocktranslate trimmed %}\n  a\n  b\n{% endblocktranslate %}", 'gettext("a b")'),
        ('{% firstof _("first") x %}', 'gettext("first")'),
    ],
)
def test_templatize_rewrites_translation_tags(source, expected):
    from django.utils.translation import templatize

    assert templatize(source).strip() == expected


def test_templatize_keeps_line_numbers_and_refuses_filters_in_blocks():
    from django.utils.translation import templatize
    from django.utils.translation.template import TemplateSyntaxForTranslation

    lines = templatize('a\n{# Translators: hi #}\n<b>{% translate "x" %}</b>\n').split("\n")
    assert lines[1:3] == ["# Translators: hi", 'gettext("x")']
    with pytest.raises(TemplateSyntaxForTranslation, match=r"not \{\{ y\|upper \}\} \(t.html, line 1\)"):
        templatize("{% blocktranslate %}{{ y|upper }}{% endblocktranslate %}", origin="t.html")
    with pytest.raises(TemplateSyntaxForTranslation, match="never closed"):
        templatize("{% blocktranslate %}open")


def test_python_runs_it_without_the_test_settings():
    # The command module imports nothing at load time that needs settings.
    result = run_python(
        "-c", "import django.core.management.commands.makemessages", cwd=Path.cwd(), env=clean_env()
    )
    assert result.returncode == 0, result.output
    assert sys.executable
