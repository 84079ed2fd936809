"""The technical 500 page's template sections: the loader postmortem and the failing template line.

Every request goes through the test client with DEBUG=True, so the handler builds the page as it
would for a browser (HTML) or for a non-HTML client (Accept: text/plain).
"""

from pathlib import Path

import pytest

from django.shortcuts import render
from django.template import TemplateDoesNotExist, engines
from django.template.base import Origin
from django.test import Client, override_settings
from django.urls import path

DEBUG_TEMPLATES = Path(__file__).parent / "templates" / "debug_pages"
FIRST = DEBUG_TEMPLATES / "first"
SECOND = DEBUG_TEMPLATES / "second"  # deliberately absent: every lookup there fails
SPARE = DEBUG_TEMPLATES / "spare"
SECRET = "reinhardt-tests-not-secret"  # tests/settings.py's SECRET_KEY

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "main",
        "DIRS": [str(FIRST), str(SECOND)],
        "OPTIONS": {"libraries": {"debug_page_tags": "tests.views.debug_page_tags"}},
    },
    {"BACKEND": "django.template.backends.django.DjangoTemplates", "NAME": "spare", "DIRS": [str(SPARE)]},
    {"BACKEND": "django.template.backends.jinja2.Jinja2", "NAME": "jinja", "DIRS": [str(SPARE)]},
]


def render_named(request):
    return render(request, request.GET["name"], {"title": "Hi"})


def render_one_engine(request, name):
    return render(request, name, {"title": "Hi"}, using="main")


def wrapped_missing(request):
    try:
        render(request, "wrapped_absent.html")
    except TemplateDoesNotExist as exc:
        raise RuntimeError("the page could not be built") from exc


class NameRaises:
    """An origin or backend whose attributes fail: the page must still render."""

    @property
    def name(self):
        raise RuntimeError("no name for you")

    loader_name = name


def broken_tried(request):
    good = Origin(str(FIRST / "good_row.html"), "good_row.html", None)
    raise TemplateDoesNotExist(
        "broken.html",
        tried=[42, ("one-element",), (NameRaises(), "Bad origin"), (good, "Source does not exist")],
        backend=NameRaises(),
    )


urlpatterns = [
    path("named/", render_named),
    path("one/<str:name>", render_one_engine),
    path("wrapped/", wrapped_missing),
    path("broken-tried/", broken_tried),
]


@pytest.fixture(autouse=True)
def debug_site():
    with override_settings(DEBUG=True, TEMPLATES=TEMPLATES, ROOT_URLCONF="tests.views.test_debug_templates"):
        yield


def fetch(url, **params):
    """(html, text) of the same failing request, as a browser and as a plain-text client see it."""
    client = Client(raise_request_exception=False)
    html_response = client.get(url, params, headers={"Accept": "text/html"})
    text_response = client.get(url, params, headers={"Accept": "text/plain"})
    assert html_response.status_code == text_response.status_code == 500
    assert html_response["Content-Type"] == "text/html; charset=utf-8"
    assert text_response["Content-Type"] == "text/plain; charset=utf-8"
    html, text = html_response.content.decode(), text_response.content.decode()
    assert SECRET not in html and SECRET not in text, "settings stay cleansed"
    assert "SECRET_KEY" in html and "SECRET_KEY" in text
    return html, text


def section(html, section_id):
    start = html.index(f"<section id={section_id}>")
    return html[start : html.index("</section>", start)]


