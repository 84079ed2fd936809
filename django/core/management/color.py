"""Styles for management command output, honouring DJANGO_COLORS and the terminal's abilities."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

from django.utils import termcolors


class Style:
    """One attribute per palette role (ERROR, SUCCESS, ...), each a str -> str function."""

    ERROR: Callable[[Any], str]
    ERROR_OUTPUT: Callable[[Any], str]
    SUCCESS: Callable[[Any], str]
    WARNING: Callable[[Any], str]
    NOTICE: Callable[[Any], str]
    SQL_FIELD: Callable[[Any], str]
    SQL_COLTYPE: Callable[[Any], str]
    SQL_KEYWORD: Callable[[Any], str]
    SQL_TABLE: Callable[[Any], str]
    HTTP_INFO: Callable[[Any], str]
    HTTP_SUCCESS: Callable[[Any], str]
    HTTP_REDIRECT: Callable[[Any], str]
    HTTP_NOT_MODIFIED: Callable[[Any], str]
    HTTP_BAD_REQUEST: Callable[[Any], str]
    HTTP_NOT_FOUND: Callable[[Any], str]
    HTTP_SERVER_ERROR: Callable[[Any], str]
    MIGRATE_HEADING: Callable[[Any], str]
    MIGRATE_LABEL: Callable[[Any], str]


def supports_color() -> bool:
    """Whether stdout is a terminal that understands ANSI colors."""
    if os.environ.get("TERM") == "dumb":
        return False
    is_a_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
    if sys.platform == "win32":
        supported = (
            "ANSICON" in os.environ
            or "WT_SESSION" in os.environ
            or os.environ.get("TERM_PROGRAM") == "vscode"
        )
        return supported and is_a_tty
    return is_a_tty


def _identity(text: Any) -> str:
    return text


def make_style(config_string: str = "") -> Style:
    """A Style whose roles follow config_string (DJANGO_COLORS syntax)."""
    style = Style()
    palette = termcolors.parse_color_setting(config_string)
    for role in termcolors.PALETTES[termcolors.NOCOLOR_PALETTE]:
        if palette:
            definition = palette.get(role, {})
            setattr(style, role, termcolors.make_style(**definition) if definition else _identity)
        else:
            setattr(style, role, _identity)
    style.ERROR_OUTPUT = style.ERROR
    return style


@functools.cache
def no_style() -> Style:
    """A Style that leaves text unchanged."""
    return make_style("nocolor")


def color_style(force_color: bool = False) -> Style:
    """The DJANGO_COLORS style when the terminal supports color (or force_color), else no_style()."""
    if not force_color and not supports_color():
        return no_style()
    return make_style(os.environ.get("DJANGO_COLORS", ""))
