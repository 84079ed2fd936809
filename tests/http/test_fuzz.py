"""Property tests: hostile input to the parsers gives a result or a documented error, never a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import QueryDict, parse_cookie
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from tests.http.factories import multipart_body

BOUNDARY = "BoUnDaRy"
META = {"CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}"}


class Collect(FileUploadHandler):
    """Keeps files in memory whatever their size, with a configurable chunk size."""

    def __init__(self, chunk_size):
        super().__init__()
        self.chunk_size = chunk_size

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.data = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        self.data.write(raw_data)

    def file_complete(self, file_size):
        return (self.file_name, self.data.getvalue())


def parse(body, chunk_size=64 * 1024):
    meta = {**META, "CONTENT_LENGTH": str(len(body))}
    return MultiPartParser(meta, io.BytesIO(body), [Collect(chunk_size)], "utf-8").parse()


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_multipart_parser(body):
    try:
        parse(body)
    except (MultiPartParserError, SuspiciousOperation):
        pass


text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='"\r\n\\'), max_size=30)


@settings(max_examples=100, deadline=None)
@given(
    fields=st.lists(st.tuples(text.filter(bool), text), max_size=5),
    content=st.binary(max_size=3000),
    chunk_size=st.integers(min_value=1, max_value=300),
)
def test_result_does_not_depend_on_chunk_size(fields, content, chunk_size):
    body = multipart_body(fields, [("f", "data.bin", content, "application/octet-stream")], boundary=BOUNDARY)
    post, files = parse(body, chunk_size=chunk_size)
    assert sorted(post.lists()) == sorted(
        (k, [v for kk, v in fields if kk == k]) for k in dict.fromkeys(k for k, _ in fields)
    )
    assert files["f"] == ("data.bin", content)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=1, max_value=399))
def test_truncation_anywhere_is_a_parser_error(content, cut):
    # (An empty body is a valid empty form, so at least one byte is kept.)
    body = multipart_body(
        [("k", "v")], [("f", "a.bin", content, "application/octet-stream")], boundary=BOUNDARY
    )
    truncated = body[: min(cut, len(body) - 3)]
    try:
        parse(truncated)
    except (MultiPartParserError, SuspiciousOperation):
        return
    raise AssertionError("a truncated body was accepted")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_cookie_parser_accepts_anything(header):
    assert isinstance(parse_cookie(header), dict)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_query_strings_parse_or_hit_the_field_limit(query):
    q = QueryDict(query)
    assert all(isinstance(k, str) for k in q)
