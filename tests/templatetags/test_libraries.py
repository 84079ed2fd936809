"""The i18n, l10n, tz, static and cache tag libraries."""

from __future__ import annotations

import datetime

import pytest

from django.test.utils import override_settings
from tests.template.conftest import render

AWARE = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)


I18N_CASES = [
    ("{% load i18n %}{% translate 'Hello' %}", {}, "Hello"),
    ("{% load i18n %}{% trans 'Hello' %}", {}, "Hello"),
    ("{% load i18n %}{% translate v %}", {"v": "<x>"}, "&lt;x&gt;"),
    ("{% load i18n %}{% translate 'Hi' as g %}[{{ g }}]", {}, "[Hi]"),
    ("{% load i18n %}{% translate 'May' context 'month' %}", {}, "May"),
    ("{% load i18n %}{% translate 'x' noop %}", {}, "x"),
    (
        "{% load i18n %}{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}",
        {"name": "<a>"},
        "Hi &lt;a&gt;",
    ),
    (
        "{% load i18n %}{% blocktranslate with n=user.name %}Hi {{ n }}{% endblocktranslate %}",
        {"user": {"name": "Bo"}},
        "Hi Bo",
    ),
    (
        "{% load i18n %}{% blocktranslate count c=l|length %}one {{ c }}{% plural %}many {{ c }}{% endblocktranslate %}",
        {"l": [1]},
        "one 1",
    ),
    (
        "{% load i18n %}{% blocktrans count c=3 %}one{% plural %}{{ c }} items{% endblocktrans %}",
        {},
        "3 items",
    ),
    ("{% load i18n %}{% blocktranslate trimmed %}\n  a\n  b\n{% endblocktranslate %}", {}, "a b"),
    ("{% load i18n %}{% blocktranslate asvar t %}x{{ y }}{% endblocktranslate %}[{{ t }}]", {"y": 1}, "[x1]"),
    ("{% load i18n %}{% blocktranslate %}100%{% endblocktranslate %}", {}, "100%"),
    ("{% load i18n %}{% get_current_language as L %}{{ L }}", {}, "en-us"),
    ("{% load i18n %}{% get_current_language_bidi as B %}{{ B }}", {}, "False"),
    ("{% load i18n %}{% language 'de' %}{% get_current_language as L %}{{ L }}{% endlanguage %}", {}, "de"),
    ("{% load i18n %}{{ 'de'|language_name_local }}|{{ 'fr'|language_bidi }}", {}, "Deutsch|False"),
    ("{% load i18n %}{% get_language_info for 'de' as i %}{{ i.code }} {{ i.name }}", {}, "de German"),
]


@pytest.mark.parametrize("source,context,expected", I18N_CASES, ids=[c[0][16:60] for c in I18N_CASES])
def test_i18n(source, context, expected):
    assert render(source, context) == expected


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
    ],
)
def test_i18n_errors(source, message):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match=message):
        render(source)


def test_l10n():
    value = 1234.5
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert render("{{ v }}", {"v": value}) == "1,234.5"
        assert render("{% load l10n %}{% localize off %}{{ v }}{% endlocalize %}", {"v": value}) == "1234.5"
        assert render("{% load l10n %}{{ v|unlocalize }}|{{ v|localize }}", {"v": value}) == "1234.5|1,234.5"
        assert (
            render(
                "{% load l10n %}{% localize off %}{% for i in l %}{{ i }}{% endfor %}{% endlocalize %}",
                {"l": [1000]},
            )
            == "1000"
        )


def test_tz():
    assert render("{% load tz %}{{ d|timezone:'Europe/Paris'|date:'H:i' }}", {"d": AWARE}) == "14:00"
    assert render("{% load tz %}{{ d|utc|date:'H:i e' }}", {"d": AWARE}) == "12:00 UTC"
    assert (
        render("{% load tz %}{% timezone 'Asia/Tokyo' %}{{ d|date:'H:i' }}{% endtimezone %}", {"d": AWARE})
        == "21:00"
    )
    assert (
        render(
            "{% load tz %}{% timezone 'Asia/Tokyo' %}{% localtime off %}{{ d|date:'H:i' }}{% endlocaltime %}{% endtimezone %}",
            {"d": AWARE},
        )
        == "12:00"
    )
    assert render("{% load tz %}{% get_current_timezone as tz %}{{ tz }}") == "UTC"
    assert (
        render(
            "{% load tz %}{% timezone 'Asia/Tokyo' %}{{ d|localtime|date:'H' }}{% endtimezone %}",
            {"d": AWARE},
        )
        == "21"
    )
    assert render("{% load tz %}[{{ d|timezone:'Not/AZone' }}]", {"d": AWARE}) == "[]"


def test_static_without_staticfiles():
    with override_settings(STATIC_URL="/static/", MEDIA_URL="/media/"):
        assert render("{% load static %}{% static 'a b.css' %}") == "/static/a%20b.css"
        assert (
            render("{% load static %}{% static path as u %}[{{ u }}]", {"path": "x.js"}) == "[/static/x.js]"
        )
        assert (
            render("{% load static %}{% get_static_prefix %}|{% get_media_prefix as m %}{{ m }}")
            == "/static/|/media/"
        )
        from django.templatetags.static import static

        assert static("img/x.png") == "/static/img/x.png"


def test_static_requires_path():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="takes at least one argument"):
        render("{% load static %}{% static %}")


def test_cache_tag():
    pytest.importorskip("django.core.cache")
    from django.core.cache import cache

    cache.clear()
    source = "{% load cache %}{% cache 60 frag v %}{{ n }}{% endcache %}"
    assert render(source, {"v": 1, "n": "first"}) == "first"
    assert render(source, {"v": 1, "n": "second"}) == "first"
    assert render(source, {"v": 2, "n": "third"}) == "third"
    from django.templatetags.cache import make_template_fragment_key

    assert cache.get(make_template_fragment_key("frag", [1])) == "first"
