"""django.utils.timesince: elapsed-time descriptions."""

import datetime

import pytest

from django.utils.timesince import timesince, timeuntil

T = datetime.datetime(2007, 8, 14, 13, 46, 0)
NBSP = "\xa0"


@pytest.mark.parametrize(
    "delta,expected",
    [
        (datetime.timedelta(0), "0 minutes"),
        (datetime.timedelta(seconds=30), "0 minutes"),
        (datetime.timedelta(minutes=1), "1 minute"),
        (datetime.timedelta(hours=1), "1 hour"),
        (datetime.timedelta(days=1), "1 day"),
        (datetime.timedelta(weeks=1), "1 week"),
        (datetime.timedelta(days=31), "1 month"),
        (datetime.timedelta(days=366), "1 year"),
        (datetime.timedelta(days=2, hours=3, minutes=4), "2 days, 3 hours"),
        (datetime.timedelta(days=2, minutes=4), "2 days"),
        (datetime.timedelta(hours=2, minutes=5), "2 hours, 5 minutes"),
    ],
)
def test_units(delta, expected):
    assert timesince(T, T + delta) == expected.replace(" ", NBSP).replace("," + NBSP, ", ")


def test_negative_spans_are_zero():
    assert timesince(T + datetime.timedelta(days=1), T) == f"0{NBSP}minutes"


def test_depth():
    span = T + datetime.timedelta(days=400, hours=5)
    assert timesince(T, span, depth=1) == f"1{NBSP}year"
    assert timesince(T, span, depth=3) == f"1{NBSP}year, 1{NBSP}month"
    assert timesince(T, T + datetime.timedelta(days=8, hours=3, minutes=2), depth=3) == (
        f"1{NBSP}week, 1{NBSP}day, 3{NBSP}hours"
    )
    with pytest.raises(ValueError):
        timesince(T, span, depth=0)


def test_calendar_months_and_leap_years():
    assert (
        timesince(datetime.datetime(2020, 1, 31), datetime.datetime(2020, 2, 29))
        == f"4{NBSP}weeks, 1{NBSP}day"
    )
    assert timesince(datetime.datetime(2020, 1, 31), datetime.datetime(2020, 3, 1)) == f"1{NBSP}month"
    assert (
        timesince(datetime.datetime(2020, 2, 29), datetime.datetime(2021, 2, 28))
        == f"11{NBSP}months, 4{NBSP}weeks"
    )


def test_dates_and_aware_datetimes():
    assert timesince(datetime.date(2007, 8, 14), datetime.date(2007, 8, 15)) == f"1{NBSP}day"
    aware = datetime.datetime(2007, 8, 14, 13, 46, tzinfo=datetime.UTC)
    assert timesince(aware - datetime.timedelta(hours=1)) != ""
    assert timesince(aware, aware + datetime.timedelta(minutes=5)) == f"5{NBSP}minutes"


def test_reversed_and_timeuntil():
    later = T + datetime.timedelta(days=3)
    assert timesince(later, T, reversed=True) == f"3{NBSP}days"
    assert timeuntil(later, T) == f"3{NBSP}days"


def test_custom_time_strings():
    strings = {key: "%(num)d " + key.upper() for key in ("year", "month", "week", "day", "hour", "minute")}
    assert timesince(T, T + datetime.timedelta(days=1), time_strings=strings) == f"1{NBSP}DAY"
