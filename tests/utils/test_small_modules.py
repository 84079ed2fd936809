"""Smaller utilities: module_loading, tree, regex_helper, inspect, deconstruct, asyncio,
connection, csp, ipv6, choices, lorem_ipsum, topological_sort, version, deprecation, _os, hashable."""

import asyncio
import enum
import os
import sys
import threading

import pytest

from django.core.exceptions import (
    ImproperlyConfigured,
    SuspiciousFileOperation,
    SynchronousOnlyOperation,
    ValidationError,
)
from django.utils import inspect as dj_inspect
from django.utils import lorem_ipsum, version
from django.utils._os import safe_join, to_path
from django.utils.asyncio import async_unsafe
from django.utils.choices import (
    BlankChoiceIterator,
    CallableChoiceIterator,
    flatten_choices,
    normalize_choices,
)
from django.utils.connection import BaseConnectionHandler, ConnectionDoesNotExist, ConnectionProxy
from django.utils.csp import CSP, LazyNonce, build_policy
from django.utils.deconstruct import deconstructible
from django.utils.deprecation import MiddlewareMixin
from django.utils.hashable import make_hashable
from django.utils.ipv6 import clean_ipv6_address, is_valid_ipv6_address
from django.utils.module_loading import import_string, module_dir, module_has_submodule
from django.utils.regex_helper import _lazy_re_compile, normalize
from django.utils.topological_sort import (
    CyclicDependencyError,
    stable_topological_sort,
    topological_sort_as_sets,
)
from django.utils.tree import Node


class TestModuleLoading:
    def test_import_string(self):
        assert import_string("django.utils.module_loading.import_string") is import_string
        assert import_string("os.path") is os.path

    @pytest.mark.parametrize(
        "path,message",
        [
            ("nodots", "doesn't look like a module path"),
            ("django.utils.module_loading.Nope", 'does not define a "Nope" attribute/class'),
        ],
    )
    def test_import_string_errors(self, path, message):
        with pytest.raises(ImportError, match=message):
            import_string(path)

    def test_missing_module(self):
        with pytest.raises(ImportError):
            import_string("no_such_module_xyz.Thing")

    def test_module_has_submodule(self):
        import django.utils

        assert module_has_submodule(django.utils, "text")
        assert not module_has_submodule(django.utils, "no_such_submodule")
        assert not module_has_submodule(os.path, "anything")
        assert "django.utils.lorem_ipsum" in sys.modules

    def test_module_dir(self):
        import django.utils

        assert module_dir(django.utils).endswith(os.path.join("django", "utils"))
        assert module_dir(version) == os.path.dirname(version.__file__)


class TestTree:
    def test_add_same_connector_appends(self):
        node = Node(["a"])
        assert node.add("b", "AND") == "b"
        assert node.children == ["a", "b"] and node.connector == "AND"

    def test_add_other_connector_wraps(self):
        node = Node(["a", "b"])
        node.add("c", "OR")
        assert node.connector == "OR"
        assert isinstance(node.children[0], Node) and node.children[0].children == ["a", "b"]
        assert node.children[1] == "c"

    def test_add_squashes_compatible_nodes(self):
        node = Node(["a"])
        assert node.add(Node(["b", "c"]), "AND") is node
        assert node.children == ["a", "b", "c"]
        negated = Node(["x"], negated=True)
        node.add(negated, "AND")
        assert node.children[-1] is negated

    def test_str_repr_len_bool_contains_negate(self):
        node = Node(["a", "b"], "OR")
        assert str(node) == "(OR: a, b)"
        node.negate()
        assert str(node) == "(NOT (OR: a, b))" and repr(node) == "<Node: (NOT (OR: a, b))>"
        assert len(node) == 2 and bool(node) and "a" in node and not Node()

    def test_equality_hash_copies(self):
        import copy

        node = Node([("a", 1), ("b", [1, 2])])
        assert node == Node([("a", 1), ("b", [1, 2])])
        assert hash(node) == hash(Node([("a", 1), ("b", [1, 2])]))
        assert node != Node([("a", 1)], "OR")
        shallow = copy.copy(node)
        shallow.add(("c", 3), "AND")
        assert len(node) == 2
        deep = copy.deepcopy(node)
        assert deep == node and deep.children[1][1] is not node.children[1][1]

    def test_create_skips_subclass_init(self):
        class Q(Node):
            def __init__(self, **kwargs):
                super().__init__(list(kwargs.items()))

        made = Q.create(["x"], "OR", True)
        assert type(made) is Q and made.children == ["x"] and made.negated


