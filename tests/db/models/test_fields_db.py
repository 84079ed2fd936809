"""Every field type stores and loads its values unchanged on each database."""

import datetime
import decimal
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.db.models.app_models.models import Everything

VALUES = {
    "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "flag": True,
    "maybe": None,
    "small": -32768,
    "big": 9223372036854775807,
    "positive": 32767,
    "ratio": 0.25,
    "amount": decimal.Decimal("123456.78"),
    "day": datetime.date(2024, 2, 29),
    "moment": datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.UTC),
    "clock": datetime.time(13, 14, 15, 16),
    "span": datetime.timedelta(days=-1, seconds=5, microseconds=7),
    "blob": b"\x00\xffbytes",
    "email": "a@example.com",
    "url": "https://example.com/x?y=1",
    "ip": "2001:db8::1",
    "slug": "a-slug",
    "text": "multi\nline ‘quotes’ 'single' \"double\" % _ \\ emoji 🎉",
    "data": {"a": [1, 2.5, None, True], "b": {"c": "d"}},
}


def test_round_trip_of_every_field_type(using):
    obj = Everything.objects.using(using).create(**VALUES)
    loaded = Everything.objects.using(using).get(pk=obj.pk)
    for name, expected in VALUES.items():
        value = getattr(loaded, name)
        if name == "blob":
            value = bytes(value)
        assert value == expected, name
    assert loaded.stamped is not None


def test_json_scalars_and_null(using):
    for value in ("text", 5, [1, "2"], True):
        obj = Everything.objects.using(using).create(data=value)
        assert Everything.objects.using(using).get(pk=obj.pk).data == value
    obj = Everything.objects.using(using).create(data=None)
    assert Everything.objects.using(using).get(pk=obj.pk).data is None


@pytest.mark.parametrize("text", ["", "x" * 5000, "NUL-free ' OR 1=1 --", "%s %(x)s {0}"])
def test_text_values_are_bound_parameters(using, text):
    obj = Everything.objects.using(using).create(text=text)
    assert Everything.objects.using(using).get(pk=obj.pk).text == text
    assert Everything.objects.using(using).filter(text=text).count() == 1


def test_uuid_default_is_unique_per_instance():
    assert Everything().uid != Everything().uid


def test_values_are_converted_on_save(using):
    obj = Everything.objects.using(using).create(amount="1.50", day="2020-01-02", small="7")
    loaded = Everything.objects.using(using).get(pk=obj.pk)
    assert loaded.amount == decimal.Decimal("1.50")
    assert loaded.day == datetime.date(2020, 1, 2)
    assert loaded.small == 7


def test_bad_values_raise_errors_naming_the_field(using):
    with pytest.raises(ValueError, match="Field 'small' expected a number but got 'lots'"):
        Everything.objects.using(using).create(small="lots")


@pytest.fixture
def documents(using):
    rows = [
        {"name": "a", "size": 3, "tags": ["x", "y"], "owner": {"id": 1, "role": "admin"}},
        {"name": "b", "size": 10, "tags": ["y"], "owner": {"id": 2, "role": "user"}},
        {"name": "c", "extra": None},
    ]
    return [Everything.objects.using(using).create(data=row) for row in rows]


def names(qs):
    return sorted(obj.data["name"] for obj in qs)


def test_json_key_index_and_path_transforms(using, documents):
    qs = Everything.objects.using(using)
    assert names(qs.filter(data__name="a")) == ["a"]
    assert names(qs.filter(data__owner__role="user")) == ["b"]
    assert names(qs.filter(data__tags__0="x")) == ["a"]
    assert names(qs.filter(data__size=10)) == ["b"]
    assert names(qs.filter(data__size__gt=5)) == ["b"]
    assert names(qs.filter(data__size__lte=3)) == ["a"]
    assert names(qs.filter(data__name__istartswith="A")) == ["a"]
    assert names(qs.filter(data__owner__role__icontains="DM")) == ["a"]


