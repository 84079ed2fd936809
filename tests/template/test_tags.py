"""Every built-in tag, as (source, context, expected) tables run under each engine option."""

from __future__ import annotations

import pytest

from tests.template.conftest import ENGINE_OPTIONS, expected_for, make_engine, render


class _OnlyIterable:
    """Iterable without __len__: the for tag must list() it to know the length."""

    def __iter__(self):
        return iter(range(2))


TAG_CASES = [
    # autoescape
    ("autoescape-off", "{% autoescape off %}{{ v }}{% endautoescape %}", {"v": "<b>"}, "<b>"),
    ("autoescape-on", "{% autoescape on %}{{ v }}{% endautoescape %}", {"v": "<b>"}, "&lt;b&gt;"),
    (
        "autoescape-nested",
        "{% autoescape off %}{% autoescape on %}{{ v }}{% endautoescape %}{{ v }}{% endautoescape %}",
        {"v": "<"},
        "&lt;<",
    ),
    ("autoescape-filter-safe", "{{ v|safe }}", {"v": "<b>"}, "<b>"),
    (
        "autoescape-escape-off",
        "{% autoescape off %}{{ v|escape }}{% endautoescape %}",
        {"v": "<b>"},
        "&lt;b&gt;",
    ),
    # comment
    ("comment-block", "a{% comment %}{{ v }} {% if %}{% endcomment %}b", {}, "ab"),
    ("comment-inline", "a{# {{ v }} #}b", {}, "ab"),
    ("comment-note", "{% comment 'note' %}x{% endcomment %}y", {}, "y"),
    # csrf_token
    (
        "csrf-token",
        "{% csrf_token %}",
        {"csrf_token": "abc"},
        '<input type="hidden" name="csrfmiddlewaretoken" value="abc">',
    ),
    ("csrf-missing", "{% csrf_token %}", {}, ""),
    ("csrf-notprovided", "{% csrf_token %}", {"csrf_token": "NOTPROVIDED"}, ""),
    # cycle / resetcycle
    ("cycle-loop", "{% for i in l %}{% cycle 'a' 'b' %}{% endfor %}", {"l": [1, 2, 3]}, "aba"),
    (
        "cycle-vars",
        "{% for i in l %}{% cycle x y %}{% endfor %}",
        {"l": [1, 2], "x": "<", "y": ">"},
        {"default": "&lt;&gt;", "no_autoescape": "<>"},
    ),
    ("cycle-as", "{% cycle 'a' 'b' as c %}{% cycle c %}-{{ c }}", {}, "ab-b"),
    ("cycle-silent", "{% cycle 'a' 'b' as c silent %}[{{ c }}]{% cycle c %}[{{ c }}]", {}, "[a][b]"),
    (
        "cycle-reset",
        "{% for i in l %}{% cycle 'a' 'b' 'c' %}{% if i == 2 %}{% resetcycle %}{% endif %}{% endfor %}",
        {"l": [1, 2, 3, 4]},
        "abab",
    ),
    (
        "cycle-reset-named",
        "{% for i in l %}{% cycle 'a' 'b' as x %}{% resetcycle x %}{% endfor %}",
        {"l": [1, 2]},
        "aa",
    ),
    # filter
    (
        "filter-upper",
        "{% filter upper %}hi {{ v }}{% endfilter %}",
        {"v": "<x>"},
        {"default": "HI &LT;X&GT;", "no_autoescape": "HI <X>"},
    ),
    ("filter-chain", "{% filter force_escape|lower %}<B>{% endfilter %}", {}, "&lt;b&gt;"),
    # firstof
    ("firstof-first", "{% firstof a b c %}", {"a": 0, "b": "x", "c": "y"}, "x"),
    ("firstof-literal", "{% firstof a b 'fallback' %}", {}, "fallback"),
    ("firstof-none", "{% firstof a b %}", {}, ""),
    ("firstof-escape", "{% firstof a %}", {"a": "<"}, {"default": "&lt;", "no_autoescape": "<"}),
    ("firstof-as", "{% firstof a 'z' as v %}[{{ v }}]", {}, "[z]"),
    # for
    ("for-basic", "{% for x in l %}{{ x }},{% endfor %}", {"l": [1, 2, 3]}, "1,2,3,"),
    ("for-reversed", "{% for x in l reversed %}{{ x }}{% endfor %}", {"l": [1, 2, 3]}, "321"),
    ("for-empty", "{% for x in l %}{{ x }}{% empty %}none{% endfor %}", {"l": []}, "none"),
    ("for-missing", "{% for x in nothing %}{{ x }}{% empty %}none{% endfor %}", {}, "none"),
    (
        "for-unpack",
        "{% for k, v in d.items %}{{ k }}={{ v }};{% endfor %}",
        {"d": {"a": 1, "b": 2}},
        "a=1;b=2;",
    ),
    ("for-unpack-spaces", "{% for k , v in l %}{{ k }}{{ v }}{% endfor %}", {"l": [(1, 2)]}, "12"),
    (
        "for-forloop",
        "{% for x in l %}{{ forloop.counter }}{{ forloop.counter0 }}{{ forloop.revcounter }}{{ forloop.revcounter0 }}{{ forloop.first|yesno:'F,f' }}{{ forloop.last|yesno:'L,l' }}{{ forloop.length }} {% endfor %}",
        {"l": "ab"},
        "1021Fl2 2110fL2 ",
    ),
    (
        "for-parentloop",
        "{% for a in l %}{% for b in l %}{{ forloop.parentloop.counter }}{{ forloop.counter }} {% endfor %}{% endfor %}",
        {"l": [1, 2]},
        "11 12 21 22 ",
    ),
    ("for-string", "{% for c in s %}[{{ c }}]{% endfor %}", {"s": "ab"}, "[a][b]"),
    (
        "for-generator",
        "{% for x in g %}{{ x }}{{ forloop.revcounter }}{% endfor %}",
        {"g": _OnlyIterable()},
        "0211",
    ),
    ("for-scope-ends", "{% for x in l %}{% endfor %}[{{ x }}]", {"l": [1], "x": "outer"}, "[outer]"),
    ("for-shadow", "{{ x }}{% for x in l %}{{ x }}{% endfor %}{{ x }}", {"l": [1, 2], "x": 0}, "0120"),
    # outer names read inside a loop (looked up once before it unless the body can change them)
    (
        "for-outer-name",
        "{% for x in l %}{{ t }}{% if t %}!{% endif %}{% endfor %}",
        {"l": [1, 2], "t": "<t>"},
        {"default": "&lt;t&gt;!&lt;t&gt;!", "no_autoescape": "<t>!<t>!"},
    ),
    (
        "for-nested-outer-name",
        "{% for a in l %}{% for b in l %}{{ t }}{% endfor %}{% endfor %}{% with t='z' %}{{ t }}{% endwith %}{{ t }}",
        {"l": [1, 2], "t": "o"},
        "oooozo",
    ),
    (
        "for-body-rebinds-name",
        "{% for x in l %}[{{ c }}]{% cycle 'a' 'b' as c %}{% endfor %}",
        {"l": [1, 2, 3]},
        {"default": "[]a[a]b[b]a", "invalid": "[INVALID]a[a]b[b]a"},
    ),
    (
        "for-inner-loop-rebinds-name",
        "{% for a in l %}{% for b in l %}{% cycle 'p' 'q' as t silent %}{% endfor %}{{ t }}{% endfor %}",
        {"l": [1, 2, 3], "t": "o"},
        "pqp",
    ),
    (
        "for-with-shadows-outer-name",
        "{% for x in l %}{{ t }}{% for y in l %}{% with t=y %}{{ t }}{% endwith %}{{ t }}{% endfor %}{% endfor %}",
        {"l": [1, 2], "t": "T"},
        "T1T2TT1T2T",
    ),
    # if
    ("if-true", "{% if a %}yes{% endif %}", {"a": 1}, "yes"),
    ("if-false-else", "{% if a %}yes{% else %}no{% endif %}", {"a": 0}, "no"),
    ("if-elif", "{% if a == 1 %}one{% elif a == 2 %}two{% else %}other{% endif %}", {"a": 2}, "two"),
    ("if-missing", "{% if nope %}yes{% else %}no{% endif %}", {}, "no"),
    ("if-and-or", "{% if a and b or c %}y{% else %}n{% endif %}", {"a": 1, "b": 0, "c": 1}, "y"),
    ("if-precedence", "{% if a or b and c %}y{% else %}n{% endif %}", {"a": 1, "b": 0, "c": 0}, "y"),
    ("if-not", "{% if not a %}y{% endif %}", {"a": 0}, "y"),
    ("if-not-in", "{% if 'x' not in l %}y{% endif %}", {"l": ["a"]}, "y"),
    ("if-in", "{% if 'a' in l %}y{% endif %}", {"l": ["a"]}, "y"),
    ("if-in-invalid", "{% if 1 in x %}y{% else %}n{% endif %}", {"x": 5}, "n"),
    ("if-is", "{% if a is None %}y{% endif %}", {"a": None}, "y"),
    ("if-is-not", "{% if a is not None %}y{% endif %}", {"a": 0}, "y"),
    ("if-missing-is-none", "{% if nope is None %}y{% endif %}", {}, "y"),
    (
        "if-comparisons",
        "{% if a < b %}a{% endif %}{% if a <= a %}b{% endif %}{% if b > a %}c{% endif %}{% if b >= b %}d{% endif %}{% if a != b %}e{% endif %}",
        {"a": 1, "b": 2},
        "abcde",
    ),
    ("if-type-error-false", "{% if a > b %}y{% else %}n{% endif %}", {"a": None, "b": 1}, "n"),
    ("if-filter", "{% if l|length > 2 %}y{% endif %}", {"l": [1, 2, 3]}, "y"),
    ("if-missing-filter-arg", "{% if a|default:nope %}y{% else %}n{% endif %}", {}, "n"),
    ("if-literal-string", "{% if a == 'x y' %}y{% endif %}", {"a": "x y"}, "y"),
    ("if-not-not", "{% if not not a %}y{% endif %}", {"a": 1}, "y"),
    # ifchanged
    (
        "ifchanged-content",
        "{% for x in l %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}",
        {"l": [1, 1, 2, 2, 1]},
        "121",
    ),
    (
        "ifchanged-vars",
        "{% for x in l %}{% ifchanged x %}[{{ x }}]{% else %}.{% endifchanged %}{% endfor %}",
        {"l": [1, 1, 2]},
        "[1].[2]",
    ),
    (
        "ifchanged-nested-reset",
        "{% for a in outer %}{% for b in inner %}{% ifchanged %}{{ b }}{% endifchanged %}{% endfor %}|{% endfor %}",
        {"outer": [1, 2], "inner": [1, 1]},
        "1|1|",
    ),
    # load / templatetag / verbatim / spaceless / lorem / now
    ("load-from", "{% load static from static %}{% static 'x.css' %}", {}, "/static/x.css"),
    (
        "templatetag",
        "{% templatetag openblock %}{% templatetag closevariable %}{% templatetag opencomment %}",
        {},
        "{%}}{#",
    ),
    ("verbatim", "{% verbatim %}{{ x }}{% if %}{% endverbatim %}", {"x": 1}, "{{ x }}{% if %}"),
    ("verbatim-named", "{% verbatim b %}{% endverbatim %}{% endverbatim b %}", {}, "{% endverbatim %}"),
    ("spaceless", "{% spaceless %}<p>\n  <a>x y</a>\n</p>{% endspaceless %}", {}, "<p><a>x y</a></p>"),
    ("lorem-words", "{% lorem 3 w %}", {}, "lorem ipsum dolor"),
    ("lorem-paragraph-tags", "{% lorem 1 p %}", {}, None),
    # widthratio
    ("widthratio", "{% widthratio a b 100 %}", {"a": 175, "b": 200}, "88"),
    ("widthratio-zero", "{% widthratio a b 100 %}", {"a": 1, "b": 0}, "0"),
    ("widthratio-as", "{% widthratio 5 10 100 as w %}[{{ w }}]", {}, "[50]"),
    ("widthratio-bad-value", "{% widthratio a 10 100 %}", {"a": "x"}, ""),
    # with
    ("with", "{% with a=b.c d='x' %}{{ a }}{{ d }}{% endwith %}", {"b": {"c": 1}}, "1x"),
    ("with-legacy", "{% with b.c as a %}{{ a }}{% endwith %}", {"b": {"c": 2}}, "2"),
    (
        "with-scope-ends",
        "{% with a=1 %}{% endwith %}[{{ a }}]",
        {},
        {"default": "[]", "invalid": "[INVALID]"},
    ),
    # regroup
    (
        "regroup",
        "{% regroup people by g as grouped %}{% for gr in grouped %}{{ gr.grouper }}:{% for p in gr.list %}{{ p.n }}{% endfor %};{% endfor %}",
        {"people": [{"g": "m", "n": 1}, {"g": "m", "n": 2}, {"g": "f", "n": 3}]},
        "m:12;f:3;",
    ),
    (
        "regroup-filter",
        "{% regroup l by v|lower as g %}{% for x in g %}{{ x.grouper }}{{ x.list|length }}{% endfor %}",
        {"l": [{"v": "A"}, {"v": "a"}]},
        "a2",
    ),
    ("regroup-missing", "{% regroup nope by x as g %}[{{ g|length }}]", {}, "[0]"),
    # querystring
    ("querystring-kwargs", "{% querystring a=1 b='x y' %}", {}, "?a=1&amp;b=x+y"),
    ("querystring-mapping", "{% querystring d c=None %}", {"d": {"c": "1", "e": "2"}}, "?e=2"),
    ("querystring-list", "{% querystring a=l %}", {"l": [1, 2]}, "?a=1&amp;a=2"),
    ("querystring-empty", "{% querystring %}", {}, "?"),
]


