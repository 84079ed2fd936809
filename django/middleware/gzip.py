"""GZipMiddleware: compress responses for clients that accept gzip.

Compression lengths can leak secrets (BREACH); each compressed body gets a
random-length gzip file-name header so that sizes vary between responses.
"""

from __future__ import annotations

import re
import secrets
import struct
import zlib
from typing import Any

from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.text import compress_sequence, compress_string

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class GZipMiddleware(MiddlewareMixin):
    max_random_bytes = 100

    def process_response(self, request: Any, response: Any) -> Any:
        if not response.streaming and len(response.content) < 200:
            return response
        if response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        if response.streaming:
            self._compress_stream(response)
        else:
            compressed = compress_string(response.content, max_random_bytes=self.max_random_bytes)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # The body changed, so a strong validator would lie.
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

    def _compress_stream(self, response: Any) -> None:
        if response.is_async:
            response.streaming_content = _gzip_async(response.streaming_content, self.max_random_bytes)
        else:
            response.streaming_content = compress_sequence(
                response.streaming_content, max_random_bytes=self.max_random_bytes
            )
        del response.headers["Content-Length"]


def _gzip_header(max_random_bytes: int) -> bytes:
    # FNAME flag set; a random-length name varies the output size (BREACH mitigation).
    name = secrets.token_hex(max_random_bytes)[: secrets.randbelow(max_random_bytes) + 1].encode()
    return b"\x1f\x8b\x08\x08" + b"\x00\x00\x00\x00" + b"\x00\xff" + name + b"\x00"


async def _gzip_async(parts: Any, max_random_bytes: int) -> Any:
    """Gzip an async iterator incrementally: each part is compressed and flushed as it comes."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    crc, size = 0, 0
    yield _gzip_header(max_random_bytes)
    async for part in parts:
        crc, size = zlib.crc32(part, crc), size + len(part)
        data = compressor.compress(part) + compressor.flush(zlib.Z_SYNC_FLUSH)
        if data:
            yield data
    yield compressor.flush() + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