def test_json_has_key_lookups(using, documents):
    qs = Everything.objects.using(using)
    assert names(qs.filter(data__has_key="owner")) == ["a", "b"]
    assert names(qs.filter(data__has_keys=["name", "tags"])) == ["a", "b"]
    assert names(qs.filter(data__has_any_keys=["extra", "size"])) == ["a", "b", "c"]
    assert names(qs.filter(data__owner__has_key="role")) == ["a", "b"]
    assert names(qs.filter(data__extra__isnull=False)) == ["c"]
    assert names(qs.filter(data__size__isnull=True)) == ["c"]


def test_json_key_equal_none_matches_json_null_not_missing_keys(using, documents):
    qs = Everything.objects.using(using)
    assert names(qs.filter(data__extra=None)) == ["c"]
    assert names(qs.filter(data__extra__isnull=True)) == ["a", "b"]


def test_json_index_then_key_and_text_lookups(using):
    qs = Everything.objects.using(using)
    qs.create(data=[{"key": "Xylo", "n": 1}, {"key": "b"}])
    qs.create(data=[{"key": "other"}])
    assert [o.data[0]["key"] for o in qs.filter(data__0__key="Xylo")] == ["Xylo"]
    assert [o.data[0]["key"] for o in qs.filter(data__0__key__icontains="yL")] == ["Xylo"]
    assert [o.data[0]["key"] for o in qs.filter(data__1__key="b")] == ["Xylo"]
    assert [o.data[0]["key"] for o in qs.filter(data__0__n=1)] == ["Xylo"]


def test_json_key_in_and_kt_annotation(using, documents):
    from django.db.models.fields.json import KT

    qs = Everything.objects.using(using)
    assert names(qs.filter(data__name__in=["a", "c", "zz"])) == ["a", "c"]
    assert names(qs.filter(data__size__in=[10])) == ["b"]
    roles = qs.annotate(role=KT("data__owner__role")).filter(role__startswith="ad")
    assert [o.role for o in roles] == ["admin"]
    assert sorted(qs.filter(data__has_key="owner").values_list(KT("data__owner__role"), flat=True)) == [
        "admin",
        "user",
    ]


def test_json_public_names_point_at_one_implementation():
    from django.db.models.fields import json as json_module
    from django.db.models.fields import json_lookups

    assert json_module.KT is json_lookups.KT
    assert json_module.KeyTransform is json_lookups.KeyTransform
    assert json_module.KeyTextTransform is json_lookups.KeyTextTransform
    transform = Everything._meta.get_field("data").get_transform("anykey")
    assert isinstance(transform("data"), json_lookups.KeyTransform)


def test_json_contains_where_supported(db, using, documents):
    from django.db import NotSupportedError

    qs = Everything.objects.using(using)
    if not db.features.supports_json_field_contains:
        with pytest.raises(
            NotSupportedError, match="contains lookup is not supported on this database backend."
        ):
            list(qs.filter(data__contains={"name": "a"}))
        return
    assert names(qs.filter(data__contains={"owner": {"role": "admin"}})) == ["a"]
    assert names(qs.filter(data__contained_by={"name": "c", "extra": None, "more": 1})) == ["c"]


# No NUL (PostgreSQL refuses it in text) and no lone surrogates (not encodable).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
) | st.sampled_from(["%", "_", "\\", "'", '"', "%_\\'", "🎉", "x" * 300])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TEXT)
def test_arbitrary_text_round_trips_and_filters_exactly(using, value):
    qs = Everything.objects.using(using)
    obj = qs.create(text=value, slug="")
    try:
        assert qs.get(pk=obj.pk).text == value
        assert qs.filter(pk=obj.pk, text=value).count() == 1
        assert qs.filter(pk=obj.pk, text__contains=value).count() == 1
        assert qs.filter(pk=obj.pk, text__startswith=value).count() == 1
        assert qs.filter(pk=obj.pk, text__endswith=value).count() == 1
        if value:
            assert qs.filter(pk=obj.pk, text__contains=value + "\u2603").count() == 0
    finally:
        obj.delete()
