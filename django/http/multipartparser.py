"""A streaming multipart/form-data parser feeding Django's upload handlers.

The body is read in chunks and split on the boundary with a small sliding
buffer, so file data goes straight to the handlers and never sits whole in
memory; only ordinary field values are accumulated (bounded by the limits).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousMultipartForm,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http.headerparams import parse_header_parameters
from django.utils.datastructures import MultiValueDict

__all__ = ["MultiPartParser", "MultiPartParserError", "InputStreamExhausted", "TooManyFilesSent"]

# RFC 2046: 1-70 characters from a restricted set, not ending with a space.
_BOUNDARY_RE = re.compile(r"[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]")
MAX_PART_HEADER_SIZE = 64 * 1024
MAX_PREAMBLE_SIZE = 1024 * 1024


class MultiPartParserError(Exception):
    """The multipart body is malformed; the request is answered with 400."""


class InputStreamExhausted(Exception):
    """No more data is available from the request body."""


class _Scanner:
    """Splits a byte stream on ``--boundary`` delimiters, reading as little as needed."""

    def __init__(self, read: Callable[[], bytes], boundary: bytes) -> None:
        self._read = read
        self._buf = bytearray()
        self._eof = False
        self._delimiter = b"--" + boundary
        self._terminator = b"\r\n--" + boundary

    def _fill(self) -> bool:
        if self._eof:
            return False
        data = self._read()
        if not data:
            self._eof = True
            return False
        self._buf += data
        return True

    def _need(self, size: int) -> bool:
        while len(self._buf) < size:
            if not self._fill():
                return False
        return True

    def _truncated(self) -> MultiPartParserError:
        return MultiPartParserError("The multipart body ended before its closing boundary (truncated).")

    def _skip_preamble(self) -> None:
        scanned = 0
        while True:
            idx = self._buf.find(self._delimiter)
            if idx == 0 or (idx > 0 and self._buf[idx - 2 : idx] == b"\r\n"):
                del self._buf[: idx + len(self._delimiter)]
                return
            keep = len(self._delimiter) + 1
            if len(self._buf) > keep:
                scanned += len(self._buf) - keep
                del self._buf[:-keep]
            if scanned > MAX_PREAMBLE_SIZE or not self._fill():
                raise MultiPartParserError("The multipart body does not contain its boundary.")

    def _read_headers(self) -> bytes:
        # After a delimiter: optional whitespace, then CRLF, then header lines.
        while True:
            line_end = self._buf.find(b"\r\n")
            if line_end >= 0:
                break
            if len(self._buf) > MAX_PART_HEADER_SIZE or not self._fill():
                raise self._truncated()
        if self._buf[:line_end].strip(b" \t"):
            raise MultiPartParserError("Unexpected data after a multipart boundary.")
        del self._buf[: line_end + 2]
        while True:
            if self._buf.startswith(b"\r\n"):
                del self._buf[:2]
                return b""
            end = self._buf.find(b"\r\n\r\n")
            if end > MAX_PART_HEADER_SIZE:
                raise SuspiciousMultipartForm("A multipart part's headers are too large.")
            if end >= 0:
                headers = bytes(self._buf[:end])
                del self._buf[: end + 4]
                return headers
            if len(self._buf) > MAX_PART_HEADER_SIZE:
                raise SuspiciousMultipartForm("A multipart part's headers are too large.")
            if not self._fill():
                raise self._truncated()

    def body(self) -> Iterator[bytes]:
        """The current part's data, in pieces, up to the next delimiter."""
        keep = len(self._terminator) - 1
        while True:
            idx = self._buf.find(self._terminator)
            if idx >= 0:
                if idx:
                    yield bytes(self._buf[:idx])
                del self._buf[: idx + len(self._terminator)]
                return
            if len(self._buf) > keep:
                yield bytes(self._buf[:-keep])
                del self._buf[:-keep]
            if not self._fill():
                raise self._truncated()

    def parts(self) -> Iterator[bytes]:
        """Yield each part's raw header block; the caller must consume body() before the next."""
        self._skip_preamble()
        while True:
            if not self._need(2):
                raise self._truncated()
            if self._buf.startswith(b"--"):
                return
            yield self._read_headers()

    def drain(self) -> None:
        while self._fill():
            self._buf.clear()


