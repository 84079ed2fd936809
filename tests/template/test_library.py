"""Custom libraries: filter/simple_tag/simple_block_tag/inclusion_tag/tag and the Node API."""

from __future__ import annotations

import datetime

import pytest

from django import template
from django.template import Context, TemplateSyntaxError
from django.template.defaultfilters import stringfilter
from django.utils.safestring import mark_safe
from tests.template.conftest import ENGINE_OPTIONS, expected_for, make_engine

register = template.Library()


@register.filter
def double(value):
    return value * 2


@register.filter(name="shout", is_safe=True)
@stringfilter
def shout_filter(value):
    return value.upper() + "!"


@register.filter(needs_autoescape=True)
def wrap_b(value, autoescape=True):
    from django.utils.html import conditional_escape

    escaped = conditional_escape(value) if autoescape else value
    return mark_safe("<b>%s</b>" % escaped)


@register.simple_tag
def plus(a, b=10, *, sep="+"):
    return "%s%s%s=%s" % (a, sep, b, a + b)


@register.simple_tag
def raw_html():
    return "<i>x</i>"


@register.simple_tag(takes_context=True)
def who(context, greeting):
    return "%s %s" % (greeting, context["user"])


@register.simple_block_tag
def box(content, css="plain"):
    return mark_safe('<div class="%s">%s</div>' % (css, content))


@register.simple_block_tag(takes_context=True, end_name="stop")
def upper_block(context, content):
    return content.upper() + context.get("suffix", "")


@register.filter(expects_localtime=True)
def hour(value):
    return value.strftime("%H:%M %Z")


@register.inclusion_tag("item.html")
def show_item(item):
    return {"item": item}


@register.inclusion_tag("user.html", takes_context=True)
def show_user(context):
    return {"name": context["user"]}


