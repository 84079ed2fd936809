"""reverse(): names, arguments, converters, namespaces, current_app, query and fragment."""

import uuid

import pytest

from django.http import QueryDict
from django.urls import NoReverseMatch, clear_script_prefix, reverse, reverse_lazy, set_script_prefix

from . import views

URLCONF = "tests.urls.urlconf_main"


def rev(name, *args, **kw):
    return reverse(name, urlconf=URLCONF, args=args or None, **kw)


def test_plain_name():
    assert rev("home") == "/"
    assert rev("special-2003") == "/articles/2003/"


def test_kwargs_and_args_fill_converters():
    assert rev("year", kwargs={"year": 2004}) == "/articles/2004/"
    assert rev("year", 2004) == "/articles/2004/"
    assert rev("detail", kwargs={"year": 2004, "month": 1, "slug": "x"}) == "/articles/2004/1/x/"


def test_mixing_args_and_kwargs_is_a_value_error():
    with pytest.raises(ValueError, match="Don't mix"):
        reverse("year", urlconf=URLCONF, args=[1], kwargs={"year": 1})


def test_value_that_does_not_match_the_converter_is_no_match():
    with pytest.raises(NoReverseMatch) as info:
        rev("year", kwargs={"year": "abc"})
    message = str(info.value)
    assert "Reverse for 'year' with keyword arguments '{'year': 'abc'}' not found." in message
    assert "1 pattern(s) tried: ['articles/<int:year>/']" in message


def test_converter_to_url_is_used_and_its_value_error_means_no_match():
    assert rev("conv", kwargs={"year": 7}) == "/conv/0007/"
    assert rev("even", kwargs={"n": 4}) == "/number/4/"
    with pytest.raises(NoReverseMatch):
        rev("even", kwargs={"n": 3})


def test_uuid_and_path_converters():
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert rev("uuid", kwargs={"id": value}) == f"/uuid/{value}/"
    assert rev("files", kwargs={"file_path": "a/b c.txt"}) == "/files/a/b%20c.txt"


def test_unknown_name_message():
    with pytest.raises(
        NoReverseMatch,
        match="Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.",
    ):
        rev("nope")


def test_missing_arguments_message():
    with pytest.raises(NoReverseMatch, match="with no arguments not found. 1 pattern"):
        rev("year")
    with pytest.raises(NoReverseMatch, match=r"with arguments '\(1, 2, 3, 4\)' not found"):
        rev("year", 1, 2, 3, 4)


def test_reverse_by_callable():
    assert reverse(views.special, urlconf=URLCONF) == "/articles/2003/"
    assert reverse(views.month_archive, urlconf=URLCONF, args=[2000, 2]) == "/articles/2000/2/"


def test_last_declared_pattern_wins_for_a_shared_name():
    assert rev("dup") == "/dup-last/"


def test_same_name_different_arity():
    assert rev("arity") == "/arity/"
    assert rev("arity", 5) == "/arity/5/"


def test_extra_kwargs_may_be_passed_when_equal_to_defaults():
    assert rev("extra") == "/extra/"
    assert rev("extra", kwargs={"flag": True}) == "/extra/"
    with pytest.raises(NoReverseMatch):
        rev("extra", kwargs={"flag": False})


def test_regex_patterns_reverse():
    assert rev("re-year", kwargs={"year": "1999"}) == "/regex/1999/"
    assert rev("positional", 42, "abc") == "/positional/42/abc/"
    assert rev("escaped") == "/escaped.html"
    with pytest.raises(NoReverseMatch):
        rev("re-year", kwargs={"year": "99"})


def test_optional_regex_group_reverses_with_and_without_the_parameter():
    assert rev("optional") == "/optional/"
    assert rev("optional", kwargs={"page": 3}) == "/optional/3/"


def test_names_inside_namespace_less_include_get_the_prefix():
    assert rev("blog-post", kwargs={"slug": "hi"}) == "/blog/post/hi/"
    assert rev("blog-archive", kwargs={"year": 2001}) == "/blog/archive/2001/"