class TestRegexHelper:
    @pytest.mark.parametrize(
        "pattern,expected",
        [
            (r"^articles/2003/$", [("articles/2003/", [])]),
            (
                r"^articles/(?P<year>[0-9]{4})/(?P<slug>[\w-]+)/$",
                [("articles/%(year)s/%(slug)s/", ["year", "slug"])],
            ),
            (r"^a/(\d+)/b/(\d+)/$", [("a/%(_0)s/b/%(_1)s/", ["_0", "_1"])]),
            (r"^x/(?:(?P<p>\d+)/)?$", [("x/", []), ("x/%(p)s/", ["p"])]),
            (r"^page(?:s)?/$", [("page/", [])]),
            (r"^a+b*c?/$", [("a/", [])]),
            (r"^\.html$", [(".html", [])]),
            (r"^100%$", [("100%%", [])]),
            (r"^(?i)case/$", [("case/", [])]),
            (r"^(?=look)ahead$", [("ahead", [])]),
            (r"^[abc]x[^/]y$", [("ax_y", [])]),
            (r"^a{2}b{1,3}$", [("aab", [])]),
            (r"^one|two$", [("", [])]),
            (r"^(?P<a>x)(?P=a)$", [("%(a)s%(a)s", ["a"])]),
        ],
    )
    def test_normalize(self, pattern, expected):
        assert normalize(pattern) == expected

    def test_unbalanced(self):
        with pytest.raises(ValueError):
            normalize("^(abc$")

    def test_lazy_re_compile(self):
        regex = _lazy_re_compile(r"^\d+$")
        assert regex.match("12") and not regex.match("a")
        import re

        compiled = re.compile("a")
        assert _lazy_re_compile(compiled).pattern == "a"
        with pytest.raises(AssertionError):
            _lazy_re_compile(compiled, re.I).match("a")


class TestInspect:
    def test_signature_helpers(self):
        def func(a, b=1, *args, c, d=2, **kwargs):
            pass

        class Thing:
            def method(self, x):
                pass

            def no_args(self):
                pass

        assert dj_inspect.get_func_args(func) == ["a", "b", "c", "d"]
        assert dj_inspect.get_func_full_args(func) == [
            ("a",),
            ("b", 1),
            ("*args",),
            ("c",),
            ("d", 2),
            ("**kwargs",),
        ]
        assert dj_inspect.func_accepts_kwargs(func) and dj_inspect.func_accepts_var_args(func)
        assert not dj_inspect.func_accepts_kwargs(Thing().method)
        assert dj_inspect.get_func_args(Thing().method) == ["x"]
        assert dj_inspect.method_has_no_args(Thing().no_args)
        assert not dj_inspect.method_has_no_args(Thing().method)
        assert dj_inspect.func_supports_parameter(func, "c")
        assert not dj_inspect.func_supports_parameter(func, "z")
        assert dj_inspect.is_module_level_function(make_hashable)
        assert not dj_inspect.is_module_level_function(func)
        assert not dj_inspect.is_module_level_function(Thing.method)


@deconstructible
class Point:
    def __init__(self, x, y=0):
        self.x, self.y = x, y


@deconstructible(path="tests.utils.test_small_modules.PointAlias")
class PathPoint:
    def __init__(self, *args):
        self.args = args


PointAlias = PathPoint


def test_deconstructible_records_arguments():
    assert Point(1, y=2).deconstruct() == ("tests.utils.test_small_modules.Point", (1,), {"y": 2})
    assert PathPoint(3).deconstruct() == ("tests.utils.test_small_modules.PointAlias", (3,), {})


