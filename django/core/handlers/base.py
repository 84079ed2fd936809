"""BaseHandler: builds the middleware chain once and runs requests through it."""

from __future__ import annotations

import logging
from asyncio import iscoroutine
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync, iscoroutinefunction, sync_to_async

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response, response_for_exception
from django.core.signals import request_finished
from django.utils.deprecation import MiddlewareMixin
from django.utils.module_loading import import_string

logger = logging.getLogger("django.request")


class BaseHandler:
    _view_middleware: list[Callable] = []
    _template_response_middleware: list[Callable] = []
    _exception_middleware: list[Callable] = []
    _middleware_chain: Callable | None = None
    _atomic_aliases: tuple[str, ...] = ()

    def load_middleware(self, is_async: bool = False) -> None:
        """Build the chain from settings.MIDDLEWARE, innermost first, adapting each layer once."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._atomic_aliases = _atomic_request_aliases()
        inner = self._get_response_async if is_async else self._get_response
        handler: Callable = convert_exception_to_response(inner)
        handler_is_async = is_async
        # Outermost-first run of sync hook-style layers whose handler (the next layer) is sync: the
        # chain runs their hooks in one loop instead of two nested calls per layer.
        fusable: list[Any] = []
        for path in reversed(settings.MIDDLEWARE):
            middleware = import_string(path)
            mw_is_async = _choose_mode(middleware, path, handler_is_async)
            try:
                adapted = self.adapt_method_mode(mw_is_async, handler, handler_is_async, name=path)
                instance = middleware(adapted)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG:
                    logger.debug("MiddlewareNotUsed(%r): %s", path, exc)
                continue
            if instance is None:
                raise ImproperlyConfigured(f"Middleware factory {path} returned None.")
            self._collect_hooks(instance, is_async)
            if _is_plain_sync_mixin(instance) and not handler_is_async:
                fusable.append((instance, handler))
            else:
                fusable.clear()
            handler = convert_exception_to_response(instance)
            handler_is_async = mw_is_async
        if fusable and not is_async:
            handler = _fused_chain(fusable[::-1])
        self._middleware_chain = self.adapt_method_mode(is_async, handler, handler_is_async)

    def _collect_hooks(self, instance: Any, is_async: bool) -> None:
        if hasattr(instance, "process_view"):
            self._view_middleware.insert(0, self.adapt_method_mode(is_async, instance.process_view))
        if hasattr(instance, "process_template_response"):
            self._template_response_middleware.append(
                self.adapt_method_mode(is_async, instance.process_template_response)
            )
        if hasattr(instance, "process_exception"):
            # Exception middleware always run synchronously (convert_exception_to_response does).
            self._exception_middleware.append(self.adapt_method_mode(False, instance.process_exception))

    def adapt_method_mode(
        self,
        is_async: bool,
        method: Callable,
        method_is_async: bool | None = None,
        debug: bool = False,
        name: str | None = None,
    ) -> Callable:
        """Wrap ``method`` so it can be called in the wanted mode (sync or async)."""
        if method_is_async is None:
            method_is_async = iscoroutinefunction(method)
        if is_async and not method_is_async:
            return sync_to_async(method, thread_sensitive=True)
        if not is_async and method_is_async:
            return async_to_sync(method)
        return method

    def get_response(self, request: Any) -> Any:
        """Return a response for ``request`` (sync entry point)."""
        _set_urlconf(settings.ROOT_URLCONF)
        response = self._middleware_chain(request)  # type: ignore[misc]
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            _log_response(response, request)
        return response

    async def get_response_async(self, request: Any) -> Any:
        """Return a response for ``request`` (async entry point)."""
        _set_urlconf(settings.ROOT_URLCONF)
        response = await self._middleware_chain(request)  # type: ignore[misc]
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            await sync_to_async(_log_response, thread_sensitive=False)(response, request)
        return response

    def _get_response(self, request: Any) -> Any:
        """Resolve, run view middleware, call the view, apply template-response middleware."""
        callback, callback_args, callback_kwargs = self.resolve_request(request)
        response = None
        for hook in self._view_middleware:
            response = hook(request, callback, callback_args, callback_kwargs)
            if response:
                break
        if response is None:
            view = self.make_view_atomic(callback)
            if _is_async_view(view):
                view = async_to_sync(view)
            try:
                response = view(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        if response is None or iscoroutine(response):
            self.check_response(response, callback)
        if hasattr(response, "render") and callable(response.render):
            for hook in self._template_response_middleware:
                response = hook(request, response)
                self.check_response(response, hook, name=f"{_qualname(hook)}.process_template_response")
            try:
                response = response.render()
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        return response

    async def _get_response_async(self, request: Any) -> Any:
        """The async twin of _get_response: async views run natively, sync ones in a thread."""
        callback, callback_args, callback_kwargs = self.resolve_request(request)
        response = None
        for hook in self._view_middleware:
            response = await hook(request, callback, callback_args, callback_kwargs)
            if response:
                break
        if response is None:
            view = self.make_view_atomic(callback)
            if not _is_async_view(view):
                view = sync_to_async(view, thread_sensitive=True)
            try:
                response = await view(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = await sync_to_async(self.process_exception_by_middleware, thread_sensitive=True)(
                    exc, request
                )
                if response is None:
                    raise
        self.check_response(response, callback)
        if hasattr(response, "render") and callable(response.render):
            for hook in self._template_response_middleware:
                response = await hook(request, response)
                self.check_response(response, hook, name=f"{_qualname(hook)}.process_template_response")
            try:
                if iscoroutinefunction(response.render):
                    response = await response.render()
                else:
                    response = await sync_to_async(response.render, thread_sensitive=True)()
            except Exception as exc:
                response = await sync_to_async(self.process_exception_by_middleware, thread_sensitive=True)(
                    exc, request
                )
                if response is None:
                    raise
        return response

    def resolve_request(self, request: Any) -> Any:
        """Resolve request.path_info (honouring request.urlconf) and set request.resolver_match."""
        urls = _urls_module or _urls()
        if hasattr(request, "urlconf"):
            urls.set_urlconf(request.urlconf)
            resolver = urls.get_resolver(request.urlconf)
        else:
            resolver = urls.get_resolver()
        match = resolver.resolve(request.path_info)
        request.resolver_match = match
        return match

    def check_response(self, response: Any, callback: Any, name: str | None = None) -> None:
        """Refuse a view result that is not a response (None or an unawaited coroutine)."""
        if response is not None and not iscoroutine(response):
            return
        if not name:
            name = _view_name(callback)
        if response is None:
            raise ValueError(f"{name} didn't return an HttpResponse object. It returned None instead.")
        raise ValueError(
            f"{name} didn't return an HttpResponse object. It returned an unawaited coroutine instead. "
            "You may need to add an 'await' into your view."
        )

    def make_view_atomic(self, view: Callable) -> Callable:
        """Wrap the view in a transaction for each database with ATOMIC_REQUESTS."""
        aliases = self._atomic_aliases
        if not aliases:
            return view
        from django.db import transaction

        non_atomic: set[str] = getattr(view, "_non_atomic_requests", set())
        for alias in aliases:
            if alias not in non_atomic:
                if iscoroutinefunction(view):
                    raise RuntimeError("You cannot use ATOMIC_REQUESTS with async views.")
                view = transaction.atomic(using=alias)(view)
        return view

    def process_exception_by_middleware(self, exception: Exception, request: Any) -> Any:
        """Let each process_exception hook answer; None if none of them does."""
        for hook in self._exception_middleware:
            response = hook(request, exception)
            if response:
                return response
        return None


def _choose_mode(middleware: Any, path: str, handler_is_async: bool) -> bool:
    can_sync = getattr(middleware, "sync_capable", True)
    can_async = getattr(middleware, "async_capable", False)
    if not can_sync and not can_async:
        raise RuntimeError(
            f"Middleware {path} must have at least one of sync_capable/async_capable set to True."
        )
    if not handler_is_async and can_sync:
        return False
    return can_async


def _is_plain_sync_mixin(instance: Any) -> bool:
    """A MiddlewareMixin in sync mode whose __call__ is the mixin's own (hooks around get_response)."""
    return (
        isinstance(instance, MiddlewareMixin)
        and type(instance).__call__ is MiddlewareMixin.__call__
        and not instance.async_mode
    )


