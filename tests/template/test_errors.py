"""Malformed and hostile templates: clear TemplateSyntaxErrors with locations, no hangs."""

from __future__ import annotations

import traceback

import pytest

from django.template import Context, TemplateSyntaxError
from tests.template.conftest import make_engine, render

SYNTAX_ERRORS = [
    ("{% if x %}", "Unclosed tag on line 1: 'if'. Looking for one of: elif, else, endif."),
    ("{% for x in y %}", "Unclosed tag on line 1: 'for'. Looking for one of: empty, endfor."),
    ("{% block a %}", "Unclosed tag on line 1: 'block'. Looking for one of: endblock."),
    ("{% comment %}", "Unclosed tag on line 1: 'comment'. Looking for one of: endcomment."),
    (
        "\n\n{% nosuchtag %}",
        "Invalid block tag on line 3: 'nosuchtag'. Did you forget to register or load this tag?",
    ),
    ("{% if a %}{% endfor %}", "Invalid block tag on line 1: 'endfor', expected 'elif', 'else' or 'endif'"),
    ("{{ x|nosuchfilter }}", "Invalid filter: 'nosuchfilter'"),
    ("{{ x|uper }}", "Did you mean 'upper'"),
    ("{% fo x in y %}{% endfor %}", "Did you mean 'for'"),
    ("{{ }}", "Empty variable tag on line 1"),
    ("{% %}", "Empty block tag on line 1"),
    ("{{ x|upper:'a' }}", "upper requires 1 arguments, 2 provided"),
    ("{{ x|add }}", "add requires 2 arguments, 1 provided"),
    ("{{ x y }}", "Could not parse the remainder: ' y' from 'x y'"),
    ("{{ x| }}", "Could not parse the remainder"),
    ("{% for x of y %}{% endfor %}", "'for' statements should use the format 'for x in y'"),
    ("{% for %}{% endfor %}", "'for' statements should have at least four words"),
    ("{% if %}{% endif %}", "Unexpected end of expression in if tag."),
    ("{% if a b %}{% endif %}", "Unused 'b' at end of if expression."),
    ("{% if a == %}{% endif %}", "Unexpected end of expression in if tag."),
    ("{% if and a %}{% endif %}", "Not expecting 'and' in this position in if tag."),
    ("{% with %}{% endwith %}", "'with' expected at least one variable assignment"),
    ("{% cycle %}", "'cycle' tag requires at least two arguments"),
    ("{% cycle nope %}", "No named cycles in template. 'nope' is not defined"),
    ("{% load nosuchlib %}", "'nosuchlib' is not a registered tag library. Must be one of:"),
    ("{% load nothing from static %}", "'nothing' is not a valid tag or filter in tag library 'static'"),
    ("{% autoescape maybe %}{% endautoescape %}", "'autoescape' argument should be 'on' or 'off'"),
    ("{% filter escape %}{% endfilter %}", '"filter escape" is not permitted.'),
    ("{% widthratio a b %}", "widthratio takes at least three arguments"),
    ("{% templatetag nope %}", "Invalid templatetag argument: 'nope'"),
    ("{% regroup a by b %}", "'regroup' tag takes five arguments"),
    ("{% include %}", "'include' tag takes at least one argument"),
    ("{% include 'x' bogus %}", "Unknown argument for 'include' tag: 'bogus'."),
    (
        "{% block a %}{% endblock b %}",
        "Invalid block tag on line 1: 'endblock', expected 'endblock' or 'endblock a'",
    ),
    ("{% resetcycle %}", "No cycles in template."),
]


@pytest.mark.parametrize("source,message", SYNTAX_ERRORS, ids=[s for s, _ in SYNTAX_ERRORS])
def test_syntax_error_message(source, message):
    with pytest.raises(TemplateSyntaxError) as info:
        render(source)
    assert message in str(info.value)


def test_syntax_error_carries_location_and_excerpt():
    engine = make_engine({"page.html": "line one\nline two\n{% if x %}\n{% bogus %}\n{% endif %}"})
    with pytest.raises(TemplateSyntaxError) as info:
        engine.get_template("page.html")
    debug = info.value.template_debug
    assert debug["name"] == "page.html"
    assert debug["line"] == 4
    assert debug["during"] == "{% bogus %}"
    assert (4, "{% bogus %}\n") in debug["source_lines"]
    assert any("page.html, line 4" in note for note in info.value.__notes__)


def test_render_error_points_to_template_line():
    """A failure while rendering names the template line, and the traceback shows generated code."""

    class Boom:
        @property
        def prop(self):
            raise ValueError("kaboom")

    engine = make_engine(
        {"page.html": "a\n{% for i in l %}\n  {{ i }} {{ obj.prop }}\n{% endfor %}"}, debug=True
    )
    with pytest.raises(ValueError) as info:
        engine.get_template("page.html").render(Context({"l": [1], "obj": Boom()}))
    exc = info.value
    assert exc.template_debug["line"] == 3
    assert exc.template_debug["during"] == "{{ obj.prop }}"
    assert any("page.html, line 3: {{ obj.prop }}" in note for note in exc.__notes__)
    rendered = "".join(traceback.format_exception(exc))
    assert "resolve1(" in rendered  # the generated source is registered with linecache