def _parse_part_headers(raw: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    headers = {}
    for line in raw.decode("utf-8", "replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = parse_header_parameters(value.strip())
    return headers


def sanitize_file_name(file_name: str) -> str | None:
    """Keep only the base name a client sent; None if nothing usable is left."""
    file_name = html.unescape(file_name)
    file_name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    file_name = "".join(char for char in file_name if char.isprintable()).strip()
    return None if file_name in {"", ".", ".."} else file_name


class _Base64Decoder:
    """Decodes base64 arriving in arbitrary pieces."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes) -> bytes:
        data = self._pending + b"".join(data.split())
        usable = len(data) - len(data) % 4
        self._pending = data[usable:]
        try:
            return base64.b64decode(data[:usable])
        except binascii.Error:
            raise MultiPartParserError("Could not decode base64 data.")


class MultiPartParser:
    """Parse a multipart/form-data body into (POST QueryDict, FILES MultiValueDict)."""

    def __init__(
        self, META: dict[str, Any], input_data: Any, upload_handlers: list, encoding: str | None = None
    ):
        content_type = META.get("CONTENT_TYPE", "")
        if not content_type.lower().startswith("multipart/"):
            raise MultiPartParserError(f"Invalid Content-Type: {content_type}")
        _ctype, params = parse_header_parameters(content_type)
        boundary = params.get("boundary")
        if not boundary or not _BOUNDARY_RE.fullmatch(boundary):
            raise MultiPartParserError(f"Invalid boundary in multipart: {boundary!r}")
        try:
            content_length = int(META.get("HTTP_CONTENT_LENGTH", META.get("CONTENT_LENGTH", 0)) or 0)
        except (ValueError, TypeError):
            content_length = 0
        if content_length < 0:
            raise MultiPartParserError(f"Invalid content length: {content_length!r}")
        self._meta = META
        self._boundary = boundary.encode("ascii")
        self._input_data = input_data
        self._upload_handlers = upload_handlers
        self._encoding = encoding or settings.DEFAULT_CHARSET
        self._content_length = content_length
        self._chunk_size = min([2**31 - 4, *(h.chunk_size for h in upload_handlers)])

    def _reader(self) -> Callable[[], bytes]:
        remaining = self._content_length

        def read() -> bytes:
            nonlocal remaining
            if remaining <= 0:
                return b""
            data = self._input_data.read(min(self._chunk_size, remaining))
            remaining -= len(data)
            return data

        return read

    def parse(self) -> tuple[Any, MultiValueDict]:
        from django.core.files.uploadhandler import StopUpload
        from django.http.querydict import QueryDict

        if self._content_length == 0:
            return QueryDict(encoding=self._encoding), MultiValueDict()
        for handler in self._upload_handlers:
            result = handler.handle_raw_input(
                self._input_data, self._meta, self._content_length, self._boundary, self._encoding
            )
            if result is not None:
                return result[0], result[1]
        self._post = QueryDict(mutable=True, encoding=self._encoding)
        self._files = MultiValueDict()
        scanner = _Scanner(self._reader(), self._boundary)
        try:
            self._parse_parts(scanner)
        except StopUpload as exc:
            self._close_files()
            if not exc.connection_reset:
                scanner.drain()
        except BaseException:
            self._close_files()
            raise
        finally:
            for handler in self._upload_handlers:
                handler.upload_complete()
        self._post._mutable = False
        return self._post, self._files

    def _parse_parts(self, scanner: _Scanner) -> None:
        limits = _Limits()
        for raw_headers in scanner.parts():
            headers = _parse_part_headers(raw_headers)
            disposition, params = headers.get("content-disposition", ("", {}))
            body = scanner.body()
            if disposition != "form-data" or "name" not in params:
                _consume(body)
                continue
            field_name = params["name"]
            transfer = headers.get("content-transfer-encoding", ("", {}))[0]
            if "filename" not in params:
                limits.count_field(field_name)
                self._handle_field(field_name, headers, body, transfer, limits)
                continue
            limits.count_file()
            file_name = sanitize_file_name(params["filename"])
            if file_name is None:
                _consume(body)
                continue
            self._handle_file(field_name, file_name, headers, body, transfer)
        scanner.drain()

    def _handle_field(
        self, name: str, headers: dict, body: Iterator[bytes], transfer: str, limits: _Limits
    ) -> Any:
        chunks = []
        for chunk in body:
            limits.add_bytes(len(chunk))
            chunks.append(chunk)
        data = b"".join(chunks)
        if transfer == "base64":
            try:
                data = base64.b64decode(data)
            except binascii.Error:
                pass
        charset = headers.get("content-type", ("", {}))[1].get("charset") or self._encoding
        try:
            value = data.decode(charset, "replace")
        except LookupError:
            value = data.decode(self._encoding, "replace")
        self._post.appendlist(name, value)

    def _handle_file(
        self, field_name: str, file_name: str, headers: dict, body: Iterator[bytes], transfer: str
    ) -> Any:
        from django.core.files.uploadhandler import SkipFile, StopFutureHandlers

        content_type, type_params = headers.get("content-type", ("", {}))
        charset = type_params.pop("charset", None)
        try:
            part_length: int | None = int(headers.get("content-length", ("", {}))[0])
        except ValueError:
            part_length = None
        active = []
        try:
            for handler in self._upload_handlers:
                active.append(handler)
                try:
                    handler.new_file(field_name, file_name, content_type, part_length, charset, type_params)
                except StopFutureHandlers:
                    break
            sizes = self._feed_handlers(active, body, transfer)
        except SkipFile:
            _consume(body)
            return
        except BaseException:
            for handler in self._upload_handlers:
                handler.upload_interrupted()
            raise
        for handler, size in zip(active, sizes):
            uploaded = handler.file_complete(size)
            if uploaded is not None:
                self._files.appendlist(field_name, uploaded)
                break

    def _feed_handlers(self, handlers: list, body: Iterator[bytes], transfer: str) -> list[int]:
        sizes = [0] * len(handlers)
        decoder = _Base64Decoder() if transfer == "base64" else None
        for piece in _rechunk(body, self._chunk_size):
            chunk = decoder.feed(piece) if decoder else piece
            for i, handler in enumerate(handlers):
                length = len(chunk)
                sizes[i] += length
                passed_on = handler.receive_data_chunk(chunk, sizes[i] - length)
                if passed_on is None:
                    break
                chunk = passed_on
        return sizes

    def _close_files(self) -> None:
        for _name, files in self._files.lists():
            for f in files:
                if hasattr(f, "close"):
                    f.close()


class _Limits:
    """Counts fields, files and field bytes against the DATA_UPLOAD_* settings."""

    def __init__(self) -> None:
        self.max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        self.max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        self.max_bytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        self.fields = self.files = self.bytes = 0

    def count_field(self, name: str) -> None:
        self.fields += 1
        if self.max_fields is not None and self.fields > self.max_fields:
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
            )
        self.add_bytes(len(name) + 2)

    def count_file(self) -> None:
        self.files += 1
        if self.max_files is not None and self.files > self.max_files:
            raise TooManyFilesSent("The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.")

    def add_bytes(self, size: int) -> None:
        self.bytes += size
        if self.max_bytes is not None and self.bytes > self.max_bytes:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")


def _consume(iterator: Iterator[Any]) -> None:
    for _ in iterator:
        pass


def _rechunk(pieces: Iterator[bytes], size: int) -> Iterator[bytes]:
    """Re-slice ``pieces`` into chunks of exactly ``size`` bytes (the last may be shorter)."""
    pending = bytearray()
    for piece in pieces:
        pending += piece
        while len(pending) >= size:
            yield bytes(pending[:size])
            del pending[:size]
    if pending:
        yield bytes(pending)