def test_deconstructible_rejects_unimportable_classes():
    @deconstructible
    class Local:
        pass

    with pytest.raises(ValueError, match="Could not find object Local"):
        Local().deconstruct()


class TestAsyncUnsafe:
    def test_blocks_inside_event_loop(self, monkeypatch):
        monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)

        @async_unsafe
        def sync_only():
            return "ok"

        @async_unsafe("custom message")
        def other():
            return "ok"

        assert sync_only() == "ok"

        async def inside():
            with pytest.raises(SynchronousOnlyOperation, match="async context"):
                sync_only()
            with pytest.raises(SynchronousOnlyOperation, match="custom message"):
                other()

        asyncio.run(inside())

    def test_environment_variable_allows_it(self, monkeypatch):
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

        @async_unsafe
        def sync_only():
            return "ok"

        async def inside():
            return sync_only()

        assert asyncio.run(inside()) == "ok"


class FakeConnection:
    def __init__(self, alias):
        self.alias = alias
        self.closed = False
        self.value = 1

    def close(self):
        self.closed = True


class Handler(BaseConnectionHandler):
    settings_name = "CACHES_FOR_TEST"

    def create_connection(self, alias):
        return FakeConnection(alias)


class TestConnectionHandler:
    def test_lazily_creates_one_connection_per_alias_and_thread(self):
        handler = Handler({"default": {}, "other": {}})
        assert handler["default"] is handler["default"]
        assert handler["default"].alias == "default"
        assert list(handler) == ["default", "other"]
        seen = []
        thread = threading.Thread(target=lambda: seen.append(handler["default"]))
        thread.start()
        thread.join()
        assert seen[0] is not handler["default"]

    def test_unknown_alias(self):
        with pytest.raises(ConnectionDoesNotExist, match="The connection 'nope' doesn't exist."):
            Handler({"default": {}})["nope"]

    def test_all_and_close_all(self):
        handler = Handler({"a": {}, "b": {}})
        first = handler["a"]
        assert handler.all(initialized_only=True) == [first]
        assert len(handler.all()) == 2
        handler.close_all()
        assert first.closed

    @pytest.mark.parametrize("thread_critical", [False, True])
    def test_all_initialized_only_sees_only_this_threads_and_this_tasks_connections(self, thread_critical):
        class PerThread(Handler):
            pass

        PerThread.thread_critical = thread_critical
        handler = PerThread({"a": {}, "b": {}})
        assert handler.all(initialized_only=True) == []  # nothing made yet anywhere
        made_elsewhere = []
        thread = threading.Thread(target=lambda: made_elsewhere.append(handler["b"]))
        thread.start()
        thread.join()
        assert handler.all(initialized_only=True) == []
        mine = handler["a"]
        assert handler.all(initialized_only=True) == [mine]

        async def inside_a_loop():
            return handler.all(initialized_only=True)

        # In an event loop a thread-critical handler keeps a separate storage per task context.
        seen = asyncio.run(inside_a_loop())
        assert seen == ([] if thread_critical else [mine])

    def test_settings_name_is_read_lazily(self, setting):
        setting(CACHES_FOR_TEST={"x": {}})
        assert list(Handler()) == ["x"]

    def test_proxy(self):
        handler = Handler({"default": {}})
        proxy = ConnectionProxy(handler, "default")
        assert proxy.alias == "default"
        proxy.value = 5
        assert handler["default"].value == 5
        assert proxy == handler["default"]
        del proxy.value
        assert not hasattr(handler["default"], "value") or handler["default"].value == 1


