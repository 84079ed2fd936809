"""A custom field written against the documented Field API, on each database.

The field stores a colour as ``#rrggbb`` text and hands out ``Colour`` tuples: db_type,
rel_db_type, from_db_value, to_python, get_prep_value, get_db_prep_value, get_db_prep_save,
value_to_string, deconstruct, contribute_to_class and formfield all take part.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from django import forms
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connections, models


class Colour(NamedTuple):
    red: int
    green: int
    blue: int

    @property
    def hex(self) -> str:
        return "#%02x%02x%02x" % self


def parse_colour(text: str) -> Colour:
    if not (isinstance(text, str) and len(text) == 7 and text[0] == "#"):
        raise ValidationError("“%(value)s” is not a #rrggbb colour.", code="invalid", params={"value": text})
    try:
        return Colour(int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))
    except ValueError:
        raise ValidationError("“%(value)s” is not a #rrggbb colour.", code="invalid", params={"value": text})


PREP_CALLS: list[tuple[str, bool]] = []


class ColourField(models.Field):
    description = "A colour as #rrggbb"

    def __init__(self, *args, uppercase: bool = False, **kwargs):
        self.uppercase = uppercase
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 7:
            del kwargs["max_length"]
        if self.uppercase:
            kwargs["uppercase"] = True
        return name, path, args, kwargs

    def db_type(self, connection):
        return "char(7)"

    def from_db_value(self, value, expression, connection):
        return None if value is None else parse_colour(value.lower())

    def to_python(self, value):
        if value is None or isinstance(value, Colour):
            return value
        return parse_colour(value)

    def get_prep_value(self, value):
        value = self.to_python(value)
        return None if value is None else value.hex

    def get_db_prep_value(self, value, connection, prepared=False):
        PREP_CALLS.append((connection.alias, prepared))
        return super().get_db_prep_value(value, connection, prepared)

    def get_db_prep_save(self, value, connection):
        stored = super().get_db_prep_save(value, connection)
        return stored.upper() if stored and self.uppercase else stored

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else value.hex

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # A helper method per field, as custom fields commonly add.
        setattr(cls, f"get_{name}_css", lambda instance: f"color: {getattr(instance, name).hex}")

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.CharField, "max_length": 7, **kwargs})


class PaletteCode(models.CharField):
    """A key whose foreign keys store a wider column than the key itself."""

    def rel_db_type(self, connection):
        return "varchar(40)"


class Palette(models.Model):
    code = PaletteCode(max_length=10, primary_key=True)

    class Meta:
        app_label = "custom_fields"
        db_table = "custom_palette"


class Swatch(models.Model):
    name = models.CharField(max_length=20)
    colour = ColourField()
    accent = ColourField(uppercase=True, null=True)
    palette = models.ForeignKey(Palette, models.CASCADE, null=True)

    class Meta:
        app_label = "custom_fields"
        db_table = "custom_swatch"


@pytest.fixture
def swatches(connection, create_tables):
    create_tables(Palette, Swatch)
    qs = Swatch.objects.using(connection.alias)
    qs.create(name="sky", colour=Colour(0x87, 0xCE, 0xEB), accent="#ff8800")
    qs.create(name="coal", colour="#101010")
    return qs


def test_values_come_back_as_python_objects(swatches):
    sky = swatches.get(name="sky")
    assert sky.colour == Colour(0x87, 0xCE, 0xEB)
    assert sky.accent == Colour(0xFF, 0x88, 0x00)
    assert swatches.get(name="coal").accent is None
    assert list(swatches.order_by("name").values_list("colour", flat=True)) == [
        Colour(16, 16, 16),
        Colour(0x87, 0xCE, 0xEB),
    ]


def test_lookups_prepare_the_python_value(connection, swatches):
    PREP_CALLS.clear()
    assert swatches.get(colour=Colour(16, 16, 16)).name == "coal"
    assert swatches.get(colour="#87ceeb").name == "sky"
    assert [s.name for s in swatches.filter(colour__in=["#101010", Colour(1, 2, 3)])] == ["coal"]
    # Lookups prepare the value first (get_prep_value), then ask for the database form of it.
    assert PREP_CALLS and set(PREP_CALLS) == {(connection.alias, True)}
    PREP_CALLS.clear()
    swatches.create(name="new", colour="#000000")
    assert (connection.alias, False) in PREP_CALLS  # saving goes through get_db_prep_save


def test_get_db_prep_save_decides_what_is_stored(connection, swatches):
    table = connections[connection.alias].ops.quote_name(Swatch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT accent FROM {table} WHERE accent IS NOT NULL")
        assert [tuple(row) for row in cursor.fetchall()] == [("#FF8800",)]
    # Updates go through the same path.
    swatches.filter(name="coal").update(accent=Colour(0xAB, 0xCD, 0xEF))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT accent FROM {table} ORDER BY accent")
        assert [row[0] for row in cursor.fetchall()] == ["#ABCDEF", "#FF8800"]
    assert swatches.get(name="coal").accent == Colour(0xAB, 0xCD, 0xEF)


def test_bad_values_raise_validation_errors_naming_the_value(swatches):
    with pytest.raises(ValidationError, match="“#zzzzzz” is not a #rrggbb colour."):
        swatches.filter(colour="#zzzzzz").count()
    swatch = Swatch(name="bad", colour="blue")
    with pytest.raises(ValidationError) as caught:
        swatch.full_clean()
    assert "colour" in caught.value.message_dict


def test_db_type_and_rel_db_type_shape_the_columns(connection, swatches):
    assert Swatch._meta.get_field("colour").db_type(connection) == "char(7)"
    assert Swatch._meta.get_field("palette").db_type(connection) == "varchar(40)"
    with connection.cursor() as cursor:
        description = {
            c.name: c for c in connection.introspection.get_table_description(cursor, Swatch._meta.db_table)
        }
    assert description["palette_id"].display_size == 40  # the key itself is varchar(10)
    palette = Palette.objects.using(connection.alias).create(code="p" * 10)
    swatches.filter(name="sky").update(palette=palette)
    assert swatches.get(palette__code="p" * 10).name == "sky"


def test_deconstruct_value_to_string_contribute_and_formfield():
    field = Swatch._meta.get_field("accent")
    name, path, args, kwargs = field.deconstruct()
    assert (name, args, kwargs) == ("accent", [], {"uppercase": True, "null": True})
    assert path.endswith("ColourField")
    clone = ColourField(*args, **kwargs)
    assert clone.uppercase and clone.null and clone.max_length == 7
    swatch = Swatch(name="x", colour=Colour(0, 0, 255))
    assert field.value_to_string(swatch) == ""
    assert Swatch._meta.get_field("colour").value_to_string(swatch) == "#0000ff"
    assert swatch.get_colour_css() == "color: #0000ff"
    form_field = Swatch._meta.get_field("colour").formfield()
    assert isinstance(form_field, forms.CharField) and form_field.max_length == 7 and form_field.required
    assert field.formfield().required  # null=True alone still needs a value in forms
    assert not ColourField(blank=True).formfield().required


def test_serializers_use_value_to_string():
    swatch = Swatch(pk=3, name="x", colour=Colour(1, 2, 3))
    data = serializers.serialize("python", [swatch])
    assert data[0]["fields"]["colour"] == "#010203"
