"""django.utils.duration: timedelta formatting."""

import datetime

from django.utils.duration import duration_iso_string, duration_microseconds, duration_string


def test_duration_string():
    assert duration_string(datetime.timedelta(hours=1, minutes=3, seconds=5)) == "01:03:05"
    assert duration_string(datetime.timedelta(days=1, hours=1, minutes=3, seconds=5)) == "1 01:03:05"
    assert duration_string(datetime.timedelta(seconds=5, microseconds=12345)) == "00:00:05.012345"
    assert duration_string(datetime.timedelta(days=-1, hours=23)) == "-1 23:00:00"


def test_duration_iso_string():
    assert duration_iso_string(datetime.timedelta(days=1, hours=1, minutes=3, seconds=5)) == "P1DT01H03M05S"
    assert duration_iso_string(datetime.timedelta(microseconds=12345)) == "P0DT00H00M00.012345S"
    assert duration_iso_string(-datetime.timedelta(days=1, hours=1)) == "-P1DT01H00M00S"


def test_duration_microseconds():
    assert duration_microseconds(datetime.timedelta(days=1, seconds=1, microseconds=1)) == 86_401_000_001
    assert duration_microseconds(datetime.timedelta(microseconds=-5)) == -5
