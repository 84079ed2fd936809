"""django.utils.dateformat: every format character of the date and time filters."""

import datetime
import zoneinfo

import pytest

from django.utils import dateformat, timezone
from django.utils.dateformat import DateFormat, TimeFormat, format, time_format

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MOMENT = datetime.datetime(2003, 10, 7, 11, 39, 5, 123456)


@pytest.mark.parametrize(
    "spec,expected",
    [
        ("a", "a.m."),
        ("A", "AM"),
        ("b", "oct"),
        ("c", "2003-10-07T11:39:05.123456"),
        ("d", "07"),
        ("D", "Tue"),
        ("E", "October"),
        ("f", "11:39"),
        ("F", "October"),
        ("g", "11"),
        ("G", "11"),
        ("h", "11"),
        ("H", "11"),
        ("i", "39"),
        ("j", "7"),
        ("l", "Tuesday"),
        ("L", "False"),
        ("m", "10"),
        ("M", "Oct"),
        ("n", "10"),
        ("N", "Oct."),
        ("o", "2003"),
        ("P", "11:39 a.m."),
        ("s", "05"),
        ("S", "th"),
        ("t", "31"),
        ("u", "123456"),
        ("w", "2"),
        ("W", "41"),
        ("y", "03"),
        ("Y", "2003"),
        ("z", "280"),
    ],
)
def test_each_character_on_a_naive_datetime(spec, expected):
    assert format(MOMENT, spec) == expected


def test_combined_formats_and_escapes():
    assert format(MOMENT, r"jS F Y H:i") == "7th October 2003 11:39"
    assert format(MOMENT, r"\T\o\d\a\y \i\s l") == "Today is Tuesday"
    assert format(MOMENT, "Y-m-d, 123 - ./") == "2003-10-07, 123 - ./"


@pytest.mark.parametrize(
    "day,suffix",
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (21, "st"),
        (22, "nd"),
        (23, "rd"),
        (31, "st"),
    ],
)
def test_ordinal_suffix(day, suffix):
    assert format(datetime.date(2000, 1, day), "S") == suffix


@pytest.mark.parametrize(
    "hour,minute,expected",
    [(0, 0, "midnight"), (12, 0, "noon"), (13, 0, "1 p.m."), (1, 30, "1:30 a.m."), (23, 59, "11:59 p.m.")],
)
def test_P_format(hour, minute, expected):
    assert time_format(datetime.time(hour, minute), "P") == expected


def test_twelve_hour_edges():
    assert time_format(datetime.time(0, 5), "g h A") == "12 12 AM"
    assert time_format(datetime.time(12, 5), "g h a") == "12 12 p.m."


def test_leap_years_and_week_years():
    assert format(datetime.date(2000, 2, 1), "L t") == "True 29"
    assert format(datetime.date(1900, 2, 1), "L t") == "False 28"
    assert format(datetime.date(2008, 12, 29), "o W") == "2009 1"


def test_small_years_are_zero_padded():
    assert format(datetime.date(1, 1, 1), "Y y") == "0001 01"
    assert format(datetime.date(999, 1, 1), "Y") == "0999"


def test_timezone_characters_on_aware_datetime():
    aware = datetime.datetime(2009, 5, 16, 5, 30, 30, tzinfo=PARIS)
    assert format(aware, "O") == "+0200"
    assert format(aware, "T") == "CEST"
    assert format(aware, "e") == "CEST"
    assert format(aware, "I") == "1"
    assert format(aware, "Z") == "7200"
    assert format(aware, "U") == str(int(aware.timestamp()))
    assert format(aware, "r") == "Sat, 16 May 2009 05:30:30 +0200"
    assert format(aware, "c") == "2009-05-16T05:30:30+02:00"


def test_naive_datetime_uses_default_timezone():
    naive = datetime.datetime(2009, 5, 16, 5, 30, 30)
    assert format(naive, "O T Z e") == "+0000 UTC 0 "
    assert format(naive, "r") == "Sat, 16 May 2009 05:30:30 +0000"


def test_ambiguous_times_give_empty_zone_info():
    with timezone.override(PARIS):
        pass
    formatter = DateFormat(datetime.datetime(2015, 10, 25, 2, 30))
    formatter.timezone = PARIS
    assert formatter.format("O T Z I") == "   "


def test_dates_refuse_time_specifiers():
    with pytest.raises(TypeError, match="found 'H'"):
        format(datetime.date(2020, 1, 1), "H")
    assert format(datetime.date(2020, 1, 1), "c") == "2020-01-01"


def test_times_refuse_date_specifiers():
    with pytest.raises(TypeError, match="found 'd'"):
        time_format(datetime.time(1), "d")
    assert time_format(datetime.time(13, 5, 9, 7), "H:i:s.u") == "13:05:09.000007"
    assert time_format(datetime.time(1), "O T Z e") == "   "


def test_r_on_a_date_is_midnight():
    assert format(datetime.date(2008, 5, 19), "r") == "Mon, 19 May 2008 00:00:00 +0000"


def test_classes_are_exposed():
    assert issubclass(DateFormat, TimeFormat)
    assert dateformat.re_formatchars.split("Y-m")[1] == "Y"
