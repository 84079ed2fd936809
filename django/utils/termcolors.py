"""ANSI terminal colors: colorize() and the palettes behind DJANGO_COLORS."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

color_names = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
foreground = {name: f"3{index}" for index, name in enumerate(color_names)}
background = {name: f"4{index}" for index, name in enumerate(color_names)}

RESET = "0"
opt_dict = {"bold": "1", "underscore": "4", "blink": "5", "reverse": "7", "conceal": "8"}


def colorize(text: str = "", opts: tuple | list = (), **kwargs: str) -> str:
    """Wrap text in ANSI escapes for fg=/bg= colors and opts like 'bold'.

    colorize() with opts=("reset",) and no text returns just the reset sequence; the
    'noreset' option leaves the style switched on after the text.
    """
    codes = [foreground[value] for key, value in kwargs.items() if key == "fg"]
    codes += [background[value] for key, value in kwargs.items() if key == "bg"]
    codes += [opt_dict[option] for option in opts if option in opt_dict]
    if text == "" and len(opts) == 1 and opts[0] == "reset":
        return f"\x1b[{RESET}m"
    text = f"\x1b[{';'.join(codes)}m{text or ''}"
    if "noreset" not in opts:
        text = f"{text}\x1b[{RESET}m"
    return text


def make_style(opts: tuple | list = (), **kwargs: str) -> Callable[[Any], str]:
    """A function that colorizes its argument with the given style."""
    return lambda text: colorize(text, opts, **kwargs)


NOCOLOR_PALETTE = "nocolor"
DARK_PALETTE = "dark"
LIGHT_PALETTE = "light"

_ROLES = (
    "ERROR",
    "SUCCESS",
    "WARNING",
    "NOTICE",
    "SQL_FIELD",
    "SQL_COLTYPE",
    "SQL_KEYWORD",
    "SQL_TABLE",
    "HTTP_INFO",
    "HTTP_SUCCESS",
    "HTTP_REDIRECT",
    "HTTP_NOT_MODIFIED",
    "HTTP_BAD_REQUEST",
    "HTTP_NOT_FOUND",
    "HTTP_SERVER_ERROR",
    "MIGRATE_HEADING",
    "MIGRATE_LABEL",
)

PALETTES: dict[str, dict[str, dict[str, Any]]] = {
    NOCOLOR_PALETTE: {role: {} for role in _ROLES},
    DARK_PALETTE: {
        "ERROR": {"fg": "red", "opts": ("bold",)},
        "SUCCESS": {"fg": "green", "opts": ("bold",)},
        "WARNING": {"fg": "yellow", "opts": ("bold",)},
        "NOTICE": {"fg": "red"},
        "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
        "SQL_COLTYPE": {"fg": "green"},
        "SQL_KEYWORD": {"fg": "yellow"},
        "SQL_TABLE": {"opts": ("bold",)},
        "HTTP_INFO": {"opts": ("bold",)},
        "HTTP_SUCCESS": {},
        "HTTP_REDIRECT": {"fg": "green"},
        "HTTP_NOT_MODIFIED": {"fg": "cyan"},
        "HTTP_BAD_REQUEST": {"fg": "red", "opts": ("bold",)},
        "HTTP_NOT_FOUND": {"fg": "yellow"},
        "HTTP_SERVER_ERROR": {"fg": "magenta", "opts": ("bold",)},
        "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
        "MIGRATE_LABEL": {"opts": ("bold",)},
    },
    LIGHT_PALETTE: {
        "ERROR": {"fg": "red", "opts": ("bold",)},
        "SUCCESS": {"fg": "green", "opts": ("bold",)},
        "WARNING": {"fg": "yellow", "opts": ("bold",)},
        "NOTICE": {"fg": "red"},
        "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
        "SQL_COLTYPE": {"fg": "green"},
        "SQL_KEYWORD": {"fg": "blue"},
        "SQL_TABLE": {"opts": ("bold",)},
        "HTTP_INFO": {"opts": ("bold",)},
        "HTTP_SUCCESS": {},
        "HTTP_REDIRECT": {"fg": "green", "opts": ("bold",)},
        "HTTP_NOT_MODIFIED": {"fg": "green"},
        "HTTP_BAD_REQUEST": {"fg": "red", "opts": ("bold",)},
        "HTTP_NOT_FOUND": {"fg": "red"},
        "HTTP_SERVER_ERROR": {"fg": "magenta", "opts": ("bold",)},
        "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
        "MIGRATE_LABEL": {"opts": ("bold",)},
    },
}
DEFAULT_PALETTE = DARK_PALETTE


def parse_color_setting(config_string: str) -> dict[str, dict[str, Any]] | None:
    """Parse a DJANGO_COLORS value such as 'light;error=yellow/blue,blink;notice=magenta'.

    The result maps roles to colorize() keyword arguments; None means "no color at all".
    Unknown palettes, roles, colors and options are ignored.
    """
    if not config_string:
        return PALETTES[DEFAULT_PALETTE]
    palette = dict(PALETTES[NOCOLOR_PALETTE])
    for part in config_string.lower().split(";"):
        if part in PALETTES:
            palette.update(PALETTES[part])
        elif "=" in part:
            role, _, instruction = part.partition("=")
            role = role.upper()
            definition = _parse_role_definition(instruction)
            if role in palette and definition:
                palette[role] = definition
    if palette == PALETTES[NOCOLOR_PALETTE]:
        return None
    return palette


def _parse_role_definition(instruction: str) -> dict[str, Any]:
    """'yellow/blue,blink' -> {'fg': 'yellow', 'bg': 'blue', 'opts': ('blink',)}."""
    styles = instruction.split(",")
    colors = styles.pop(0).split("/")
    definition: dict[str, Any] = {}
    fg = colors.pop(0) if colors else ""
    if fg in color_names:
        definition["fg"] = fg
    bg = colors.pop(0) if colors else ""
    if bg in color_names:
        definition["bg"] = bg
    opts = tuple(style for style in styles if style in opt_dict)
    if opts:
        definition["opts"] = opts
    return definition
