"""django.views.static.serve and the static() URL helper."""

import os

import pytest

from django.conf.urls.static import static
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.utils.http import http_date
from django.views.static import serve, was_modified_since

rf = RequestFactory()


@pytest.fixture
def root(tmp_path):
    (tmp_path / "hello.txt").write_text("hello file")
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.css").write_text("a{}")
    (tmp_path / ".hidden").write_text("secret")
    return tmp_path


def test_serves_file_with_type_and_last_modified(root):
    response = serve(rf.get("/"), "hello.txt", document_root=root)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hello file"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Last-Modified"] == http_date(os.stat(root / "hello.txt").st_mtime)
    response.close()


def test_if_modified_since_gives_304(root):
    mtime = os.stat(root / "hello.txt").st_mtime
    request = rf.get("/", headers={"If-Modified-Since": http_date(mtime + 10)})
    assert serve(request, "hello.txt", document_root=root).status_code == 304
    older = rf.get("/", headers={"If-Modified-Since": http_date(mtime - 100)})
    response = serve(older, "hello.txt", document_root=root)
    assert response.status_code == 200
    response.close()


def test_garbage_if_modified_since_serves_the_file():
    assert was_modified_since("not a date", 10) is True
    assert was_modified_since(None, 10) is True


def test_missing_file_is_404(root):
    with pytest.raises(Http404, match="does not exist"):
        serve(rf.get("/"), "nope.txt", document_root=root)


def test_directory_listing_only_when_enabled(root):
    with pytest.raises(Http404, match="Directory indexes are not allowed here."):
        serve(rf.get("/"), "", document_root=root)
    listing = serve(rf.get("/"), "", document_root=root, show_indexes=True).content.decode()
    assert "Index of " in listing
    assert 'href="hello.txt"' in listing and 'href="sub/"' in listing
    assert ".hidden" not in listing


def test_traversal_outside_the_root_is_refused(root):
    with pytest.raises(SuspiciousFileOperation):
        serve(rf.get("/"), "../../etc/passwd", document_root=root / "sub")


def test_static_helper_only_in_debug():
    with override_settings(DEBUG=False):
        assert static("/media/", document_root="/tmp") == []
    with override_settings(DEBUG=True):
        patterns = static("/media/", document_root="/tmp")
        assert len(patterns) == 1
        match = patterns[0].resolve("media/a/b.png")
        assert match.kwargs == {"path": "a/b.png", "document_root": "/tmp"}
        assert static("http://cdn.example.com/", document_root="/tmp") == []
    with pytest.raises(ImproperlyConfigured, match="Empty static prefix not permitted"):
        static("")
