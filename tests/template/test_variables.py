"""Variable lookup: Django's order (key, attribute, index, call) and the rules for callables."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from django.template import Context, Template, Variable, VariableDoesNotExist
from tests.template.conftest import ENGINE_OPTIONS, make_engine, render


class Obj:
    attr = "attribute"

    def method(self):
        return "called"

    def needs_args(self, x):
        return x

    def __getitem__(self, key):
        if key == "both":
            return "item-wins"
        raise KeyError(key)

    both = "attribute-loses"


class Dangerous:
    def delete(self):
        raise AssertionError("alters_data methods must never be called")

    delete.alters_data = True


class NotCalled:
    do_not_call_in_templates = True
    label = "class-attr"

    def __call__(self):
        raise AssertionError("must not be called")


class SilentError(Exception):
    silent_variable_failure = True


class Raises:
    @property
    def silent(self):
        raise SilentError

    @property
    def loud(self):
        raise ValueError("boom")

    @property
    def inner_attribute_error(self):
        return self.does_not_exist


def raising_type_error():
    raise TypeError("inside the function")


LOOKUP_CASES = [
    ("dict-key", "{{ d.a }}", {"d": {"a": 1}}, "1"),
    ("attribute", "{{ o.attr }}", {"o": Obj()}, "attribute"),
    ("key-before-attribute", "{{ o.both }}", {"o": Obj()}, "item-wins"),
    ("dict-key-before-method", "{{ d.items }}", {"d": {"items": "key"}}, "key"),
    ("list-index", "{{ l.1 }}", {"l": ["a", "b"]}, "b"),
    ("index-out-of-range", "[{{ l.5 }}]", {"l": ["a"]}, {"default": "[]", "invalid": "[INVALID]"}),
    ("method-called", "{{ o.method }}", {"o": Obj()}, "called"),
    ("top-level-callable", "{{ f }}", {"f": lambda: "from-callable"}, "from-callable"),
    ("nested-chain", "{{ d.l.0.attr }}", {"d": {"l": [Obj()]}}, "attribute"),
    ("callable-needs-args", "[{{ o.needs_args }}]", {"o": Obj()}, {"default": "[]", "invalid": "[INVALID]"}),
    ("alters-data", "[{{ o.delete }}]", {"o": Dangerous()}, {"default": "[]", "invalid": "[INVALID]"}),
    ("do-not-call", "{{ n.label }}", {"n": NotCalled()}, "class-attr"),
    ("silent-failure", "[{{ r.silent }}]", {"r": Raises()}, {"default": "[]", "invalid": "[INVALID]"}),
    ("missing", "[{{ nope }}]", {}, {"default": "[]", "invalid": "[INVALID]"}),
    ("missing-attr", "[{{ d.nope }}]", {"d": {}}, {"default": "[]", "invalid": "[INVALID]"}),
    ("none-value", "{{ n }}", {"n": None}, "None"),
    ("builtins", "{{ True }} {{ False }} {{ None }}", {}, "True False None"),
    (
        "literals",
        "{{ 1 }} {{ 1.5 }} {{ 'str' }} {{ \"dq\" }} {{ -2 }} {{ 1e3 }}",
        {},
        "1 1.5 str dq -2 1000.0",
    ),
    ("literal-escaped-quote", "{{ 'it\\'s' }}", {}, "it's"),
    ("literal-not-escaped", "{{ '<b>' }}", {}, "<b>"),
    ("translated-literal", "{{ _('hello') }}", {}, "hello"),
    ("integer-output", "{{ n }}", {"n": 1234567}, "1234567"),
    ("float-output", "{{ n }}", {"n": 1.5}, "1.5"),
    (
        "html-method",
        "{{ h }}",
        {"h": type("H", (), {"__html__": lambda self: "<i>safe</i>", "__str__": lambda self: "plain"})()},
        "plain",  # output uses str() first: __html__ counts only on strings (SafeString, Markup)
    ),
    ("html-str-subclass", "{{ m }}", {"m": Markup("<i>")}, "<i>"),
    (
        "str-method-escaped",
        "{{ o }}",
        {"o": type("O", (), {"__str__": lambda self: "<p>"})()},
        {"default": "&lt;p&gt;", "no_autoescape": "<p>"},
    ),
]


@pytest.mark.parametrize("name,source,context,expected", LOOKUP_CASES, ids=[c[0] for c in LOOKUP_CASES])
@pytest.mark.parametrize("option", list(ENGINE_OPTIONS))
def test_lookup(name, source, context, expected, option):
    """Lookups follow the documented order and invalid-variable rules in every configuration."""
    from tests.template.conftest import expected_for

    assert render(source, context, **ENGINE_OPTIONS[option]) == expected_for(expected, option)


def test_string_if_invalid_with_placeholder_names_the_variable():
    assert render("{{ missing.attr }}", {}, string_if_invalid="<%s>") == "&lt;missing.attr&gt;"


def test_string_if_invalid_skips_filters():
    """With string_if_invalid set, a missing variable's filters are not applied."""
    assert render("{{ nope|upper }}", {}, string_if_invalid="invalid") == "invalid"
    assert render("{{ nope|default:'d' }}", {}) == "d"


def test_exception_in_attribute_propagates():
    with pytest.raises(ValueError, match="boom"):
        render("{{ r.loud }}", {"r": Raises()})


def test_attribute_error_inside_property_is_not_hidden():
    with pytest.raises(AttributeError):
        render("{{ r.inner_attribute_error }}", {"r": Raises()})


def test_type_error_raised_inside_callable_propagates():
    with pytest.raises(TypeError, match="inside the function"):
        render("{{ f }}", {"f": raising_type_error})


def test_underscore_names_are_syntax_errors():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="may not begin with underscores"):
        render("{{ a._private }}")
    with pytest.raises(TemplateSyntaxError, match="may not begin with underscores"):
        render("{{ _private }}")


def test_callable_is_called_each_time_it_is_resolved():
    calls = []

    def counter():
        calls.append(1)
        return len(calls)

    assert render("{{ c }}{{ c }}", {"c": counter}, twice=False) == "12"


def test_loop_variables_visible_to_opaque_tags():
    """A third-party tag reading context inside a compiled loop sees the loop variable."""
    from django import template

    class EchoNode(template.Node):
        def render(self, context):
            return "%s/%s;" % (context["item"], context["forloop"]["counter"])

    lib = template.Library()
    lib.tag("echo", lambda parser, token: EchoNode())
    engine = make_engine({"t": "{% load echo %}{% for item in items %}{% echo %}{% endfor %}"}, libraries={})
    engine.template_libraries["echo"] = lib
    assert engine.get_template("t").render(Context({"items": "ab"})) == "a/1;b/2;"


class TestVariableAPI:
    def test_resolve_dict_and_context(self):
        assert Variable("a.b").resolve({"a": {"b": 2}}) == 2
        assert Variable("a.0").resolve(Context({"a": ["x"]})) == "x"

    def test_literals(self):
        assert Variable("1.5").literal == 1.5
        assert Variable("'x'").resolve({}) == "x"
        assert Variable("-5").resolve({}) == -5

    def test_missing_raises(self):
        with pytest.raises(VariableDoesNotExist):
            Variable("a.b").resolve({"a": {}})

    def test_not_a_string(self):
        with pytest.raises(TypeError):
            Variable(5)


def test_template_uses_default_engine_error_when_unconfigured():
    from django.core.exceptions import ImproperlyConfigured
    from django.template import Engine

    Engine.get_default.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            Template("x")
    finally:
        Engine.get_default.cache_clear()
