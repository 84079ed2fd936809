"""get_image_dimensions and ImageFile: Pillow where it reads the file, our header readers otherwise."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from django.core.files.images import ImageFile, get_image_dimensions


def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def gif(width, height):
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def jpeg(width, height):
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def bmp(width, height):
    return b"BM" + b"\x00" * 16 + struct.pack("<ii", width, -height) + b"\x00" * 28


def webp_vp8x(width, height):
    return (
        b"RIFF\x00\x00\x00\x00WEBPVP8X"
        + b"\x00" * 8
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little")
    )


@pytest.mark.parametrize("make", [png, gif, jpeg, bmp, webp_vp8x])
def test_dimensions_of_common_formats(make):
    assert get_image_dimensions(io.BytesIO(make(37, 21))) == (37, 21)


def test_position_is_restored_and_path_accepted(tmp_path):
    stream = io.BytesIO(png(5, 6))
    stream.seek(3)
    assert get_image_dimensions(stream) == (5, 6) and stream.tell() == 3
    path = tmp_path / "img.png"
    path.write_bytes(png(7, 8))
    assert get_image_dimensions(str(path)) == (7, 8)


@pytest.mark.parametrize("data", [b"", b"not an image", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a\x01"])
def test_garbage_gives_none(data):
    assert get_image_dimensions(io.BytesIO(data)) == (None, None)


def test_image_file_properties(tmp_path):
    path = tmp_path / "pic.gif"
    path.write_bytes(gif(3, 4))
    image = ImageFile(open(path, "rb"))
    assert (image.width, image.height) == (3, 4)
    image.close()


def test_formats_only_pillow_reads(tmp_path):
    image_module = pytest.importorskip("PIL.Image")
    stream = io.BytesIO()
    image_module.new("RGB", (11, 9)).save(stream, format="TIFF")
    stream.seek(0)
    assert get_image_dimensions(stream) == (11, 9)
