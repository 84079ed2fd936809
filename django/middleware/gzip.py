"""GZipMiddleware: compress responses for clients that accept gzip.

Compression lengths can leak secrets (BREACH); each compressed body gets a
random-length gzip file-name header so that sizes vary between responses.
"""

from __future__ import annotations

import re
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
            original = response.streaming_content
            max_random_bytes = self.max_random_bytes

            async def compressed() -> Any:
                from asgiref.sync import sync_to_async

                parts = [part async for part in original]

                def compress_all() -> list[bytes]:
                    return list(compress_sequence(parts, max_random_bytes=max_random_bytes))

                for chunk in await sync_to_async(compress_all)():
                    yield chunk

            response.streaming_content = compressed()
        else:
            response.streaming_content = compress_sequence(
                response.streaming_content, max_random_bytes=self.max_random_bytes
            )
        del response.headers["Content-Length"]
