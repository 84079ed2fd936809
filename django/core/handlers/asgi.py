"""The ASGI server interface: ASGIHandler and ASGIRequest."""

from __future__ import annotations

import asyncio
import io
import logging
import tempfile
import types
from collections.abc import Callable, Coroutine, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from typing import Any

from asgiref.sync import AsyncToSync, SyncToAsync, ThreadSensitiveContext, sync_to_async

from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted, RequestDataTooBig
from django.core.handlers import base
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase

logger = logging.getLogger("django.request")


def get_script_prefix(scope: dict[str, Any]) -> str:
    if settings.FORCE_SCRIPT_NAME:
        return settings.FORCE_SCRIPT_NAME
    return scope.get("root_path", "") or ""


class _RequestExecutor(ThreadPoolExecutor):
    """The one thread that runs a request's thread-sensitive sync code, lent from a pool.

    Django's documented semantics need one thread per request for its sync code, not a new thread:
    an idle executor's worker thread is kept and lent to the next request.
    """

    def __init__(self) -> None:
        super().__init__(max_workers=1, thread_name_prefix="django-request")
        self.used = False  # whether the current request ran sync code here
        self._last: Future | None = None

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        self.used = True
        future = super().submit(fn, *args, **kwargs)
        self._last = future
        return future

    def idle(self) -> bool:
        # One worker runs calls in order: when the last one is done, all are.
        return self._last is None or self._last.done()


class _RequestExecutorPool:
    """Idle request executors. A request that leaves work running (a cancelled sync call goes on in
    its thread) does not give its executor back: the next request must not wait behind it."""

    def __init__(self, keep: int = 64) -> None:
        self._idle: list[_RequestExecutor] = []
        self._keep = keep

    def lend(self) -> _RequestExecutor:
        try:
            executor = self._idle.pop()  # list.pop/append are atomic: no lock needed
        except IndexError:
            executor = _RequestExecutor()
        executor.used = False
        return executor

    def give_back(self, executor: _RequestExecutor) -> None:
        if executor.idle() and len(self._idle) < self._keep:
            self._idle.append(executor)
        else:
            executor.shutdown(wait=False)


_request_executors = _RequestExecutorPool()


def _executor_contexts_supported() -> bool:
    """asgiref accepts a caller-owned executor for a thread-sensitive context (newer releases)."""
    try:
        ThreadSensitiveContext(executor=None)  # type: ignore[call-arg]
    except TypeError:
        return False
    return True


_POOLED_THREADS = _executor_contexts_supported()


# The executor lent to the request being handled in this context (cheaper to ask than asgiref's
# per-context executor mapping, which is keyed by weak references).
_current_request_executor: ContextVar[_RequestExecutor | None] = ContextVar(
    "django_request_executor", default=None
)


def _request_thread_started() -> bool:
    """Whether this request's thread-sensitive sync code already has a thread to run in."""
    lent = _current_request_executor.get()
    if lent is not None:
        # Its context hides any outer async_to_sync thread, so only the lent thread counts.
        return lent.used
    if getattr(AsyncToSync.executors, "current", None) is not None:
        return True  # called from inside async_to_sync: sync code runs in that outer thread
    context = SyncToAsync.thread_sensitive_context.get(None)
    if context is None:
        return True
    executor = SyncToAsync.context_to_thread_executor.get(context)
    if executor is None:
        return False
    return getattr(executor, "used", True)


@types.coroutine
def _run_watched(coro: Coroutine, on_first_wait: Callable[[], None]) -> Generator[Any, Any, Any]:
    """Await ``coro`` in the current task, calling ``on_first_wait()`` the first time it waits.

    A view that answers without waiting (most async views) so needs no disconnect listener task;
    once it waits, the listener starts. Values and exceptions pass through as with ``await``.
    """
    value: Any = None
    error: BaseException | None = None
    waited = False
    while True:
        try:
            yielded = coro.send(value) if error is None else coro.throw(error)
        except StopIteration as stop:
            return stop.value
        if not waited:
            waited = True
            on_first_wait()
        value, error = None, None
        try:
            value = yield yielded
        except GeneratorExit:
            coro.close()
            raise
        except BaseException as exc:
            error = exc


class _DisconnectWatcher:
    """Listens for the client going away (started lazily) and then cancels the request's task."""

    def __init__(self, listen: Callable[[], Coroutine]) -> None:
        self._listen = listen
        self._task: asyncio.Task | None = None
        self._owner: asyncio.Task | None = None
        self.disconnected = False

    def start(self) -> None:
        self._owner = asyncio.current_task()
        self._task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        try:
            await self._listen()
        except RequestAborted:
            self.disconnected = True
            if self._owner is not None:
                self._owner.cancel()

    async def stop(self) -> None:
        task = self._task
        if task is None:
            return
        if not task.done():
            task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


