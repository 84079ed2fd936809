"""``caches``/``cache``, configuration errors, key making and validation, the fragment-key helper."""

from __future__ import annotations

import threading
import warnings

import pytest

from django.core.cache import (
    DEFAULT_CACHE_ALIAS,
    CacheKeyWarning,
    InvalidCacheBackendError,
    cache,
    caches,
)
from django.core.cache.backends.base import BaseCache, default_key_func
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.utils import make_template_fragment_key


def handler(config: dict):
    from django.core.cache import CacheHandler

    return CacheHandler(config)


def test_default_alias_is_locmem_and_cache_proxies_it():
    assert DEFAULT_CACHE_ALIAS == "default"
    assert isinstance(caches["default"], LocMemCache)
    cache.set("proxy-key", 1)
    assert caches["default"].get("proxy-key") == 1
    assert "proxy-key" in cache
    cache.delete("proxy-key")


def test_one_instance_per_alias_and_thread():
    assert caches["default"] is caches["default"]
    seen = []
    thread = threading.Thread(target=lambda: seen.append(caches["default"]))
    thread.start()
    thread.join()
    assert seen[0] is not caches["default"]


def test_unknown_alias_raises_invalid_cache_backend_error():
    with pytest.raises(InvalidCacheBackendError, match="nope"):
        caches["nope"]


def test_unimportable_backend_raises_invalid_cache_backend_error():
    caches_ = handler({"default": {"BACKEND": "no.such.Backend"}})
    with pytest.raises(InvalidCacheBackendError, match="no.such.Backend"):
        caches_["default"]


def test_handler_builds_backend_with_location_and_params():
    caches_ = handler(
        {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "other": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "other-loc",
                "TIMEOUT": 60,
                "KEY_PREFIX": "p",
                "VERSION": 3,
                "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2},
            },
        }
    )
    other = caches_["other"]
    assert (other.default_timeout, other.key_prefix, other.version) == (60, "p", 3)
    assert (other._max_entries, other._cull_frequency) == (10, 2)
    assert list(caches_) == ["default", "other"]
    assert caches_.all(initialized_only=True) == [other]


def test_same_location_shares_storage():
    first = LocMemCache("shared-location", {})
    second = LocMemCache("shared-location", {})
    first.set("a", 1)
    assert second.get("a") == 1
    first.clear()


def test_close_caches_on_request_finished():
    from django.core.signals import request_finished

    closed = []

    class Recording(LocMemCache):
        def close(self, **kwargs):
            closed.append(self)

    original = caches["default"]
    caches["default"] = Recording("rec", {})
    try:
        request_finished.send(sender=None)
    finally:
        caches["default"] = original
    assert closed


def test_bad_option_is_improperly_configured():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="MAX_ENTRIES"):
        LocMemCache("x", {"OPTIONS": {"MAX_ENTRIES": "many"}})


def test_default_key_layout_and_key_function_path():
    assert default_key_func("k", "pre", 2) == "pre:2:k"
    c = LocMemCache("kf", {"KEY_FUNCTION": "tests.core.cache.test_handler.reversed_key"})
    assert c.make_key("abc") == "cba"


def reversed_key(key, prefix, version):
    return key[::-1]


@pytest.mark.parametrize(
    "key",
    ["with space", "tab\there", "new\nline", "del\x7f", "x" * 251],
    ids=["space", "tab", "newline", "del", "too-long"],
)
def test_memcached_unsafe_keys_warn(key):
    c = LocMemCache("warn", {})
    with pytest.warns(CacheKeyWarning):
        c.set(key, 1)
    with pytest.warns(CacheKeyWarning):
        assert c.get(key) == 1


def test_safe_keys_do_not_warn():
    c = LocMemCache("nowarn", {"KEY_PREFIX": "p"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.set("x" * 240, 1)
        c.set("ünïcode", 1)


def test_validate_key_can_be_silenced_by_a_subclass():
    class Quiet(LocMemCache):
        def validate_key(self, key):
            pass

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Quiet("quiet", {}).set("a key with spaces", 1)


def test_base_cache_primitives_are_abstract():
    base = BaseCache({})
    for call in (
        lambda: base.get("a"),
        lambda: base.set("a", 1),
        lambda: base.add("a", 1),
        lambda: base.delete("a"),
        lambda: base.touch("a"),
        lambda: base.clear(),
    ):
        with pytest.raises(NotImplementedError):
            call()


def test_dummy_cache_stores_nothing_but_answers():
    c = DummyCache("", {})
    assert c.add("a", 1) is True
    c.set("a", 1)
    assert c.get("a") is None and c.get("a", "d") == "d"
    assert c.get_many(["a"]) == {}
    assert c.set_many({"a": 1}) == []
    assert not c.has_key("a")
    assert c.touch("a") is False
    assert c.delete("a") is False
    assert c.get_or_set("a", 5) == 5
    with pytest.raises(ValueError):
        c.incr("a")
    with pytest.raises(ValueError):
        c.incr_version("a")
    c.delete_many(["a"])
    c.clear()
    with pytest.warns(CacheKeyWarning):
        c.get("bad key")


def test_template_fragment_key():
    key = make_template_fragment_key("frag", ["a", 1])
    assert key.startswith("template.cache.frag.")
    assert key == make_template_fragment_key("frag", ("a", "1"))
    assert key != make_template_fragment_key("frag", ["a1"])
    assert make_template_fragment_key("frag") == make_template_fragment_key("frag", [])


def test_fragment_key_matches_the_cache_tag():
    from django.templatetags.cache import make_template_fragment_key as tag_key

    assert tag_key("f", ["x", 2]) == make_template_fragment_key("f", ["x", 2])


def test_import_has_no_side_effects():
    import subprocess
    import sys

    code = (
        "import sys; import django.core.cache, django.core.mail; "
        "assert 'django.db' not in sys.modules, 'db'; "
        "from django.conf import settings; assert not settings.configured"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PATH": ""})