def test_prefix_parameters_of_includes_are_part_of_the_url():
    assert rev("prefixed", kwargs={"pk": 1, "s": "z"}) == "/prefix/1/sub/z/"
    assert rev("prefixed", kwargs={"pk": 1, "s": "z", "from_include": 1}) == "/prefix/1/sub/z/"


def test_instance_namespaces():
    assert rev("ns1:index") == "/ns1/"
    assert rev("ns2:detail", kwargs={"pk": 3}) == "/ns2/3/"
    assert rev("blog-app:detail", 3) == "/blog/inner/3/"


def test_app_namespace_uses_default_instance():
    assert rev("app:index") == "/app/"


def test_current_app_selects_the_instance():
    assert rev("app:index", current_app="ns2") == "/ns2/"
    assert rev("app:detail", kwargs={"pk": 1}, current_app="ns1") == "/ns1/1/"
    # An unknown current_app falls back to the default instance.
    assert rev("app:index", current_app="nope") == "/app/"


def test_app_namespace_without_default_instance_uses_last_deployed():
    assert rev("userapp:index", kwargs={"uid": 4}) == "/user/4/"


def test_namespace_prefix_parameters():
    assert rev("user:detail", kwargs={"uid": 4, "pk": 5}) == "/user/4/5/"
    with pytest.raises(NoReverseMatch):
        rev("user:detail", kwargs={"pk": 5})


def test_unknown_namespace_messages():
    with pytest.raises(NoReverseMatch, match="'zzz' is not a registered namespace$"):
        rev("zzz:index")
    with pytest.raises(NoReverseMatch, match="'zzz' is not a registered namespace inside 'ns1'"):
        rev("ns1:zzz:index")


def test_name_without_namespace_does_not_see_namespaced_patterns():
    with pytest.raises(NoReverseMatch):
        rev("detail", kwargs={"pk": 1})


def test_query_and_fragment():
    assert rev("home", query={"a": "1", "b": ["x", "y"]}) == "/?a=1&b=x&b=y"
    assert rev("home", fragment="top") == "/#top"
    assert rev("home", query={"q": "a b&c"}, fragment="f") == "/?q=a+b%26c#f"
    assert rev("home", query=[("k", "v"), ("k", "w")]) == "/?k=v&k=w"
    assert rev("home", query={}) == "/"


def test_query_accepts_a_querydict():
    query = QueryDict("a=1&a=2&b=3")
    assert rev("home", query=query) == "/?a=1&a=2&b=3"


def test_values_are_percent_quoted_but_subdelims_kept():
    assert rev("weird", kwargs={"value": "a b?c#d%e"}) == "/weird/a%20b%3Fc%23d%25e/"
    assert rev("weird", kwargs={"value": "!$&'()*+,;=:@~"}) == "/weird/!$&'()*+,;=:@~/"
    assert rev("weird", kwargs={"value": "é"}) == "/weird/%C3%A9/"


def test_leading_double_slash_is_escaped():
    assert (
        reverse("double", urlconf="tests.urls.urlconf_edge", kwargs={"rest": "/evil.com/"}) == "/%2Fevil.com/"
    )


def test_script_prefix_is_prepended():
    try:
        set_script_prefix("/mount")
        assert rev("home") == "/mount/"
        assert rev("ns1:index") == "/mount/ns1/"
    finally:
        clear_script_prefix()
    assert rev("home") == "/"


def test_reverse_lazy_is_evaluated_on_use():
    lazy_url = reverse_lazy("year", urlconf=URLCONF, kwargs={"year": 1})
    assert str(lazy_url) == "/articles/1/"
    assert lazy_url + "x" == "/articles/1/x"


def test_reverse_uses_root_urlconf_by_default():
    from django.test import override_settings

    with override_settings(ROOT_URLCONF=URLCONF):
        assert reverse("home") == "/"


def test_reverse_and_resolve_round_trip():
    from django.urls import resolve

    for name, kwargs in [("detail", {"year": 1, "month": 2, "slug": "s"}), ("prefixed", {"pk": 3, "s": "t"})]:
        url = rev(name, kwargs=kwargs)
        match = resolve(url, urlconf=URLCONF)
        assert match.url_name == name
        assert match.captured_kwargs == kwargs