def _receivers_for_loop(signal: Any, sender: Any) -> list | None:
    """The receivers to call right on the event loop, or None when sending needs a thread hop.

    Receivers marked ``request_thread_only`` release state of the thread that ran the request's
    sync code; while no such thread exists they have nothing to do and are left out. Receivers
    marked ``loop_safe`` may run on the loop. Anything else (a user's receiver) gets the hop.
    """
    if _request_thread_started():
        return None
    sync_receivers, async_receivers = signal._live_receivers(sender)
    if async_receivers:
        return None
    calls = []
    for receiver in sync_receivers:
        if getattr(receiver, "request_thread_only", False):
            continue
        if not getattr(receiver, "loop_safe", False):
            return None
        calls.append(receiver)
    return calls


def _closes_without_io(response: Any) -> bool:
    """Whether closing ``response`` only closes a request that holds no uploaded files."""
    if type(response).close is not HttpResponseBase.close:
        return False
    for closer in response._resource_closers:
        owner = getattr(closer, "__self__", None)
        if getattr(closer, "__func__", None) is not HttpRequest.close or hasattr(owner, "_files"):
            return False
    return True


async def _close_response(response: Any) -> None:
    """response.close(), on the loop when nothing in it blocks or needs the request's thread."""
    if _closes_without_io(response):
        sender = response._handler_class
        receivers = _receivers_for_loop(signals.request_finished, sender)
        if receivers is not None:
            response._close_resources()
            for receiver in receivers:
                receiver(signal=signals.request_finished, sender=sender)
            return
    await sync_to_async(response.close, thread_sensitive=True)()


class ASGIRequest(HttpRequest):
    """A request built from an ASGI HTTP scope and a spooled body file."""

    _lazy_data = True
    body_receive_timeout = 60

    def __init__(self, scope: dict[str, Any], body_file: Any) -> None:
        self.scope = scope
        self.resolver_match = None
        self._read_started = False
        script_name = get_script_prefix(scope)
        path = scope["path"]
        self.path_info = path[len(script_name) :] if script_name and path.startswith(script_name) else path
        self.path_info = self.path_info or "/"
        self.path = f"{script_name.rstrip('/')}{self.path_info}" if script_name else path
        self.method = scope["method"].upper()
        self._raw_query = scope.get("query_string", b"") or b""
        self.META = self._build_meta(scope, script_name)
        self._set_content_type_params(self.META)
        self._stream = body_file

    def _build_meta(self, scope: dict[str, Any], script_name: str) -> dict[str, Any]:
        query: Any = self._raw_query
        if isinstance(query, bytes):
            try:
                query = query.decode("utf-8")
            except UnicodeDecodeError:
                query = query.decode("latin-1")
        meta: dict[str, Any] = {
            "REQUEST_METHOD": self.method,
            "QUERY_STRING": query,
            "SCRIPT_NAME": script_name,
            "PATH_INFO": self.path_info,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
        }
        client = scope.get("client")
        if client:
            meta["REMOTE_ADDR"], meta["REMOTE_HOST"], meta["REMOTE_PORT"] = client[0], client[0], client[1]
        server = scope.get("server")
        meta["SERVER_NAME"], meta["SERVER_PORT"] = (server[0], str(server[1])) if server else ("unknown", "0")
        for raw_name, raw_value in scope.get("headers", []):
            name = raw_name.decode("latin-1").lower()
            key = {"content-length": "CONTENT_LENGTH", "content-type": "CONTENT_TYPE"}.get(name)
            key = key or "HTTP_" + name.upper().replace("-", "_")
            value = raw_value.decode("latin-1")
            if key in meta:
                separator = "; " if key == "HTTP_COOKIE" else ","
                value = meta[key] + separator + value
            meta[key] = value
        return meta

    def _get_scheme(self) -> str:
        return self.scope.get("scheme") or super()._get_scheme()

    def _raw_query_string(self) -> bytes:
        return self._raw_query

    def _raw_cookie_header(self) -> str:
        return self.META.get("HTTP_COOKIE", "").encode("latin-1", "replace").decode("utf-8", "replace")


