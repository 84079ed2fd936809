"""django.utils.formats: locale formats, localize, localize_input, sanitize_separators."""

import datetime
from decimal import Decimal

import pytest

from django.utils import formats, translation


@pytest.fixture(autouse=True)
def _clean(setting):
    yield
    translation.deactivate()


class TestGetFormat:
    def test_locale_formats_win_over_settings(self, setting):
        setting(DATE_FORMAT="Y")
        assert formats.get_format("DATE_FORMAT") == "N j, Y"
        with translation.override("de"):
            assert formats.get_format("DATE_FORMAT") == "j. F Y"
            assert formats.get_format("DECIMAL_SEPARATOR") == ","

    def test_settings_are_used_without_l10n(self, setting):
        setting(DATE_FORMAT="Y")
        assert formats.get_format("DATE_FORMAT", use_l10n=False) == "Y"

    def test_language_without_formats_module_falls_back_to_settings(self):
        with translation.override("ja"):
            assert formats.get_format("DATE_FORMAT") == "N j, Y"

    def test_regional_locale_uses_generic_module(self):
        assert formats.get_format("DATE_FORMAT", lang="de-at") == "j. F Y"
        assert formats.get_format("SHORT_DATE_FORMAT", lang="en-gb") == "d/m/Y"

    def test_input_formats_get_iso_formats_appended(self):
        de_formats = formats.get_format("DATE_INPUT_FORMATS", lang="de")
        assert de_formats[:2] == ["%d.%m.%Y", "%d.%m.%y"]
        assert "%Y-%m-%d" in de_formats
        assert "%Y-%m-%d %H:%M:%S" in formats.get_format("DATETIME_INPUT_FORMATS", lang="de")

    def test_unknown_names_are_returned_as_formats(self):
        assert formats.get_format("Y-m-d") == "Y-m-d"

    def test_lazy_format_name(self):
        assert formats.get_format(translation.gettext_lazy("DATE_FORMAT")) == "N j, Y"

    def test_format_module_path(self, setting, tmp_path, monkeypatch):
        package = tmp_path / "myformats" / "de"
        package.mkdir(parents=True)
        (tmp_path / "myformats" / "__init__.py").write_text("")
        (package / "__init__.py").write_text("")
        (package / "formats.py").write_text('DATE_FORMAT = "d.m.Y (custom)"\n')
        monkeypatch.syspath_prepend(str(tmp_path))
        setting(FORMAT_MODULE_PATH="myformats")
        assert formats.get_format("DATE_FORMAT", lang="de") == "d.m.Y (custom)"
        assert formats.get_format("TIME_FORMAT", lang="de") == "H:i"

    def test_get_format_lazy(self):
        value = formats.get_format_lazy("DATE_FORMAT")
        with translation.override("de"):
            assert str(value) == "j. F Y"


class TestDisplay:
    def test_date_and_time_format(self):
        day = datetime.date(2009, 12, 31)
        assert formats.date_format(day) == "Dec. 31, 2009"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "12/31/2009"
        assert formats.date_format(day, "Y/m") == "2009/12"
        assert formats.time_format(datetime.time(15, 5)) == "3:05 p.m."
        with translation.override("de"):
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == "31.12.2009"
            assert formats.time_format(datetime.time(15, 5)) == "15:05"

    def test_number_format(self, setting):
        assert formats.number_format(1234.5, 2) == "1234.50"
        assert formats.number_format(1234.5, 2, force_grouping=True) == "1,234.50"
        with translation.override("de"):
            assert formats.number_format(1234.5, 2, force_grouping=True) == "1.234,50"
        setting(USE_THOUSAND_SEPARATOR=True)
        assert formats.number_format(1234567) == "1,234,567"

    def test_localize(self):
        assert formats.localize("text") == "text"
        assert formats.localize(True) == "True"
        assert formats.localize(Decimal("1.5")) == "1.5"
        assert formats.localize(datetime.datetime(2009, 12, 31, 13, 0)) == "Dec. 31, 2009, 1 p.m."
        assert formats.localize(datetime.date(2009, 12, 31)) == "Dec. 31, 2009"
        assert formats.localize(datetime.time(13, 0)) == "1 p.m."
        other = object()
        assert formats.localize(other) is other
        with translation.override("de"):
            assert formats.localize(1.5) == "1,5"

    def test_localize_input(self):
        assert formats.localize_input(datetime.datetime(2009, 12, 31, 6, 0, 5)) == "2009-12-31 06:00:05"
        assert formats.localize_input(datetime.date(2009, 12, 31)) == "2009-12-31"
        assert formats.localize_input(datetime.time(6, 0, 5)) == "06:00:05"
        assert formats.localize_input(datetime.date(5, 1, 1)) == "0005-01-01"
        assert formats.localize_input(datetime.date(2009, 12, 31), "%d/%m/%Y") == "31/12/2009"
        with translation.override("de"):
            assert formats.localize_input(datetime.date(2009, 12, 31)) == "31.12.2009"
            assert formats.localize_input(Decimal("1.5")) == "1,5"
        assert formats.localize_input(True) == "True"

    def test_sanitize_strftime_format(self):
        fmt = formats.sanitize_strftime_format("%Y-%m-%d %G %C %F")
        assert datetime.date(1, 2, 3).strftime(fmt) == "0001-02-03 0001 00 0001-02-03"


class TestSanitizeSeparators:
    def test_decimal_separator(self):
        with translation.override("de"):
            assert formats.sanitize_separators("1,5") == "1.5"
        assert formats.sanitize_separators(5) == 5

    def test_thousand_separators(self, setting):
        setting(USE_THOUSAND_SEPARATOR=True)
        assert formats.sanitize_separators("1,234.5") == "1234.5"
        with translation.override("de"):
            assert formats.sanitize_separators("1.234,5") == "1234.5"
            assert formats.sanitize_separators("1.5") == "1.5"
        with translation.override("fr"):
            assert formats.sanitize_separators("1\u202f234,5") == "1234.5"
            assert formats.sanitize_separators(" 1 234,5 ") == "1234.5"


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "Dec. 31, 2009"),
        ("en-gb", "31 Dec 2009"),
        ("de", "31. December 2009"),
        ("fr", "31 December 2009"),
        ("es", "31 de December de 2009"),
        ("it", "31 December 2009"),
        ("nl", "31 December 2009"),
        ("pt-br", "31 de December de 2009"),
    ],
)
def test_shipped_locale_date_formats(language, expected):
    """Without compiled catalogs month names stay English; the layout is the locale's."""
    with translation.override(language):
        assert formats.date_format(datetime.date(2009, 12, 31)) == expected


@pytest.mark.parametrize("language", ["en", "en-gb", "de", "fr", "es", "it", "nl", "pt-br"])
def test_shipped_locale_input_formats_parse_their_own_output(language):
    value = datetime.date(2009, 12, 31)
    with translation.override(language):
        text = formats.localize_input(value)
        parsed = [fmt for fmt in formats.get_format("DATE_INPUT_FORMATS") if _parses(text, fmt) == value]
    assert parsed, f"{language}: {text!r} matches none of its input formats"


def _parses(text, fmt):
    try:
        return datetime.datetime.strptime(text, fmt).date()
    except ValueError:
        return None
