"""Every built-in filter, with its escaping rules, under each engine option."""

from __future__ import annotations

import datetime

import pytest

from django.utils.safestring import mark_safe
from tests.template.conftest import ENGINE_OPTIONS, expected_for, render

NBSP = "\xa0"
D = datetime.datetime(2024, 3, 5, 14, 7, 9)

FILTER_CASES = [
    ("add-int", "{{ 3|add:'4' }}", {}, "7"),
    ("add-str", "{{ a|add:b }}", {"a": "x", "b": "y"}, "xy"),
    ("add-lists", "{{ a|add:b|length }}", {"a": [1], "b": [2]}, "2"),
    ("add-bad", "{{ a|add:b }}", {"a": 1, "b": "x"}, ""),
    (
        "addslashes",
        "{{ v|addslashes }}",
        {"v": 'I\'m "q"'},
        {"default": "I\\&#x27;m \\&quot;q\\&quot;", "no_autoescape": 'I\\\'m \\"q\\"'},
    ),
    ("capfirst", "{{ 'hello'|capfirst }}", {}, "Hello"),
    ("center", "[{{ 'ab'|center:6 }}]", {}, "[  ab  ]"),
    ("cut", "{{ 'a b c'|cut:' ' }}", {}, "abc"),
    ("date", "{{ d|date:'Y-m-d H:i' }}", {"d": D}, "2024-03-05 14:07"),
    ("date-default-format", "{{ d|date }}", {"d": datetime.date(2024, 3, 5)}, "March 5, 2024"),
    ("date-none", "{{ d|date:'Y' }}", {"d": None}, ""),
    ("time", "{{ d|time:'H:i' }}", {"d": D}, "14:07"),
    ("default", "{{ v|default:'x' }}", {"v": ""}, "x"),
    ("default-missing", "{{ nope|default:'x' }}", {}, {"default": "x", "invalid": "INVALID"}),
    ("default_if_none", "{{ v|default_if_none:'x' }}{{ e|default_if_none:'y' }}", {"v": None, "e": ""}, "x"),
    ("dictsort", "{% for d in l|dictsort:'n' %}{{ d.n }}{% endfor %}", {"l": [{"n": 2}, {"n": 1}]}, "12"),
    ("dictsort-index", "{% for d in l|dictsort:0 %}{{ d.1 }}{% endfor %}", {"l": [(2, "b"), (1, "a")]}, "ab"),
    (
        "dictsort-dotted",
        "{% for d in l|dictsort:'a.b' %}{{ d.a.b }}{% endfor %}",
        {"l": [{"a": {"b": 2}}, {"a": {"b": 1}}]},
        "12",
    ),
    ("dictsort-private", "[{{ l|dictsort:'_x' }}]", {"l": [{"_x": 1}]}, "[]"),
    (
        "dictsortreversed",
        "{% for d in l|dictsortreversed:'n' %}{{ d.n }}{% endfor %}",
        {"l": [{"n": 1}, {"n": 2}]},
        "21",
    ),
    ("divisibleby", "{{ 21|divisibleby:3 }}{{ 4|divisibleby:3 }}", {}, "TrueFalse"),
    ("escape", "{{ v|escape }}", {"v": "<&>"}, "&lt;&amp;&gt;"),
    ("escape-safe-noop", "{{ v|escape }}", {"v": mark_safe("<b>")}, "<b>"),
    ("force_escape", "{{ v|force_escape }}", {"v": mark_safe("<b>")}, "&lt;b&gt;"),
    ("escapejs", "{{ v|escapejs }}", {"v": "a'b\n"}, "a\\u0027b\\u000A"),
    ("escapeseq", "{{ l|escapeseq|join:',' }}", {"l": ["<", "&"]}, "&lt;,&amp;"),
    (
        "filesizeformat-bytes",
        "{{ 1|filesizeformat }}|{{ 1023|filesizeformat }}",
        {},
        f"1{NBSP}byte|1023{NBSP}bytes",
    ),
    (
        "filesizeformat-units",
        "{{ 1024|filesizeformat }}|{{ 1572864|filesizeformat }}|{{ 2147483648|filesizeformat }}",
        {},
        f"1.0{NBSP}KB|1.5{NBSP}MB|2.0{NBSP}GB",
    ),
    ("filesizeformat-bad", "{{ 'x'|filesizeformat }}", {}, f"0{NBSP}bytes"),
    ("first", "{{ l|first }}{{ e|first }}", {"l": "abc", "e": []}, "a"),
    (
        "floatformat",
        "{{ 34.23234|floatformat }}|{{ 34.0|floatformat }}|{{ 34.26|floatformat }}",
        {},
        "34.2|34|34.3",
    ),
    (
        "floatformat-n",
        "{{ 34.23234|floatformat:3 }}|{{ 34.0|floatformat:3 }}|{{ 34.0|floatformat:'-3' }}",
        {},
        "34.232|34.000|34",
    ),
    ("floatformat-zero", "{{ 39.56|floatformat:'0' }}|{{ -0.4|floatformat:'0' }}", {}, "40|0"),
    ("floatformat-grouping", "{{ 34232.34|floatformat:'2g' }}", {}, "34,232.34"),
    ("floatformat-bad", "[{{ 'abc'|floatformat }}]", {}, "[]"),
    (
        "floatformat-half-up",
        "{{ 2.675|floatformat:2 }}|{{ 1.005|floatformat:2 }}|{{ 2.675|floatformat }}|{{ 3|floatformat:2 }}",
        {},
        "2.68|1.01|2.7|3.00",
    ),
    ("floatformat-negative-zero", "{{ v|floatformat:2 }}|{{ v|floatformat }}", {"v": -0.0001}, "0.00|0.0"),
    (
        "floatformat-floats",
        "{{ a|floatformat:2 }}|{{ b|floatformat:3 }}|{{ c|floatformat:2 }}|{{ d|floatformat:'2g' }}|{{ e|floatformat:1 }}",
        {"a": 7.5, "b": -0.0, "c": 1e-05, "d": 1234567.5, "e": 0.05},
        "7.50|0.000|0.00|1,234,567.50|0.1",
    ),
    ("floatformat-unlocalized", "{{ 1234.5|floatformat:'2u' }}", {}, "1234.50"),
    # Absurd magnitudes come back unchanged instead of a 400-digit string.
    (
        "floatformat-huge",
        "{{ '1e400'|floatformat:2 }}|{{ '1e-200'|floatformat }}|{{ '1e199'|floatformat:'0'|length }}",
        {},
        "1e400|1e-200|200",
    ),
    ("get_digit", "{{ 123456|get_digit:2 }}{{ 12|get_digit:5 }}{{ 'x'|get_digit:1 }}", {}, "50x"),
    (
        "iriencode",
        "{{ v|iriencode }}|{{ '?a=1&b'|iriencode }}",
        {"v": "?test=1&me=2"},
        {"default": "?test=1&amp;me=2|?a=1&b", "no_autoescape": "?test=1&me=2|?a=1&b"},
    ),
    (
        "join",
        "{{ l|join:' // ' }}",
        {"l": ["a", "<b>"]},
        {"default": "a // &lt;b&gt;", "no_autoescape": "a // <b>"},
    ),
    (
        "json_script",
        "{{ v|json_script:'d' }}",
        {"v": {"a": "</script>"}},
        '<script id="d" type="application/json">{"a": "\\u003C/script\\u003E"}</script>',
    ),
    ("last", "{{ l|last }}", {"l": [1, 2]}, "2"),
    ("length", "{{ l|length }}{{ n|length }}", {"l": [1, 2], "n": None}, "20"),
    (
        "linebreaks",
        "{{ v|linebreaks }}",
        {"v": "a\nb\n\nc<"},
        {"default": "<p>a<br>b</p>\n\n<p>c&lt;</p>", "no_autoescape": "<p>a<br>b</p>\n\n<p>c<</p>"},
    ),
    (
        "linebreaksbr",
        "{{ v|linebreaksbr }}",
        {"v": "a\n<b>"},
        {"default": "a<br>&lt;b&gt;", "no_autoescape": "a<br><b>"},
    ),
    (
        "linenumbers",
        "{{ v|linenumbers }}",
        {"v": "a\n<b>"},
        {"default": "1. a\n2. &lt;b&gt;", "no_autoescape": "1. a\n2. <b>"},
    ),
    ("ljust-rjust", "[{{ 'a'|ljust:3 }}][{{ 'a'|rjust:3 }}]", {}, "[a  ][  a]"),
    ("lower-upper", "{{ 'AbC'|lower }}{{ 'AbC'|upper }}", {}, "abcABC"),
    ("make_list", "{{ 123|make_list|join:',' }}", {}, "1,2,3"),
    ("phone2numeric", "{{ '0800 flowers'|phone2numeric }}", {}, "0800 3569377"),
    (
        "pluralize",
        "{{ 1|pluralize }}{{ 2|pluralize }}{{ 1|pluralize:'y,ies' }}{{ 2|pluralize:'y,ies' }}{{ l|pluralize }}",
        {"l": [1, 2]},
        "syiess",
    ),
    ("pluralize-es", "walrus{{ 2|pluralize:'es' }}", {}, "walruses"),
    ("pluralize-bad", "[{{ 2|pluralize:'a,b,c' }}]", {}, "[]"),
    (
        "pprint",
        "{{ v|pprint }}",
        {"v": {"a": 1}},
        {"default": "{&#x27;a&#x27;: 1}", "no_autoescape": "{'a': 1}"},
    ),
    ("random", "{{ l|random }}", {"l": ["x"]}, "x"),
    ("safe", "{{ v|safe }}", {"v": "<b>"}, "<b>"),
    ("safeseq", "{{ l|safeseq|join:',' }}", {"l": ["<a>", "<b>"]}, "<a>,<b>"),
    ("slice", "{{ l|slice:':2' }}{{ 'abcdef'|slice:'2:4' }}{{ 'abc'|slice:'-1:' }}", {"l": "xyz"}, "xycdc"),
    ("slugify", "{{ ' Joel is a slug! '|slugify }}", {}, "joel-is-a-slug"),
    (
        "stringformat",
        "{{ 10|stringformat:'04d' }}|{{ 'x'|stringformat:'s' }}|{{ 'x'|stringformat:'d' }}",
        {},
        "0010|x|",
    ),
    (
        "striptags",
        "{{ v|striptags }}",
        {"v": "<b>bold</b> &amp; <i>it</i>"},
        {"default": "bold &amp;amp; it", "no_autoescape": "bold &amp; it"},
    ),
    (
        "title",
        "{{ v|title }}",
        {"v": "my FIRST post's 1st"},
        {"default": "My First Post&#x27;s 1st", "no_autoescape": "My First Post's 1st"},
    ),
    ("truncatechars", "{{ 'Joel is a slug'|truncatechars:7 }}", {}, "Joel i…"),
    (
        "truncatechars_html",
        "{{ v|truncatechars_html:7 }}",
        {"v": mark_safe("<p>Joel is a slug</p>")},
        "<p>Joel i…</p>",
    ),
    ("truncatewords", "{{ 'Joel is a slug'|truncatewords:2 }}", {}, "Joel is …"),
    (
        "truncatewords_html",
        "{{ v|truncatewords_html:2 }}",
        {"v": mark_safe("<p>Joel is a slug</p>")},
        "<p>Joel is …</p>",
    ),
    (
        "truncatewords_html-unsafe-input",
        "{{ v|truncatewords_html:1 }}",
        {"v": "<p>Joel is</p>"},
        {"default": "&lt;p&gt;Joel …&lt;/p&gt;", "no_autoescape": "<p>Joel …</p>"},
    ),
    (
        "unordered_list",
        "{{ l|unordered_list }}",
        {"l": ["A", ["b<", "c"]]},
        {
            "default": "\t<li>A\n\t<ul>\n\t\t<li>b&lt;</li>\n\t\t<li>c</li>\n\t</ul>\n\t</li>",
            "no_autoescape": "\t<li>A\n\t<ul>\n\t\t<li>b<</li>\n\t\t<li>c</li>\n\t</ul>\n\t</li>",
        },
    ),
    ("urlencode", "{{ '/a b&c'|urlencode }}|{{ '/a'|urlencode:'' }}", {}, "/a%20b%26c|%2Fa"),
    (
        "urlize",
        "{{ 'see www.example.com now'|urlize }}",
        {},
        'see <a href="http://www.example.com" rel="nofollow">www.example.com</a> now',
    ),
    (
        "urlizetrunc",
        "{{ 'http://example.com/long/path'|urlizetrunc:10 }}",
        {},
        '<a href="http://example.com/long/path" rel="nofollow">http://ex…</a>',
    ),
    ("wordcount", "{{ 'a b  c'|wordcount }}", {}, "3"),
    ("wordwrap", "{{ 'Joel is a slug'|wordwrap:5 }}", {}, "Joel\nis a\nslug"),
    (
        "yesno",
        "{{ t|yesno }},{{ f|yesno }},{{ n|yesno }},{{ t|yesno:'y,n' }},{{ n|yesno:'y,n' }}",
        {"t": True, "f": False, "n": None},
        "yes,no,maybe,y,n",
    ),
    (
        "timesince",
        "{{ a|timesince:b }}",
        {"a": D, "b": D + datetime.timedelta(days=1, hours=2)},
        f"1{NBSP}day, 2{NBSP}hours",
    ),
    ("timeuntil", "{{ b|timeuntil:a }}", {"a": D, "b": D + datetime.timedelta(minutes=5)}, f"5{NBSP}minutes"),
    ("timesince-empty", "[{{ n|timesince }}]", {"n": None}, "[]"),
    ("chain-safe-is-kept", "{{ v|safe|lower }}", {"v": "<B>"}, "<b>"),
    (
        "chain-unsafe-result",
        "{{ v|safe|upper }}",
        {"v": "<b>"},
        {"default": "&lt;B&gt;", "no_autoescape": "<B>"},
    ),
    (
        "arg-variable",
        "{{ v|default:fallback }}",
        {"v": "", "fallback": "<f>"},
        {"default": "&lt;f&gt;", "no_autoescape": "<f>"},
    ),
    ("arg-literal-is-safe", "{{ v|default:'<f>' }}", {"v": ""}, "<f>"),
]


@pytest.mark.parametrize("name,source,context,expected", FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_filter(name, source, context, expected, option):
    """Each filter gives its documented output and escaping under every engine configuration."""
    assert render(source, context, **ENGINE_OPTIONS[option]) == expected_for(expected, option)


def test_filter_argument_that_does_not_exist_raises():
    from django.template import VariableDoesNotExist

    with pytest.raises(VariableDoesNotExist):
        render("{{ v|default:missing }}", {"v": ""})


def test_date_filter_converts_aware_datetimes_to_current_timezone():
    from django.utils import timezone

    aware = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.UTC)
    with timezone.override("Europe/Paris"):
        assert render("{{ d|date:'H:i' }}", {"d": aware}) == "13:00"
        assert render("{{ d|time:'H:i e' }}", {"d": aware}) == "13:00 CET"
