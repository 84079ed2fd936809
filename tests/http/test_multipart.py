"""The streaming multipart parser: fields, files, handlers, limits and malformed bodies."""

from __future__ import annotations

import base64
import os

import pytest

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.test import override_settings
from tests.http.factories import multipart_body, multipart_request, wsgi_request


def test_fields_and_small_file_in_memory():
    body = multipart_body(
        [("a", "1"), ("a", "2"), ("name", "é")], [("up", "hello.txt", b"hi there", "text/plain")]
    )
    request = multipart_request(body)
    assert request.POST.getlist("a") == ["1", "2"] and request.POST["name"] == "é"
    upload = request.FILES["up"]
    assert isinstance(upload, InMemoryUploadedFile)
    assert (upload.name, upload.size, upload.content_type, upload.read()) == (
        "hello.txt",
        8,
        "text/plain",
        b"hi there",
    )
    with pytest.raises(AttributeError):
        request.POST["x"] = "y"


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=100)
def test_large_upload_spills_to_a_temporary_file():
    content = os.urandom(200_000)
    request = multipart_request(
        multipart_body(files=[("big", "data.bin", content, "application/octet-stream")])
    )
    upload = request.FILES["big"]
    assert isinstance(upload, TemporaryUploadedFile)
    path = upload.temporary_file_path()
    assert os.path.exists(path) and upload.size == len(content)
    assert upload.read() == content
    request.close()
    assert not os.path.exists(path)


def test_boundary_like_bytes_inside_file_are_kept():
    # Partial delimiters (never the whole "\r\n--BoUnDaRy") must survive as data.
    content = b"--BoUnDaR\r\n--BoUnDa\r\n-BoUnDaRy--BoUnDaRy" + b"\r\n" * 5 + b"--BoUnDa"
    request = multipart_request(multipart_body(files=[("f", "x.bin", content, "application/octet-stream")]))
    assert request.FILES["f"].read() == content


def test_chunk_boundaries_do_not_matter():
    class TinyChunks(FileUploadHandler):
        chunk_size = 7

        def new_file(self, *args, **kwargs):
            super().new_file(*args, **kwargs)
            self.data = b""

        def receive_data_chunk(self, raw_data, start):
            assert start == len(self.data)
            self.data += raw_data

        def file_complete(self, file_size):
            return (self.data, file_size)

    content = bytes(range(256)) * 3
    request = multipart_request(
        multipart_body([("x", "y")], [("f", "a.bin", content, "application/octet-stream")])
    )
    request.upload_handlers = [TinyChunks(request)]
    assert request.FILES["f"] == (content, len(content))
    assert request.POST["x"] == "y"


def test_filenames_are_sanitized_and_empty_ones_skipped():
    body = multipart_body(
        files=[
            ("a", "../../etc/passwd", b"x", "text/plain"),
            ("b", "C:\\Users\\me\\doc.txt", b"y", "text/plain"),
            ("c", "", b"", "application/octet-stream"),
            ("d", "..", b"z", "text/plain"),
        ]
    )
    files = multipart_request(body).FILES
    assert files["a"].name == "passwd" and files["b"].name == "doc.txt"
    assert "c" not in files and "d" not in files


def test_rfc2231_filename():
    boundary = "BoUnDaRy"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC.txt\r\n"
        f"Content-Type: text/plain\r\n\r\nx\r\n--{boundary}--\r\n"
    ).encode()
    assert multipart_request(body).FILES["f"].name == "€.txt"


def test_base64_transfer_encoding_for_fields_and_files():
    boundary = "BoUnDaRy"
    encoded = base64.b64encode(b"binary\x00data").decode()
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="t"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        f"{base64.b64encode(b'text').decode()}\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="f"; filename="b.bin"\r\n'
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--{boundary}--\r\n"
    ).encode()
    request = multipart_request(body)
    assert request.POST["t"] == "text"
    assert request.FILES["f"].read() == b"binary\x00data"


def test_parts_without_name_or_form_data_are_ignored():
    boundary = "BoUnDaRy"
    body = (
        f'--{boundary}\r\nContent-Disposition: attachment; name="x"\r\n\r\nignored\r\n'
        f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="k"\r\n\r\nkept\r\n--{boundary}--\r\n'
    ).encode()
    assert multipart_request(body).POST.dict() == {"k": "kept"}


