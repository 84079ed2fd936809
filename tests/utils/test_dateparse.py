"""django.utils.dateparse: ISO-ish date/time/datetime/duration parsing, including bad input."""

import datetime

import pytest

from django.utils.dateparse import parse_date, parse_datetime, parse_duration, parse_time
from django.utils.timezone import get_fixed_timezone


class TestParseDate:
    def test_valid(self):
        assert parse_date("2012-04-23") == datetime.date(2012, 4, 23)
        assert parse_date("2012-4-9") == datetime.date(2012, 4, 9)
        assert parse_date("20120423") == datetime.date(2012, 4, 23)

    def test_not_a_date_gives_none(self):
        for value in ("", "2012423", "hello", "2012-04-23 extra", "9" * 5000):
            assert parse_date(value) is None

    def test_well_formed_but_invalid_raises(self):
        with pytest.raises(ValueError):
            parse_date("2012-04-56")


class TestParseTime:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("09:15:00", datetime.time(9, 15)),
            ("10:10", datetime.time(10, 10)),
            ("10:20:30.400", datetime.time(10, 20, 30, 400000)),
            ("10:20:30,400", datetime.time(10, 20, 30, 400000)),
            ("4:8:16", datetime.time(4, 8, 16)),
            ("00:05:23+04:00", datetime.time(0, 5, 23)),
            ("10:20:30.1234567", datetime.time(10, 20, 30, 123456)),
        ],
    )
    def test_valid(self, value, expected):
        assert parse_time(value) == expected

    def test_not_a_time_gives_none(self):
        assert parse_time("garbage") is None
        assert parse_time("ab:cd") is None
        assert parse_time("1" * 1000) is None

    def test_well_formed_but_invalid_raises(self):
        with pytest.raises(ValueError):
            parse_time("25:00")


class TestParseDatetime:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("2012-04-23T09:15:00", datetime.datetime(2012, 4, 23, 9, 15)),
            ("2012-4-9 4:8:16", datetime.datetime(2012, 4, 9, 4, 8, 16)),
            ("2012-04-23T09:15:00Z", datetime.datetime(2012, 4, 23, 9, 15, tzinfo=datetime.UTC)),
            ("2012-4-9 4:8:16-0320", datetime.datetime(2012, 4, 9, 4, 8, 16, 0, get_fixed_timezone(-200))),
            (
                "2012-04-23T10:20:30.400+02:30",
                datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(150)),
            ),
            (
                "2012-04-23T10:20:30.400+02",
                datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(120)),
            ),
            (
                "2012-04-23T10:20:30.400-02",
                datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(-120)),
            ),
            (
                "2012-04-23T10:20:30,400-02",
                datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(-120)),
            ),
            (
                "2012-04-23T10:20:30.400 +0230",
                datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(150)),
            ),
        ],
    )
    def test_valid(self, value, expected):
        result = parse_datetime(value)
        assert result == expected
        assert result.utcoffset() == expected.utcoffset()

    def test_invalid_gives_none_or_raises(self):
        assert parse_datetime("20120423091500") is None
        assert parse_datetime("not a datetime") is None
        assert parse_datetime("2012-04-23T09:15:00" + "0" * 1000) is None
        with pytest.raises(ValueError):
            parse_datetime("2012-04-56T09:15:90")


class TestParseDuration:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("30", datetime.timedelta(seconds=30)),
            ("15:30", datetime.timedelta(minutes=15, seconds=30)),
            ("10:15:30", datetime.timedelta(hours=10, minutes=15, seconds=30)),
            ("4 15:30", datetime.timedelta(days=4, minutes=15, seconds=30)),
            ("4 days, 15:30", datetime.timedelta(days=4, minutes=15, seconds=30)),
            ("4 days", datetime.timedelta(days=4)),
            ("1 day 0:00:01", datetime.timedelta(days=1, seconds=1)),
            ("15:30.1", datetime.timedelta(minutes=15, seconds=30, milliseconds=100)),
            ("15:30.000001", datetime.timedelta(minutes=15, seconds=30, microseconds=1)),
            ("-4 15:30", datetime.timedelta(days=-4, minutes=15, seconds=30)),
            ("-15:30", -datetime.timedelta(minutes=15, seconds=30)),
            ("-172800", datetime.timedelta(days=-2)),
            ("P4Y", None),
            ("P4M", None),
            ("P4W", None),
            ("P4D", datetime.timedelta(days=4)),
            ("-P1D", datetime.timedelta(days=-1)),
            ("P0.5D", datetime.timedelta(hours=12)),
            ("PT5H", datetime.timedelta(hours=5)),
            ("PT5M", datetime.timedelta(minutes=5)),
            ("PT5S", datetime.timedelta(seconds=5)),
            ("PT0.000005S", datetime.timedelta(microseconds=5)),
            ("PT0,000005S", datetime.timedelta(microseconds=5)),
            ("-PT0.000005S", datetime.timedelta(microseconds=-5)),
            ("P4DT1H15M20S", datetime.timedelta(days=4, hours=1, minutes=15, seconds=20)),
            ("-P1DT1H", -datetime.timedelta(days=1, hours=1)),
            ("3 days 04:05:06", datetime.timedelta(days=3, hours=4, minutes=5, seconds=6)),
            ("-1 day -02:00:00", datetime.timedelta(days=-1, hours=-2)),
            ("1 day 20:00:00.000001", datetime.timedelta(days=1, hours=20, microseconds=1)),
        ],
    )
    def test_formats(self, value, expected):
        assert parse_duration(value) == expected

    @pytest.mark.parametrize(
        "value", ["", "garbage", "P", "PT", "1:2:3:4", "4 days 15:30", "1" * 1000, "P" + "9" * 500 + "D"]
    )
    def test_rejects(self, value):
        assert parse_duration(value) is None

    def test_round_trip_with_duration_string(self):
        from django.utils.duration import duration_string

        for delta in (datetime.timedelta(days=-1, seconds=5), datetime.timedelta(days=3, microseconds=7)):
            assert parse_duration(duration_string(delta)) == delta