def test_missing_template_lists_every_engine_loader_and_path_tried():
    html, text = fetch("/named/", name="nowhere.html")
    assert "<title>TemplateDoesNotExist at /named/</title>" in html
    postmortem = section(html, "template-not-exist")
    loader = "<code>django.template.loaders.filesystem.Loader</code>"
    expected = [
        "<h2>Template-loader postmortem</h2>",
        "<p>Django tried loading these templates, in this order:</p>",
        "Using engine <code>main</code>:",
        f"<li>{loader}: {FIRST / 'nowhere.html'} (Source does not exist)</li>",
        f"<li>{loader}: {SECOND / 'nowhere.html'} (Source does not exist)</li>",
        "Using engine <code>spare</code>:",
        f"<li>{loader}: {SPARE / 'nowhere.html'} (Source does not exist)</li>",
        "Using engine <code>jinja</code>:",
        "<li>This engine did not provide a list of tried templates.</li>",
    ]
    positions = [postmortem.index(part) for part in expected]
    assert positions == sorted(positions), "engines, loaders and paths in the order tried"
    assert "Error during template rendering" not in html, "no template was being rendered"

    loader = "django.template.loaders.filesystem.Loader"
    expected_text = "\n".join(
        [
            "Template-loader postmortem",
            "Django tried loading these templates, in this order:",
            "",
            "Using engine main:",
            f"    * {loader}: {FIRST / 'nowhere.html'} (Source does not exist)",
            f"    * {loader}: {SECOND / 'nowhere.html'} (Source does not exist)",
            "",
            "Using engine spare:",
            f"    * {loader}: {SPARE / 'nowhere.html'} (Source does not exist)",
            "",
            "Using engine jinja:",
            "    This engine did not provide a list of tried templates.",
            "",
            "Traceback (most recent call last):",
        ]
    )
    assert expected_text in text
    # The HTML page's copy-and-paste block carries the same text.
    assert "Using engine spare:\n    * django.template.loaders" in html


def test_recursive_extends_shows_the_skipped_origin():
    html, text = fetch("/one/recursive.html")
    loader = "django.template.loaders.filesystem.Loader"
    assert f"    * {loader}: {FIRST / 'recursive.html'} (Skipped to avoid recursion)\n" in text
    assert f"    * {loader}: {SECOND / 'recursive.html'} (Source does not exist)\n" in text
    assert f"<li><code>{loader}</code>: {FIRST / 'recursive.html'} (Skipped to avoid recursion)</li>" in html
    # The {% extends %} tag is the failing token.
    assert "<span class=specific>{% extends &quot;recursive.html&quot; %}</span>" in html


def test_hostile_template_names_are_escaped_everywhere():
    hostile = "<script>alert('x')</script>.html"
    html, text = fetch("/named/", name=hostile)
    assert "<script>alert(" not in html
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;.html"
    assert f"{FIRST}/{escaped} (Source does not exist)" in section(html, "template-not-exist")
    assert f'<pre class="exception_value">{escaped}</pre>' in html
    # Plain text is not HTML: the name is shown as it is.
    assert f"{FIRST / hostile} (Source does not exist)" in text


def test_syntax_error_shows_the_template_line_with_the_token_highlighted():
    html, text = fetch("/one/syntax_error.html")
    assert "<title>TemplateSyntaxError at /one/syntax_error.html</title>" in html
    excerpt = section(html, "template")
    assert "<h2>Error during template rendering</h2>" in excerpt
    assert (
        f"In template <code>{FIRST / 'syntax_error.html'}</code>, error at line <strong>4</strong>" in excerpt
    )
    assert "<h3>Unexpected end of expression in if tag.</h3>" in excerpt
    assert "<tr class=error><th>4</th><td><span class=specific>{% if %}</span></td></tr>" in excerpt
    # The template source around the error is escaped like any other value.
    assert (
        "<tr><th>3</th><td>&lt;script&gt;alert(&quot;in the source&quot;)&lt;/script&gt;</td></tr>" in excerpt
    )
    assert "<script>alert(" not in html
    assert "<tr><th>1</th>" in excerpt and "<tr><th>6</th><td>{% endif %}</td></tr>" in excerpt

    expected_text = "\n".join(
        [
            "Template error:",
            f"In template {FIRST / 'syntax_error.html'}, error at line 4",
            "   Unexpected end of expression in if tag.",
            "   1 : <h1>{{ title }}</h1>",
            "   2 : <p>before the error</p>",
            '   3 : <script>alert("in the source")</script>',
            "   4 : {% if %}",
            "       ^^^^^^^^",
            "   5 : <p>after the error</p>",
            "   6 : {% endif %}",
            "",
            "Traceback (most recent call last):",
        ]
    )
    assert expected_text in text
    assert "Template-loader postmortem" not in text