def test_error_in_included_template_names_the_inner_template():
    engine = make_engine({"outer": "x\n{% include 'inner' %}", "inner": "\n\n{{ f }}"}, debug=True)

    def fail():
        raise RuntimeError("inner failure")

    with pytest.raises(RuntimeError) as info:
        engine.get_template("outer").render(Context({"f": fail}))
    assert info.value.template_debug["name"] == "inner"
    assert info.value.template_debug["line"] == 3
    notes = "\n".join(info.value.__notes__)
    assert "inner, line 3" in notes and "outer, line 2" in notes


def test_str_raising_value():
    class BadStr:
        def __str__(self):
            raise RuntimeError("no str")

    with pytest.raises(RuntimeError, match="no str"):
        render("{{ v }}", {"v": BadStr()})


def test_deeply_nested_tags_compile():
    """Nesting deeper than Python's block limits is split into helper functions."""
    depth = 60
    source = "{% for i in l %}" * depth + "{{ i }}" + "{% endfor %}" * depth
    assert render(source, {"l": [1]}) == "1"
    source = "{% if a %}" * 150 + "deep" + "{% endif %}" * 150
    assert render(source, {"a": True}) == "deep"
    source = "{% with a=a %}" * 40 + "{{ a }}" + "{% endwith %}" * 40
    assert render(source, {"a": "w"}) == "w"


def test_absurdly_deep_nesting_is_a_syntax_error():
    source = "{% if a %}" * 5000 + "{% endif %}" * 5000
    with pytest.raises(TemplateSyntaxError, match="nested too deeply"):
        render(source, {"a": True})


def test_huge_template_and_loop():
    source = "x{{ v }}" * 5000
    assert len(render(source, {"v": 1})) == 10000
    assert len(render("{% for i in l %}{{ i }}{% endfor %}", {"l": range(100000)})) == sum(
        len(str(i)) for i in range(100000)
    )


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(1)//<a>",
    "&lt;already&gt;<b>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_strings_are_escaped_everywhere(payload):
    contexts = [
        "{{ v }}",
        "<a title='{{ v }}'>",
        '<a href="{{ v }}">',
        "{% for x in l %}{{ x }}{% endfor %}",
        "{% with w=v %}{{ w }}{% endwith %}",
        "{% firstof v %}",
        "{% cycle v v %}",
        "{{ v|lower }}{{ v|join:'' }}{{ l|join:v }}",
        "{% include 'inc' %}",
        "{% filter lower %}{{ v }}{% endfilter %}",
        "{{ v|linebreaks }}{{ v|linebreaksbr }}{{ v|urlize }}{{ v|truncatewords:5 }}",
    ]
    for source in contexts:
        out = render(source, {"v": payload, "l": [payload]}, templates={"inc": "{{ v }}"})
        baseline = render(source, {"v": "harmless", "l": ["harmless"]}, templates={"inc": "{{ v }}"})
        for char in "<>\"'":
            # The payload adds no markup characters: only the template's own remain.
            assert out.count(char) == baseline.count(char), (source, out)


def test_non_utf8_template_file(tmp_path):
    from django.template import Engine

    (tmp_path / "latin.html").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(TemplateSyntaxError, match="not valid utf-8"):
        Engine(dirs=[tmp_path]).get_template("latin.html")
    assert (
        Engine(dirs=[tmp_path], file_charset="latin-1").get_template("latin.html").render(Context()) == "café"
    )


def test_generated_source_is_released_with_the_template():
    """Templates built per request must not leak their generated source in linecache."""
    import gc
    import linecache

    engine = make_engine({})
    template = engine.from_string("{{ x }}")
    filename = template._modules[0].filename
    assert filename in linecache.cache
    del template
    gc.collect()
    assert filename not in linecache.cache


@pytest.mark.parametrize(
    "source,message",
    [
        (
            "{% if a %}{% endfor %}",
            "Invalid block tag on line 1: 'endfor', expected 'elif', 'else' or 'endif'. "
            "Did you forget to register or load this tag?",
        ),
        (
            "{% block a %}{% endblock b %}",
            "Invalid block tag on line 1: 'endblock', expected 'endblock' or 'endblock a'. "
            "Did you forget to register or load this tag?",
        ),
    ],
)
def test_misplaced_closer_gets_no_spelling_hint(source, message):
    """A closer of a known tag in the wrong place is not offered a 'Did you mean' for its opener."""
    with pytest.raises(TemplateSyntaxError) as info:
        render(source)
    assert str(info.value) == message
