"""Image files: ImageFile and get_image_dimensions().

Pillow is used when installed; the common formats' headers (PNG, GIF, JPEG, BMP,
WebP) are also read directly, so dimensions work without it and for truncated files.
"""

from __future__ import annotations

import struct
from typing import Any

from django.core.files import File

Dimensions = tuple[int | None, int | None]
_HEADER_BYTES = 64 * 1024


class ImageFile(File):
    """A File with ``width`` and ``height`` (computed once, on first use)."""

    @property
    def width(self) -> int | None:
        return self._get_image_dimensions()[0]

    @property
    def height(self) -> int | None:
        return self._get_image_dimensions()[1]

    def _get_image_dimensions(self) -> Dimensions:
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            self._dimensions_cache = get_image_dimensions(self, close=close)
        return self._dimensions_cache


def get_image_dimensions(file_or_path: Any, close: bool = False) -> Dimensions:
    """(width, height) of an image file or path; (None, None) if it is not a readable image."""
    if hasattr(file_or_path, "read"):
        file, position = file_or_path, _tell(file_or_path)
        try:
            file.seek(0)
        except (AttributeError, OSError):
            pass
    else:
        file, position = open(file_or_path, "rb"), None
        close = True
    try:
        return _dimensions(file)
    finally:
        if close:
            file.close()
        elif position is not None:
            file.seek(position)


def _tell(file: Any) -> int | None:
    try:
        return file.tell()
    except (AttributeError, OSError):
        return None


def _dimensions(file: Any) -> Dimensions:
    try:
        from PIL import ImageFile as PillowImageFile
    except ImportError:
        data = file.read(_HEADER_BYTES)
        return _from_header(data if isinstance(data, bytes) else b"")
    # Pillow knows more formats; the header readers answer where it wants more data than a
    # truncated (header-only) file has.
    parser, head = PillowImageFile.Parser(), b""
    while chunk := file.read(1024):
        if not isinstance(chunk, bytes):
            return None, None
        if len(head) < _HEADER_BYTES:
            head += chunk
        try:
            parser.feed(chunk)
        except Exception:
            break
        if parser.image:
            return parser.image.size
    return _from_header(head)


def _from_header(data: bytes) -> Dimensions:
    try:
        for prefix, reader in _READERS:
            if data.startswith(prefix):
                return reader(data)
    except (struct.error, IndexError, ValueError):
        pass
    return None, None


def _png(data: bytes) -> Dimensions:
    return struct.unpack(">II", data[16:24])


def _gif(data: bytes) -> Dimensions:
    return struct.unpack("<HH", data[6:10])


def _bmp(data: bytes) -> Dimensions:
    width, height = struct.unpack("<ii", data[18:26])
    return width, abs(height)


def _jpeg(data: bytes) -> Dimensions:
    # Walk the segments up to a start-of-frame marker (SOF0-SOF15 except DHT/JPG/DAC).
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None, None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None, None


def _webp(data: bytes) -> Dimensions:
    if data[8:12] != b"WEBP":
        return None, None
    kind = data[12:16]
    if kind == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None, None


_READERS = (
    (b"\x89PNG\r\n\x1a\n", _png),
    (b"GIF87a", _gif),
    (b"GIF89a", _gif),
    (b"\xff\xd8", _jpeg),
    (b"BM", _bmp),
    (b"RIFF", _webp),
)