def test_preamble_and_epilogue_are_ignored():
    body = b"preamble text\r\n" + multipart_body([("k", "v")]) + b"epilogue"
    assert multipart_request(body).POST["k"] == "v"


def test_field_charset_from_part_content_type():
    boundary = "BoUnDaRy"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="k"\r\n'
            f"Content-Type: text/plain; charset=latin-1\r\n\r\n"
        ).encode()
        + b"caf\xe9\r\n"
        + f"--{boundary}--\r\n".encode()
    )
    assert multipart_request(body).POST["k"] == "café"


# --- bad input ------------------------------------------------------------------------------


def test_truncated_body_raises_multipart_parser_error():
    body = multipart_body([("k", "v")], [("f", "a.txt", b"x" * 100, "text/plain")])
    request = multipart_request(body[:-30])
    with pytest.raises(MultiPartParserError, match="truncated"):
        request.POST  # noqa: B018
    # After a failure POST and FILES are empty rather than raising again.
    assert request.POST == {} and request.FILES == {}


def test_body_without_any_boundary():
    request = multipart_request(b"just some bytes, no delimiter at all")
    with pytest.raises(MultiPartParserError, match="does not contain its boundary"):
        request.POST  # noqa: B018


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=" + "x" * 71,
        "multipart/form-data; boundary=bad\x00char",
        'multipart/form-data; boundary="ends-with-space "',
    ],
)
def test_missing_or_absurd_boundary(content_type):
    request = wsgi_request("POST", body=b"--x\r\n", content_type=content_type)
    with pytest.raises(MultiPartParserError, match="Invalid boundary"):
        request.POST  # noqa: B018


def test_huge_part_headers_are_refused():
    from django.core.exceptions import SuspiciousMultipartForm

    body = b"--BoUnDaRy\r\nX-Junk: " + b"a" * 100_000 + b"\r\n\r\nv\r\n--BoUnDaRy--\r\n"
    with pytest.raises((SuspiciousMultipartForm, MultiPartParserError)):
        multipart_request(body).POST  # noqa: B018


def test_invalid_content_length_is_refused():
    meta = {"CONTENT_TYPE": "multipart/form-data; boundary=x", "CONTENT_LENGTH": "-5"}
    with pytest.raises(MultiPartParserError, match="Invalid content length"):
        MultiPartParser(meta, None, [], "utf-8")


def test_not_multipart_content_type():
    with pytest.raises(MultiPartParserError, match="Invalid Content-Type"):
        MultiPartParser({"CONTENT_TYPE": "text/plain"}, None, [], "utf-8")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_too_many_fields():
    request = multipart_request(multipart_body([(f"k{i}", "v") for i in range(4)]))
    with pytest.raises(TooManyFieldsSent):
        request.POST  # noqa: B018


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_too_many_files():
    files = [(f"f{i}", f"{i}.txt", b"x", "text/plain") for i in range(3)]
    request = multipart_request(multipart_body(files=files))
    with pytest.raises(TooManyFilesSent):
        request.FILES  # noqa: B018


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_field_data_over_memory_limit_but_files_are_not_counted():
    ok = multipart_request(multipart_body([("k", "v")], [("f", "a.bin", b"x" * 10_000, "text/plain")]))
    assert ok.FILES["f"].size == 10_000
    too_big = multipart_request(multipart_body([("k", "v" * 200)]))
    with pytest.raises(RequestDataTooBig):
        too_big.POST  # noqa: B018


# --- upload handler protocol -------------------------------------------------------------------


class Recorder(FileUploadHandler):
    def __init__(self, request=None, skip=False, stop=None):
        super().__init__(request)
        self.events = []
        self.skip, self.stop = skip, stop

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.events.append(("new", field_name, file_name))
        if self.skip and file_name == "skip.txt":
            raise SkipFile()
        if self.stop is not None and file_name == "stop.txt":
            raise StopUpload(connection_reset=self.stop)

    def receive_data_chunk(self, raw_data, start):
        self.events.append(("chunk", len(raw_data)))

    def file_complete(self, file_size):
        self.events.append(("complete", file_size))
        return None

    def upload_complete(self):
        self.events.append(("upload_complete",))


