"""django.utils.datastructures: MultiValueDict, OrderedSet, ImmutableList, DictWrapper, CaseInsensitiveMapping."""

import copy
import pickle

import pytest

from django.utils.datastructures import (
    CaseInsensitiveMapping,
    DictWrapper,
    ImmutableList,
    MultiValueDict,
    MultiValueDictKeyError,
    OrderedSet,
)


class TestMultiValueDict:
    def make(self):
        return MultiValueDict({"name": ["Adrian", "Simon"], "position": ["Developer"], "empty": []})

    def test_item_is_last_value_getlist_is_all(self):
        d = self.make()
        assert d["name"] == "Simon"
        assert d.getlist("name") == ["Adrian", "Simon"]
        assert d.get("name") == "Simon"

    def test_missing_key_raises_its_own_keyerror(self):
        d = self.make()
        with pytest.raises(MultiValueDictKeyError) as info:
            d["nope"]
        assert isinstance(info.value, KeyError)
        assert d.get("nope") is None and d.get("nope", "x") == "x"

    def test_empty_list_value(self):
        d = self.make()
        assert d["empty"] == []
        assert d.get("empty", "default") == "default"

    def test_getlist_default_and_copy(self):
        d = self.make()
        assert d.getlist("nope") == []
        assert d.getlist("nope", ["z"]) == ["z"]
        values = d.getlist("name")
        values.append("X")
        assert d.getlist("name") == ["Adrian", "Simon"]

    def test_setitem_replaces_list(self):
        d = self.make()
        d["name"] = "Jacob"
        assert d.getlist("name") == ["Jacob"]

    def test_appendlist_setlist_setdefault(self):
        d = MultiValueDict()
        d.appendlist("a", 1)
        d.appendlist("a", 2)
        assert d.getlist("a") == [1, 2]
        d.setlist("b", [3, 4])
        assert d["b"] == 4
        assert d.setdefault("c", 5) == 5 and d.getlist("c") == [5]
        assert d.setlistdefault("d", [6]) == [6]

    def test_items_values_lists_dict(self):
        d = MultiValueDict({"a": [1, 2], "b": [3]})
        assert list(d.items()) == [("a", 2), ("b", 3)]
        assert list(d.values()) == [2, 3]
        assert list(d.lists()) == [("a", [1, 2]), ("b", [3])]
        assert d.dict() == {"a": 2, "b": 3}

    def test_update_extends(self):
        d = MultiValueDict({"a": [1]})
        d.update({"a": 2})
        d.update([("a", 3)], b=4)
        d.update(MultiValueDict({"a": [5, 6]}))
        assert d.getlist("a") == [1, 2, 3, 5, 6]
        assert d.getlist("b") == [4]
        with pytest.raises(TypeError):
            d.update({}, {})

    def test_copy_is_shallow_for_values_but_copies_lists(self):
        inner = ["x"]
        d = MultiValueDict({"a": [inner]})
        shallow = d.copy()
        shallow.appendlist("a", "y")
        assert d.getlist("a") == [inner]
        assert shallow.getlist("a")[0] is inner
        deep = copy.deepcopy(d)
        assert deep.getlist("a")[0] is not inner

    def test_pickle_round_trip(self):
        d = self.make()
        restored = pickle.loads(pickle.dumps(d))
        assert restored.getlist("name") == ["Adrian", "Simon"]

    def test_repr(self):
        assert repr(MultiValueDict({"a": [1]})) == "<MultiValueDict: {'a': [1]}>"


class TestOrderedSet:
    def test_keeps_insertion_order_and_set_operations(self):
        s = OrderedSet([3, 1, 3, 2])
        assert list(s) == [3, 1, 2]
        s.add(0)
        s.discard(99)
        s.remove(1)
        assert list(s) == [3, 2, 0]
        assert list(reversed(s)) == [0, 2, 3]
        assert 2 in s and len(s) == 3 and bool(s)
        assert not OrderedSet()
        with pytest.raises(KeyError):
            s.remove(42)

    def test_repr(self):
        assert repr(OrderedSet()) == "OrderedSet()"
        assert repr(OrderedSet([1, 2])) == "OrderedSet([1, 2])"


def test_immutable_list_refuses_mutation_with_custom_message():
    items = ImmutableList([1, 2], warning="Read only!")
    assert items[0] == 1 and len(items) == 2
    for action in (lambda: items.append(3), lambda: items.sort(), lambda: items.__setitem__(0, 5)):
        with pytest.raises(AttributeError, match="Read only!"):
            action()


def test_dict_wrapper_applies_function_to_prefixed_keys():
    wrapper = DictWrapper({"a": 1, "b": 2}, lambda v: v * 10, "q_")
    assert wrapper["a"] == 1
    assert wrapper["q_b"] == 20


class TestCaseInsensitiveMapping:
    def test_lookup_ignores_case_and_keeps_original_keys(self):
        m = CaseInsensitiveMapping({"Accept": "application/json", "content-type": "text/html"})
        assert m["accept"] == "application/json"
        assert m["CONTENT-TYPE"] == "text/html"
        assert list(m) == ["Accept", "content-type"]
        assert len(m) == 2
        assert "ACCEPT" in m

    def test_equality_with_other_mappings(self):
        m = CaseInsensitiveMapping({"Accept": "x"})
        assert m == {"accept": "x"}
        assert m != {"accept": "y"}
        assert m != "not a mapping"

    def test_read_only(self):
        m = CaseInsensitiveMapping({"a": 1})
        with pytest.raises(TypeError):
            m["b"] = 2

    def test_bad_iterables_are_refused(self):
        with pytest.raises(ValueError, match="length"):
            CaseInsensitiveMapping([("a", 1, 2)])
        with pytest.raises(ValueError, match="only strings"):
            CaseInsensitiveMapping([(1, 2)])

    def test_repr_shows_original_keys(self):
        assert repr(CaseInsensitiveMapping({"Accept": 1})) == "{'Accept': 1}"
