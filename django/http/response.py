"""The HttpResponse family."""

from __future__ import annotations

import datetime
import io
import json
import os
import time
import warnings
from collections.abc import Iterator
from http import HTTPStatus
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedRedirect
from django.http.headerparams import parse_header_parameters
from django.http.responseheaders import BadHeaderError, ResponseHeaders

_CONTROL_CHARS = frozenset("\r\n\x00")


def _http_date(epoch_seconds: float | None = None) -> str:
    from django.utils.http import http_date

    return http_date(epoch_seconds)


# Looked up per response: a dict is far cheaper than constructing the HTTPStatus member each time.
_REASON_PHRASES = {status.value: status.phrase for status in HTTPStatus}


class HttpResponseBase:
    """Status, headers, cookies and resource handling shared by every response."""

    status_code = 200
    streaming = False

    def __init__(
        self,
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ) -> None:
        self.headers = ResponseHeaders(headers)
        self._charset = charset
        if "content-type" not in self.headers._store:
            # With no Content-Type header yet, the charset is the given one or DEFAULT_CHARSET.
            self.headers["Content-Type"] = (
                content_type or f"text/html; charset={charset or settings.DEFAULT_CHARSET}"
            )
        elif content_type:
            raise ValueError(
                "'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided."
            )
        self._resource_closers: list = []
        self._handler_class = None
        self.cookies: SimpleCookie = SimpleCookie()
        self.closed = False
        if status is not None:
            try:
                self.status_code = int(status)
            except (ValueError, TypeError):
                raise TypeError("HTTP status code must be an integer.")
            if not 100 <= self.status_code <= 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        self._reason_phrase = reason

    @property
    def reason_phrase(self) -> str:
        if self._reason_phrase is not None:
            return self._reason_phrase
        return _REASON_PHRASES.get(self.status_code, "Unknown Status Code")

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        self._reason_phrase = value

    @property
    def charset(self) -> str:
        if self._charset is not None:
            return self._charset
        content_type = self.headers.get("Content-Type", "")
        cached = getattr(self, "_charset_from_header", None)  # not __dict__ (see HttpRequest.COOKIES)
        if cached is not None and cached[0] == content_type:
            return cached[1]
        charset = parse_header_parameters(content_type)[1].get("charset") or settings.DEFAULT_CHARSET
        self._charset_from_header = (content_type, charset)
        return charset

    @charset.setter
    def charset(self, value: str) -> None:
        self._charset = value

    def serialize_headers(self) -> bytes:
        lines = [f"{k}: {v}".encode("latin-1") for k, v in self.headers.items()]
        return b"\r\n".join(lines)

    __bytes__ = serialize_headers

    @property
    def _content_type_for_repr(self) -> str:
        return f', "{self.headers["Content-Type"]}"' if "Content-Type" in self.headers else ""

    # Dictionary-like access to the headers, as documented.
    def __setitem__(self, header: str, value: Any) -> None:
        self.headers[header] = value

    def __delitem__(self, header: str) -> None:
        del self.headers[header]

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def has_header(self, header: str) -> bool:
        return header in self.headers

    __contains__ = has_header

    def items(self) -> Any:
        return self.headers.items()

    def get(self, header: str, alternate: Any = None) -> Any:
        return self.headers.get(header, alternate)

    def setdefault(self, key: str, value: Any) -> None:
        self.headers.setdefault(key, value)

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | float | datetime.timedelta | None = None,
        expires: str | datetime.datetime | None = None,
        path: str = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
    ) -> None:
        """Set a cookie; ``expires`` as a datetime is turned into a Max-Age."""
        self.cookies[key] = value
        morsel = self.cookies[key]
        if isinstance(expires, datetime.datetime):
            if max_age is not None:
                raise ValueError("'expires' and 'max_age' can't be used together.")
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=datetime.UTC)
            delta = expires - datetime.datetime.now(tz=datetime.UTC)
            # Round up: a cookie should not expire a moment too early.
            max_age = max(0, int(delta.total_seconds()) + 1)
            expires = None
        if isinstance(max_age, datetime.timedelta):
            max_age = max_age.total_seconds()
        morsel["expires"] = expires or ""
        if max_age is not None:
            morsel["max-age"] = int(max_age)
            if not expires:
                morsel["expires"] = _http_date(time.time() + max_age)
        for attribute, attr_value in (("path", path), ("domain", domain)):
            if attr_value is not None:
                if _CONTROL_CHARS.intersection(str(attr_value)) or ";" in str(attr_value):
                    raise BadHeaderError(f"Cookie {attribute} can't contain ';' or control characters")
                morsel[attribute] = attr_value
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite:
            if samesite.lower() not in ("lax", "none", "strict"):
                raise ValueError('samesite must be "lax", "none", or "strict".')
            morsel["samesite"] = samesite

    def set_signed_cookie(self, key: str, value: str, salt: str = "", **kwargs: Any) -> None:
        from django.core import signing

        value = signing.get_cookie_signer(salt=key + salt).sign(value)
        self.set_cookie(key, value, **kwargs)

    def delete_cookie(
        self, key: str, path: str = "/", domain: str | None = None, samesite: str | None = None
    ) -> None:
        # Browsers refuse __Secure-/__Host- cookies (and SameSite=None) without Secure.
        secure = key.startswith(("__Secure-", "__Host-")) or bool(samesite and samesite.lower() == "none")
        self.set_cookie(
            key,
            max_age=0,
            path=path,
            domain=domain,
            secure=secure,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            samesite=samesite,
        )

    def make_bytes(self, value: Any) -> bytes:
        """Turn a chunk of content into bytes in the response's charset."""
        if isinstance(value, bytes | memoryview):
            return bytes(value)
        if isinstance(value, str):
            return value.encode(self.charset)
        return str(value).encode(self.charset)

    def close(self) -> None:
        self._close_resources()
        signals.request_finished.send(sender=self._handler_class)

    def _close_resources(self) -> None:
        """close() without request_finished (the ASGI handler sends that itself when it can)."""
        for closer in self._resource_closers:
            try:
                closer()
            except Exception:
                pass
        self._resource_closers.clear()
        self.closed = True

    def write(self, content: Any) -> None:
        raise OSError(f"This {self.__class__.__name__} instance is not writable")

    def flush(self) -> None:
        pass

    def tell(self) -> int:
        raise OSError(f"This {self.__class__.__name__} instance cannot tell its position")

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False

    def writelines(self, lines: Any) -> None:
        raise OSError(f"This {self.__class__.__name__} instance is not writable")


