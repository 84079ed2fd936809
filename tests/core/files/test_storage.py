"""FileSystemStorage, InMemoryStorage, storages / default_storage."""

from __future__ import annotations

import datetime
import os

import pytest

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import (
    FileSystemStorage,
    InMemoryStorage,
    InvalidStorageError,
    Storage,
    StorageHandler,
    default_storage,
    storages,
)
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import override_settings


@pytest.fixture(params=["filesystem", "memory"])
def storage(request, tmp_path):
    if request.param == "filesystem":
        return FileSystemStorage(location=tmp_path, base_url="/media/")
    return InMemoryStorage(location="mem", base_url="/media/")


def test_save_open_size_delete(storage):
    name = storage.save("docs/readme.txt", ContentFile(b"hello"))
    assert name == "docs/readme.txt"
    assert storage.exists(name) and storage.size(name) == 5
    with storage.open(name) as f:
        assert f.read() == b"hello"
    storage.delete(name)
    assert not storage.exists(name)
    storage.delete(name)  # deleting a missing file is fine


def test_name_collision_gets_alternative(storage):
    first = storage.save("a.txt", ContentFile(b"1"))
    second = storage.save("a.txt", ContentFile(b"2"))
    assert first == "a.txt" and second != first
    assert second.startswith("a_") and second.endswith(".txt")


def test_compound_extension_preserved(storage):
    storage.save("x.tar.gz", ContentFile(b"1"))
    assert storage.save("x.tar.gz", ContentFile(b"2")).endswith(".tar.gz")


def test_max_length_truncates(storage):
    storage.save("long_name.txt", ContentFile(b"1"))
    name = storage.save("long_name.txt", ContentFile(b"2"), max_length=16)
    assert len(name) <= 16 and name.endswith(".txt")
    with pytest.raises(SuspiciousFileOperation, match="max_length"):
        storage.save("long_name.txt", ContentFile(b"3"), max_length=9)


def test_listdir(storage):
    storage.save("d/one.txt", ContentFile(b"1"))
    storage.save("d/sub/two.txt", ContentFile(b"2"))
    dirs, files = storage.listdir("d")
    assert sorted(dirs) == ["sub"] and sorted(files) == ["one.txt"]


def test_url(storage):
    assert storage.url("a b/ü.txt") == "/media/a%20b/%C3%BC.txt"


def test_times(storage):
    name = storage.save("t.txt", ContentFile(b"1"))
    for getter in (storage.get_modified_time, storage.get_created_time, storage.get_accessed_time):
        value = getter(name)
        assert isinstance(value, datetime.datetime) and value.tzinfo is not None


@pytest.mark.parametrize("bad", ["../escape.txt", "/etc/passwd", "a/../../b.txt"])
def test_path_traversal_is_refused(storage, bad):
    with pytest.raises(SuspiciousFileOperation):
        storage.save(bad, ContentFile(b"x"))


def test_generate_filename_and_valid_name():
    storage = InMemoryStorage()
    assert storage.generate_filename("dir/my file!.txt") == "dir/my_file.txt"
    with pytest.raises(SuspiciousFileOperation):
        storage.generate_filename("../x.txt")


def test_filesystem_specifics(tmp_path):
    storage = FileSystemStorage(
        location=tmp_path, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )
    name = storage.save("sub/f.txt", SimpleUploadedFile("f.txt", b"data"))
    assert storage.path(name) == str(tmp_path / "sub" / "f.txt")
    assert os.stat(storage.path(name)).st_mode & 0o777 == 0o600
    assert os.stat(tmp_path / "sub").st_mode & 0o777 == 0o700
    with pytest.raises(SuspiciousFileOperation):
        storage.path("../outside")


def test_filesystem_moves_temporary_uploads(tmp_path):
    upload = TemporaryUploadedFile("big.bin", "application/octet-stream", 0, None)
    upload.write(b"x" * 1000)
    upload.flush()
    temp_path = upload.temporary_file_path()
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("big.bin", upload)
    assert (tmp_path / name).read_bytes() == b"x" * 1000
    assert not os.path.exists(temp_path)
    upload.close()  # the moved temp file is gone; closing must not fail


def test_allow_overwrite(tmp_path):
    storage = FileSystemStorage(location=tmp_path, allow_overwrite=True)
    storage.save("same.txt", ContentFile(b"1"))
    assert storage.save("same.txt", ContentFile(b"22")) == "same.txt"
    assert (tmp_path / "same.txt").read_bytes() == b"22"


def test_settings_are_read_lazily(tmp_path):
    storage = FileSystemStorage()
    with override_settings(MEDIA_ROOT=str(tmp_path), MEDIA_URL="/m"):
        assert storage.location == str(tmp_path) and storage.base_url == "/m/"


def test_no_base_url():
    with override_settings(MEDIA_URL=None):
        with pytest.raises(ValueError, match="not accessible via a URL"):
            FileSystemStorage(location="/tmp").url("x")


def test_deconstruct():
    path, args, kwargs = FileSystemStorage(location="/srv").deconstruct()
    assert path == "django.core.files.storage.FileSystemStorage" and kwargs == {"location": "/srv"}


def test_memory_storage_write_mode():
    storage = InMemoryStorage()
    with storage.open("w.txt", "w") as f:
        f.write("written")
    assert storage.open("w.txt", "r").read() == "written"
    with pytest.raises(FileNotFoundError):
        storage.open("missing.txt")


def test_base_storage_is_abstract():
    with pytest.raises(NotImplementedError):
        Storage().exists("x")


def test_storages_handler(tmp_path):
    handler = StorageHandler({"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}})
    assert isinstance(handler["default"], InMemoryStorage) and handler["default"] is handler["default"]
    with pytest.raises(InvalidStorageError, match="Could not find config for 'nope'"):
        handler["nope"]
    configured = StorageHandler(
        {
            "x": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            }
        }
    )
    assert configured["x"].location == str(tmp_path)


def test_default_storage_from_settings():
    assert isinstance(storages["default"], FileSystemStorage)
    assert default_storage.exists is not None


def test_storages_follow_overridden_setting():
    memory = {"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with override_settings(STORAGES=memory):
        assert isinstance(storages["default"], InMemoryStorage)
    assert isinstance(storages["default"], FileSystemStorage)
