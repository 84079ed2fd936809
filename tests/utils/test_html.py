"""django.utils.html: escaping, safe formatting, tag stripping, urlize."""

import datetime
from decimal import Decimal

import hypothesis
import pytest

from django.core.exceptions import SuspiciousOperation
from django.utils.functional import Promise, lazystr
from django.utils.html import (
    avoid_wrapping,
    conditional_escape,
    escape,
    escapejs,
    format_html,
    format_html_join,
    html_safe,
    json_script,
    linebreaks,
    smart_urlquote,
    strip_spaces_between_tags,
    strip_tags,
    urlize,
)
from django.utils.safestring import SafeString, mark_safe


class TestEscape:
    @pytest.mark.parametrize(
        "raw,expected",
        [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")],
    )
    def test_each_special_character(self, raw, expected):
        assert escape(f"a{raw}b") == f"a{expected}b"

    def test_always_escapes_even_safe_input(self):
        assert escape(mark_safe("&amp;")) == "&amp;amp;"

    def test_result_is_safe_and_non_strings_are_converted(self):
        assert isinstance(escape("x"), SafeString)
        assert escape(5) == "5"

    def test_lazy_input_gives_lazy_output(self):
        result = escape(lazystr("<"))
        assert isinstance(result, Promise) and str(result) == "&lt;"

    def test_conditional_escape_leaves_safe_values(self):
        safe = mark_safe("<b>")
        assert conditional_escape(safe) == "<b>"
        assert conditional_escape("<b>") == "&lt;b&gt;"
        assert conditional_escape(lazystr("<")) == "&lt;"

        class Html:
            def __html__(self):
                return "<i>"

        assert conditional_escape(Html()) == "<i>"


class TestFormatHtml:
    def test_arguments_are_escaped_but_format_string_is_not(self):
        result = format_html("<a href='{}'>{name}</a>", "/x?a=1&b=2", name="<Bob>")
        assert result == "<a href='/x?a=1&amp;b=2'>&lt;Bob&gt;</a>"
        assert isinstance(result, SafeString)

    def test_safe_arguments_are_not_escaped_again(self):
        assert format_html("<p>{}</p>", mark_safe("<b>x</b>")) == "<p><b>x</b></p>"

    def test_no_arguments_is_an_error(self):
        with pytest.raises(TypeError, match="args or kwargs must be provided"):
            format_html("<p>")

    def test_format_html_join_with_tuples_and_mappings(self):
        rows = [("a", "<1>"), ("b", "2")]
        assert format_html_join("\n", "<li>{}={}</li>", rows) == "<li>a=&lt;1&gt;</li>\n<li>b=2</li>"
        dicts = [{"k": "<x>"}]
        assert format_html_join(", ", "<i>{k}</i>", dicts) == "<i>&lt;x&gt;</i>"
        assert format_html_join("<br>", "{}", [("a",), ("b",)]) == "a&lt;br&gt;b"


def test_escapejs_escapes_dangerous_characters():
    assert escapejs("\"double\" 'single'") == "\\u0022double\\u0022 \\u0027single\\u0027"
    assert escapejs("</script>&=-;`") == "\\u003C/script\\u003E\\u0026\\u003D\\u002D\\u003B\\u0060"
    assert escapejs("\n\t\x00\u2028\u2029\\") == "\\u000A\\u0009\\u0000\\u2028\\u2029\\u005C"


class TestJsonScript:
    def test_with_and_without_id(self):
        assert json_script({"a": 1}, "data") == '<script id="data" type="application/json">{"a": 1}</script>'
        assert json_script([1]) == '<script type="application/json">[1]</script>'

    def test_cannot_break_out_of_the_script_element(self):
        output = json_script({"x": "</script><script>alert(1)&"}, "d")
        assert "</script><script>" not in output
        assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u0026" in output

    def test_id_is_escaped_and_dates_are_serialized(self):
        output = json_script({"d": datetime.date(2020, 1, 2), "n": Decimal("1.5")}, '"><x')
        assert 'id="&quot;&gt;&lt;x"' in output
        assert '"2020-01-02"' in output and '"1.5"' in output

    def test_custom_encoder(self):
        import json

        class Upper(json.JSONEncoder):
            def encode(self, o):
                return super().encode(o).upper()

        assert json_script({"a": "b"}, encoder=Upper) == '<script type="application/json">{"A": "B"}</script>'


def test_linebreaks():
    assert linebreaks("a\nb\n\nc") == "<p>a<br>b</p>\n\n<p>c</p>"
    assert linebreaks("a\r\nb") == "<p>a<br>b</p>"
    assert linebreaks("<x>", autoescape=True) == "<p>&lt;x&gt;</p>"


class TestStripTags:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("<p>Hello <b>World</b></p>", "Hello World"),
            ("a &amp; b", "a &amp; b"),
            ("<adf>a", "a"),
            ("</adf>a", "a"),
            ("<asdf><asdf>e", "e"),
            ("hi, <f x", "hi, <f x"),
            ("234<235, right?", "234<235, right?"),
            ("a4<a5 right?", "a4<a5 right?"),
            ("b7>b2!", "b7>b2!"),
            ("<script>alert()</script>&h", "alert()&h"),
        ],
    )
    def test_examples(self, value, expected):
        assert strip_tags(value) == expected

    def test_comment_tricks_do_not_leave_a_script_tag(self):
        assert "<script" not in strip_tags("<sc<!-- -->ript>test<<!-- -->/script>")

    def test_non_string_input(self):
        assert strip_tags(5) == "5"

    def test_pathological_nesting_is_refused_not_looped_forever(self):
        hostile = "<" * 60 + "x" + ">" * 60
        try:
            result = strip_tags(hostile)
        except SuspiciousOperation:
            return
        assert isinstance(result, str)

    @pytest.mark.parametrize("piece", ["<a", "<!--", "<a b='", "</"])
    def test_hostile_unfinished_markup_is_kept_as_text(self, piece):
        # The standard library's HTMLParser needs minutes for some of these.
        value = piece * 20000
        assert strip_tags(value) == value

    def test_quoted_greater_than_inside_attributes(self):
        assert strip_tags('<a title="x>y">link</a> after') == "link after"
        assert strip_tags("<a title='>'>x</a><!-- c -->y<!DOCTYPE html><?pi?>z") == "xyz"
        assert strip_tags("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"

    def test_long_input_completes(self):
        assert strip_tags("<p>" + "x" * 100_000 + "</p>") == "x" * 100_000


def test_strip_spaces_between_tags():
    assert strip_spaces_between_tags("<p> a </p>\n  <p>b</p>") == "<p> a </p><p>b</p>"


def test_smart_urlquote():
    assert smart_urlquote("http://example.com/a b") == "http://example.com/a%20b"
    assert smart_urlquote("http://öäü.com/") == "http://xn--4ca9at.com/"
    assert smart_urlquote("http://example.com/?q=a b&x=ü") == "http://example.com/?q=a+b&x=%C3%BC"
    assert smart_urlquote("http://example.com/%20already") == "http://example.com/%20already"


def test_avoid_wrapping():
    assert avoid_wrapping("10 min") == "10\xa0min"


class TestHtmlSafe:
    def test_adds_html_method(self):
        @html_safe
        class Thing:
            def __str__(self):
                return "<b>"

        thing = Thing()
        assert thing.__html__() == "<b>"
        assert conditional_escape(thing) == "<b>"

    def test_refuses_classes_with_html_or_without_str(self):
        with pytest.raises(ValueError, match="defines __html__"):

            @html_safe
            class A:
                def __html__(self):
                    return ""

                def __str__(self):
                    return ""

        with pytest.raises(ValueError, match="doesn't define __str__"):

            @html_safe
            class B:
                pass


class TestUrlize:
    def test_links_urls_and_domains(self):
        assert urlize("Go to http://example.com now") == (
            'Go to <a href="http://example.com">http://example.com</a> now'
        )
        assert urlize("www.example.org") == '<a href="http://www.example.org">www.example.org</a>'
        assert urlize("example.com") == '<a href="http://example.com">example.com</a>'

    def test_email_addresses(self):
        assert urlize("me@example.com") == '<a href="mailto:me@example.com">me@example.com</a>'

    def test_trailing_punctuation_and_brackets_stay_outside(self):
        assert urlize("(see http://example.com).") == (
            '(see <a href="http://example.com">http://example.com</a>).'
        )
        assert urlize("http://en.wikipedia.org/wiki/Django_(web_framework)") == (
            '<a href="http://en.wikipedia.org/wiki/Django_(web_framework)">'
            "http://en.wikipedia.org/wiki/Django_(web_framework)</a>"
        )

    def test_nofollow_and_trim(self):
        result = urlize("http://example.com/a/long/path", trim_url_limit=15, nofollow=True)
        assert result == '<a href="http://example.com/a/long/path" rel="nofollow">http://example…</a>'

    def test_autoescape(self):
        result = urlize("<b> http://example.com/?a=1&b=2", autoescape=True)
        assert result.startswith("&lt;b&gt; ")
        assert 'href="http://example.com/?a=1&amp;b=2"' in result
        assert isinstance(result, SafeString)

    def test_plain_words_untouched(self):
        assert urlize("hello world") == "hello world"
        assert urlize("a.b") == "a.b"

    def test_oversized_word_is_not_linked(self):
        word = "http://example.com/" + "a" * 3000
        assert "<a " not in urlize(word)


@hypothesis.given(hypothesis.strategies.text())
def test_the_fast_escaper_spells_entities_as_the_standard_library(text):
    import html as stdlib_html

    from django.template.runtime import escape_text
    from django.utils.html import _html_escape

    assert _html_escape(text) == stdlib_html.escape(text) == escape_text(text)
    assert escape(text) == stdlib_html.escape(text)