class HttpResponse(HttpResponseBase):
    """A response whose content is held in memory as bytes."""

    streaming = False
    non_picklable_attrs = frozenset(["resolver_match", "client", "request", "templates", "wsgi_request"])

    def __init__(
        self,
        content: Any = b"",
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ) -> None:
        # Spelled out rather than *args/**kwargs: this runs for nearly every response.
        super().__init__(content_type, status, reason, charset, headers)
        self.content = content

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in self.non_picklable_attrs}

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__} status_code={self.status_code}{self._content_type_for_repr}>"

    def serialize(self) -> bytes:
        return self.serialize_headers() + b"\r\n\r\n" + self.content

    __bytes__ = serialize

    @property
    def content(self) -> bytes:
        return b"".join(self._container)

    @content.setter
    def content(self, value: Any) -> None:
        if type(value) is bytes:  # the usual case
            self._container = [value]
            return
        if hasattr(value, "__iter__") and not isinstance(value, bytes | memoryview | str):
            content = b"".join(self.make_bytes(chunk) for chunk in value)
            if hasattr(value, "close"):
                try:
                    value.close()
                except Exception:
                    pass
        else:
            content = self.make_bytes(value)
        self._container = [content]

    @property
    def text(self) -> str:
        """The content decoded with the response's charset."""
        return self.content.decode(self.charset or "utf-8")

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._container)

    def write(self, content: Any) -> None:
        self._container.append(self.make_bytes(content))

    def tell(self) -> int:
        return len(self.content)

    def getvalue(self) -> bytes:
        return self.content

    def writable(self) -> bool:
        return True

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)


