"""django.utils.functional: cached_property, classproperty, lazy proxies, lazy objects."""

import copy
import pickle

import pytest

from django.utils.functional import (
    LazyObject,
    Promise,
    SimpleLazyObject,
    cached_property,
    classproperty,
    empty,
    keep_lazy,
    keep_lazy_text,
    lazy,
    lazystr,
    partition,
)


class TestCachedProperty:
    def test_computes_once_per_instance(self):
        calls = []

        class Thing:
            @cached_property
            def value(self):
                calls.append(1)
                return len(calls)

        a, b = Thing(), Thing()
        assert a.value == 1 and a.value == 1
        assert b.value == 2
        assert len(calls) == 2

    def test_delete_forgets_the_cached_value(self):
        class Thing:
            counter = 0

            @cached_property
            def value(self):
                Thing.counter += 1
                return Thing.counter

        t = Thing()
        assert t.value == 1
        del t.value
        assert t.value == 2

    def test_class_access_returns_descriptor_with_doc(self):
        class Thing:
            @cached_property
            def value(self):
                """The docstring."""
                return 1

        assert isinstance(Thing.value, cached_property)
        assert Thing.value.__doc__ == "The docstring."

    def test_same_property_under_two_names_is_refused(self):
        def getter(self):
            return 1

        prop = cached_property(getter)
        # Python 3.11 wraps errors from __set_name__ in RuntimeError; 3.12+ does not.
        with pytest.raises((TypeError, RuntimeError)) as info:

            class Thing:
                a = prop
                b = prop

        error = info.value if isinstance(info.value, TypeError) else info.value.__cause__
        assert "two different names" in str(error)

    def test_without_set_name_raises(self):
        prop = cached_property(lambda self: 1)
        with pytest.raises(TypeError, match="__set_name__"):
            prop.__get__(object(), object)


def test_classproperty_reads_from_the_class():
    class Thing:
        name = "thing"

        @classproperty
        def upper(cls):
            return cls.name.upper()

    assert Thing.upper == "THING"
    assert Thing().upper == "THING"


class TestLazy:
    def test_proxy_evaluates_on_each_use(self):
        state = {"value": "a"}
        proxy = lazy(lambda: state["value"], str)()
        assert str(proxy) == "a"
        state["value"] = "b"
        assert str(proxy) == "b"
        assert isinstance(proxy, Promise)

    def test_str_methods_operators_and_comparisons(self):
        proxy = lazy(lambda: "hello", str)()
        assert proxy.upper() == "HELLO"
        assert proxy + "!" == "hello!"
        assert "<" + proxy == "<hello"
        assert proxy == "hello" and proxy != "x"
        assert proxy < "z" and proxy > "a"
        assert len(proxy) == 5 and proxy[1:3] == "el"
        assert "%s!" % proxy == "hello!"
        assert f"{proxy:>7}" == "  hello"
        assert hash(proxy) == hash("hello")
        assert "ell" in proxy

    def test_mod_formats_the_result(self):
        proxy = lazy(lambda: "%(n)d items", str)()
        assert proxy % {"n": 3} == "3 items"

    def test_two_proxies_compare_by_value(self):
        make = lazy(lambda x: x, str)
        assert make("a") == make("a")
        assert make("a") < make("b")

    def test_pickle_and_deepcopy(self):
        proxy = lazystr("abc")
        assert str(pickle.loads(pickle.dumps(proxy))) == "abc"
        assert copy.deepcopy(proxy) is proxy

    def test_int_result_class(self):
        proxy = lazy(lambda: 41, int)()
        assert proxy + 1 == 42

    def test_lazystr_is_lazy(self):
        calls = []

        class Tracked:
            def __str__(self):
                calls.append(1)
                return "t"

        proxy = lazystr(Tracked())
        assert calls == []
        assert str(proxy) == "t"


class TestKeepLazy:
    def test_eager_when_no_lazy_argument(self):
        @keep_lazy(str)
        def shout(text):
            return text.upper()

        assert shout("a") == "A"
        assert not isinstance(shout("a"), Promise)

    def test_lazy_when_an_argument_is_lazy(self):
        @keep_lazy_text
        def shout(text):
            return str(text).upper()

        result = shout(lazystr("abc"))
        assert isinstance(result, Promise)
        assert str(result) == "ABC"

    def test_lazy_keyword_argument_counts(self):
        @keep_lazy_text
        def join(a, b=""):
            return f"{a}{b}"

        assert isinstance(join("x", b=lazystr("y")), Promise)

    def test_requires_result_classes(self):
        with pytest.raises(TypeError):
            keep_lazy()


class TestSimpleLazyObject:
    def test_setup_happens_on_first_use_only(self):
        calls = []

        def build():
            calls.append(1)
            return [1, 2, 3]

        obj = SimpleLazyObject(build)
        assert calls == []
        assert len(obj) == 3
        assert obj[0] == 1
        assert 2 in obj
        assert list(obj) == [1, 2, 3]
        assert calls == [1]

    def test_isinstance_and_class_see_the_wrapped_object(self):
        obj = SimpleLazyObject(lambda: {"a": 1})
        assert isinstance(obj, dict)
        assert obj.__class__ is dict

    def test_attribute_set_and_delete_go_to_wrapped(self):
        class Box:
            pass

        obj = SimpleLazyObject(Box)
        obj.x = 5
        assert obj._wrapped.x == 5
        del obj.x
        assert not hasattr(obj._wrapped, "x")

    def test_repr_before_and_after_setup(self):
        def factory():
            return 42

        obj = SimpleLazyObject(factory)
        assert "factory" in repr(obj)
        assert obj == 42
        assert repr(obj) == "<SimpleLazyObject: 42>"

    def test_copy_unevaluated_stays_lazy(self):
        calls = []
        obj = SimpleLazyObject(lambda: calls.append(1) or [1])
        clone = copy.copy(obj)
        deep = copy.deepcopy(obj)
        assert calls == []
        assert isinstance(clone, SimpleLazyObject) and isinstance(deep, SimpleLazyObject)

    def test_copy_evaluated_copies_wrapped(self):
        obj = SimpleLazyObject(lambda: [1, [2]])
        len(obj)
        clone = copy.deepcopy(obj)
        assert clone == [1, [2]] and type(clone) is list

    def test_pickle_gives_the_wrapped_object(self):
        obj = SimpleLazyObject(lambda: {"k": "v"})
        assert pickle.loads(pickle.dumps(obj)) == {"k": "v"}

    def test_operators(self):
        obj = SimpleLazyObject(lambda: [1])
        assert obj + [2] == [1, 2]
        assert [0] + obj == [0, 1]
        assert SimpleLazyObject(lambda: {1}) | {2} == {1, 2}
        assert bool(SimpleLazyObject(lambda: 0)) is False
        assert hash(SimpleLazyObject(lambda: "x")) == hash("x")

    def test_cannot_delete_wrapped(self):
        obj = SimpleLazyObject(lambda: 1)
        with pytest.raises(TypeError):
            del obj._wrapped


def test_lazy_object_requires_setup():
    class Broken(LazyObject):
        pass

    with pytest.raises(NotImplementedError):
        Broken().anything


def test_lazy_object_subclass_with_setup():
    class Config(LazyObject):
        def _setup(self):
            self._wrapped = {"debug": True}

    conf = Config()
    assert conf._wrapped is empty
    assert conf["debug"] is True


def test_partition_splits_by_predicate():
    assert partition(lambda x: x > 2, range(5)) == ([0, 1, 2], [3, 4])
