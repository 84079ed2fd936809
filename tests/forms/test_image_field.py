"""ImageField with Pillow: real images pass (with .image and .content_type set), anything else -
text, a truncated PNG, a wrong extension - is refused with the documented message."""

from __future__ import annotations

from io import BytesIO

import pytest

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

Image = pytest.importorskip(
    "PIL.Image", reason="Pillow is not installed (ImageField validates with it when it is)"
)

INVALID = "Upload a valid image. The file you uploaded was either not an image or a corrupted image."


def image_bytes(fmt: str = "PNG", size=(3, 2)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, format=fmt)
    return buffer.getvalue()


class AvatarForm(forms.Form):
    avatar = forms.ImageField()


@pytest.mark.parametrize(
    "fmt, name, mime",
    [("PNG", "a.png", "image/png"), ("GIF", "a.gif", "image/gif"), ("JPEG", "a.jpg", "image/jpeg")],
)
def test_real_images_are_accepted(fmt, name, mime):
    upload = SimpleUploadedFile(name, image_bytes(fmt), content_type="application/octet-stream")
    form = AvatarForm(files={"avatar": upload})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["avatar"]
    assert cleaned.image.format == fmt and cleaned.image.size == (3, 2)
    assert cleaned.content_type == mime  # from the image itself, not from what the client claimed
    assert cleaned.read() == image_bytes(fmt)  # rewound for whoever saves it


def test_an_image_on_disk_is_read_from_its_temporary_path():
    content = image_bytes()
    upload = TemporaryUploadedFile("big.png", "image/png", len(content), None)
    upload.write(content)
    upload.seek(0)
    try:
        cleaned = forms.ImageField().clean(upload)
        assert cleaned.image.format == "PNG"
    finally:
        upload.close()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.png", b"just text, not pixels", INVALID),
        ("cut.png", image_bytes()[:30], INVALID),
        ("empty.png", b"", "The submitted file is empty."),
        ("picture.exe", image_bytes(), "File extension “exe” is not allowed."),
    ],
    ids=["text", "truncated", "empty", "extension"],
)
def test_anything_else_is_refused(name, content, message):
    form = AvatarForm(files={"avatar": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert form.errors["avatar"][0].startswith(message)


def test_widget_asks_browsers_for_images_and_optional_field_accepts_nothing():
    assert forms.ImageField().widget.attrs == {"accept": "image/*"}
    assert forms.ImageField(required=False).clean(None) is None
    with pytest.raises(ValidationError):
        forms.ImageField().clean(None)