def test_exception_raised_inside_a_tag_points_at_the_tag():
    html, text = fetch("/one/tag_raises.html")
    assert "<title>ValueError at /one/tag_raises.html</title>" in html
    excerpt = section(html, "template")
    assert (
        f"In template <code>{FIRST / 'tag_raises.html'}</code>, error at line <strong>4</strong>" in excerpt
    )
    assert "<h3>the tag exploded: kaboom &lt;em&gt;unescaped?&lt;/em&gt;</h3>" in excerpt
    assert (
        "<tr class=error><th>4</th><td>  <span class=specific>{% explode &quot;kaboom&quot; %}</span>"
        " trailing &lt;b&gt;text&lt;/b&gt;</td></tr>"
    ) in excerpt
    assert (
        "\n".join(
            [
                f"In template {FIRST / 'tag_raises.html'}, error at line 4",
                "   the tag exploded: kaboom <em>unescaped?</em>",
                "   1 : {% load debug_page_tags %}",
                "   2 : <p>one</p>",
                "   3 : <p>two</p>",
                '   4 :   {% explode "kaboom" %} trailing <b>text</b>',
                "         ^^^^^^^^^^^^^^^^^^^^^^",
                "   5 : <p>four</p>",
            ]
        )
        in text
    )
    # The traceback still reaches the tag's own code.
    assert "in explode" in text


def test_missing_include_shows_both_the_postmortem_and_the_including_line():
    html, text = fetch("/one/includes_missing.html")
    assert "Template-loader postmortem" in html and "Using engine main:" in text
    assert "<span class=specific>{% include &quot;debug_pages_absent.html&quot; %}</span>" in html
    assert f"In template {FIRST / 'includes_missing.html'}, error at line 2" in text


def test_an_exception_chained_from_template_does_not_exist_shows_the_postmortem():
    html, text = fetch("/wrapped/")
    assert "<title>RuntimeError at /wrapped/</title>" in html
    assert f"{SPARE / 'wrapped_absent.html'} (Source does not exist)" in section(html, "template-not-exist")
    assert f"{FIRST / 'wrapped_absent.html'} (Source does not exist)" in text


def test_a_broken_tried_list_still_renders_the_page():
    html, text = fetch("/broken-tried/")
    postmortem = section(html, "template-not-exist")
    assert "Using engine <code>(unknown engine)</code>:" in postmortem
    assert f"{FIRST / 'good_row.html'} (Source does not exist)" in postmortem
    assert "<li>42 (unreadable entry)</li>" in postmortem
    assert "(Bad origin)" in postmortem
    assert "    * 42 (unreadable entry)\n" in text
    assert "Traceback (most recent call last):" in text


def test_a_broken_template_debug_dict_still_renders_the_page():
    def raise_with_odd_debug_info(request):
        exc = ValueError("odd info")
        exc.template_debug = {"name": "<odd>", "line": 2, "source_lines": [(1, "a"), None, (2, "<b>")]}
        raise exc

    urlpatterns.append(path("odd/", raise_with_odd_debug_info))
    try:
        html, text = fetch("/odd/")
    finally:
        urlpatterns.pop()
    assert "In template <code>&lt;odd&gt;</code>, error at line <strong>2</strong>" in html
    assert "<tr class=error><th>2</th><td><span class=specific></span>&lt;b&gt;</td></tr>" in html
    assert "   1 : a\n   2 : <b>\n" in text


def test_without_template_debug_no_excerpt_is_shown():
    no_debug = [{**TEMPLATES[0], "OPTIONS": {**TEMPLATES[0]["OPTIONS"], "debug": False}}]
    with override_settings(TEMPLATES=no_debug):
        assert engines["main"].engine.debug is False
        html, text = fetch("/one/tag_raises.html")
    assert "Error during template rendering" not in html and "Template error:" not in text
    assert "ValueError: the tag exploded: kaboom" in text


def test_no_engines_configured_says_so():
    with override_settings(TEMPLATES=[]):
        html, text = fetch("/named/", name="any.html")
    assert "No templates were found because your 'TEMPLATES' setting is not configured." in section(
        html, "template-not-exist"
    )
    assert "Template-loader postmortem\nNo templates were found because your 'TEMPLATES'" in text
