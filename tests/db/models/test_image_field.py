"""models.ImageField: width_field/height_field follow the file, on every database, with Pillow."""

import io

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models

Image = pytest.importorskip("PIL.Image", reason="ImageField needs Pillow (the test extra installs it)")

STORAGE: dict = {}


def storage():
    return STORAGE["storage"]


class Photo(models.Model):
    title = models.CharField(max_length=20)
    picture = models.ImageField(
        upload_to="photos/",
        storage=storage,
        width_field="picture_width",
        height_field="picture_height",
        blank=True,
    )
    picture_width = models.PositiveIntegerField(null=True)
    picture_height = models.PositiveIntegerField(null=True)

    class Meta:
        app_label = "image_fields"
        db_table = "image_photo"


def png_bytes(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def photos(connection, create_tables, tmp_path):
    STORAGE["storage"] = FileSystemStorage(location=str(tmp_path), base_url="/media/")
    create_tables(Photo)
    yield Photo.objects.using(connection.alias)
    STORAGE.clear()


def test_saving_an_image_fills_the_dimension_fields(photos, tmp_path):
    photo = Photo(title="p")
    photo.picture.save("sea.png", ContentFile(png_bytes(30, 20)), save=False)
    assert (photo.picture_width, photo.picture_height) == (30, 20)
    photo.save(using=photos.db)
    loaded = photos.get(pk=photo.pk)
    assert (loaded.picture_width, loaded.picture_height) == (30, 20)
    assert (loaded.picture.width, loaded.picture.height) == (30, 20)
    assert (tmp_path / "photos" / "sea.png").exists()


def test_assigning_another_image_updates_and_deleting_clears(photos):
    photo = Photo(title="p")
    photo.picture.save("a.png", ContentFile(png_bytes(4, 5)), save=False)
    photo.save(using=photos.db)
    photo.picture = ContentFile(png_bytes(8, 3), name="b.png")
    assert (photo.picture_width, photo.picture_height) == (8, 3)
    photo.save(using=photos.db)
    assert photos.filter(picture_width=8, picture_height=3).count() == 1
    photo.picture.delete(save=True)
    reloaded = photos.get(pk=photo.pk)
    assert not reloaded.picture
    assert (reloaded.picture_width, reloaded.picture_height) == (None, None)


def test_loading_fills_empty_dimension_fields_from_the_file(photos):
    photo = Photo(title="p")
    photo.picture.save("c.png", ContentFile(png_bytes(6, 7)), save=False)
    photo.save(using=photos.db)
    photos.filter(pk=photo.pk).update(picture_width=None, picture_height=None)
    loaded = photos.get(pk=photo.pk)
    assert (loaded.picture_width, loaded.picture_height) == (6, 7)


def test_deconstruct_keeps_the_dimension_fields():
    _, path, _, kwargs = Photo._meta.get_field("picture").deconstruct()
    assert path == "django.db.models.ImageField"
    assert kwargs["width_field"] == "picture_width" and kwargs["height_field"] == "picture_height"


def test_form_field_is_the_image_form_field():
    from django import forms

    assert isinstance(Photo._meta.get_field("picture").formfield(), forms.ImageField)
