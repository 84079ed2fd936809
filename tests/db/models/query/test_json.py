"""JSONField key transforms and JSON lookups on each database."""

from __future__ import annotations

import pytest

from django.db import NotSupportedError
from django.db.models.fields.json import KT, KeyTextTransform, KeyTransform, compile_json_path

from .qapp.models import Doc


@pytest.fixture
def docs(qdb):
    if not qdb.features.supports_json_field:
        pytest.skip("no JSON support")
    Doc.objects.create(data={"name": "ann", "tags": ["x", "y"], "owner": {"age": 40, "city": "Oslo"}})
    Doc.objects.create(data={"name": "bob", "owner": {"age": 25}, "n": None})
    Doc.objects.create(data={"other": 1})
    return qdb


def names(qs):
    return sorted(d.data.get("name", "-") for d in qs)


def test_compile_json_path():
    assert compile_json_path(["a", "0", "b c"]) == '$."a"[0]."b c"'


def test_has_key_has_keys_has_any_keys(docs):
    assert names(Doc.objects.filter(data__has_key="owner")) == ["ann", "bob"]
    assert names(Doc.objects.filter(data__has_keys=["name", "tags"])) == ["ann"]
    assert names(Doc.objects.filter(data__has_any_keys=["tags", "other"])) == ["-", "ann"]
    assert names(Doc.objects.filter(data__has_key="n")) == ["bob"]


def test_key_transform_annotations(docs):
    rows = dict(
        Doc.objects.filter(data__has_key="name")
        .annotate(n=KT("data__name"), age=KeyTransform("age", KeyTransform("owner", "data")))
        .values_list("n", "age")
    )
    assert rows == {"ann": 40, "bob": 25}
    first_tag = Doc.objects.annotate(t=KeyTextTransform("0", KeyTransform("tags", "data"))).filter(
        data__has_key="tags"
    )
    assert [d.t for d in first_tag] == ["x"]


def test_key_text_transform_filters_as_text(docs):
    assert names(Doc.objects.annotate(city=KT("data__owner__city")).filter(city="Oslo")) == ["ann"]
    assert names(Doc.objects.annotate(n=KT("data__name")).filter(n__startswith="b")) == ["bob"]


def test_contains_where_supported(docs):
    if not docs.features.supports_json_field_contains:
        with pytest.raises(
            NotSupportedError, match="contains lookup is not supported on this database backend."
        ):
            list(Doc.objects.filter(data__contains={"name": "ann"}))
        return
    assert names(Doc.objects.filter(data__contains={"name": "ann"})) == ["ann"]
    assert names(Doc.objects.filter(data__contained_by={"other": 1, "x": 2})) == ["-"]


def test_kt_needs_a_key():
    with pytest.raises(ValueError, match="KT\\(\\) needs a field name followed by at least one key."):
        KT("data")


def test_key_transform_exact_compares_json_values(docs):
    by_name = Doc.objects.annotate(v=KeyTransform("name", "data")).filter(v="ann")
    assert names(by_name) == ["ann"]
    by_number = Doc.objects.annotate(v=KeyTransform("age", KeyTransform("owner", "data"))).filter(v=25)
    assert names(by_number) == ["bob"]
    missing = Doc.objects.annotate(v=KeyTransform("owner", "data")).filter(v__isnull=True)
    assert names(missing) == ["-"]


def test_json_object_and_json_array(docs):
    from django.db.models import Value
    from django.db.models.functions import JSONArray, JSONObject

    row = (
        Doc.objects.filter(data__has_key="tags")
        .annotate(
            obj=JSONObject(name=KT("data__name"), one=Value(1)), arr=JSONArray(Value("a"), KT("data__name"))
        )
        .values("obj", "arr")
        .get()
    )
    assert row == {"obj": {"name": "ann", "one": 1}, "arr": ["a", "ann"]}


def test_count_refuses_default():
    from django.db.models import Count

    with pytest.raises(TypeError, match="Count does not allow default."):
        Count("id", default=0)
