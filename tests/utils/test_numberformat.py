"""django.utils.numberformat.format: separators, decimal places, grouping, big and small numbers."""

from decimal import Decimal

import pytest

from django.utils.numberformat import format as nformat


@pytest.mark.parametrize(
    "args,kwargs,expected",
    [
        ((1234, "."), {}, "1234"),
        ((1234.2, "."), {}, "1234.2"),
        ((1234, "."), {"decimal_pos": 2}, "1234.00"),
        ((1234, "."), {"grouping": 2, "thousand_sep": ","}, "1234"),
        ((1234, "."), {"grouping": 2, "thousand_sep": ",", "force_grouping": True}, "12,34"),
        ((-1234.33, "."), {"decimal_pos": 1}, "-1234.3"),
        (
            (1234567.891, ","),
            {"decimal_pos": 2, "grouping": 3, "thousand_sep": ".", "force_grouping": True},
            "1.234.567,89",
        ),
        (
            (12345678, "."),
            {"grouping": (3, 2, 0), "thousand_sep": ",", "force_grouping": True},
            "1,23,45,678",
        ),
        ((12345678, "."), {"grouping": (3, -1), "thousand_sep": ",", "force_grouping": True}, "12345,678"),
        (("1234.5", "."), {"decimal_pos": 2}, "1234.50"),
        (("-1234", "."), {"grouping": 3, "thousand_sep": ",", "force_grouping": True}, "-1,234"),
        ((Decimal("1234"), "."), {}, "1234"),
        ((Decimal("1234.56789"), "."), {"decimal_pos": 2}, "1234.56"),
        ((Decimal("0.00000001"), "."), {"decimal_pos": 8}, "0.00000001"),
        ((Decimal("9e-19"), "."), {"decimal_pos": 2}, "0.00"),
        ((Decimal("1e200"), "."), {}, "1e+200"),
        ((Decimal("1.2345e300"), "."), {"decimal_pos": 2}, "1.23e+300"),
        ((1e16, "."), {}, "10000000000000000"),
        ((-0.001, "."), {"decimal_pos": 2}, "0.00"),
        ((Decimal("-0.0001"), "."), {"decimal_pos": 2}, "0.00"),
        ((3.1e-10, "."), {"decimal_pos": 3}, "0.000"),
    ],
)
def test_examples(args, kwargs, expected):
    assert nformat(*args, **kwargs) == expected


def test_empty_values_pass_through():
    assert nformat("", ".") == ""


def test_grouping_follows_use_thousand_separator(setting):
    assert nformat(1234, ".", grouping=3, thousand_sep=",") == "1234"
    setting(USE_THOUSAND_SEPARATOR=True)
    assert nformat(1234, ".", grouping=3, thousand_sep=",") == "1,234"
    assert nformat(1234, ".", grouping=3, thousand_sep=",", use_l10n=False) == "1234"


def test_absurd_exponents_do_not_explode():
    result = nformat(Decimal("1e-999999"), ".", decimal_pos=2)
    assert result == "0.00"
    assert len(nformat(Decimal("1e999999"), ".")) < 50
