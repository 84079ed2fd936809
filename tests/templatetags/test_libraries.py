"""The i18n, l10n, tz, static and cache tag libraries: (source, context, expected) tables run
under every engine option (both autoescape settings, string_if_invalid, debug; cached loader)."""

from __future__ import annotations

import datetime

import pytest

from django.test.utils import override_settings
from tests.template.conftest import ENGINE_OPTIONS, expected_for, render

AWARE = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)
X = {"v": "<x>"}
X_OUT = {"default": "&lt;x&gt;", "no_autoescape": "<x>"}

I18N_CASES = [
    ("translate", "{% load i18n %}{% translate 'Hello' %}", {}, "Hello"),
    ("trans", "{% load i18n %}{% trans 'Hello' %}", {}, "Hello"),
    ("translate-variable", "{% load i18n %}{% translate v %}", X, X_OUT),
    # A quoted literal is safe, and stays safe once translated.
    ("translate-literal-safe", "{% load i18n %}{% translate '<b>' %}|{{ _('<i>') }}", {}, "<b>|<i>"),
    ("translate-as", "{% load i18n %}{% translate 'Hi' as g %}[{{ g }}]", {}, "[Hi]"),
    ("translate-as-escaped-once", "{% load i18n %}{% translate v as t %}{{ t }}", X, X_OUT),
    ("translate-context", "{% load i18n %}{% translate 'May' context 'month' %}", {}, "May"),
    ("translate-context-as", "{% load i18n %}{% translate 'x' context 'y' as z %}[{{ z }}]", {}, "[x]"),
    ("translate-noop", "{% load i18n %}{% translate 'x' noop %}|{% translate '<b>' noop %}", {}, "x|<b>"),
    # Message ids double "%"; the tag gives single ones back, a bare _() does not.
    ("translate-percent", "{% load i18n %}{% translate '100%' %}|{{ _('50%') }}", {}, "100%|50%%"),
    (
        "translate-in-filter-args-and-tags",
        "{% load i18n %}{{ e|default:_('<d>') }}|{% firstof _('<f>') %}|{% with a=_('<w>') %}{{ a }}{% endwith %}",
        {"e": ""},
        "<d>|<f>|<w>",
    ),
    (
        "blocktranslate",
        "{% load i18n %}{% blocktranslate %}<i>{{ v }}</i>{% endblocktranslate %}",
        X,
        {"default": "<i>&lt;x&gt;</i>", "no_autoescape": "<i><x></i>"},
    ),
    (
        "blocktranslate-with",
        "{% load i18n %}{% blocktranslate with n=user.name %}Hi {{ n }}{% endblocktranslate %}",
        {"user": {"name": "Bo"}},
        "Hi Bo",
    ),
    (
        "blocktranslate-count",
        "{% load i18n %}{% blocktranslate count c=l|length %}one {{ c }}{% plural %}many {{ c }}{% endblocktranslate %}",
        {"l": [1]},
        "one 1",
    ),
    (
        "blocktrans-count-plural",
        "{% load i18n %}{% blocktrans count c=3 %}one{% plural %}{{ c }} items{% endblocktrans %}",
        {},
        "3 items",
    ),
    (
        "blocktranslate-trimmed",
        "{% load i18n %}{% blocktranslate trimmed %}\n  a\n  b\n{% endblocktranslate %}",
        {},
        "a b",
    ),
    (
        "blocktranslate-asvar",
        "{% load i18n %}{% blocktranslate asvar t %}<{{ v }}>{% endblocktranslate %}[{{ t }}]",
        X,
        {"default": "[<&lt;x&gt;>]", "no_autoescape": "[<<x>>]"},
    ),
    ("blocktranslate-percent", "{% load i18n %}{% blocktranslate %}100%{% endblocktranslate %}", {}, "100%"),
    ("get_current_language", "{% load i18n %}{% get_current_language as L %}{{ L }}", {}, "en-us"),
    ("get_current_language_bidi", "{% load i18n %}{% get_current_language_bidi as B %}{{ B }}", {}, "False"),
    (
        "language",
        "{% load i18n %}{% language 'de' %}{% get_current_language as L %}{{ L }}{% endlanguage %}{% get_current_language as L %}{{ L }}",
        {},
        "deen-us",
    ),
    (
        "get_available_languages",
        "{% load i18n %}{% get_available_languages as langs %}{% for code, name in langs %}{% if code == 'de' %}{{ code }}={{ name }}{% endif %}{% endfor %}",
        {},
        "de=German",
    ),
    (
        "get_language_info",
        "{% load i18n %}{% get_language_info for 'de' as i %}{{ i.code }} {{ i.name }} {{ i.name_local }} {{ i.bidi }}",
        {},
        "de German Deutsch False",
    ),
    (
        "get_language_info_list",
        "{% load i18n %}{% get_language_info_list for codes as infos %}{% for i in infos %}{{ i.code }}:{{ i.name_local }}:{{ i.bidi }};{% endfor %}",
        {"codes": ["de", "ar"]},
        "de:Deutsch:False;ar:العربيّة:True;",
    ),
    (
        "language-filters",
        "{% load i18n %}{{ 'de'|language_name }}|{{ 'de'|language_name_local }}|{{ 'de'|language_name_translated }}|{{ 'ar'|language_bidi }}",
        {},
        "German|Deutsch|German|True",
    ),
]

