"""The cached fast paths of resolve() and reverse() keep per-call and per-thread behaviour."""

import asyncio
import threading

from django.urls import (
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
    set_script_prefix,
    set_urlconf,
)
from django.urls.base import clear_script_prefix

URLCONF = "tests.urls.urlconf_main"


def test_each_match_gets_its_own_lists_and_kwargs():
    first = resolve("/articles/2003/", urlconf=URLCONF)
    first.app_names.append("changed")
    first.namespaces.append("changed")
    first.kwargs["extra"] = 1
    second = resolve("/articles/2003/", urlconf=URLCONF)
    assert "changed" not in second.app_names
    assert "changed" not in second.namespaces
    assert "extra" not in second.kwargs
    assert second.route == first.route


def test_repeated_reverse_gives_same_answer_and_errors_stay_errors():
    urls = {reverse("year", urlconf=URLCONF, args=[2001]) for _ in range(3)}
    assert len(urls) == 1
    for _ in range(2):
        try:
            reverse("year", urlconf=URLCONF, args=["x"])
        except Exception as error:
            assert type(error).__name__ == "NoReverseMatch"
        else:
            raise AssertionError("a bad argument must not be reversed")


def test_urlconf_and_script_prefix_are_per_thread():
    set_urlconf(URLCONF)
    set_script_prefix("/main/")
    seen = {}

    def other_thread():
        seen["urlconf"] = get_urlconf("default")
        seen["prefix"] = get_script_prefix()

    try:
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        assert seen == {"urlconf": "default", "prefix": "/"}
        assert get_urlconf() == URLCONF
        assert get_script_prefix() == "/main/"
    finally:
        set_urlconf(None)
        clear_script_prefix()
    assert get_urlconf() is None
    assert get_script_prefix() == "/"


def test_urlconf_set_in_one_task_is_not_seen_by_another():
    async def setter(ready: asyncio.Event, done: asyncio.Event):
        set_urlconf(URLCONF)
        ready.set()
        await done.wait()
        return get_urlconf()

    async def reader(ready: asyncio.Event, done: asyncio.Event):
        await ready.wait()
        value = get_urlconf("unset")
        done.set()
        return value

    async def main():
        ready, done = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(setter(ready, done), reader(ready, done))

    assert asyncio.run(main()) == [URLCONF, "unset"]


def test_repeated_resolve_gives_equal_but_independent_matches():
    first = resolve("/articles/2003/5/", urlconf=URLCONF)
    first.captured_kwargs["year"] = 0
    second = resolve("/articles/2003/5/", urlconf=URLCONF)
    assert second.kwargs == {"year": 2003, "month": 5}
    assert second.captured_kwargs == {"year": 2003, "month": 5}


def test_custom_converter_runs_on_every_resolve():
    """Values from a custom converter are never reused: to_python may return fresh or mutable objects."""
    from tests.urls import converters

    calls = []
    original = converters.EvenConverter.to_python

    def counting(self, value):
        calls.append(value)
        return original(self, value)

    converters.EvenConverter.to_python = counting
    try:
        for _ in range(3):
            assert resolve("/number/4/", urlconf=URLCONF).kwargs == {"n": 4}
    finally:
        converters.EvenConverter.to_python = original
    assert calls == ["4", "4", "4"]


def test_unmatched_path_is_404_every_time():
    from django.urls import Resolver404

    for _ in range(2):
        try:
            resolve("/no/such/page/", urlconf=URLCONF)
        except Resolver404:
            continue
        raise AssertionError("an unknown path must not resolve")
