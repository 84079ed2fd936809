"""extends/block (with block.super), include (with/only, variables, relative names), partials."""

from __future__ import annotations

import pytest

from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from tests.template.conftest import ENGINE_OPTIONS, expected_for, make_engine, render

BASE = {
    "base": "<{% block title %}Base{% endblock %}|{% block body %}{% block inner %}i{% endblock %}{% endblock %}>",
    "middle": "{% extends 'base' %}{% block title %}Mid+{{ block.super }}{% endblock %}",
    "inc": "[{{ a }}{{ b }}]",
    "dir/inc": "{% include './other' %}",
    "dir/other": "other",
    "loop-item": "({{ item }}{{ forloop.counter }})",
    "sets-t": "{% cycle 'a' 'b' as t silent %}",
    "base-shows-t": "{{ t }}{% block b %}{% endblock %}{{ t }}",
}

INHERIT_CASES = [
    ("extends-override", "{% extends 'base' %}{% block title %}T{% endblock %}", {}, "<T|i>"),
    ("extends-default", "{% extends 'base' %}", {}, "<Base|i>"),
    ("block-super", "{% extends 'base' %}{% block title %}{{ block.super }}!{% endblock %}", {}, "<Base!|i>"),
    (
        "three-levels",
        "{% extends 'middle' %}{% block title %}Top+{{ block.super }}{% endblock %}",
        {},
        "<Top+Mid+Base|i>",
    ),
    ("nested-block", "{% extends 'base' %}{% block inner %}I{% endblock %}", {}, "<Base|I>"),
    (
        "outer-replaces-inner",
        "{% extends 'base' %}{% block body %}B{% endblock %}{% block inner %}X{% endblock %}",
        {},
        "<Base|B>",
    ),
    (
        "child-content-outside-blocks-ignored",
        "{% extends 'base' %}ignored{% block title %}t{% endblock %}",
        {},
        "<t|i>",
    ),
    ("variable-parent", "{% extends parent %}{% block title %}v{% endblock %}", {"parent": "base"}, "<v|i>"),
    (
        "block-uses-context",
        "{% extends 'base' %}{% block title %}{{ v }}{% endblock %}",
        {"v": "<x>"},
        {"default": "<&lt;x&gt;|i>", "no_autoescape": "<<x>|i>"},
    ),
    ("block-in-plain-template", "{% block a %}content{% endblock %}", {}, "content"),
    ("endblock-with-name", "{% block a %}x{% endblock a %}", {}, "x"),
    ("include", "{% include 'inc' %}", {"a": 1, "b": 2}, "[12]"),
    ("include-with", "{% include 'inc' with a='x' %}", {"b": 2}, "[x2]"),
    (
        "include-only",
        "{% include 'inc' with a='x' only %}",
        {"b": 2},
        {"default": "[x]", "invalid": "[xINVALID]"},
    ),
    (
        "include-variable",
        "{% include name %}",
        {"name": "inc", "a": 5},
        {"default": "[5]", "invalid": "[5INVALID]"},
    ),
    ("include-list", "{% include names %}", {"names": ["missing", "inc"], "a": 1, "b": 1}, "[11]"),
    # An included template or an overriding block may update an outer variable (set_upward):
    # the including template sees the new value afterwards, in a loop too.
    ("include-updates-outer-name", "{{ t }}{% include 'sets-t' %}{{ t }}", {"t": "o"}, "oa"),
    (
        "include-in-loop-updates-outer-name",
        "{% for x in l %}[{{ t }}]{% include 'sets-t' %}{% endfor %}[{{ t }}]",
        {"l": [1, 2, 3], "t": "o"},
        "[o][a][a][a]",
    ),
    (
        "block-updates-name-in-base",
        "{% extends 'base-shows-t' %}{% block b %}{% cycle 'a' 'b' as t silent %}{% endblock %}",
        {"t": "o"},
        "oa",
    ),
    ("include-in-loop", "{% for item in l %}{% include 'loop-item' %}{% endfor %}", {"l": "ab"}, "(a1)(b2)"),
    (
        "include-scope-does-not-leak",
        "{% include 'inc' with a=1 %}[{{ a }}]",
        {"b": ""},
        {"default": "[1][]", "invalid": "[1][INVALID]"},
    ),
    ("include-relative", "{% include 'dir/inc' %}", {}, "other"),
    (
        "partial-inline",
        "{% partialdef p inline %}P{{ v }}{% endpartialdef %}|{% partial p %}",
        {"v": 1},
        "P1|P1",
    ),
    ("partial-not-inline", "{% partialdef p %}P{% endpartialdef p %}[{% partial p %}]", {}, "[P]"),
    ("partial-before-definition", "{% partial p %}{% partialdef p %}x{% endpartialdef %}", {}, "x"),
    (
        "partial-in-loop",
        "{% partialdef row %}<{{ i }}>{% endpartialdef %}{% for i in l %}{% partial row %}{% endfor %}",
        {"l": [1, 2]},
        "<1><2>",
    ),
]


