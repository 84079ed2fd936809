"""The test client: build requests (RequestFactory) and run them through the handler in-process.

``Client`` and ``AsyncClient`` share everything except the call into the handler:
redirect following is one generator that yields the next request and receives its
response, driven by a plain loop (sync) or an awaiting loop (async).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Generator
from datetime import UTC
from functools import partial, wraps
from http.cookies import SimpleCookie
from io import BytesIO
from typing import Any
from urllib.parse import unquote_to_bytes, urlencode, urljoin, urlsplit

from asgiref.sync import sync_to_async

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import LimitedStream, WSGIRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import got_request_exception, request_finished, request_started
from django.http import HttpHeaders, QueryDict
from django.test import signals
from django.test._encoding import (
    BOUNDARY,
    JSON_CONTENT_TYPE_RE,
    MULTIPART_CONTENT,
    FakePayload,
    encode_body,
    encode_file,
    encode_json,
    encode_multipart,
)
from django.urls import resolve
from django.utils.encoding import force_bytes
from django.utils.functional import SimpleLazyObject

__all__ = [
    "AsyncClient",
    "AsyncRequestFactory",
    "BOUNDARY",
    "Client",
    "FakePayload",
    "MULTIPART_CONTENT",
    "RedirectCycleError",
    "RequestFactory",
    "encode_file",
    "encode_multipart",
]

REDIRECT_STATUS_CODES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 20


class RedirectCycleError(Exception):
    """Following redirects looped or went on for too long."""

    def __init__(self, message: str, last_response: Any) -> None:
        super().__init__(message)
        self.last_response = last_response
        self.redirect_chain = last_response.redirect_chain


def conditional_content_removal(request: Any, response: Any) -> Any:
    """Drop the body where HTTP forbids one (HEAD, 1xx, 204, 304), as a server would."""
    if 100 <= response.status_code < 200 or response.status_code in (204, 304) or request.method == "HEAD":
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
    return response


# The dispatch uids django.db connects close_old_connections with.
_CLOSE_OLD_UIDS = {
    "request_started": "django.db.close_old_start",
    "request_finished": "django.db.close_old_finish",
}


class _ConnectionsKeptOpen:
    """Keep database connections open across test requests (tests run inside transactions)."""

    def __init__(self, signal: Any) -> None:
        self.signal = signal
        self.uid = _CLOSE_OLD_UIDS["request_started" if signal is request_started else "request_finished"]
        self.disconnected = False

    def __enter__(self) -> None:
        if "django.db" in sys.modules:
            self.disconnected = self.signal.disconnect(dispatch_uid=self.uid)

    def __exit__(self, *exc: Any) -> None:
        if self.disconnected:
            from django.db import close_old_connections

            self.signal.connect(close_old_connections, dispatch_uid=self.uid)


class ClientHandler(BaseHandler):
    """A WSGI-like handler that returns the response object itself instead of bytes."""

    def __init__(self, enforce_csrf_checks: bool = True, *args: Any, **kwargs: Any) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        super().__init__(*args, **kwargs)

    def __call__(self, environ: dict) -> Any:
        if self._middleware_chain is None:
            self.load_middleware()
        with _ConnectionsKeptOpen(request_started):
            request_started.send(sender=self.__class__, environ=environ)
        request = WSGIRequest(environ)
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks  # type: ignore[attr-defined]
        response = self.get_response(request)
        return _finish(request, response)


def _asgi_body(scope: dict) -> LimitedStream:
    """The request body file: reads stop at its end, as with a real server's body file
    (request.body reads in chunks and would trip FakePayload's guard otherwise)."""
    payload = scope.pop("_body_file", None) or FakePayload(b"")
    return LimitedStream(payload, len(payload))


class AsyncClientHandler(BaseHandler):
    """The ASGI counterpart of ClientHandler, running the async middleware chain."""

    def __init__(self, enforce_csrf_checks: bool = True, *args: Any, **kwargs: Any) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        super().__init__(*args, **kwargs)

    async def __call__(self, scope: dict) -> Any:
        if self._middleware_chain is None:
            self.load_middleware(is_async=True)
        body_file = _asgi_body(scope)
        with _ConnectionsKeptOpen(request_started):
            await request_started.asend(sender=self.__class__, scope=scope)
        request = ASGIRequest(scope, body_file)
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks  # type: ignore[attr-defined]
        response = await self.get_response_async(request)
        if not response.streaming:
            return await sync_to_async(_finish, thread_sensitive=False)(request, response)
        return _finish(request, response)


def _finish(request: Any, response: Any) -> Any:
    conditional_content_removal(request, response)
    response.wsgi_request = request
    response.asgi_request = request
    if not response.streaming:
        # A real server closes the response after sending it, which sends request_finished.
        with _ConnectionsKeptOpen(request_finished):
            response.close()
    return response


def _query_verb(method: str) -> Any:
    """A factory verb whose ``data`` becomes the query string (GET, HEAD)."""

    def verb(
        self: Any,
        path: str,
        data: Any = None,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        if query_params and data:
            raise ValueError("query_params and data arguments are mutually exclusive.")
        return self.generic(
            method, path, secure=secure, headers=headers, query_params=query_params or data, **extra
        )

    verb.__name__ = verb.__qualname__ = method.lower()
    return verb


def _encode_post(factory: Any, data: Any, content_type: str) -> Any:
    data = encode_json({} if data is None else data, content_type, factory.json_encoder)
    return encode_body(data, content_type)


def _encode_json(factory: Any, data: Any, content_type: str) -> Any:
    return encode_json(data, content_type, factory.json_encoder)


def _encode_nothing(factory: Any, data: Any, content_type: str) -> Any:
    return data


def _body_verb(
    method: str,
    encode: Any,
    data_default: Any = "",
    type_default: str = "application/octet-stream",
) -> Any:
    """A factory verb whose ``data`` is the body, encoded by ``encode`` (POST, OPTIONS, PUT, ...)."""

    def verb(
        self: Any,
        path: str,
        data: Any = data_default,
        content_type: str = type_default,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        body = encode(self, data, content_type)
        return self.generic(
            method,
            path,
            body,
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    verb.__name__ = verb.__qualname__ = method.lower()
    return verb


class RequestFactory:
    """Build requests as a WSGI server would, to call views directly."""

    # How ``headers={...}`` become request keys: HTTP_* environ names here, ASGI names in the async one.
    _header_names = staticmethod(HttpHeaders.to_wsgi_names)

    def __init__(
        self,
        *,
        json_encoder: Any = DjangoJSONEncoder,
        headers: dict | None = None,
        query_params: Any = None,
        **defaults: Any,
    ) -> None:
        self.json_encoder = json_encoder
        self.defaults = defaults
        self.cookies: SimpleCookie = SimpleCookie()
        self.errors = BytesIO()
        if headers:
            self.defaults.update(HttpHeaders.to_wsgi_names(headers))
        if query_params:
            self.defaults["QUERY_STRING"] = urlencode(query_params, doseq=True)

    def _cookie_header(self) -> str:
        return "; ".join(sorted(f"{morsel.key}={morsel.coded_value}" for morsel in self.cookies.values()))

    def _base_environ(self, **request: Any) -> dict:
        return {
            "HTTP_COOKIE": self._cookie_header(),
            "PATH_INFO": "/",
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": FakePayload(b""),
            "wsgi.errors": self.errors,
            "wsgi.multiprocess": True,
            "wsgi.multithread": False,
            "wsgi.run_once": False,
            **self.defaults,
            **request,
        }

    def request(self, **request: Any) -> Any:
        """A request built from the default environ updated with ``request``."""
        return WSGIRequest(self._base_environ(**request))

    def _get_path(self, parsed: Any) -> str:
        path = parsed.path
        # WSGI passes the path as bytes decoded with ISO-8859-1.
        return unquote_to_bytes(path).decode("iso-8859-1")

    get = _query_verb("GET")
    head = _query_verb("HEAD")
    post = _body_verb("POST", _encode_post, None, MULTIPART_CONTENT)
    options = _body_verb("OPTIONS", _encode_nothing)
    put = _body_verb("PUT", _encode_json)
    patch = _body_verb("PATCH", _encode_json)
    delete = _body_verb("DELETE", _encode_json)

    def trace(
        self,
        path: str,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self.generic("TRACE", path, secure=secure, headers=headers, query_params=query_params, **extra)

    def generic(
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str | None = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """A request of any method; ``data`` is the raw body."""
        parsed = urlsplit(str(path))
        body = force_bytes(data, settings.DEFAULT_CHARSET)
        if query_params:
            extra["QUERY_STRING"] = urlencode(query_params, doseq=True)
        if headers:
            extra.update(self._header_names(headers))
        return self._build(method, parsed, body, content_type, secure, extra)

    def _build(
        self, method: str, parsed: Any, body: bytes, ctype: str | None, secure: bool, extra: dict
    ) -> Any:
        """The request of ``generic()`` from its parsed URL and encoded body: a WSGI environ here."""
        environ: dict[str, Any] = {
            "PATH_INFO": self._get_path(parsed),
            "REQUEST_METHOD": method,
            "SERVER_PORT": "443" if secure else "80",
            "wsgi.url_scheme": "https" if secure else "http",
        }
        if body:
            environ.update(
                {
                    "CONTENT_LENGTH": str(len(body)),
                    "CONTENT_TYPE": ctype,
                    "wsgi.input": FakePayload(body),
                }
            )
        environ.update(extra)
        if not environ.get("QUERY_STRING"):
            # The WSGI way: the raw query string as bytes decoded with ISO-8859-1.
            environ["QUERY_STRING"] = parsed.query.encode().decode("iso-8859-1")
        return self.request(**environ)


class AsyncRequestFactory(RequestFactory):
    """Build ASGI requests (an HTTP scope) instead of WSGI environs."""

    _header_names = staticmethod(HttpHeaders.to_asgi_names)

    def _base_scope(self, **request: Any) -> dict:
        return {
            "asgi": {"version": "3.0"},
            "type": "http",
            "http_version": "1.1",
            "client": ["127.0.0.1", 0],
            "server": ("testserver", "80"),
            "scheme": "http",
            "method": "GET",
            "headers": [],
            **self.defaults,
            **request,
        }

    def request(self, **request: Any) -> Any:
        scope = self._base_scope(**request)
        body_file = _asgi_body(scope)
        return ASGIRequest(scope, body_file)

    def _build(
        self, method: str, parsed: Any, body: bytes, ctype: str | None, secure: bool, extra: dict
    ) -> Any:
        """An HTTP scope instead of a WSGI environ."""
        scope: dict[str, Any] = {
            "method": method.upper(),
            "path": self._get_path(parsed),
            "server": ("127.0.0.1", "443" if secure else "80"),
            "scheme": "https" if secure else "http",
            "headers": [(b"host", b"testserver")],
        }
        if body:
            scope["headers"] += [
                (b"content-length", str(len(body)).encode("ascii")),
                (b"content-type", (ctype or "").encode("ascii")),
            ]
            scope["_body_file"] = FakePayload(body)
        query_string = extra.pop("QUERY_STRING", None) or parsed.query
        scope["query_string"] = force_bytes(query_string, "latin-1")
        scope["headers"] += [
            (key.lower().encode("ascii"), force_bytes(value, "latin1"))
            for key, value in extra.items()
            if isinstance(key, str)
        ]
        cookie = self._cookie_header()
        if cookie:
            scope["headers"].append((b"cookie", cookie.encode("latin1")))
        return self.request(**scope)


class _ClientMixin:
    """What Client and AsyncClient share: cookies, exceptions, JSON, redirects, sessions."""

    cookies: SimpleCookie
    raise_request_exception: bool
    exc_info: Any = None
    _handler_class: Any  # ClientHandler or AsyncClientHandler

    def __init__(
        self,
        enforce_csrf_checks: bool = False,
        raise_request_exception: bool = True,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **defaults: Any,
    ) -> None:
        super().__init__(headers=headers, query_params=query_params, **defaults)  # type: ignore[call-arg]
        self.handler = self._handler_class(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info = None
        self.extra = None
        self.headers = None

    def store_exc_info(self, **kwargs: Any) -> None:
        self.exc_info = sys.exc_info()

    def check_exception(self, response: Any) -> None:
        """Re-raise the view's exception in the test, as raise_request_exception asks."""
        if self.exc_info:
            _, exc_value, _ = self.exc_info
            self.exc_info = None
            if self.raise_request_exception:
                raise exc_value

    def _decorate(self, response: Any, request: dict, data: dict, path_info: str, urlconf: Any) -> Any:
        response.client = self
        response.request = request
        response.templates = data.get("templates", [])
        context = data.get("context")
        if context is not None and len(context) == 1:
            context = context[0]
        response.context = context
        response.json = partial(self._parse_json, response)
        response.resolver_match = SimpleLazyObject(lambda: resolve(path_info, urlconf=urlconf))
        if response.cookies:
            self.cookies.update(response.cookies)
            _drop_expired(self.cookies)
        return response

    def _parse_json(self, response: Any, **extra: Any) -> Any:
        if not hasattr(response, "_json"):
            content_type = response.get("Content-Type")
            if not JSON_CONTENT_TYPE_RE.match(content_type or ""):
                raise ValueError(f'Content-Type header is "{content_type}", not "application/json"')
            response._json = json.loads(response.content.decode(response.charset), **extra)
        return response._json

    def _redirects(self, response: Any, data: Any, headers: Any, query_params: Any, extra: dict) -> Generator:
        """Yield (method, path, kwargs) for each redirect hop; receive its response; return the last."""
        response.redirect_chain = []
        while response.status_code in REDIRECT_STATUS_CODES:
            chain = response.redirect_chain
            chain.append((response.url, response.status_code))
            url = urlsplit(response.url)
            if url.scheme:
                extra["wsgi.url_scheme"] = url.scheme
            if url.hostname:
                extra["SERVER_NAME"] = url.hostname
            if url.port:
                extra["SERVER_PORT"] = str(url.port)
            path = url.path or "/"
            if not path.startswith("/"):
                path = urljoin(response.request["PATH_INFO"], path)
            method = "get"
            content_type = None
            if response.status_code in (307, 308):
                # 307 and 308 keep the method and the body.
                method = response.request["REQUEST_METHOD"].lower()
                if method not in ("get", "head"):
                    extra["QUERY_STRING"] = url.query
                    content_type = response.request.get("CONTENT_TYPE")
            else:
                data = QueryDict(url.query)
            kwargs = {"data": data, "headers": headers, "query_params": query_params, **extra}
            if method not in ("get", "head", "trace"):
                kwargs["content_type"] = content_type or "application/octet-stream"
            response = yield method, path, kwargs
            response.redirect_chain = chain
            if chain[-1] in chain[:-1]:
                raise RedirectCycleError("Redirect loop detected.", last_response=response)
            if len(chain) > MAX_REDIRECTS:
                raise RedirectCycleError("Too many redirects.", last_response=response)
        return response

    @property
    def session(self) -> Any:
        """The session of the client's session cookie (a new one if there is none yet)."""
        from importlib import import_module

        engine = import_module(settings.SESSION_ENGINE)
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie:
            return engine.SessionStore(cookie.value)
        session = engine.SessionStore()
        session.save()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return session

    def force_login(self, user: Any, backend: str | None = None) -> None:
        from django.contrib.auth import login  # contrib.auth arrives later
        from django.http import HttpRequest

        backend = backend or settings.AUTHENTICATION_BACKENDS[0]
        user.backend = backend
        request: Any = HttpRequest()
        request.session = self.session
        login(request, user, backend)
        request.session.save()
        self._set_session_cookie(request.session)

    def login(self, **credentials: Any) -> bool:
        from django.contrib.auth import authenticate

        user = authenticate(**credentials)
        if user is None:
            return False
        self.force_login(user, backend=user.backend)
        return True

    def logout(self) -> None:
        from django.contrib.auth import get_user, logout
        from django.http import HttpRequest

        request: Any = HttpRequest()
        if self.session:
            request.session = self.session
            request.user = get_user(request)
        else:
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()
        logout(request)
        self.cookies = SimpleCookie()

    def _set_session_cookie(self, session: Any) -> None:
        name = settings.SESSION_COOKIE_NAME
        self.cookies[name] = session.session_key
        self.cookies[name].update(
            {
                "max-age": None,
                "path": "/",
                "domain": settings.SESSION_COOKIE_DOMAIN,
                "secure": settings.SESSION_COOKIE_SECURE or None,
                "expires": None,
            }
        )


def _drop_expired(cookies: SimpleCookie) -> None:
    """Forget cookies the server expired (max-age 0 or a past date), as a browser does."""
    from datetime import datetime
    from email.utils import parsedate_to_datetime

    now = datetime.now(UTC)
    for key, morsel in list(cookies.items()):
        if str(morsel["max-age"]) == "0":
            del cookies[key]
            continue
        if morsel["expires"]:
            try:
                expires = parsedate_to_datetime(str(morsel["expires"]))
            except (TypeError, ValueError):
                continue
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=UTC)
            if expires <= now:
                del cookies[key]


def _listen(client: Any, data: dict, key: int) -> Any:
    """Connect the template and exception listeners for one request; return a disconnector."""
    from django.test.utils import instrument_template_render

    instrument_template_render()
    template_uid = f"template-render-{key}"
    exception_uid = f"request-exception-{key}"
    signals.template_rendered.connect(
        partial(store_rendered_templates, data), dispatch_uid=template_uid, weak=False
    )
    got_request_exception.connect(client.store_exc_info, dispatch_uid=exception_uid)

    def stop() -> None:
        signals.template_rendered.disconnect(dispatch_uid=template_uid)
        got_request_exception.disconnect(dispatch_uid=exception_uid)

    return stop


class ContextList(list):
    """The contexts of every template a response rendered; ``[key]`` finds the first that has it."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            for subcontext in self:
                if key in subcontext:
                    return subcontext[key]
            raise KeyError(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self.__getitem__(key)
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return any(key in subcontext for subcontext in self)
        return super().__contains__(key)

    def keys(self) -> set:
        return {key for subcontext in self for key in subcontext}


def store_rendered_templates(
    store: dict, signal: Any, sender: Any, template: Any, context: Any, **kwargs: Any
) -> None:
    """Remember each rendered template and a copy of its context (response.templates/.context)."""
    store.setdefault("templates", []).append(template)
    copied = context.flatten() if hasattr(context, "flatten") else dict(context or {})
    store.setdefault("context", ContextList()).append(copied)


def _client_query_verb(name: str, data_default: Any = None) -> Any:
    """A client verb without a body (GET, HEAD, TRACE): the factory's request, then the redirects.

    The same function serves AsyncClient (through ``_awaiting``): there the factory call
    returns a coroutine that the async ``_follow`` awaits.
    """
    factory_verb = getattr(RequestFactory, name)
    # The factory's TRACE takes no data; the client's keeps it for the redirect hops.
    sends_data = name != "trace"

    def verb(
        self: Any,
        path: str,
        data: Any = data_default,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        sent = {"data": data} if sends_data else {}
        response = factory_verb(
            self, path, secure=secure, headers=headers, query_params=query_params, **sent, **extra
        )
        return self._follow(response, follow, data, headers, query_params, extra)

    verb.__name__ = verb.__qualname__ = name
    return verb


def _client_body_verb(
    name: str, data_default: Any = "", type_default: str = "application/octet-stream"
) -> Any:
    """A client verb with a body (POST, OPTIONS, PUT, PATCH, DELETE), as ``_client_query_verb``."""
    factory_verb = getattr(RequestFactory, name)

    def verb(
        self: Any,
        path: str,
        data: Any = data_default,
        content_type: str = type_default,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        response = factory_verb(
            self,
            path,
            data=data,
            content_type=content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )
        return self._follow(response, follow, data, headers, query_params, extra)

    verb.__name__ = verb.__qualname__ = name
    return verb


def _awaiting(sync_verb: Any) -> Any:
    """The coroutine form of a client verb: same signature, awaits what the verb returns."""

    @wraps(sync_verb)
    async def verb(self: Any, *args: Any, **kwargs: Any) -> Any:
        return await sync_verb(self, *args, **kwargs)

    return verb


class Client(_ClientMixin, RequestFactory):
    """Send requests through the full handler and middleware, keeping cookies between them."""

    _handler_class = ClientHandler

    def request(self, **request: Any) -> Any:
        environ = self._base_environ(**request)
        data: dict = {}
        stop = _listen(self, data, id(request))
        try:
            response = self.handler(environ)
        finally:
            stop()
        self.check_exception(response)
        urlconf = getattr(response.wsgi_request, "urlconf", None)
        return self._decorate(response, environ, data, environ["PATH_INFO"], urlconf)

    def _follow(
        self, response: Any, follow: bool, data: Any, headers: Any, query_params: Any, extra: dict
    ) -> Any:
        if not follow:
            return response
        hops = self._redirects(response, data, headers, query_params, dict(extra))
        try:
            method, path, kwargs = next(hops)
            while True:
                method, path, kwargs = hops.send(getattr(self, method)(path, follow=False, **kwargs))
        except StopIteration as done:
            return done.value

    get = _client_query_verb("get")
    post = _client_body_verb("post", None, MULTIPART_CONTENT)
    head = _client_query_verb("head")
    options = _client_body_verb("options")
    put = _client_body_verb("put")
    patch = _client_body_verb("patch")
    delete = _client_body_verb("delete")
    trace = _client_query_verb("trace", data_default="")


class AsyncClient(_ClientMixin, AsyncRequestFactory):
    """The Client for async tests: every method is a coroutine and runs the ASGI path."""

    _handler_class = AsyncClientHandler

    async def request(self, **request: Any) -> Any:  # type: ignore[override]
        if "follow" in request:
            raise NotImplementedError("AsyncClient request methods do not accept the follow parameter.")
        scope = self._base_scope(**request)
        data: dict = {}
        stop = _listen(self, data, id(request))
        try:
            response = await self.handler(scope)
        finally:
            stop()
        self.check_exception(response)
        urlconf = getattr(response.asgi_request, "urlconf", None)
        return self._decorate(response, scope, data, scope["path"], urlconf)

    async def _follow(  # type: ignore[override]
        self, pending: Any, follow: bool, data: Any, headers: Any, query_params: Any, extra: dict
    ) -> Any:
        # ``pending`` is the coroutine of the factory call (the verbs are shared with Client).
        response = await pending
        if not follow:
            return response
        response.request.setdefault("PATH_INFO", response.request.get("path", "/"))
        response.request.setdefault("REQUEST_METHOD", response.request.get("method", "GET"))
        hops = self._redirects(response, data, headers, query_params, dict(extra))
        try:
            method, path, kwargs = next(hops)
            while True:
                for key in ("wsgi.url_scheme", "SERVER_NAME", "SERVER_PORT"):
                    kwargs.pop(key, None)
                nxt = await getattr(self, method)(path, follow=False, **kwargs)
                nxt.request.setdefault("PATH_INFO", nxt.request.get("path", "/"))
                nxt.request.setdefault("REQUEST_METHOD", nxt.request.get("method", "GET"))
                method, path, kwargs = hops.send(nxt)
        except StopIteration as done:
            return done.value

    get = _awaiting(Client.get)
    post = _awaiting(Client.post)
    head = _awaiting(Client.head)
    options = _awaiting(Client.options)
    put = _awaiting(Client.put)
    patch = _awaiting(Client.patch)
    delete = _awaiting(Client.delete)
    trace = _awaiting(Client.trace)
