"""Terminal colors: django.utils.termcolors and the command styles built on it."""

from __future__ import annotations

from django.core.management.color import color_style, make_style, no_style
from django.utils.termcolors import PALETTES, colorize, parse_color_setting


def test_colorize_codes_and_reset():
    assert colorize("hi", fg="red") == "\x1b[31mhi\x1b[0m"
    assert colorize("hi", fg="green", bg="black", opts=("bold",)) == "\x1b[32;40;1mhi\x1b[0m"
    assert colorize("hi", opts=("noreset",), fg="blue") == "\x1b[34mhi"
    assert colorize(opts=("reset",)) == "\x1b[0m"


def test_parse_color_setting():
    assert parse_color_setting("") == PALETTES["dark"]
    assert parse_color_setting("nocolor") is None
    light = parse_color_setting("light")
    assert light["SQL_KEYWORD"] == {"fg": "blue"}
    custom = parse_color_setting("error=yellow/blue,blink;notice=magenta;bogus=red;error2=nope")
    assert custom["ERROR"] == {"fg": "yellow", "bg": "blue", "opts": ("blink",)}
    assert custom["NOTICE"] == {"fg": "magenta"}
    assert custom["SUCCESS"] == {}
    assert parse_color_setting("dark;notice=") == PALETTES["dark"] | {}


def test_styles_follow_the_palette():
    style = make_style("error=green")
    assert style.ERROR("x") == "\x1b[32mx\x1b[0m"
    assert style.SUCCESS("x") == "x"
    assert style.ERROR_OUTPUT is style.ERROR
    plain = no_style()
    assert plain.ERROR("x") == "x" and plain.HTTP_NOT_FOUND("x") == "x"


def test_color_style_is_plain_when_not_a_terminal(monkeypatch):
    monkeypatch.setenv("DJANGO_COLORS", "")
    assert color_style().ERROR("x") == "x"  # pytest's stdout is not a tty
    assert color_style(force_color=True).ERROR("x") == "\x1b[31;1mx\x1b[0m"
