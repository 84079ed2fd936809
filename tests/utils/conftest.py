"""Fixtures for the utils tests: temporary settings and compiled gettext catalogs."""

import struct
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import trans_real

_MISSING = object()


def _reset_i18n_caches():
    trans_real.clear_caches()
    translation._trans.reset()
    formats.reset_format_cache()


@pytest.fixture
def setting():
    """setting(NAME=value, ...): change settings for one test; restored and caches cleared after."""
    saved = {}

    def apply(**values):
        for name, value in values.items():
            saved.setdefault(name, getattr(settings, name, _MISSING))
            setattr(settings, name, value)
        _reset_i18n_caches()

    yield apply
    for name, value in saved.items():
        if value is _MISSING:
            delattr(settings, name)
        else:
            setattr(settings, name, value)
    _reset_i18n_caches()
    translation.deactivate()


def write_mo(path: Path, messages: dict, plural_forms: str = "nplurals=2; plural=(n != 1);") -> None:
    """Write a GNU .mo catalog. Keys are msgids (tuples for plural pairs,
    'ctx\\x04id' for contexts); values are strings or lists of plural forms."""
    header = f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {plural_forms}\n"
    entries = {"": header}
    for key, value in messages.items():
        msgid = "\x00".join(key) if isinstance(key, tuple) else key
        entries[msgid] = "\x00".join(value) if isinstance(value, list) else value
    ids = sorted(entries)
    originals = [i.encode() for i in ids]
    translations = [entries[i].encode() for i in ids]
    count = len(ids)
    table_start = 7 * 4
    strings_start = table_start + count * 16
    offsets = []
    blob = b""
    for data in originals + translations:
        offsets.append((len(data), strings_start + len(blob)))
        blob += data + b"\x00"
    output = struct.pack("<7I", 0x950412DE, 0, count, table_start, table_start + count * 8, 0, 0)
    for length, offset in offsets:
        output += struct.pack("<2I", length, offset)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(output + blob)


@pytest.fixture
def catalogs(tmp_path, setting):
    """Two LOCALE_PATHS with French and German catalogs; the first path wins."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_mo(
        first / "fr" / "LC_MESSAGES" / "django.mo",
        {
            "Hello": "Bonjour",
            "Save": "Enregistrer",
            "month name\x04May": "mai",
            ("%(num)d apple", "%(num)d apples"): ["%(num)d pomme", "%(num)d pommes"],
            ("fruit\x04one item", "fruit\x04many items"): ["un fruit", "des fruits"],
            "Line one\nLine two": "Ligne un\nLigne deux",
        },
        plural_forms="nplurals=2; plural=(n > 1);",
    )
    write_mo(second / "fr" / "LC_MESSAGES" / "django.mo", {"Hello": "Salut", "Goodbye": "Au revoir"})
    write_mo(second / "de" / "LC_MESSAGES" / "django.mo", {"Hello": "Hallo"})
    write_mo(second / "xx" / "LC_MESSAGES" / "django.mo", {"Hello": "Xello"})
    setting(LOCALE_PATHS=[str(first), str(second)])
    return first, second
