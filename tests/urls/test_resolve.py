"""resolve(): first match wins, converters, includes, ResolverMatch contents, misses."""

import uuid

import pytest

from django.http import Http404
from django.urls import Resolver404, ResolverMatch, resolve

from . import views

URLCONF = "tests.urls.urlconf_main"


def r(path):
    return resolve(path, urlconf=URLCONF)


def test_literal_pattern_declared_first_wins_over_converter():
    assert r("/articles/2003/").func is views.special
    assert r("/articles/2004/").func is views.year_archive


def test_int_converter_gives_int_kwargs():
    match = r("/articles/2004/12/")
    assert match.func is views.month_archive
    assert match.kwargs == {"year": 2004, "month": 12}
    assert match.args == ()


def test_slug_converter_rejects_non_slug_text():
    assert r("/articles/2004/12/my-post_1/").kwargs["slug"] == "my-post_1"
    # A dot is not a slug character, so the catch-all cannot match either: 404.
    with pytest.raises(Resolver404):
        r("/articles/2004/12/a.b/")


def test_uuid_converter_returns_uuid():
    value = "12345678-1234-5678-1234-567812345678"
    assert r(f"/uuid/{value}/").kwargs == {"id": uuid.UUID(value)}


def test_path_converter_spans_slashes():
    assert r("/files/a/b/c.txt").kwargs == {"file_path": "a/b/c.txt"}


def test_default_converter_is_str():
    assert r("/str/hello/").kwargs == {"name": "hello"}


def test_custom_converter_to_python():
    assert r("/conv/2024/").kwargs == {"year": 2024}


def test_to_python_value_error_means_no_match_and_later_patterns_are_tried():
    assert r("/number/4/").func is views.even_view
    assert r("/number/4/").kwargs == {"n": 4}
    odd = r("/number/5/")
    assert odd.func is views.other_view and odd.kwargs == {"n": "5"}


def test_extra_kwargs_are_merged_and_override_captured_ones():
    match = r("/extra/")
    assert match.kwargs == {"flag": True}
    assert match.captured_kwargs == {}
    assert match.extra_kwargs == {"flag": True}
    override = r("/override/5/")
    assert override.kwargs == {"n": 99}
    assert override.captured_kwargs == {"n": 5}
    assert override.extra_kwargs == {"n": 99}


def test_regex_named_groups_become_kwargs():
    assert r("/regex/1999/").kwargs == {"year": "1999"}


def test_regex_unnamed_groups_become_positional_args():
    match = r("/positional/42/abc/")
    assert match.args == ("42", "abc")
    assert match.kwargs == {}


def test_optional_regex_group():
    assert r("/optional/").kwargs == {}
    assert r("/optional/3/").kwargs == {"page": "3"}


def test_include_without_namespace():
    match = r("/blog/post/hello/")
    assert match.func is views.blog_post
    assert match.route == "blog/post/<slug:slug>/"
    assert match.namespaces == [] and match.namespace == ""


def test_include_with_namespace_sets_app_and_namespace():
    match = r("/ns2/7/")
    assert match.func is views.app_detail
    assert match.kwargs == {"pk": 7}
    assert match.app_name == "app" and match.app_names == ["app"]
    assert match.namespace == "ns2" and match.namespaces == ["ns2"]
    assert match.view_name == "ns2:detail"
    assert match.url_name == "detail"


def test_nested_namespaces_are_joined():
    match = r("/blog/inner/3/")
    assert match.namespaces == ["blog-app"]
    assert match.view_name == "blog-app:detail"


def test_captured_prefix_kwargs_and_include_kwargs_reach_the_view():
    match = r("/prefix/5/sub/x-y/")
    assert match.kwargs == {"pk": 5, "s": "x-y", "from_include": 1}
    assert match.captured_kwargs == {"pk": 5, "s": "x-y"}
    assert match.extra_kwargs == {"from_include": 1}
    assert match.route == "prefix/<int:pk>/sub/<slug:s>/"


def test_catch_all_declared_last_only_gets_what_nothing_else_took():
    assert r("/anything/").url_name == "catchall"
    assert r("/dup/").url_name == "dup"


def test_view_name_falls_back_to_dotted_function_path():
    match = resolve("/", urlconf="tests.urls.urlconf_unnamed")
    assert match.url_name is None
    assert match.view_name == "tests.urls.views.home"


def test_callable_instance_view():
    match = r("/instance/")
    assert match.func is views.view_instance
    assert match._func_path == "tests.urls.views.ViewClass"


def test_resolver_match_unpacks_as_func_args_kwargs():
    func, args, kwargs = r("/articles/2004/")
    assert func is views.year_archive and args == () and kwargs == {"year": 2004}
    assert r("/articles/2004/")[2] == {"year": 2004}


def test_resolver_match_repr_names_everything():
    text = repr(r("/ns1/3/"))
    assert text.startswith("ResolverMatch(func=tests.urls.views.app_detail, args=(), kwargs={'pk': 3}")
    assert "url_name='detail'" in text and "namespaces=['ns1']" in text and "route='ns1/<int:pk>/'" in text


def test_resolver_match_cannot_be_pickled():
    import pickle

    with pytest.raises(pickle.PicklingError):
        pickle.dumps(r("/"))


def test_tried_on_success_lists_patterns_up_to_the_match():
    match = r("/articles/2004/")
    tried = [str(entry[-1].pattern) for entry in match.tried]
    assert tried == ["", "articles/2003/", "articles/<int:year>/"]


def test_miss_raises_resolver404_with_path_and_every_pattern_tried():
    with pytest.raises(Resolver404) as info:
        r("/articles/2004/12/a.b/c/d/")
    assert isinstance(info.value, Http404)
    details = info.value.args[0]
    assert details["path"] == "articles/2004/12/a.b/c/d/"
    tried = details["tried"]
    flat = [" ".join(str(p.pattern) for p in entry) for entry in tried]
    assert flat[0] == ""
    # An include whose prefix did not match is listed once, by itself.
    assert "blog/" in flat and "ns1/" in flat
    assert flat[-1] == "<str:catchall>/"


def test_tried_lists_the_patterns_inside_an_include_whose_prefix_matched():
    with pytest.raises(Resolver404) as info:
        r("/blog/nothing/here/")
    flat = [" ".join(str(p.pattern) for p in entry) for entry in info.value.args[0]["tried"]]
    assert "blog/ post/<slug:slug>/" in flat
    assert "blog/ ^archive/(?P<year>[0-9]{4})/$" in flat
    assert "blog/ inner/" in flat


def test_path_without_leading_slash_is_a_miss():
    with pytest.raises(Resolver404) as info:
        r("articles/2004/")
    assert info.value.args[0]["path"] == "articles/2004/"


@pytest.mark.parametrize(
    "path",
    [
        "/\udcff\udcfe/",  # non-UTF-8 bytes decoded with surrogateescape
        "/%ZZ%00/",
        "/" + "a" * 100_000 + "/x/",
        "/articles/" + "9" * 5000 + "/",
        "/\x00/",
        "/../../etc/passwd",
    ],
)
def test_hostile_paths_resolve_or_miss_cleanly(path):
    try:
        match = r(path)
    except Resolver404:
        return
    assert isinstance(match, ResolverMatch)


def test_huge_int_is_still_converted():
    assert r("/articles/" + "9" * 50 + "/").kwargs["year"] == int("9" * 50)


def test_resolver_match_on_resolver_object_directly():
    from django.urls import get_resolver

    resolver = get_resolver(URLCONF)
    assert resolver is get_resolver(URLCONF)
    assert resolver.resolve("/articles/2005/").url_name == "year"
