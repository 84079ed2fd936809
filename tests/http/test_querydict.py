"""QueryDict: parsing, immutability, copies, multi-value API, urlencode, limits."""

from __future__ import annotations

import copy
import pickle

import pytest

from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.test import override_settings


def test_parses_repeated_and_blank_values():
    q = QueryDict("a=1&a=2&b=&c")
    assert q.getlist("a") == ["1", "2"]
    assert q["a"] == "2"
    assert q["b"] == "" and q["c"] == ""
    assert list(q.lists()) == [("a", ["1", "2"]), ("b", [""]), ("c", [""])]
    assert q.dict() == {"a": "2", "b": "", "c": ""}


def test_empty_and_none():
    assert QueryDict() == {} and QueryDict(None) == {} and QueryDict("") == {}


def test_immutable_by_default_every_mutator_refuses():
    q = QueryDict("a=1")
    for mutate in (
        lambda: q.__setitem__("a", "2"),
        lambda: q.__delitem__("a"),
        lambda: q.setlist("a", ["1"]),
        lambda: q.appendlist("a", "2"),
        lambda: q.setlistdefault("z"),
        lambda: q.pop("a"),
        lambda: q.popitem(),
        lambda: q.clear(),
        lambda: q.setdefault("z", "1"),
        lambda: q.update({"z": "1"}),
    ):
        with pytest.raises(AttributeError, match="This QueryDict instance is immutable"):
            mutate()


def test_copy_is_mutable_deep_copy():
    q = QueryDict("a=1&a=2")
    c = q.copy()
    c.appendlist("a", "3")
    assert q.getlist("a") == ["1", "2"] and c.getlist("a") == ["1", "2", "3"]
    assert copy.copy(q).getlist("a") == ["1", "2"]
    assert copy.deepcopy(q)._mutable


def test_mutable_api():
    q = QueryDict(mutable=True)
    q["a"] = "1"
    q.appendlist("a", "2")
    q.setlist("b", ["x", "y"])
    assert q.setdefault("c", "z") == "z"
    assert q.getlist("a") == ["1", "2"] and q.getlist("b") == ["x", "y"]
    assert q.pop("b") == ["x", "y"]
    q.update({"a": "3"})
    assert q.getlist("a") == ["1", "2", "3"]


def test_bytes_keys_and_values_are_decoded():
    q = QueryDict(mutable=True)
    q[b"k\xc3\xa9"] = b"v\xc3\xa9"
    assert q["ké"] == "vé"


def test_urlencode_and_safe():
    q = QueryDict(mutable=True)
    q.setlist("next", ["/a/b/", "c d"])
    assert q.urlencode() == "next=%2Fa%2Fb%2F&next=c+d"
    assert q.urlencode(safe="/") == "next=/a/b/&next=c%20d"


def test_fromkeys():
    q = QueryDict.fromkeys(["a", "a", "b"], value="v")
    assert q.getlist("a") == ["v", "v"] and q["b"] == "v"
    assert not q._mutable
    assert QueryDict.fromkeys(["x"], mutable=True)._mutable


def test_encoding_is_used_for_percent_escapes():
    assert QueryDict("a=%E9", encoding="latin-1")["a"] == "é"
    assert QueryDict(b"a=%C3%A9")["a"] == "é"


def test_invalid_utf8_percent_escape_is_replaced():
    assert QueryDict("a=%FF")["a"] == "\ufffd"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
def test_too_many_fields():
    assert QueryDict("a=1&b=2").getlist("a") == ["1"]
    with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
        QueryDict("a=1&b=2&c=3")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=None)
def test_field_limit_can_be_disabled():
    assert len(QueryDict("&".join(f"k{i}=v" for i in range(2000)))) == 2000


def test_pickle_round_trip_keeps_immutability():
    q = QueryDict("a=1&a=2")
    clone = pickle.loads(pickle.dumps(q))
    assert clone.getlist("a") == ["1", "2"]
    with pytest.raises(AttributeError):
        clone["a"] = "x"