class ASGIHandler(base.BaseHandler):
    """The ASGI application for HTTP (and lifespan) connections."""

    request_class = ASGIRequest
    chunk_size = 2**16

    def __init__(self) -> None:
        super().__init__()
        self.load_middleware(is_async=True)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        if not _POOLED_THREADS:
            async with ThreadSensitiveContext():
                await self.handle(scope, receive, send)
            return
        executor = _request_executors.lend()
        token = _current_request_executor.set(executor)
        try:
            async with ThreadSensitiveContext(executor=executor):  # type: ignore[call-arg]
                await self.handle(scope, receive, send)
        finally:
            _current_request_executor.reset(token)
            _request_executors.give_back(executor)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Read the body, build the request, run it while watching for a disconnect."""
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        base.set_script_prefix_once(get_script_prefix(scope))
        receivers = _receivers_for_loop(signals.request_started, self.__class__)
        if receivers is None:
            await sync_to_async(signals.request_started.send, thread_sensitive=True)(
                sender=self.__class__, scope=scope
            )
        else:
            for receiver in receivers:
                receiver(signal=signals.request_started, sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        try:
            if request is None:
                await self.send_response(error_response, send)
                await sync_to_async(error_response.close, thread_sensitive=True)()
                return
            await self._run_until_disconnect(request, receive, send)
        finally:
            body_file.close()

    async def _run_until_disconnect(self, request: Any, receive: Any, send: Any) -> None:
        """Run the request and send the response; if the client goes away meanwhile, cancel it."""
        responses: list[Any] = []

        async def process() -> None:
            response = await self.run_get_response(request)
            responses.append(response)
            await self.send_response(response, send)

        watcher = _DisconnectWatcher(lambda: self.listen_for_disconnect(receive))
        try:
            await _run_watched(process(), watcher.start)
        except asyncio.CancelledError:
            if not watcher.disconnected:
                raise  # cancelled from outside (server shutdown): not ours to swallow
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
        finally:
            await watcher.stop()
        # Closing happens whatever happened above, so request_finished is always sent.
        for response in responses:
            await _close_response(response)

    async def listen_for_disconnect(self, receive: Any) -> None:
        """Wait for the client to go away, then raise RequestAborted."""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise RequestAborted()

    async def run_get_response(self, request: Any) -> Any:
        response = await self.get_response_async(request)
        response._handler_class = self.__class__
        if getattr(response, "file_to_stream", None) is not None:
            response.block_size = self.chunk_size
        return response

    async def read_body(self, receive: Any) -> Any:
        """Collect the body into a spooled file (memory first, disk past FILE_UPLOAD_MAX_MEMORY_SIZE)."""
        message = await receive()
        if message["type"] == "http.disconnect":
            raise RequestAborted()
        if not message.get("more_body", False):
            chunk = message.get("body", b"")
            max_size = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
            if max_size is None or len(chunk) <= max_size:
                return io.BytesIO(chunk)  # the whole body in one message (most requests): in memory
        body_file = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, mode="w+b")
        while True:
            if message["type"] == "http.disconnect":
                body_file.close()
                raise RequestAborted()
            chunk = message.get("body", b"")
            if chunk:
                if getattr(body_file, "_rolled", False):
                    await sync_to_async(body_file.write, thread_sensitive=False)(chunk)
                else:
                    body_file.write(chunk)
            if not message.get("more_body", False):
                break
            message = await receive()
        body_file.seek(0)
        return body_file

    def create_request(self, scope: dict[str, Any], body_file: Any) -> tuple[Any, Any]:
        """(request, None), or (None, an error response) when the scope cannot be read."""
        try:
            return self.request_class(scope, body_file), None
        except UnicodeDecodeError:
            logger.warning("Bad Request (UnicodeDecodeError)", exc_info=True, extra={"status_code": 400})
            return None, HttpResponseBadRequest()
        except RequestDataTooBig:
            return None, HttpResponse("413 Payload too large", status=413)
        except (KeyError, TypeError, ValueError):
            logger.warning("Bad Request (malformed ASGI scope)", exc_info=True, extra={"status_code": 400})
            return None, HttpResponseBadRequest()

    async def send_response(self, response: Any, send: Any) -> None:
        """Send the status line, headers and body (chunked for big or streaming content); the caller closes."""
        headers = [(name.encode("ascii"), value.encode("latin-1")) for name, value in response.items()]
        for morsel in response.cookies.values():
            headers.append((b"Set-Cookie", morsel.OutputString().encode("ascii")))
        await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
        if response.streaming:
            await self._send_streaming(response, send)
        else:
            await self._send_chunks(response.content, send, more_after=False)

    async def _send_streaming(self, response: Any, send: Any) -> None:
        if response.is_async:
            async for part in response.streaming_content:
                await self._send_chunks(part, send, more_after=True)
        else:
            # Pull a sync iterator one item at a time in a thread: streams without blocking the loop.
            iterator = iter(response.streaming_content)
            done: Any = object()
            next_part = sync_to_async(lambda: next(iterator, done), thread_sensitive=True)
            while (part := await next_part()) is not done:
                await self._send_chunks(part, send, more_after=True)
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _send_chunks(self, data: bytes, send: Any, more_after: bool) -> None:
        if not data:
            if not more_after:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        for start in range(0, len(data), self.chunk_size):
            chunk = data[start : start + self.chunk_size]
            last = start + self.chunk_size >= len(data)
            await send({"type": "http.response.body", "body": chunk, "more_body": more_after or not last})