@pytest.mark.parametrize("name,source,context,expected", TAG_CASES, ids=[c[0] for c in TAG_CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_tag(name, source, context, expected, option):
    """Each tag renders the documented output under every engine configuration."""
    output = render(source, context, **ENGINE_OPTIONS[option])
    if expected is None:
        assert output  # random content: only its presence is fixed
        return
    assert output == expected_for(expected, option)


def test_lorem_paragraphs_wrapped_in_p():
    output = render("{% lorem 2 p %}", twice=False)  # paragraphs after the first are random
    assert output.count("<p>") == 2 and output.startswith("<p>Lorem ipsum")


def test_now_formats_current_year():
    import datetime

    assert render("{% now 'Y' %}") == str(datetime.datetime.now(datetime.UTC).year)
    assert render("{% now 'Y' as y %}[{{ y }}]") == "[%d]" % datetime.datetime.now(datetime.UTC).year


def test_querystring_uses_request_get():
    from django.http import QueryDict

    class Request:
        GET = QueryDict("page=1&q=a")

    assert render("{% querystring page=2 %}", {"request": Request()}) == "?page=2&amp;q=a"


def test_debug_tag_dumps_context():
    assert "&#x27;secret&#x27;: 1" in render("{% debug %}", {"secret": 1})


@pytest.fixture
def template_urls():
    from django.urls import clear_url_caches, set_urlconf

    set_urlconf("tests.template.urls")
    yield
    set_urlconf(None)
    clear_url_caches()


def test_url_tag_reverses(template_urls):
    """{% url %} reverses with positional and keyword arguments, escapes, and stores with as."""
    from django.urls import NoReverseMatch

    assert render("{% url 'archive' 2024 %}") == "/articles/2024/"
    assert render("{% url 'page' slug=s %}", {"s": "a-b"}) == "/page/a-b/"
    assert (
        render("{% for y in ys %}{% url 'archive' y %} {% endfor %}", {"ys": [1, 2]})
        == "/articles/1/ /articles/2/ "
    )
    assert render("{% url 'archive' 1 as u %}<{{ u }}>") == "</articles/1/>"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-view' %}")
    assert render("{% url 'no-such-view' as u %}[{{ u }}]") == "[]"


class _Boom:
    @property
    def prop(self):
        raise ValueError("boom")


@pytest.mark.parametrize(
    "source,expected",
    [
        ("{% if b.prop or ok %}y{% else %}n{% endif %}", "n"),
        ("{% if ok and b.prop == 1 %}y{% else %}n{% endif %}", "n"),
        ("{% if not b.prop %}y{% else %}n{% endif %}", "n"),
        ("{% if b.prop == 1 or ok %}y{% else %}n{% endif %}", "y"),
    ],
)
def test_if_operator_exceptions_are_false(source, expected):
    """An exception inside an operator makes that operator False (a bare operand still raises)."""
    assert render(source, {"b": _Boom(), "ok": True}) == expected


def test_if_bare_operand_exception_propagates():
    with pytest.raises(ValueError):
        render("{% if b.prop %}y{% endif %}", {"b": _Boom()})


def test_url_tag_uses_current_app_of_the_request(template_urls):
    """{% url %} picks the namespace instance from RequestContext.request (current_app, then
    resolver_match); without a request (or with only a "request" variable) the last instance wins."""
    from types import SimpleNamespace

    from django.template import Context, RequestContext
    from django.test import RequestFactory

    template = make_engine({"t": "{% for pk in pks %}{% url 'shop:item' pk %} {% endfor %}"}).get_template(
        "t"
    )
    by_app = RequestFactory().get("/")
    by_app.current_app = "north"
    by_match = RequestFactory().get("/")
    by_match.resolver_match = SimpleNamespace(namespace="north")
    plain = RequestFactory().get("/")
    data = {"pks": [3, 4]}
    assert template.render(RequestContext(by_app, data)) == "/north/item/3/ /north/item/4/ "
    assert template.render(RequestContext(by_match, data)) == "/north/item/3/ /north/item/4/ "
    assert template.render(RequestContext(plain, data)) == "/south/item/3/ /south/item/4/ "
    assert template.render(Context({**data, "request": by_app})) == "/south/item/3/ /south/item/4/ "
