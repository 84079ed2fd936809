"""Database functions evaluated by each real database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from django.db.models import CharField, DateField, DecimalField, FloatField, IntegerField, TextField, Value
from django.db.models.functions import (
    Abs,
    Cast,
    Ceil,
    Coalesce,
    Concat,
    ExtractMonth,
    ExtractYear,
    Floor,
    Greatest,
    Least,
    Left,
    Length,
    Lower,
    LPad,
    LTrim,
    Mod,
    NullIf,
    Power,
    Replace,
    Right,
    Round,
    RTrim,
    StrIndex,
    Substr,
    Trim,
    Trunc,
    TruncDate,
    TruncMonth,
    Upper,
)

from .qapp.models import Author, Book, Entry


@pytest.fixture
def ann(qdb):
    return Author.objects.create(name="  Ann Lee ", age=41, rating=2.5)


def one(qs, **annotations):
    return qs.annotate(**annotations).values(*annotations).get()


def test_text_functions(ann):
    result = one(
        Author.objects,
        lower=Lower("name"),
        upper=Upper("name"),
        length=Length("name"),
        trim=Trim("name"),
        ltrim=LTrim("name"),
        rtrim=RTrim("name"),
        left=Left(Trim("name"), 3),
        right=Right(Trim("name"), 3),
        sub=Substr(Trim("name"), 2, 2),
        replaced=Replace(Trim("name"), Value("Lee"), Value("Li")),
        index=StrIndex(Trim("name"), Value("Lee")),
        padded=LPad(Value("7"), 3, Value("0")),
        joined=Concat(Trim("name"), Value("/"), "age", output_field=TextField()),
    )
    assert result == {
        "lower": "  ann lee ",
        "upper": "  ANN LEE ",
        "length": 10,
        "trim": "Ann Lee",
        "ltrim": "Ann Lee ",
        "rtrim": "  Ann Lee",
        "left": "Ann",
        "right": "Lee",
        "sub": "nn",
        "replaced": "Ann Li",
        "index": 5,
        "padded": "007",
        "joined": "Ann Lee/41",
    }


def test_concat_treats_null_as_empty(qdb):
    Author.objects.create(name="Bo", rating=None)
    value = (
        Author.objects.annotate(
            c=Concat("name", Cast("rating", CharField(max_length=20)), output_field=CharField())
        )
        .values_list("c", flat=True)
        .get()
    )
    assert value == "Bo"


def test_comparison_functions(ann):
    result = one(
        Author.objects,
        coalesce=Coalesce(NullIf("age", Value(41)), Value(0)),
        greatest=Greatest("age", Value(50)),
        least=Least("age", Value(50)),
        as_text=Cast("age", CharField(max_length=10)),
        as_float=Cast("age", FloatField()),
    )
    assert result == {"coalesce": 0, "greatest": 50, "least": 41, "as_text": "41", "as_float": 41.0}


def test_math_functions(ann):
    result = one(
        Author.objects,
        abs=Abs(Value(-3)),
        ceil=Ceil("rating"),
        floor=Floor("rating"),
        mod=Mod("age", Value(5)),
        power=Power("age", Value(2)),
        rounded=Round(Value(Decimal("2.567"), output_field=DecimalField(max_digits=5, decimal_places=3)), 2),
    )
    assert result["abs"] == 3
    assert result["ceil"] == 3 and result["floor"] == 2
    assert float(result["mod"]) == 1.0
    assert float(result["power"]) == 1681.0
    assert Decimal(result["rounded"]).quantize(Decimal("0.01")) == Decimal("2.57")


def test_date_functions(qdb):
    Book.objects.create(title="x", pubdate=datetime.date(2021, 7, 19))
    result = one(
        Book.objects,
        year=ExtractYear("pubdate"),
        month=ExtractMonth("pubdate"),
        month_start=TruncMonth("pubdate"),
        week_start=Trunc("pubdate", "week", output_field=DateField()),
    )
    assert result == {
        "year": 2021,
        "month": 7,
        "month_start": datetime.date(2021, 7, 1),
        "week_start": datetime.date(2021, 7, 19),
    }


def test_datetime_trunc_and_dates(qdb):
    utc = datetime.UTC
    Entry.objects.create(headline="a", published=datetime.datetime(2022, 5, 3, 10, 30, tzinfo=utc))
    Entry.objects.create(headline="b", published=datetime.datetime(2022, 5, 20, 23, 5, tzinfo=utc))
    Entry.objects.create(headline="c", published=datetime.datetime(2022, 6, 1, 8, 0, tzinfo=utc))
    months = list(Entry.objects.datetimes("published", "month"))
    assert months == [datetime.datetime(2022, 5, 1, tzinfo=utc), datetime.datetime(2022, 6, 1, tzinfo=utc)]
    assert list(Entry.objects.dates("published", "month", order="DESC")) == [
        datetime.date(2022, 6, 1),
        datetime.date(2022, 5, 1),
    ]
    dates = sorted(Entry.objects.annotate(d=TruncDate("published")).values_list("d", flat=True))
    assert dates == [datetime.date(2022, 5, 3), datetime.date(2022, 5, 20), datetime.date(2022, 6, 1)]
    with pytest.raises(ValueError, match="'kind' must be one of"):
        Entry.objects.dates("published", "hour")


def test_extract_validation_errors(qdb):
    with pytest.raises(ValueError, match="Cannot truncate DateField 'pubdate' to DateTimeField."):
        list(Book.objects.annotate(h=Trunc("pubdate", "hour")))
    with pytest.raises(
        ValueError, match="output_field must be either DateField, TimeField, or DateTimeField"
    ):
        list(Book.objects.annotate(h=Trunc("pubdate", "day", output_field=IntegerField())))
    from django.db.models.functions import ExtractHour

    with pytest.raises(ValueError, match="Cannot extract time component 'hour' from DateField 'pubdate'."):
        list(Book.objects.annotate(h=ExtractHour("pubdate")))


def test_arguments_are_validated():
    with pytest.raises(ValueError, match="Coalesce must take at least two expressions"):
        Coalesce("a")
    with pytest.raises(ValueError, match="'length' must be greater than 0."):
        Left("name", 0)
    with pytest.raises(ValueError, match="'pos' must be greater than 0"):
        Substr("name", 0)
    with pytest.raises(TypeError, match="'Upper' takes exactly 1 argument \\(2 given\\)"):
        Upper("a", "b")


def test_functions_registered_as_transforms(ann):
    """Functions become lookups once registered on a field class (as the docs show)."""
    CharField.register_lookup(Lower)
    CharField.register_lookup(Length)
    try:
        assert Author.objects.filter(name__lower__contains="ann").count() == 1
        assert Author.objects.filter(name__length=10).count() == 1
        assert Author.objects.filter(name__length__gt=10).count() == 0
    finally:
        CharField._unregister_lookup(Lower)
        CharField._unregister_lookup(Length)