L10N_CASES = [
    ("l10n-default", "{{ v }}|{{ i }}", {"v": 1234.5, "i": 1000}, "1,234.5|1,000"),
    (
        "l10n-filters",
        "{% load l10n %}{{ v|unlocalize }}|{{ v|localize }}|{{ i|unlocalize }}",
        {"v": 1234.5, "i": 1000},
        "1234.5|1,234.5|1000",
    ),
    (
        "localize-off",
        "{% load l10n %}{% localize off %}{{ v }}{% for i in l %}|{{ i }}{% endfor %}{% endlocalize %}|{{ v }}",
        {"v": 1234.5, "l": [1000]},
        "1234.5|1000|1,234.5",
    ),
    (
        "localize-on-inside-off",
        "{% load l10n %}{% localize off %}{% localize on %}{{ v }}{% endlocalize %}{% endlocalize %}",
        {"v": 1234.5},
        "1,234.5",
    ),
    (
        "localize-leaves-strings",
        "{% load l10n %}{% localize on %}{{ s }}{% endlocalize %}",
        {"s": "1000"},
        "1000",
    ),
]

TZ_CASES = [
    ("timezone-filter", "{% load tz %}{{ d|timezone:'Europe/Paris'|date:'H:i' }}", {"d": AWARE}, "14:00"),
    ("utc-filter", "{% load tz %}{{ d|utc|date:'H:i e' }}", {"d": AWARE}, "12:00 UTC"),
    (
        "timezone-tag",
        "{% load tz %}{% timezone 'Asia/Tokyo' %}{{ d|date:'H:i' }}{% endtimezone %}{{ d|date:'H:i' }}",
        {"d": AWARE},
        "21:0012:00",
    ),
    (
        "localtime-off",
        "{% load tz %}{% timezone 'Asia/Tokyo' %}{% localtime off %}{{ d|date:'H:i' }}{% endlocaltime %}{% endtimezone %}",
        {"d": AWARE},
        "12:00",
    ),
    (
        "localtime-filter",
        "{% load tz %}{% timezone 'Asia/Tokyo' %}{{ d|localtime|date:'H' }}{% endtimezone %}",
        {"d": AWARE},
        "21",
    ),
    ("get_current_timezone", "{% load tz %}{% get_current_timezone as tz %}{{ tz }}", {}, "UTC"),
    ("timezone-unknown", "{% load tz %}[{{ d|timezone:'Not/AZone' }}]", {"d": AWARE}, "[]"),
]

