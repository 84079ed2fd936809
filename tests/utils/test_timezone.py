"""django.utils.timezone: current/default zones, aware/naive conversion, now()."""

import datetime
import zoneinfo

import pytest

from django.utils import timezone

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _reset_active_zone():
    yield
    timezone.deactivate()


def test_now_is_aware_utc_when_use_tz():
    now = timezone.now()
    assert timezone.is_aware(now)
    assert now.utcoffset() == datetime.timedelta(0)


def test_default_timezone_follows_settings():
    assert timezone.get_default_timezone() == zoneinfo.ZoneInfo("UTC")
    assert timezone.get_default_timezone_name() == "UTC"


class TestActivate:
    def test_activate_by_name_and_tzinfo(self):
        timezone.activate("Europe/Paris")
        assert timezone.get_current_timezone() == PARIS
        assert timezone.get_current_timezone_name() == "Europe/Paris"
        timezone.activate(NEW_YORK)
        assert timezone.get_current_timezone() is NEW_YORK
        timezone.deactivate()
        assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("UTC")

    def test_invalid_values(self):
        with pytest.raises(ValueError, match="Invalid timezone"):
            timezone.activate(5)
        with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
            timezone.activate("Not/AZone")

    def test_override_context_and_decorator(self):
        timezone.activate(NEW_YORK)
        with timezone.override(PARIS):
            assert timezone.get_current_timezone() is PARIS
            with timezone.override(None):
                assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("UTC")
            assert timezone.get_current_timezone() is PARIS
        assert timezone.get_current_timezone() is NEW_YORK

        @timezone.override("Europe/Paris")
        def inside():
            return timezone.get_current_timezone_name()

        assert inside() == "Europe/Paris"
        assert timezone.get_current_timezone() is NEW_YORK

    def test_override_restores_default_when_nothing_was_active(self):
        with timezone.override(PARIS):
            pass
        assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("UTC")

    def test_activation_is_per_thread_and_task(self):
        import asyncio
        import threading

        timezone.activate(PARIS)
        seen = []
        thread = threading.Thread(target=lambda: seen.append(timezone.get_current_timezone_name()))
        thread.start()
        thread.join()
        assert seen == ["UTC"]

        async def task(name):
            timezone.activate(name)
            await asyncio.sleep(0)
            return timezone.get_current_timezone_name()

        async def main():
            return await asyncio.gather(task("Europe/Paris"), task("America/New_York"))

        assert asyncio.run(main()) == ["Europe/Paris", "America/New_York"]


class TestConversions:
    def test_make_aware_and_naive(self):
        naive = datetime.datetime(2020, 6, 1, 12, 0)
        aware = timezone.make_aware(naive, PARIS)
        assert aware.tzinfo is PARIS and aware.utcoffset() == datetime.timedelta(hours=2)
        assert timezone.make_naive(aware, NEW_YORK) == datetime.datetime(2020, 6, 1, 6, 0)

    def test_make_aware_uses_current_zone_by_default(self):
        with timezone.override(PARIS):
            assert timezone.make_aware(datetime.datetime(2020, 1, 1)).tzinfo is PARIS

    def test_wrong_kind_of_datetime_raises(self):
        aware = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        with pytest.raises(ValueError):
            timezone.make_aware(aware, PARIS)
        with pytest.raises(ValueError):
            timezone.make_naive(datetime.datetime(2020, 1, 1), PARIS)
        with pytest.raises(ValueError, match="naive"):
            timezone.localtime(datetime.datetime(2020, 1, 1))

    def test_localtime_and_localdate(self):
        utc_late = datetime.datetime(2020, 1, 1, 23, 30, tzinfo=datetime.UTC)
        assert timezone.localtime(utc_late, PARIS).hour == 0
        assert timezone.localdate(utc_late, PARIS) == datetime.date(2020, 1, 2)
        with timezone.override(PARIS):
            assert timezone.localtime(utc_late).tzinfo is PARIS
            assert timezone.localtime().tzinfo is PARIS

    def test_is_aware_is_naive_with_times(self):
        assert timezone.is_naive(datetime.time(1))
        assert timezone.is_aware(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    def test_template_localtime(self):
        value = datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC)
        with timezone.override(PARIS):
            assert timezone.template_localtime(value).tzinfo is PARIS
            assert timezone.template_localtime(value, use_tz=False) is value
            assert timezone.template_localtime("not a date") == "not a date"
            naive = datetime.datetime(2020, 1, 1)
            assert timezone.template_localtime(naive) is naive


def test_get_fixed_timezone():
    tz = timezone.get_fixed_timezone(-300)
    assert tz.utcoffset(None) == datetime.timedelta(hours=-5)
    assert tz.tzname(None) == "-0500"
    assert timezone.get_fixed_timezone(datetime.timedelta(hours=5, minutes=30)).tzname(None) == "+0530"


def test_ambiguous_and_imaginary_times():
    assert timezone._datetime_ambiguous_or_imaginary(datetime.datetime(2015, 10, 25, 2, 30), PARIS)
    assert timezone._datetime_ambiguous_or_imaginary(datetime.datetime(2015, 3, 29, 2, 30), PARIS)
    assert not timezone._datetime_ambiguous_or_imaginary(datetime.datetime(2015, 6, 1, 12), PARIS)
