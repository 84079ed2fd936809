"""File, ContentFile, uploaded file classes, locks and file_move_safe."""

from __future__ import annotations

import io
import os

import pytest

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File, locks
from django.core.files.base import ContentFile
from django.core.files.move import file_move_safe
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from django.core.files.utils import validate_file_name


def test_file_wraps_and_reports_size(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello world")
    with open(path, "rb") as fh:
        f = File(fh)
        assert f.name == str(path) and f.size == 11 and len(f) == 11 and bool(f)
        assert f.read(5) == b"hello"
        assert list(f.chunks(chunk_size=4)) == [b"hell", b"o wo", b"rld"]
        assert f.multiple_chunks(chunk_size=4) and not f.multiple_chunks()
    assert f.closed


def test_file_size_from_stream_without_name():
    assert File(io.BytesIO(b"12345")).size == 5


def test_file_line_iteration_handles_all_endings_across_chunks():
    f = File(io.BytesIO(b"one\r\ntwo\rthree\nfour"))
    f.DEFAULT_CHUNK_SIZE = 4
    assert list(f) == [b"one\r\n", b"two\r", b"three\n", b"four"]


def test_file_reopen(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("data")
    f = File(open(path))
    f.close()
    with f.open("r") as reopened:
        assert reopened.read() == "data"
    with pytest.raises(ValueError, match="cannot be reopened"):
        File(_Closed()).open()


class _Closed(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.close()


def test_content_file():
    f = ContentFile(b"bytes", name="b.bin")
    assert f.size == 5 and f.read() == b"bytes" and str(f) == "Raw content" and bool(ContentFile(b""))
    text = ContentFile("tëxt")
    assert text.read() == "tëxt"
    f.write(b"+more")
    assert f.size == 10


def test_uploaded_files():
    simple = SimpleUploadedFile("dir/../evil.txt", b"content", content_type="text/plain")
    assert simple.name == "evil.txt" and simple.size == 7 and simple.content_type == "text/plain"
    assert list(simple.chunks()) == [b"content"] and not simple.multiple_chunks()
    assert repr(simple) == "<SimpleUploadedFile: evil.txt (text/plain)>"
    assert SimpleUploadedFile.from_dict({"filename": "x", "content": b"y"}).read() == b"y"
    long_name = "a" * 300 + ".txt"
    assert UploadedFile(io.BytesIO(), name=long_name).name == "a" * 251 + ".txt"
    mem = InMemoryUploadedFile(io.BytesIO(b"m"), "field", "m.bin", "application/octet-stream", 1, None)
    assert mem.field_name == "field" and mem.open().read() == b"m"


def test_temporary_uploaded_file_is_deleted_on_close():
    f = TemporaryUploadedFile("up.txt", "text/plain", 0, "utf-8")
    f.write(b"temp")
    path = f.temporary_file_path()
    assert path.endswith(".upload.txt") and os.path.exists(path)
    f.close()
    assert not os.path.exists(path)


@pytest.mark.parametrize("name", ["", ".", "..", "/abs/x", "a/../../x"])
def test_validate_file_name_refuses(name):
    with pytest.raises(SuspiciousFileOperation):
        validate_file_name(name, allow_relative_path=True)


def test_validate_file_name_path_elements():
    assert validate_file_name("ok.txt") == "ok.txt"
    assert validate_file_name("dir/ok.txt", allow_relative_path=True) == "dir/ok.txt"
    with pytest.raises(SuspiciousFileOperation, match="path elements"):
        validate_file_name("dir/ok.txt")


def test_locks(tmp_path):
    path = tmp_path / "lock"
    path.write_text("")
    with open(path) as a, open(path) as b:
        assert locks.lock(a, locks.LOCK_EX)
        assert not locks.lock(b, locks.LOCK_EX | locks.LOCK_NB)
        assert locks.unlock(a)
        assert locks.lock(b, locks.LOCK_EX | locks.LOCK_NB)
        locks.unlock(b)


def test_file_move_safe(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.write_bytes(b"payload")
    file_move_safe(str(src), str(dst))
    assert dst.read_bytes() == b"payload" and not src.exists()
    src.write_bytes(b"new")
    with pytest.raises(FileExistsError):
        file_move_safe(str(src), str(dst))
    file_move_safe(str(src), str(dst), allow_overwrite=True)
    assert dst.read_bytes() == b"new"
