"""HttpRequest: a lazily parsed view of one incoming request."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http.accept import MediaType, parse_accept_header
from django.http.cookie import parse_cookie
from django.http.headerparams import parse_header_parameters
from django.http.querydict import QueryDict, bytes_to_text
from django.utils.datastructures import CaseInsensitiveMapping, ImmutableList, MultiValueDict
from django.utils.functional import cached_property

__all__ = [
    "HttpHeaders",
    "HttpRequest",
    "MediaType",
    "QueryDict",
    "RawPostDataException",
    "UnreadablePostError",
    "bytes_to_text",
    "split_domain_port",
    "validate_host",
    "TooManyFieldsSent",
]

RAISE_ERROR = object()
_HOST_RE = re.compile(r"^(?P<domain>[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::(?P<port>[0-9]+))?$")
_MAX_HOST_LENGTH = 255


class UnreadablePostError(OSError):
    """The request body could not be read (the client went away)."""


class RawPostDataException(Exception):
    """``body`` was asked for after the stream had already been consumed."""


class HttpHeaders(CaseInsensitiveMapping):
    """The request's HTTP headers from META, with case-insensitive names."""

    HTTP_PREFIX = "HTTP_"
    UNPREFIXED_HEADERS = {"CONTENT_TYPE", "CONTENT_LENGTH"}

    def __init__(self, environ: dict[str, Any]) -> None:
        headers = {}
        for key, value in environ.items():
            name = self.parse_header_name(key)
            if name:
                headers[name] = value
        super().__init__(headers)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.replace("_", "-"))

    @classmethod
    def parse_header_name(cls, header: str) -> str | None:
        if header.startswith(cls.HTTP_PREFIX):
            header = header[len(cls.HTTP_PREFIX) :]
        elif header not in cls.UNPREFIXED_HEADERS:
            return None
        return header.replace("_", "-").title()

    @classmethod
    def to_wsgi_name(cls, header: str) -> str:
        header = header.replace("-", "_").upper()
        return header if header in cls.UNPREFIXED_HEADERS else f"{cls.HTTP_PREFIX}{header}"

    @classmethod
    def to_asgi_name(cls, header: str) -> str:
        return header.replace("-", "_").upper()

    @classmethod
    def to_wsgi_names(cls, headers: dict[str, Any]) -> dict[str, Any]:
        return {cls.to_wsgi_name(name): value for name, value in headers.items()}

    @classmethod
    def to_asgi_names(cls, headers: dict[str, Any]) -> dict[str, Any]:
        return {cls.to_asgi_name(name): value for name, value in headers.items()}


def split_domain_port(host: str) -> tuple[str, str]:
    """Split ``host`` into lowercase (domain, port); ('', '') when it is not a valid host."""
    match = _HOST_RE.fullmatch(host.lower())
    if not match:
        return "", ""
    domain, port = match.group("domain"), match.group("port") or ""
    return domain.removesuffix("."), port


def _host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower()
    if pattern.startswith("."):
        return host.endswith(pattern) or host == pattern[1:]
    return host == pattern


def validate_host(host: str, allowed_hosts: list[str]) -> bool:
    """Whether the domain ``host`` is allowed by one of ``allowed_hosts`` ('*' allows all)."""
    if "*" in allowed_hosts:
        return True
    return any(_host_matches(host, pattern) for pattern in allowed_hosts)


# Host header -> split_domain_port() of it: a server sees the same few hosts on every request.
# Bounded, so that hostile Host headers cannot grow it.
_split_hosts: dict[str, tuple[str, str]] = {}


def _split_host_cached(host: str) -> tuple[str, str]:
    try:
        return _split_hosts[host]
    except KeyError:
        pass
    parts = split_domain_port(host) if len(host) <= _MAX_HOST_LENGTH else ("", "")
    if len(_split_hosts) < 64:
        _split_hosts[host] = parts
    return parts