class StreamingHttpResponse(HttpResponseBase):
    """A response whose content is an iterator (sync or async), sent as it is produced."""

    streaming = True

    def __init__(self, streaming_content: Any = (), *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__} status_code={self.status_code}{self._content_type_for_repr}>"

    @property
    def content(self) -> bytes:
        raise AttributeError(
            f"This {self.__class__.__name__} instance has no `content` attribute. Use `streaming_content` instead."
        )

    @property
    def text(self) -> str:
        raise AttributeError(
            f"This {self.__class__.__name__} instance has no `text` attribute. Use `streaming_content` instead."
        )

    @property
    def streaming_content(self) -> Any:
        if self.is_async:
            source = self._iterator

            async def encoded() -> Any:
                async for part in source:
                    yield self.make_bytes(part)

            return encoded()
        return map(self.make_bytes, self._iterator)

    @streaming_content.setter
    def streaming_content(self, value: Any) -> None:
        self._set_streaming_content(value)

    def _set_streaming_content(self, value: Any) -> None:
        if hasattr(value, "__aiter__"):
            self.is_async = True
            self._iterator = value.__aiter__()
        else:
            self.is_async = False
            self._iterator = iter(value)
        if hasattr(value, "close"):
            self._resource_closers.append(value.close)
        elif hasattr(value, "aclose"):
            self._resource_closers.append(_closer_for_async(value))

    def __iter__(self) -> Iterator[bytes]:
        if not self.is_async:
            return iter(self.streaming_content)
        warnings.warn(
            "StreamingHttpResponse must consume asynchronous iterators in order to serve them "
            "synchronously. Use a synchronous iterator instead.",
            Warning,
            stacklevel=2,
        )
        from asgiref.sync import async_to_sync

        async def collect() -> list[bytes]:
            return [part async for part in self.streaming_content]

        return iter(async_to_sync(collect)())

    async def __aiter__(self) -> Any:
        if self.is_async:
            async for part in self.streaming_content:
                yield part
            return
        warnings.warn(
            "StreamingHttpResponse must consume synchronous iterators in order to serve them "
            "asynchronously. Use an asynchronous iterator instead.",
            Warning,
            stacklevel=2,
        )
        from asgiref.sync import sync_to_async

        collect: Any = sync_to_async(list, thread_sensitive=True)
        for part in await collect(self.streaming_content):
            yield part

    def getvalue(self) -> bytes:
        return b"".join(self.streaming_content)


def _closer_for_async(value: Any) -> Any:
    def close() -> None:
        from asgiref.sync import async_to_sync

        async_to_sync(value.aclose)()

    return close


class FileResponse(StreamingHttpResponse):
    """Stream a file-like object, filling in Content-Type/Length/Disposition."""

    block_size = 4096

    def __init__(self, *args: Any, as_attachment: bool = False, filename: str = "", **kwargs: Any) -> None:
        self.as_attachment = as_attachment
        self.filename = filename
        self._no_explicit_content_type = "content_type" not in kwargs or kwargs["content_type"] is None
        super().__init__(*args, **kwargs)

    def _set_streaming_content(self, value: Any) -> None:
        if not hasattr(value, "read"):
            self.file_to_stream = None
            return super()._set_streaming_content(value)
        self.file_to_stream = filelike = value
        if hasattr(filelike, "close"):
            self._resource_closers.append(filelike.close)
        self.set_headers(filelike)
        super()._set_streaming_content(iter(lambda: filelike.read(self.block_size), b""))
        # The lambda iterator has no close(); the file's closer was registered above.

    def _file_length(self, filelike: Any) -> int | None:
        if hasattr(filelike, "getbuffer"):
            return filelike.getbuffer().nbytes - filelike.tell()
        name = getattr(filelike, "name", None)
        if isinstance(name, str | bytes | os.PathLike):
            try:
                return os.path.getsize(name) - filelike.tell()
            except (OSError, ValueError):
                pass
        if hasattr(filelike, "seek") and hasattr(filelike, "tell"):
            try:
                start = filelike.tell()
                end = filelike.seek(0, io.SEEK_END)
                filelike.seek(start)
                return end - start
            except (AttributeError, OSError, io.UnsupportedOperation):
                return None
        return None

    def set_headers(self, filelike: Any) -> None:
        """Set Content-Length, Content-Type and Content-Disposition from the file."""
        length = self._file_length(filelike)
        if length is not None:
            self.headers["Content-Length"] = length
        name = getattr(filelike, "name", "")
        name = name if isinstance(name, str) else ""
        filename = os.path.basename(self.filename or name)
        if self._no_explicit_content_type:
            self.headers["Content-Type"] = _guess_content_type(filename)
        from django.utils.http import content_disposition_header

        disposition = content_disposition_header(self.as_attachment, filename)
        if disposition:
            self.headers["Content-Disposition"] = disposition


