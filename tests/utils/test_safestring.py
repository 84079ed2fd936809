"""django.utils.safestring: SafeString, mark_safe."""

from django.utils.functional import lazystr
from django.utils.safestring import SafeData, SafeString, mark_safe


def test_mark_safe_returns_safe_string():
    value = mark_safe("<b>x</b>")
    assert isinstance(value, SafeString) and isinstance(value, SafeData)
    assert value == "<b>x</b>"
    assert value.__html__() is value


def test_mark_safe_is_idempotent():
    value = mark_safe("a")
    assert mark_safe(value) is value


def test_concatenation_keeps_safety_only_with_safe_operands():
    assert isinstance(mark_safe("a") + mark_safe("b"), SafeString)
    plain = mark_safe("a") + "<b>"
    assert not isinstance(plain, SafeData) and plain == "a<b>"


def test_str_of_safe_string_is_itself():
    value = mark_safe("x")
    assert str(value) is value


def test_mark_safe_on_objects_with_html_method():
    class Html:
        def __html__(self):
            return "<i>"

    obj = Html()
    assert mark_safe(obj) is obj


def test_mark_safe_as_decorator_marks_result():
    @mark_safe
    def render():
        return "<p>"

    assert isinstance(render(), SafeString)


def test_mark_safe_forces_lazy_strings():
    value = mark_safe(lazystr("<em>"))
    assert isinstance(value, SafeString) and value == "<em>"


def test_mark_safe_on_non_strings():
    assert mark_safe(5) == "5" and isinstance(mark_safe(5), SafeString)