class HttpRequest:
    """A request; the WSGI and ASGI subclasses fill it from the server."""

    _encoding: str | None = None
    _upload_handlers: list | None = None
    _read_started = False
    _stream: Any = None
    # True for server-made requests whose GET/POST/FILES are parsed on demand.
    _lazy_data = False
    non_picklable_attrs = frozenset(["resolver_match", "_stream"])

    def __init__(self) -> None:
        # A bare HttpRequest (tests, tools) starts with mutable, empty data.
        self._get = QueryDict(mutable=True)
        self._post = QueryDict(mutable=True)
        self._cookies: dict[str, str] = {}
        self._files = MultiValueDict()
        self.META: dict[str, Any] = {}
        self.path = ""
        self.path_info = ""
        self.method: str | None = None
        self.resolver_match = None
        self.content_type: str | None = None
        self.content_params: dict[str, str] | None = None

    def __repr__(self) -> str:
        if self.method is None or not self.get_full_path():
            return f"<{self.__class__.__name__}>"
        return f"<{self.__class__.__name__}: {self.method} {self.get_full_path()!r}>"

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in self.non_picklable_attrs}

    # -- lazily parsed data -------------------------------------------------
    def _raw_query_string(self) -> str | bytes:
        return self.META.get("QUERY_STRING", "")

    @property
    def GET(self) -> QueryDict:
        if not hasattr(self, "_get"):
            self._get = QueryDict(self._raw_query_string(), encoding=self._encoding)
        return self._get

    @GET.setter
    def GET(self, value: QueryDict) -> None:
        self._get = value

    @property
    def POST(self) -> QueryDict:
        if not hasattr(self, "_post"):
            self._load_post_and_files()
        return self._post

    @POST.setter
    def POST(self, value: QueryDict) -> None:
        self._post = value

    @property
    def FILES(self) -> MultiValueDict:
        if not hasattr(self, "_files"):
            self._load_post_and_files()
        return self._files

    @FILES.setter
    def FILES(self, value: MultiValueDict) -> None:
        self._files = value

    def _raw_cookie_header(self) -> str:
        return self.META.get("HTTP_COOKIE", "")

    @property
    def COOKIES(self) -> dict[str, str]:
        # getattr, not self.__dict__: touching __dict__ turns the instance's compact attribute
        # storage into a real dict, which slows every later attribute access on the request.
        cookies = getattr(self, "_cookies", None)
        if cookies is None:
            cookies = self._cookies = parse_cookie(self._raw_cookie_header())
        return cookies

    @COOKIES.setter
    def COOKIES(self, value: dict[str, str]) -> None:
        self._cookies = value

    @cached_property
    def headers(self) -> HttpHeaders:
        return HttpHeaders(self.META)

    # -- content negotiation --------------------------------------------------
    @cached_property
    def accepted_types(self) -> list[MediaType]:
        """The Accept header's media ranges, most preferred first."""
        return parse_accept_header(self.headers.get("Accept", "*/*"))

    def accepted_type(self, media_type: str) -> MediaType | None:
        """The most preferred accepted range covering ``media_type``, or None."""
        concrete = MediaType(media_type)
        return next((r for r in self.accepted_types if r.match(concrete)), None)

    def accepts(self, media_type: str) -> bool:
        return self.accepted_type(media_type) is not None

    def get_preferred_type(self, media_types: list[str]) -> str | None:
        """The entry of ``media_types`` the client prefers, or None if it takes none of them."""
        for accepted in self.accepted_types:
            for candidate in media_types:
                if accepted.match(MediaType(candidate)):
                    return candidate
        return None

    # -- content type and encoding --------------------------------------------
    def _set_content_type_params(self, meta: dict[str, Any]) -> None:
        content_type = meta.get("CONTENT_TYPE")
        if not content_type:  # most requests (GET) carry no body and no Content-Type
            self.content_type, self.content_params = "", {}
            return
        self.content_type, self.content_params = parse_header_parameters(content_type)
        charset = self.content_params.get("charset")
        if charset:
            try:
                codecs.lookup(charset)
            except LookupError:
                return
            self.encoding = charset

    @property
    def encoding(self) -> str | None:
        return self._encoding

    @encoding.setter
    def encoding(self, value: str | None) -> None:
        """Changing the encoding makes GET and POST re-decode on next access."""
        self._encoding = value
        if self._lazy_data:
            self.__dict__.pop("_get", None)
            self.__dict__.pop("_post", None)

    @property
    def upload_handlers(self) -> list:
        if self._upload_handlers is None:
            self._initialize_handlers()
        return self._upload_handlers  # type: ignore[return-value]

    @upload_handlers.setter
    def upload_handlers(self, upload_handlers: list) -> None:
        if self._lazy_data and "_files" in self.__dict__:
            raise AttributeError("You cannot set the upload handlers after the upload has been processed.")
        self._upload_handlers = upload_handlers

    def _initialize_handlers(self) -> None:
        from django.core.files.uploadhandler import load_handler

        self._upload_handlers = [load_handler(path, self) for path in settings.FILE_UPLOAD_HANDLERS]

    # -- host, scheme, paths ----------------------------------------------------
    def _get_raw_host(self) -> str:
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in self.META:
            return self.META["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in self.META:
            return self.META["HTTP_HOST"]
        host = self.META["SERVER_NAME"]
        port = self.get_port()
        if port != ("443" if self.is_secure() else "80"):
            host = f"{host}:{port}"
        return host

    def get_host(self) -> str:
        """The validated host (with port); DisallowedHost if ALLOWED_HOSTS refuses it."""
        host = self._get_raw_host()
        allowed = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed:
            allowed = [".localhost", "127.0.0.1", "[::1]"]
        domain, _port = _split_host_cached(host)
        if domain and validate_host(domain, allowed):
            return host
        message = f"Invalid HTTP_HOST header: {host!r}."
        if domain:
            message += f" You may need to add {domain!r} to ALLOWED_HOSTS."
        else:
            message += " The domain name provided is not valid according to RFC 1034/1035."
        raise DisallowedHost(message)

    def get_port(self) -> str:
        if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in self.META:
            return str(self.META["HTTP_X_FORWARDED_PORT"])
        return str(self.META["SERVER_PORT"])

    def get_full_path(self, force_append_slash: bool = False) -> str:
        return self._full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash: bool = False) -> str:
        return self._full_path(self.path_info, force_append_slash)

    def _full_path(self, path: str, force_append_slash: bool) -> str:
        from django.utils.encoding import escape_uri_path, iri_to_uri

        slash = "/" if force_append_slash and not path.endswith("/") else ""
        query = self.META.get("QUERY_STRING", "")
        return f"{escape_uri_path(path)}{slash}{'?' + iri_to_uri(query) if query else ''}"

    def _get_scheme(self) -> str:
        """The scheme the server saw; subclasses override."""
        return "http"

    @property
    def scheme(self) -> str:
        if settings.SECURE_PROXY_SSL_HEADER:
            try:
                header, secure_value = settings.SECURE_PROXY_SSL_HEADER
            except ValueError:
                raise ImproperlyConfigured(
                    "The SECURE_PROXY_SSL_HEADER setting must be a tuple containing two values."
                )
            value = self.META.get(header)
            if value is not None:
                # A proxy chain may send "https, http"; the first hop is the client's.
                return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
        return self._get_scheme()

    def is_secure(self) -> bool:
        return self.scheme == "https"

    @cached_property
    def _current_scheme_host(self) -> str:
        return f"{self.scheme}://{self.get_host()}"

    def build_absolute_uri(self, location: str | None = None) -> str:
        """An absolute URI for ``location`` (default: this request's full path)."""
        from django.utils.encoding import iri_to_uri

        if location is None:
            location = f"//{self.get_full_path()}"
        else:
            location = str(location)
        parts = urlsplit(location)
        if not (parts.scheme and parts.netloc):
            if not parts.scheme and not parts.netloc and location.startswith("/") and "/./" not in parts.path:
                if location.startswith("//"):
                    location = location[2:]
                location = self._current_scheme_host + location
            else:
                location = urljoin(self._current_scheme_host + self.path, location)
        return iri_to_uri(location)

    def get_signed_cookie(
        self, key: str, default: Any = RAISE_ERROR, salt: str = "", max_age: Any = None
    ) -> Any:
        """The cookie's value after checking its signature (BadSignature or ``default`` if bad)."""
        from django.core import signing

        try:
            raw = self.COOKIES[key]
        except KeyError:
            if default is not RAISE_ERROR:
                return default
            raise
        try:
            # The cookie signer is a TimestampSigner (SIGNING_BACKEND), which takes max_age.
            signer: Any = signing.get_cookie_signer(salt=key + salt)
            return signer.unsign(raw, max_age=max_age)
        except signing.BadSignature:
            if default is not RAISE_ERROR:
                return default
            raise

    # -- body ------------------------------------------------------------------
    @property
    def body(self) -> bytes:
        if not hasattr(self, "_body"):
            if self._read_started:
                raise RawPostDataException("You cannot access body after reading from request's data stream")
            self._check_body_size()
            try:
                self._body = self._read_limited()
            except OSError as exc:
                raise UnreadablePostError(*exc.args) from exc
            finally:
                self._stream_close()
            self._stream = BytesIO(self._body)
        return self._body

    def _check_body_size(self) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None:
            return
        try:
            length = int(self.META.get("CONTENT_LENGTH") or 0)
        except (ValueError, TypeError):
            length = 0
        if length > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")

    def _read_limited(self) -> bytes:
        """Read the whole body, but stop past DATA_UPLOAD_MAX_MEMORY_SIZE even without a Content-Length."""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None:
            return self.read()
        chunks: list[bytes] = []
        size = 0
        while chunk := self.read(min(64 * 1024, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        return b"".join(chunks)

    def _stream_close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None and not isinstance(self._stream, BytesIO):
            close()

    def _mark_post_parse_error(self) -> None:
        self._post = QueryDict()
        self._files = MultiValueDict()

    def _load_post_and_files(self) -> None:
        """Parse the body into POST and FILES (only for POST requests)."""
        if self.method != "POST":
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()
            return
        if self._read_started and not hasattr(self, "_body"):
            self._mark_post_parse_error()
            return
        if self.content_type == "multipart/form-data":
            from django.http.multipartparser import MultiPartParserError  # imported with the parser

            data = BytesIO(self._body) if hasattr(self, "_body") else self
            try:
                self._post, self._files = self.parse_file_upload(self.META, data)
            except (MultiPartParserError, TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig):
                self._mark_post_parse_error()
                raise
        elif self.content_type == "application/x-www-form-urlencoded":
            encoding = self._encoding or settings.DEFAULT_CHARSET
            self._post = QueryDict(self.body, encoding=encoding)
            self._files = MultiValueDict()
        else:
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()

    def parse_file_upload(self, META: dict[str, Any], post_data: Any) -> tuple[QueryDict, MultiValueDict]:
        """Run the multipart parser with this request's upload handlers."""
        self.upload_handlers = ImmutableList(  # type: ignore[assignment]
            self.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been processed.",
        )
        from django.http.multipartparser import MultiPartParser  # only multipart bodies need it

        parser = MultiPartParser(META, post_data, self.upload_handlers, self.encoding)
        return parser.parse()

    def close(self) -> None:
        """Close uploaded files (temporary files are deleted)."""
        files = getattr(self, "_files", None)  # not __dict__: see COOKIES
        if files is not None:
            for _name, file_list in files.lists():
                for f in file_list:
                    f.close()

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        self._read_started = True
        try:
            return self._get_stream().read(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def readline(self, *args: Any, **kwargs: Any) -> bytes:
        self._read_started = True
        try:
            return self._get_stream().readline(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def _get_stream(self) -> Any:
        if self._stream is None:
            self._stream = BytesIO(b"")
        return self._stream

    def __iter__(self) -> Iterator[Any]:
        return iter(self.readline, b"")

    def readlines(self) -> list[bytes]:
        return list(self)