def _fused_chain(layers: list[tuple[Any, Callable]]) -> Callable:
    """One callable equivalent to the nested layers (outermost first), each wrapped by
    convert_exception_to_response.

    Per layer, as MiddlewareMixin.__call__ does: process_request may answer early (the inner layers
    are skipped, the layer's own process_response still runs); an exception from a layer's hooks
    becomes a response that the outer layers' process_response hooks see.
    """
    befores = [instance._process_request for instance, _ in layers]
    afters = [instance._process_response for instance, _ in layers]
    rest = layers[-1][1]  # what the innermost fused layer wraps (already exception-safe)
    # When that is convert_exception_to_response(x), call x and convert here: one frame less.
    rest_unwrapped = getattr(rest, "converts_exceptions_of", None)
    innermost = len(layers) - 1
    # (layer index, hook) for the process_request hooks that exist, outermost first.
    forward = tuple((index, before) for index, before in enumerate(befores) if before is not None)
    # afters_from[i + 1]: the process_response hooks of layers i..0, innermost first (i = -1: none).
    afters_from = [()] + [
        tuple(after for after in reversed(afters[: index + 1]) if after is not None)
        for index in range(len(layers))
    ]

    def chain(request: Any) -> Any:
        last = innermost  # the innermost layer whose process_response runs
        for index, before in forward:
            try:
                response = before(request)
            except Exception as exc:
                response = response_for_exception(request, exc)
                last = index - 1  # the failing layer's process_response does not run
                break
            if response:
                last = index
                break
        else:
            if rest_unwrapped is None:
                response = rest(request)
            else:
                try:
                    response = rest_unwrapped(request)
                except Exception as exc:
                    response = response_for_exception(request, exc)
        for after in afters_from[last + 1]:
            try:
                response = after(request, response)
            except Exception as exc:
                response = response_for_exception(request, exc)
        return response

    return chain