class TestCsp:
    def test_constants(self):
        assert CSP.SELF == "'self'" and CSP.NONE == "'none'" and CSP.NONCE == "<CSP_NONCE_SENTINEL>"
        assert CSP.HEADER_ENFORCE == "Content-Security-Policy"
        assert CSP.HEADER_REPORT_ONLY == "Content-Security-Policy-Report-Only"

    def test_build_policy(self):
        policy = {
            "default-src": [CSP.SELF],
            "script-src": [CSP.SELF, CSP.NONCE],
            "img-src": {"https://b.example", "https://a.example"},
            "report-uri": "/csp/",
            "upgrade-insecure-requests": True,
            "sandbox": False,
        }
        assert build_policy(policy, nonce="abc") == (
            "default-src 'self'; script-src 'self' 'nonce-abc'; "
            "img-src https://a.example https://b.example; report-uri /csp/; upgrade-insecure-requests"
        )
        assert build_policy({"script-src": [CSP.SELF, CSP.NONCE]}) == "script-src 'self'"

    def test_lazy_nonce(self):
        nonce = LazyNonce()
        assert not nonce
        value = str(nonce)
        assert nonce and len(value) >= 16 and str(nonce) == value
        assert str(LazyNonce()) != value


class TestIpv6:
    @pytest.mark.parametrize(
        "raw,clean",
        [
            ("fe80::0223:6cff:fe8a:2e8a", "fe80::223:6cff:fe8a:2e8a"),
            ("2001:0DB8::0001", "2001:db8::1"),
            ("::ffff:0a0a:0a0a", "::ffff:10.10.10.10"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("0:0:0:0:0:0:0:1", "::1"),
        ],
    )
    def test_clean(self, raw, clean):
        assert clean_ipv6_address(raw) == clean

    def test_unpack_ipv4(self):
        assert clean_ipv6_address("::ffff:0a0a:0a0a", unpack_ipv4=True) == "10.10.10.10"

    @pytest.mark.parametrize(
        "bad", ["", "1.2.3.4", "::zzz", "1:2:3:4:5:6:7:8:9", "12345::", "1" * 100, "1::2::3"]
    )
    def test_invalid(self, bad):
        assert not is_valid_ipv6_address(bad)
        with pytest.raises(ValidationError) as info:
            clean_ipv6_address(bad, error_message="bad address")
        assert info.value.code == "invalid" and info.value.messages == ["bad address"]

    def test_valid(self):
        assert is_valid_ipv6_address("::1") and is_valid_ipv6_address("fe80::1%eth0")
        assert not is_valid_ipv6_address(None)


class Suit(enum.IntEnum):
    HEART = 1
    SPADE = 2

    @classmethod
    def _choices(cls):
        return [(m.value, m.name.title()) for m in cls]


Suit.choices = [(1, "Heart"), (2, "Spade")]


class TestChoices:
    def test_normalize_shapes(self):
        assert normalize_choices({"a": "A", "b": "B"}) == [("a", "A"), ("b", "B")]
        assert normalize_choices([("a", "A")]) == [("a", "A")]
        assert normalize_choices({"Group": {"x": "X"}, "b": "B"}) == [("Group", [("x", "X")]), ("b", "B")]
        assert normalize_choices(Suit) == [(1, "Heart"), (2, "Spade")]
        assert normalize_choices("abc") == "abc"
        assert normalize_choices(None) is None
        assert normalize_choices([1, 2]) == [1, 2]

    def test_callable_choices_are_deferred(self):
        calls = []

        def get():
            calls.append(1)
            return {"a": "A"}

        result = normalize_choices(get)
        assert isinstance(result, CallableChoiceIterator) and calls == []
        assert list(result) == [("a", "A")] and calls == [1]
        assert result == [("a", "A")] and result[0] == ("a", "A")
        with pytest.raises(IndexError):
            result[5]

    def test_flatten_and_blank(self):
        grouped = [("G", [("x", "X"), ("y", "Y")]), ("z", "Z")]
        assert list(flatten_choices(grouped)) == [("x", "X"), ("y", "Y"), ("z", "Z")]
        blank = [("", "---------")]
        assert list(BlankChoiceIterator(grouped, blank)) == blank + grouped
        with_blank = [("", "None"), ("a", "A")]
        assert list(BlankChoiceIterator(with_blank, blank)) == with_blank


def test_lorem_ipsum():
    assert lorem_ipsum.words(3) == "lorem ipsum dolor"
    assert len(lorem_ipsum.words(50).split()) == 50
    assert len(lorem_ipsum.words(500, common=False).split()) == 500
    paragraphs = lorem_ipsum.paragraphs(3)
    assert len(paragraphs) == 3 and paragraphs[0] == lorem_ipsum.COMMON_P
    assert lorem_ipsum.paragraphs(1, common=False)[0] != lorem_ipsum.COMMON_P
    sentence = lorem_ipsum.sentence()
    assert sentence[0].isupper() and sentence[-1] in ".?"


class TestTopologicalSort:
    def test_layers(self):
        graph = {1: {2, 3}, 2: set(), 3: {2}, 4: set()}
        assert list(topological_sort_as_sets(graph)) == [{2, 4}, {3}, {1}]
        assert stable_topological_sort([1, 2, 3, 4], graph) == [2, 4, 3, 1]

    def test_cycles(self):
        with pytest.raises(CyclicDependencyError, match="Cyclic dependency"):
            list(topological_sort_as_sets({1: {2}, 2: {1}}))
        assert issubclass(CyclicDependencyError, ValueError)


def test_version_helpers():
    assert version.get_version((6, 0, 0, "final", 0)) == "6.0"
    assert version.get_version((6, 0, 1, "final", 0)) == "6.0.1"
    assert version.get_version((6, 1, 0, "beta", 2)) == "6.1b2"
    assert version.get_version((6, 1, 0, "rc", 1)) == "6.1rc1"
    assert version.get_version((6, 1, 0, "alpha", 0)).startswith("6.1.dev")
    assert version.get_main_version((6, 0, 0, "final", 0)) == "6.0"
    assert version.get_docs_version((6, 0, 0, "final", 0)) == "6.0"
    assert version.get_docs_version((6, 1, 0, "alpha", 0)) == "dev"
    assert version.get_complete_version() == (6, 0, 0, "final", 0)
    assert version.get_version_tuple("1.2.3b4") == (1, 2, 3)
    assert version.get_version_tuple("2.0") == (2, 0)
    with pytest.raises(ValueError):
        version.get_complete_version((6, 0, 0, "bogus", 0))


class TestMiddlewareMixin:
    def test_sync_chain(self):
        class Tagging(MiddlewareMixin):
            def process_request(self, request):
                request.append("request")

            def process_response(self, request, response):
                return response + "!"

        middleware = Tagging(lambda request: "response")
        log = []
        assert middleware(log) == "response!" and log == ["request"]

    def test_process_request_can_short_circuit(self):
        class Blocker(MiddlewareMixin):
            def process_request(self, request):
                return "blocked"

        assert Blocker(lambda request: pytest.fail("not called"))(None) == "blocked"

    def test_async_chain(self):
        class Tagging(MiddlewareMixin):
            def process_response(self, request, response):
                return response.upper()

        async def view(request):
            return "async"

        middleware = Tagging(view)
        assert asyncio.iscoroutinefunction(middleware) or middleware.async_mode
        assert asyncio.run(middleware(None)) == "ASYNC"

    def test_get_response_required(self):
        with pytest.raises(ValueError, match="get_response must be provided"):
            MiddlewareMixin(None)


class TestOs:
    def test_safe_join(self, tmp_path):
        assert safe_join(str(tmp_path), "a", "b.txt") == str(tmp_path / "a" / "b.txt")
        assert safe_join(str(tmp_path)) == str(tmp_path)
        for escape in ("..", "../x", "/etc/passwd", "a/../../x"):
            with pytest.raises(SuspiciousFileOperation):
                safe_join(str(tmp_path), escape)
        with pytest.raises(SuspiciousFileOperation):
            safe_join(str(tmp_path / "base"), str(tmp_path / "base-sibling"))

    def test_to_path(self, tmp_path):
        assert to_path(str(tmp_path)) == tmp_path and to_path(tmp_path) is tmp_path
        with pytest.raises(TypeError):
            to_path(5)


def test_make_hashable():
    assert make_hashable({"b": [1, {2}], "a": 1}) == (("a", 1), ("b", (1, (2,))))
    assert make_hashable(5) == 5
    with pytest.raises(TypeError):
        make_hashable(object.__new__(type("Unhashable", (), {"__hash__": None})))


def test_improperly_configured_importable():
    assert issubclass(ImproperlyConfigured, Exception)
