"""Format numbers with a decimal separator, decimal places and digit grouping."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils._conf import conf_settings
from django.utils.safestring import mark_safe


def _group(int_part: str, grouping: Any, thousand_sep: str) -> str:
    """Insert ``thousand_sep`` per ``grouping``: an int (uniform groups) or a
    sequence of sizes from the right where 0 repeats the previous size and
    -1 stops grouping (the rest stays whole)."""
    if isinstance(grouping, int):
        if grouping <= 0:
            return int_part
        sizes: list[int] = [grouping, 0]
    else:
        sizes = list(grouping)
    groups: list[str] = []
    rest = int_part
    size = 0
    for item in sizes:
        if item == -1:
            break
        if item != 0:
            size = item
        if item == 0:
            while len(rest) > size > 0:
                groups.insert(0, rest[-size:])
                rest = rest[:-size]
            break
        if len(rest) <= size:
            break
        groups.insert(0, rest[-size:])
        rest = rest[:-size]
    groups.insert(0, rest)
    return thousand_sep.join(group for group in groups if group)


def _to_text(number: Any, decimal_pos: int | None) -> str:
    if isinstance(number, float) and "e" in str(number).lower():
        number = Decimal(str(number))
    if isinstance(number, Decimal):
        if decimal_pos is not None:
            # Keep huge/tiny decimals from producing thousands of digits.
            cutoff = Decimal("0." + "1".rjust(decimal_pos, "0")) if decimal_pos else Decimal(1)
            if abs(number) < cutoff:
                number = Decimal(0)
        _, digits, exponent = number.as_tuple()
        if isinstance(exponent, int) and abs(exponent) + len(digits) > 200:
            # Scientific notation for absurd magnitudes instead of a huge string.
            coefficient, exp = f"{number:e}".split("e")
            coefficient_text = _to_text(Decimal(coefficient), decimal_pos)
            return f"{coefficient_text}e{exp}"
        return f"{number:f}"
    return str(number)


def format(
    number: Any,
    decimal_sep: str,
    decimal_pos: int | None = None,
    grouping: Any = 0,
    thousand_sep: str = "",
    force_grouping: bool = False,
    use_l10n: bool | None = None,
) -> str:
    """Format ``number`` (int, float, Decimal or numeric str) with the given
    separators; ``decimal_pos`` pads or cuts the fraction. Grouping applies
    when ``force_grouping`` or settings.USE_THOUSAND_SEPARATOR (with l10n)."""
    if number is None or number == "":
        return mark_safe(number)
    if use_l10n is None:
        use_l10n = True
    use_grouping = force_grouping
    if not use_grouping and use_l10n:
        settings = conf_settings()
        use_grouping = settings.USE_THOUSAND_SEPARATOR
    use_grouping = use_grouping and grouping != 0
    if isinstance(number, int) and not use_grouping and not decimal_pos:
        return mark_safe(number)
    text = _to_text(number, decimal_pos)
    exponent = ""
    if "e" in text:
        text, exponent = text.split("e", 1)
        exponent = "e" + exponent
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    int_part, _, dec_part = text.partition(".")
    if decimal_pos is not None:
        dec_part = dec_part[:decimal_pos].ljust(decimal_pos, "0")
    if dec_part:
        dec_part = decimal_sep + dec_part
    if use_grouping:
        int_part = _group(int_part, grouping, thousand_sep)
    if (
        sign
        and not (int_part.strip("0" + thousand_sep) or dec_part.strip(decimal_sep + "0"))
        and not exponent
    ):
        sign = ""  # no "-0.00"
    return sign + int_part + dec_part + exponent
