"""Choices, IntegerChoices and TextChoices."""

import enum

import pytest

from django.db import models
from django.utils.translation import gettext_lazy as _


class Suit(models.IntegerChoices):
    DIAMOND = 1, _("Diamond")
    SPADE = 2, _("Spade")
    HEART = 3
    CLUB = 4, "Club"


class Vehicle(models.TextChoices):
    CAR = "C", "Carriage"
    TRUCK = "T"
    JET_SKI = "J", "Jet ski"

    __empty__ = _("(Unknown)")


class Color(models.TextChoices):
    RED = enum.auto()
    DARK_BLUE = enum.auto()


def test_integer_choices_values_labels_and_choices():
    assert Suit.DIAMOND == 1
    assert Suit.DIAMOND.label == "Diamond"
    assert Suit.HEART.label == "Heart"
    assert Suit.values == [1, 2, 3, 4]
    assert Suit.labels == ["Diamond", "Spade", "Heart", "Club"]
    assert Suit.choices == [(1, "Diamond"), (2, "Spade"), (3, "Heart"), (4, "Club")]
    assert Suit.names == ["DIAMOND", "SPADE", "HEART", "CLUB"]


def test_empty_member_is_prepended_to_choices():
    assert Vehicle.choices[0] == (None, "(Unknown)")
    assert Vehicle.values[0] is None
    assert Vehicle.names[0] == "__empty__"
    assert Vehicle.TRUCK.label == "Truck"


def test_text_choices_auto_uses_member_name_and_title_label():
    assert Color.RED == "RED"
    assert Color.DARK_BLUE.label == "Dark Blue"


def test_str_is_value_and_repr_is_qualified_name():
    assert str(Suit.DIAMOND) == "1"
    assert f"{Vehicle.CAR}" == "C"
    assert repr(Vehicle.CAR) == "Vehicle.CAR"


def test_contains_accepts_values_and_members():
    assert 1 in Suit
    assert Suit.SPADE in Suit
    assert 9 not in Suit
    assert "C" in Vehicle


def test_do_not_call_in_templates_is_set():
    assert Suit.do_not_call_in_templates
    assert Suit.DIAMOND.do_not_call_in_templates


def test_duplicate_values_are_refused():
    with pytest.raises(ValueError):

        class Dup(models.IntegerChoices):
            A = 1
            B = 1


def test_enum_passed_as_field_choices():
    field = models.CharField(max_length=1, choices=Vehicle)
    assert field.choices[1] == ("C", "Carriage")