@pytest.mark.parametrize("name,source,context,expected", INHERIT_CASES, ids=[c[0] for c in INHERIT_CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_inheritance(name, source, context, expected, option):
    assert render(source, context, templates=BASE, **ENGINE_OPTIONS[option]) == expected_for(expected, option)


def test_include_template_object():
    engine = make_engine({"t": "{% include tpl %}"})
    inner = engine.from_string("inner {{ x }}")
    assert engine.get_template("t").render(Context({"tpl": inner, "x": 1})) == "inner 1"


def test_include_missing_template_raises():
    with pytest.raises(TemplateDoesNotExist):
        render("{% include 'nope' %}")


def test_partial_through_loader_name():
    engine = make_engine({"page": "A{% partialdef card %}<{{ v }}>{% endpartialdef %}B"})
    partial = engine.get_template("page#card")
    assert partial.render(Context({"v": 3})) == "<3>"
    assert "<{{ v }}>" in partial.source
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("page#nope")


def test_include_partial_by_name():
    templates = {"page": "{% partialdef card %}<{{ v }}>{% endpartialdef %}"}
    assert render("{% include 'page#card' %}", {"v": 9}, templates=templates) == "<9>"


def test_undefined_partial_is_an_error():
    with pytest.raises(TemplateSyntaxError, match="not defined"):
        render("{% partial nope %}")


def test_duplicate_partial_is_an_error():
    with pytest.raises(TemplateSyntaxError, match="already defined"):
        render("{% partialdef a %}{% endpartialdef %}{% partialdef a %}{% endpartialdef %}")


def test_block_super_in_base_template_is_an_error():
    with pytest.raises(TemplateSyntaxError, match="block.super"):
        render("{% block a %}{{ block.super }}{% endblock %}")


def test_extends_recursion_is_detected():
    """A template extending itself (or a cycle) ends in TemplateDoesNotExist, not a hang."""
    templates = {"a": "{% extends 'b' %}", "b": "{% extends 'a' %}", "self": "{% extends 'self' %}"}
    with pytest.raises(TemplateDoesNotExist) as info:
        make_engine(templates).get_template("a").render(Context())
    assert any("Skipped to avoid recursion" in reason for _, reason in info.value.tried)
    with pytest.raises(TemplateDoesNotExist):
        make_engine(templates).get_template("self").render(Context())


def test_extends_same_name_in_other_directory(tmp_path):
    """extends of the same name finds the next directory's template (the skip mechanism)."""
    from django.template import Engine

    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "page.html").write_text(
        "{% extends 'page.html' %}{% block b %}override+{{ block.super }}{% endblock %}"
    )
    (second / "page.html").write_text("[{% block b %}original{% endblock %}]")
    engine = Engine(dirs=[first, second])
    assert engine.get_template("page.html").render(Context()) == "[override+original]"


def test_recursive_include_is_bounded():
    with pytest.raises(TemplateSyntaxError, match="Include depth"):
        render("{% include '__main__' %}")


def test_recursive_include_with_base_case_works():
    templates = {
        "tree": "{{ node.name }}{% if node.children %}({% for node in node.children %}{% include 'tree' %}{% endfor %}){% endif %}"
    }
    tree = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}
    assert render("{% include 'tree' %}", {"node": tree}, templates=templates) == "a(b(c)d)"


def test_relative_path_outside_hierarchy():
    with pytest.raises(TemplateSyntaxError, match="points outside"):
        make_engine({"x/t": "{% include '../../up' %}"}).get_template("x/t")


def test_extends_must_be_first():
    with pytest.raises(TemplateSyntaxError, match="must be the first tag"):
        render("{{ x }}{% extends 'base' %}", templates=BASE)
    assert render("  {% extends 'base' %}", templates=BASE) == "  <Base|i>"


def test_extends_twice():
    with pytest.raises(TemplateSyntaxError, match="cannot appear more than once"):
        render("{% extends 'base' %}{% extends 'base' %}", templates=BASE)


def test_duplicate_block_names():
    with pytest.raises(TemplateSyntaxError, match="appears more than once"):
        render("{% block a %}{% endblock %}{% block a %}{% endblock %}")


def test_empty_extends_name():
    with pytest.raises(TemplateSyntaxError, match="Invalid template name in 'extends'"):
        render("{% extends parent %}", {"parent": ""})


COMBO_TEMPLATES = {"inc": "<{{ v }}|{{ k }}>", "base": "[{% block b %}{% endblock %}]"}
COMBO_CASES = [
    ("{% autoescape off %}{% include 'inc' %}{% endautoescape %}", {"v": "<", "k": 1}, "<<|1>"),
    (
        "{% for k, v in items %}{% include 'inc' %}{% endfor %}",
        {"items": [(1, "<a>"), (2, "b")]},
        "<&lt;a&gt;|1><b|2>",
    ),
    (
        "{% for a in l %}{% for k in l %}{% include 'inc' with v=a %}{% endfor %}{% endfor %}",
        {"l": [1, 2]},
        "<1|1><1|2><2|1><2|2>",
    ),
    (
        "{% extends 'base' %}{% block b %}{% for v in l %}{% with k=forloop.counter %}{% include 'inc' %}{% endwith %}{% endfor %}{% endblock %}",
        {"l": "xy"},
        "[<x|1><y|2>]",
    ),
    (
        "{% for v in l %}{% ifchanged v %}{% include 'inc' %}{% endifchanged %}{% cycle 'a' 'b' as c %}{{ c }}{% endfor %}",
        {"l": [1, 1, 2], "k": "K"},
        "<1|K>aabb<2|K>aa",
    ),
    (
        "{% with v=1 %}{% filter upper %}{% include 'inc' with k='z' %}{% endfilter %}{% endwith %}",
        {},
        "<1|Z>",
    ),
    (
        "{% spaceless %}{% for v in l %} <b> {% include 'inc' %} </b> {% endfor %}{% endspaceless %}",
        {"l": [1], "k": 2},
        "<b><1|2></b>",
    ),
]


@pytest.mark.parametrize("source,context,expected", COMBO_CASES)
def test_compiled_locals_reach_included_templates(source, context, expected):
    """Loop/with variables held in Python locals are synced to the context for include/blocks."""
    assert render(source, context, templates=COMBO_TEMPLATES) == expected
