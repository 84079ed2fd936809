"""FileField: FieldFile on instances, saving through a storage, deconstruct and checks."""

import pytest

from django.core.files.base import ContentFile
from django.db import models
from tests.db.models.app_models import models as app


@pytest.fixture
def storage(tmp_path):
    from django.core.files.storage import FileSystemStorage

    app.TEST_STORAGE["storage"] = FileSystemStorage(location=str(tmp_path), base_url="/media/")
    yield app.TEST_STORAGE["storage"]
    app.TEST_STORAGE.clear()


def test_field_file_save_open_and_url(using, storage, tmp_path):
    doc = app.Document(title="d")
    assert not doc.attachment
    doc.attachment.save("hello.txt", ContentFile(b"hi there"), save=False)
    assert doc.attachment.name == "docs/hello.txt"
    doc.save(using=using)
    loaded = app.Document.objects.using(using).get(pk=doc.pk)
    assert isinstance(loaded.attachment, models.fields.files.FieldFile)
    assert loaded.attachment == "docs/hello.txt"
    assert loaded.attachment.url == "/media/docs/hello.txt"
    assert loaded.attachment.size == 8
    with loaded.attachment.open("rb") as fh:
        assert fh.read() == b"hi there"
    assert (tmp_path / "docs" / "hello.txt").read_bytes() == b"hi there"
    loaded.attachment.delete(save=False)
    assert not (tmp_path / "docs" / "hello.txt").exists()


def test_assigning_a_file_commits_on_save(using, storage, tmp_path):
    doc = app.Document(title="d", attachment=ContentFile(b"data", name="raw.bin"))
    doc.save(using=using)
    assert doc.attachment.name == "docs/raw.bin"
    assert (tmp_path / "docs" / "raw.bin").read_bytes() == b"data"


def test_empty_file_field_errors(storage):
    doc = app.Document(title="d")
    with pytest.raises(ValueError, match="The 'attachment' attribute has no file associated with it."):
        doc.attachment.url  # noqa: B018


def test_file_field_deconstruct_keeps_storage_callable():
    field = app.Document._meta.get_field("attachment")
    _, path, _, kwargs = field.deconstruct()
    assert path == "django.db.models.FileField"
    assert kwargs == {"upload_to": "docs/", "storage": app.test_storage, "blank": True}


def test_generated_field_definition():
    field = models.GeneratedField(
        expression=models.F("a") + models.F("b"), output_field=models.IntegerField(), db_persist=True
    )
    _, path, _, kwargs = field.deconstruct()
    assert path == "django.db.models.GeneratedField"
    assert kwargs["db_persist"] is True and isinstance(kwargs["output_field"], models.IntegerField)
    assert field.generated and not field.editable
    with pytest.raises(ValueError, match="GeneratedField cannot have a default."):
        models.GeneratedField(
            expression=models.F("a"), output_field=models.IntegerField(), db_persist=True, default=1
        )