def _guess_content_type(filename: str) -> str:
    if not filename:
        return "application/octet-stream"
    import mimetypes  # only file responses need it (its tables load on first use)

    content_type, encoding = mimetypes.guess_type(filename)
    compressed = {"bzip2": "application/x-bzip", "gzip": "application/gzip", "xz": "application/x-xz"}
    content_type = compressed.get(encoding or "", content_type)
    return content_type or "application/octet-stream"


class HttpResponseRedirectBase(HttpResponse):
    allowed_schemes = ["http", "https", "ftp"]
    status_code_preserve_request = 307
    max_url_length = 2048

    def __init__(self, redirect_to: Any, *args: Any, preserve_request: bool = False, **kwargs: Any) -> None:
        from django.utils.encoding import iri_to_uri

        super().__init__(*args, **kwargs)
        target = str(redirect_to)
        if len(target) > self.max_url_length:
            raise DisallowedRedirect(f"Unsafe redirect exceeding {self.max_url_length} characters")
        scheme = urlsplit(target).scheme
        if scheme and scheme not in self.allowed_schemes:
            raise DisallowedRedirect(f"Unsafe redirect to URL with protocol '{scheme}'")
        self["Location"] = iri_to_uri(target)
        if preserve_request:
            self.status_code = self.status_code_preserve_request

    url = property(lambda self: self["Location"])

    def __repr__(self) -> str:
        return f'<{self.__class__.__name__} status_code={self.status_code}{self._content_type_for_repr}, url="{self.url}">'


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302
    status_code_preserve_request = 307


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301
    status_code_preserve_request = 308


class HttpResponseNotModified(HttpResponse):
    status_code = 304

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self["content-type"]

    @HttpResponse.content.setter  # type: ignore[attr-defined]
    def content(self, value: Any) -> None:
        if value:
            raise AttributeError("You cannot set content to a 304 (Not Modified) response")
        self._container = []


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    status_code = 405

    def __init__(self, permitted_methods: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__name__} [{self['Allow']}] status_code={self.status_code}"
            f"{self._content_type_for_repr}>"
        )


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class Http404(Exception):
    """Raise in a view to answer 404 Not Found."""


_DEFAULT_ENCODER = object()


class JsonResponse(HttpResponse):
    """Serialize ``data`` to JSON (DjangoJSONEncoder by default); only dicts unless ``safe=False``."""

    def __init__(
        self,
        data: Any,
        encoder: Any = _DEFAULT_ENCODER,
        safe: bool = True,
        json_dumps_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the safe parameter to False."
            )
        if encoder is _DEFAULT_ENCODER:
            from django.core.serializers.json import DjangoJSONEncoder

            encoder = DjangoJSONEncoder
        kwargs.setdefault("content_type", "application/json")
        super().__init__(content=json.dumps(data, cls=encoder, **(json_dumps_params or {})), **kwargs)