def _atomic_request_aliases() -> tuple[str, ...]:
    return tuple(alias for alias, conf in settings.DATABASES.items() if conf.get("ATOMIC_REQUESTS"))


# Whether each view callable is a coroutine function, asked once per view instead of per request.
# Bounded: views made per request (rare) must not grow it without limit.
_view_is_async: dict[Any, bool] = {}


def _is_async_view(view: Callable) -> bool:
    try:
        return _view_is_async[view]
    except KeyError:
        pass
    except TypeError:  # an unhashable callable
        return iscoroutinefunction(view)
    is_async = iscoroutinefunction(view)
    if len(_view_is_async) >= 2048:
        _view_is_async.clear()
    _view_is_async[view] = is_async
    return is_async


def _urls() -> Any:
    """django.urls, imported on first use (a higher layer than the handler's own imports)."""
    global _urls_module
    if _urls_module is None:
        import django.urls

        _urls_module = django.urls
    return _urls_module


_urls_module: Any = None


def _qualname(obj: Any) -> str:
    owner = getattr(obj, "__self__", None)
    if owner is not None:
        return owner.__class__.__qualname__
    return getattr(obj, "__qualname__", repr(obj))


def _view_name(callback: Any) -> str:
    if hasattr(callback, "__name__") and not hasattr(callback, "__func__"):
        return f"The view {callback.__module__}.{callback.__qualname__}"
    owner = getattr(callback, "__self__", None) or callback
    cls = owner if isinstance(owner, type) else owner.__class__
    return f"The view {cls.__module__}.{cls.__name__}.__call__"


def _set_urlconf(urlconf: Any) -> None:
    urls = _urls_module or _urls()
    # Writing the context-local costs far more than reading it; most requests find it already set.
    if urls.get_urlconf() != urlconf or not urlconf:
        urls.set_urlconf(urlconf)


def set_script_prefix_once(prefix: str) -> None:
    """set_script_prefix(), skipping the costly context-local write when the prefix is unchanged."""
    urls = _urls_module or _urls()
    if urls.get_script_prefix() != (prefix if prefix.endswith("/") else prefix + "/"):
        urls.set_script_prefix(prefix)


def _log_response(response: Any, request: Any) -> None:
    from django.utils.log import log_response

    log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request)


def reset_urlconf(sender: Any, **kwargs: Any) -> None:
    """Reset the thread's URLconf after each request (request.urlconf must not leak)."""
    urls = _urls_module or _urls()
    if urls.get_urlconf() is not None:
        urls.set_urlconf(None)


reset_urlconf.loop_safe = True  # type: ignore[attr-defined]  # context-local, no I/O
request_finished.connect(reset_urlconf, dispatch_uid="django.core.handlers.base.reset_urlconf")