def test_skip_file_goes_on_with_the_next_one():
    files = [("a", "skip.txt", b"123", "text/plain"), ("b", "keep.txt", b"4567", "text/plain")]
    request = multipart_request(multipart_body(files=files))
    recorder = Recorder(request, skip=True)
    request.upload_handlers = [recorder]
    request.POST  # noqa: B018
    assert ("complete", 4) in recorder.events
    assert ("complete", 3) not in recorder.events
    assert recorder.events[-1] == ("upload_complete",)


@pytest.mark.parametrize("reset", [False, True])
def test_stop_upload_keeps_earlier_fields(reset):
    body = multipart_body(
        [("k", "v")], [("a", "stop.txt", b"1", "text/plain"), ("b", "later.txt", b"2", "text/plain")]
    )
    request = multipart_request(body)
    recorder = Recorder(request, stop=reset)
    request.upload_handlers = [recorder]
    assert request.POST["k"] == "v"
    assert ("new", "b", "later.txt") not in recorder.events


def test_handle_raw_input_can_take_over():
    from django.http import QueryDict
    from django.utils.datastructures import MultiValueDict

    class TakeOver(FileUploadHandler):
        def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
            return QueryDict("taken=1"), MultiValueDict()

    request = multipart_request(multipart_body([("k", "v")]))
    request.upload_handlers = [TakeOver(request)]
    assert request.POST.dict() == {"taken": "1"}


def test_upload_handlers_cannot_change_after_parsing():
    request = multipart_request(multipart_body([("k", "v")]))
    request.POST  # noqa: B018
    with pytest.raises(AttributeError, match="after the upload has been processed"):
        request.upload_handlers = []
    with pytest.raises(AttributeError):
        request.upload_handlers.append(Recorder())


def test_body_read_first_then_files_still_parse():
    request = multipart_request(multipart_body([("k", "v")]))
    raw = request.body
    assert b"k" in raw and request.POST["k"] == "v"


def test_handlers_can_be_inserted_before_parsing():
    class Progress(Recorder):
        def receive_data_chunk(self, raw_data, start):
            super().receive_data_chunk(raw_data, start)
            return raw_data  # pass the data on to the next handler

    request = multipart_request(multipart_body(files=[("f", "a.txt", b"abc", "text/plain")]))
    progress = Progress(request)
    request.upload_handlers.insert(0, progress)
    request.FILES  # noqa: B018
    assert ("chunk", 3) in progress.events
    assert request.FILES["f"].read() == b"abc"  # the default handlers still ran after it


def test_empty_handler_list_means_no_files():
    request = multipart_request(multipart_body([("k", "v")], [("f", "a.txt", b"abc", "text/plain")]))
    request.upload_handlers = []
    assert request.POST["k"] == "v" and "f" not in request.FILES


def test_failing_handler_interrupts_and_temp_file_is_removed(tmp_path):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    class Exploding(FileUploadHandler):
        def receive_data_chunk(self, raw_data, start):
            raise RuntimeError("disk full")

        def file_complete(self, file_size):
            return None

    temp_handler = TemporaryFileUploadHandler()
    interrupted = []
    original = temp_handler.upload_interrupted
    temp_handler.upload_interrupted = lambda: (
        interrupted.append(temp_handler.file.temporary_file_path()),
        original(),
    )
    request = multipart_request(multipart_body(files=[("f", "a.txt", b"abc", "text/plain")]))
    request.upload_handlers = [Exploding(), temp_handler]
    with pytest.raises(RuntimeError, match="disk full"):
        request.FILES  # noqa: B018
    assert interrupted and not os.path.exists(interrupted[0])


def test_file_upload_temp_dir(tmp_path):
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1, FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
        request = multipart_request(multipart_body(files=[("f", "a.txt", b"abcdef", "text/plain")]))
        path = request.FILES["f"].temporary_file_path()
    assert os.path.dirname(path) == str(tmp_path)
    request.close()