# Tags that render their own children ({% language %}, {% localize %}, {% timezone %}) pass on
# the children's context writes: later lookups, in a loop or after the tag, see them.
NESTED_WRITE_CASES = [
    (
        "write-inside-language-in-loop",
        "{% load i18n %}{% for x in l %}[{{ c }}]{% language 'de' %}{% cycle 'a' 'b' as c silent %}{% endlanguage %}[{{ c }}]{% endfor %}",
        {"l": [1, 2, 3]},
        {"default": "[][a][a][b][b][a]", "invalid": "[INVALID][a][a][b][b][a]"},
    ),
    (
        "write-inside-localize-and-timezone",
        "{% load l10n tz %}{{ c }}{% localize off %}{% with d=1 %}{% cycle 'a' 'b' as c silent %}{% endwith %}{% endlocalize %}{{ c }}{% for x in l %}{% timezone 'UTC' %}{% firstof x as c %}{% endtimezone %}{{ c }}{% endfor %}",
        {"l": [1, 2], "c": "0"},
        "0a12",
    ),
]

STATIC_CASES = [
    ("static-quotes-url", "{% load static %}{% static 'a b.css' %}", {}, "/static/a%20b.css"),
    (
        "static-variable-as",
        "{% load static %}{% static path as u %}[{{ u }}]",
        {"path": "x.js"},
        "[/static/x.js]",
    ),
    ("static-hostile-path", "{% load static %}{% static q %}", {"q": '<q>".css'}, "/static/%3Cq%3E%22.css"),
    (
        "static-prefixes",
        "{% load static %}{% get_static_prefix %}|{% get_media_prefix as m %}{{ m }}",
        {},
        "/static/|/media/",
    ),
    ("static-from-library", "{% load static from static %}{% static 'x.css' %}", {}, "/static/x.css"),
]

# Settings each table runs under (the l10n table shows grouping, which is off by default).
TABLE_SETTINGS = {
    "L10N_CASES": {"USE_THOUSAND_SEPARATOR": True},
    "STATIC_CASES": {"STATIC_URL": "/static/", "MEDIA_URL": "/media/"},
}

TABLES = {
    "I18N_CASES": I18N_CASES,
    "L10N_CASES": L10N_CASES,
    "TZ_CASES": TZ_CASES,
    "NESTED_WRITE_CASES": NESTED_WRITE_CASES,
    "STATIC_CASES": STATIC_CASES,
}
ALL_CASES = [(table, *case) for table, cases in TABLES.items() for case in cases]


@pytest.mark.parametrize("table,name,source,context,expected", ALL_CASES, ids=[c[1] for c in ALL_CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_library(table, name, source, context, expected, option):
    """Each library tag and filter renders its documented output under every engine option."""
    with override_settings(**TABLE_SETTINGS.get(table, {})):
        assert render(source, context, **ENGINE_OPTIONS[option]) == expected_for(expected, option)


@pytest.mark.parametrize(
    "source,message",
    [
        ("{% load i18n %}{% translate %}", "'translate' takes at least one argument"),
        ("{% load i18n %}{% translate 'a' bogus %}", "Unknown argument for 'translate' tag"),
        (
            "{% load i18n %}{% blocktranslate %}{% if %}{% endblocktranslate %}",
            "doesn't allow other block tags",
        ),
        (
            "{% load i18n %}{% blocktranslate %}{{ a.b }}{% endblocktranslate %}",
            "only allows simple variables",
        ),
        ("{% load i18n %}{% get_current_language %}", "requires 'as variable'"),
        ("{% load static %}{% static %}", "takes at least one argument"),
    ],
)
def test_library_syntax_errors(source, message):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match=message):
        render(source)


def test_static_function_matches_tag():
    from django.templatetags.static import static

    with override_settings(STATIC_URL="/static/"):
        assert static("img/x.png") == "/static/img/x.png"


@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_cache_tag(option):
    """{% cache %} stores the rendered (escaped as configured) fragment per vary-on values."""
    pytest.importorskip("django.core.cache")
    from django.core.cache import cache
    from django.templatetags.cache import make_template_fragment_key

    cache.clear()
    options = ENGINE_OPTIONS[option]
    source = "{% load cache %}{% cache 60 frag v %}{{ n }}{% endcache %}"
    first = expected_for({"default": "&lt;first&gt;", "no_autoescape": "<first>"}, option)
    assert render(source, {"v": 1, "n": "<first>"}, **options) == first
    assert render(source, {"v": 1, "n": "second"}, **options) == first
    assert render(source, {"v": 2, "n": "third"}, **options) == "third"
    assert cache.get(make_template_fragment_key("frag", [1])) == first
