"""serializers.serialize/deserialize in json, jsonl, xml and python, with FKs, M2M and natural keys."""

import datetime
import decimal
import json

import pytest

from django.core import serializers
from django.core.serializers.base import DeserializationError, SerializerDoesNotExist
from django.db import connection
from tests.test_client.testapp.models import Author, Book, Tag
from tests.test_client.testapp.tables import created_tables


@pytest.fixture
def data():
    with created_tables(connection):
        ann = Author.objects.create(name="Ann")
        red = Tag.objects.create(label="red")
        blue = Tag.objects.create(label="blue")
        book = Book.objects.create(
            title="Dune", author=ann, published=datetime.date(1965, 8, 1), price=decimal.Decimal("9.50")
        )
        book.tags.set([red, blue])
        Book.objects.create(title="Empty")
        yield {"ann": ann, "book": book, "red": red, "blue": blue}


def test_json_shape(data):
    text = serializers.serialize("json", Book.objects.filter(title="Dune"))
    [obj] = json.loads(text)
    assert obj["model"] == "testapp.book"
    assert obj["pk"] == data["book"].pk
    assert obj["fields"] == {
        "title": "Dune",
        "author": data["ann"].pk,
        "published": "1965-08-01",
        "price": "9.50",
        # M2M values follow the related model's ordering (Tag is ordered by label).
        "tags": [data["blue"].pk, data["red"].pk],
    }


def test_json_indent_and_fields_selection(data):
    text = serializers.serialize("json", Author.objects.all(), indent=2, fields=["name"])
    assert text.startswith("[\n")
    assert json.loads(text)[0]["fields"] == {"name": "Ann"}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "xml", "python", "yaml"])
def test_round_trip(data, fmt):
    if fmt == "yaml":
        pytest.importorskip("yaml", reason="the yaml format needs PyYAML")
    dumped = serializers.serialize(
        fmt, list(Author.objects.all()) + list(Tag.objects.all()) + list(Book.objects.all())
    )
    Book.objects.all().delete()
    Tag.objects.all().delete()
    Author.objects.all().delete()
    objects = list(serializers.deserialize(fmt, dumped))
    assert len(objects) == 5
    for obj in objects:
        obj.save()
    book = Book.objects.get(title="Dune")
    assert book.author.name == "Ann"
    assert book.published == datetime.date(1965, 8, 1)
    assert book.price == decimal.Decimal("9.50")
    assert sorted(t.label for t in book.tags.all()) == ["blue", "red"]
    assert Book.objects.get(title="Empty").author is None


def test_natural_foreign_keys(data):
    text = serializers.serialize("json", Book.objects.filter(title="Dune"), use_natural_foreign_keys=True)
    assert json.loads(text)[0]["fields"]["author"] == ["Ann"]
    Book.objects.all().delete()
    [obj] = serializers.deserialize("json", text)
    obj.save()
    assert Book.objects.get().author == data["ann"]


def test_natural_primary_keys_omit_pk(data):
    text = serializers.serialize("json", Author.objects.all(), use_natural_primary_keys=True)
    assert "pk" not in json.loads(text)[0]
    [obj] = serializers.deserialize("json", text)
    assert obj.object.pk == data["ann"].pk  # found through get_by_natural_key


def test_bad_json_is_a_deserialization_error():
    with pytest.raises(DeserializationError):
        list(serializers.deserialize("json", "[{not json"))


def test_unknown_model_and_field():
    with pytest.raises(DeserializationError, match="Invalid model identifier: 'testapp.nope'"):
        list(serializers.deserialize("json", '[{"model": "testapp.nope", "pk": 1, "fields": {}}]'))
    bad_field = '[{"model": "testapp.author", "pk": 1, "fields": {"shoe_size": 3}}]'
    with pytest.raises(DeserializationError, match="shoe_size"):
        list(serializers.deserialize("json", bad_field))
    [obj] = serializers.deserialize("json", bad_field, ignorenonexistent=True)
    assert obj.object.pk == 1


def test_invalid_field_value_names_model_and_pk():
    text = '[{"model": "testapp.book", "pk": 7, "fields": {"published": "not-a-date", "title": "x"}}]'
    with pytest.raises(DeserializationError, match=r"\(testapp.book:pk=7\) field_value was 'not-a-date'"):
        list(serializers.deserialize("json", text))


def test_xml_refuses_dtd():
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><django-objects version="1.0"></django-objects>'
    with pytest.raises(DeserializationError, match="DTD"):
        list(serializers.deserialize("xml", evil))


def test_formats_registry():
    assert {"json", "jsonl", "xml", "python"} <= set(serializers.get_serializer_formats())
    assert "python" not in serializers.get_public_serializer_formats()
    with pytest.raises(SerializerDoesNotExist):
        serializers.get_serializer("nope")


def test_deserialized_object_repr(data):
    [obj] = serializers.deserialize("json", serializers.serialize("json", Author.objects.all()))
    assert repr(obj) == f"<DeserializedObject: testapp.Author(pk={data['ann'].pk})>"


def test_django_json_encoder_types():
    from django.core.serializers.json import DjangoJSONEncoder

    encoded = json.dumps(
        {
            "dt": datetime.datetime(2020, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC),
            "d": datetime.date(2020, 1, 2),
            "t": datetime.time(3, 4, 5, 678901),
            "td": datetime.timedelta(days=1, seconds=2),
            "dec": decimal.Decimal("1.10"),
        },
        cls=DjangoJSONEncoder,
    )
    assert json.loads(encoded) == {
        "dt": "2020-01-02T03:04:05.678Z",
        "d": "2020-01-02",
        "t": "03:04:05.678",
        "td": "P1DT00H00M02S",
        "dec": "1.10",
    }
    with pytest.raises(ValueError, match="JSON can't represent timezone-aware times."):
        json.dumps(datetime.time(1, tzinfo=datetime.UTC), cls=DjangoJSONEncoder)


def test_yaml_without_pyyaml_or_with_it():
    text_or_error = None
    try:
        import yaml  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            serializers.serialize("yaml", [])
        return
    text_or_error = serializers.serialize("yaml", [])
    assert text_or_error.strip() == "[]"