class ReverseNode(template.Node):
    """A third-party style node: only render(context), using nodelist.render."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return self.nodelist.render(context)[::-1]


@register.tag
def reverse_text(parser, token):
    nodelist = parser.parse(("endreverse_text",))
    parser.delete_first_token()
    return ReverseNode(nodelist)


class SetVarNode(template.Node):
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def render(self, context):
        context[self.name] = self.value.resolve(context)
        return ""


@register.tag("setvar")
def do_setvar(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise TemplateSyntaxError("%r takes two arguments" % bits[0])
    return SetVarNode(bits[1], parser.compile_filter(bits[2]))


class UpperTokenNode(template.Node):
    def __init__(self, text):
        self.text = text

    def render(self, context):
        return self.text


@register.tag("raw")
def do_raw(parser, token):
    """Uses next_token/skip_past style parsing: keep the raw text until endraw."""
    parts = []
    while True:
        tok = parser.next_token()
        if tok.token_type == template.base.TokenType.BLOCK and tok.contents == "endraw":
            break
        parts.append(tok.contents)
    return UpperTokenNode("".join(parts))


ITEM = {"item.html": "<li>{{ item }}</li>", "user.html": "[{{ name }}{% csrf_token %}]"}


def render_lib(source, context=None, **options):
    engine = make_engine(
        {**ITEM, "t": "{% load testlib %}" + source},
        libraries={"testlib": "tests.template.test_library"},
        **options,
    )
    return engine.get_template("t").render(Context(context or {}, autoescape=options.get("autoescape", True)))


CASES = [
    ("filter", "{{ 3|double }}", {}, "6"),
    ("filter-named-safe", "{{ v|shout }}", {"v": mark_safe("<a>")}, "<A>!"),
    (
        "filter-named-unsafe-input",
        "{{ v|shout }}",
        {"v": "<a>"},
        {"default": "&lt;A&gt;!", "no_autoescape": "<A>!"},
    ),
    (
        "filter-needs-autoescape",
        "{{ v|wrap_b }}",
        {"v": "<"},
        {"default": "<b>&lt;</b>", "no_autoescape": "<b><</b>"},
    ),
    # expects_localtime: an aware datetime reaches the filter in the current time zone.
    (
        "filter-expects-localtime",
        "{% load tz %}{{ d|hour }}|{% timezone 'Asia/Tokyo' %}{{ d|hour }}{% endtimezone %}",
        {"d": datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)},
        "12:00 UTC|21:00 JST",
    ),
    ("simple-tag", "{% plus 1 2 %}", {}, "1+2=3"),
    ("simple-tag-defaults", "{% plus 1 %}", {}, "1+10=11"),
    ("simple-tag-kwargs", "{% plus a b=x sep='-' %}", {"a": 1, "x": 2}, "1-2=3"),
    (
        "simple-tag-escapes",
        "{% raw_html %}",
        {},
        {"default": "&lt;i&gt;x&lt;/i&gt;", "no_autoescape": "<i>x</i>"},
    ),
    ("simple-tag-as", "{% plus 1 1 as r %}<{{ r }}>", {}, "<1+1=2>"),
    ("simple-tag-context", "{% who 'hi' %}", {"user": "ann"}, "hi ann"),
    ("simple-tag-in-loop", "{% for i in l %}{% plus i 1 %} {% endfor %}", {"l": [1, 2]}, "1+1=2 2+1=3 "),
    (
        "simple-block-tag",
        "{% box css='x' %}in {{ v }}{% endbox %}",
        {"v": "<"},
        {"default": '<div class="x">in &lt;</div>', "no_autoescape": '<div class="x">in <</div>'},
    ),
    ("simple-block-tag-context", "{% upper_block %}a{{ v }}{% stop %}", {"v": "b", "suffix": "!"}, "AB!"),
    (
        "inclusion-tag",
        "{% show_item v %}",
        {"v": "<x>"},
        {"default": "<li>&lt;x&gt;</li>", "no_autoescape": "<li><x></li>"},
    ),
    (
        "inclusion-takes-context",
        "{% show_user %}",
        {"user": "bo", "csrf_token": "t"},
        '[bo<input type="hidden" name="csrfmiddlewaretoken" value="t">]',
    ),
    ("opaque-node-with-nodelist", "{% reverse_text %}ab{{ v }}{% endreverse_text %}", {"v": "c"}, "cba"),
    (
        "opaque-node-in-loop",
        "{% for i in l %}{% reverse_text %}{{ i }}x{% endreverse_text %}{% endfor %}",
        {"l": [1, 2]},
        "x1x2",
    ),
    ("opaque-setter-visible-after", "{% setvar a 'set' %}{{ a }}", {"a": "orig"}, "set"),
    (
        "opaque-setter-in-loop",
        "{{ a }}{% for i in l %}{{ a }}{% setvar a i %}{{ a }}{% endfor %}{{ a }}",
        {"a": 0, "l": [1, 2]},
        "001120",
    ),
    (
        "opaque-setter-in-with",
        "{% with a=1 %}{% setvar b a %}{% endwith %}[{{ b }}]",
        {},
        {"default": "[]", "invalid": "[INVALID]"},
    ),
    ("raw-token-walk", "{% raw %}{{ x }}text{% endraw %}", {}, "xtext"),
]


@pytest.mark.parametrize("name,source,context,expected", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_library_tag(name, source, context, expected, option):
    """Custom filters and tags behave as documented under every engine option."""
    assert render_lib(source, context, **ENGINE_OPTIONS[option]) == expected_for(expected, option)


def test_autoescape_off_reaches_library_tags():
    assert render_lib("{% raw_html %}{{ v|wrap_b }}", {"v": "<"}, autoescape=False) == "<i>x</i><b><</b>"
    assert (
        render_lib(
            "{% autoescape off %}{% raw_html %}{% reverse_text %}{{ v }}{% endreverse_text %}{% endautoescape %}",
            {"v": "<a"},
        )
        == "<i>x</i>a<"
    )


@pytest.mark.parametrize(
    "source,message",
    [
        ("{% plus %}", "'plus' did not receive value(s) for the argument(s): 'a'"),
        ("{% plus 1 2 3 %}", "'plus' received too many positional arguments"),
        ("{% plus 1 c=2 %}", "'plus' received unexpected keyword argument 'c'"),
        ("{% plus a=1 2 %}", "'plus' received some positional argument(s) after some keyword argument(s)"),
        ("{% plus a=1 a=2 %}", "'plus' received multiple values for keyword argument 'a'"),
        ("{% setvar x %}", "'setvar' takes two arguments"),
    ],
)
def test_library_argument_errors(source, message):
    with pytest.raises(TemplateSyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        render_lib(source)


def test_takes_context_requires_context_parameter():
    lib = template.Library()

    @lib.simple_tag(takes_context=True)
    def bad(value):
        return value

    engine = make_engine({"t": "{% bad 1 %}"})
    engine.template_builtins.append(lib)
    with pytest.raises(TemplateSyntaxError, match="must have a first argument of 'context'"):
        engine.get_template("t")


def test_simple_block_tag_requires_content_parameter():
    lib = template.Library()
    with pytest.raises(TemplateSyntaxError, match="'content'"):

        @lib.simple_block_tag
        def nocontent(value):
            return value


def test_library_registration_forms():
    lib = template.Library()

    def f(value):
        return value

    lib.filter("f1", f)
    lib.filter(name="f2")(f)
    lib.tag("t1", f)
    lib.tag("t2")(f)
    lib.tag(f)
    assert set(lib.filters) == {"f1", "f2"} and set(lib.tags) == {"t1", "t2", "f"}
    with pytest.raises(ValueError):
        lib.filter(None, f)


def test_builtins_option_adds_libraries_without_load():
    engine = make_engine({"t": "{{ 2|double }}"}, builtins=["tests.template.test_library"])
    assert engine.get_template("t").render(Context()) == "4"


def test_invalid_library_path():
    from django.template.library import InvalidTemplateLibrary

    with pytest.raises(InvalidTemplateLibrary):
        make_engine({}, libraries={"x": "no.such.module"})


def test_node_api_surface():
    """The public Parser/Token/NodeList API third-party tags rely on."""
    from django.template.base import Lexer, Parser, TokenType

    tokens = Lexer("a{% if x %}b{% endif %}{{ y|upper }}").tokenize()
    assert [t.token_type for t in tokens] == [
        TokenType.TEXT,
        TokenType.BLOCK,
        TokenType.TEXT,
        TokenType.BLOCK,
        TokenType.VAR,
    ]
    assert tokens[1].split_contents() == ["if", "x"]
    assert template.base.Token(TokenType.BLOCK, 'trans "a b" as c').split_contents() == [
        "trans",
        '"a b"',
        "as",
        "c",
    ]
    assert template.base.Token(TokenType.BLOCK, 'x _("a b") y').split_contents() == ["x", '_("a b")', "y"]
    engine = make_engine({})
    parsed = Parser(tokens, builtins=engine.template_builtins).parse()
    assert len(parsed.get_nodes_by_type(template.base.TextNode)) == 2
    assert parsed.contains_nontext
