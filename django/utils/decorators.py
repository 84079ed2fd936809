"""Decorator helpers: method_decorator, middleware-as-decorator, sync/async markers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, update_wrapper, wraps
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction


class classonlymethod(classmethod):
    """A classmethod that refuses to be called on an instance."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is not None:
            raise AttributeError("This method is available only on the class, not on instances.")
        return super().__get__(instance, cls)


def _update_method_wrapper(wrapper: Callable, decorator: Any) -> None:
    # Copy what the decorator adds (e.g. csrf_exempt flags) onto the method wrapper.
    @decorator
    def dummy(*args: Any, **kwargs: Any) -> None:
        pass

    update_wrapper(wrapper, dummy)


def _multi_decorate(decorators: Any, method: Callable) -> Callable:
    """Apply function decorators to a method: each call decorates the bound method."""
    decorators = list(decorators) if hasattr(decorators, "__iter__") else [decorators]

    def _wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = partial(method.__get__(self, type(self)))
        # The first decorator in the list is the outermost, as when stacked with @.
        for dec in reversed(decorators):
            bound = dec(bound)
        return bound(*args, **kwargs)

    for dec in decorators:
        _update_method_wrapper(_wrapper, dec)
    update_wrapper(_wrapper, method)
    if iscoroutinefunction(method):
        markcoroutinefunction(_wrapper)
    return _wrapper


def method_decorator(decorator: Any, name: str = "") -> Callable:
    """Turn a function decorator into a method decorator (or a class decorator with ``name``)."""

    def _dec(obj: Any) -> Any:
        if not isinstance(obj, type):
            return _multi_decorate(decorator, obj)
        if not (name and hasattr(obj, name)):
            raise ValueError(
                "The keyword argument `name` must be the name of a method of the decorated class: "
                f"{obj}. Got '{name}' instead."
            )
        method = getattr(obj, name)
        if not callable(method):
            raise TypeError(f"Cannot decorate '{name}' as it isn't a callable attribute of {obj} ({method}).")
        setattr(obj, name, _multi_decorate(decorator, method))
        return obj

    decorators = decorator if hasattr(decorator, "__iter__") else [decorator]
    _dec.__name__ = "method_decorator(%s)" % ", ".join(
        getattr(d, "__name__", d.__class__.__name__) for d in decorators
    )
    return _dec


def decorator_from_middleware_with_args(middleware_class: type) -> Callable:
    """``cache_page = decorator_from_middleware_with_args(CacheMiddleware)``; call with the middleware's arguments."""
    return make_middleware_decorator(middleware_class)


def decorator_from_middleware(middleware_class: type) -> Callable:
    """A view decorator running ``middleware_class`` (constructed without arguments)."""
    return make_middleware_decorator(middleware_class)()


def make_middleware_decorator(middleware_class: type) -> Callable:
    def _make_decorator(*m_args: Any, **m_kwargs: Any) -> Callable:
        def _decorator(view_func: Callable) -> Callable:
            middleware = middleware_class(view_func, *m_args, **m_kwargs)
            runner = _MiddlewareRunner(middleware, view_func)
            if iscoroutinefunction(view_func):

                async def async_view(request: Any, *args: Any, **kwargs: Any) -> Any:
                    return await runner.run_async(request, args, kwargs)

                return wraps(view_func)(async_view)

            def sync_view(request: Any, *args: Any, **kwargs: Any) -> Any:
                return runner.run(request, args, kwargs)

            return wraps(view_func)(sync_view)

        return _decorator

    return _make_decorator


class _MiddlewareRunner:
    """Runs the old-style hooks of a middleware around one view."""

    def __init__(self, middleware: Any, view_func: Callable) -> None:
        self.middleware = middleware
        self.view_func = view_func

    def _before(self, request: Any, args: tuple, kwargs: dict) -> Any:
        mw = self.middleware
        if hasattr(mw, "process_request"):
            result = mw.process_request(request)
            if result is not None:
                return result
        if hasattr(mw, "process_view"):
            return mw.process_view(request, self.view_func, args, kwargs)
        return None

    def _exception(self, request: Any, exc: Exception) -> Any:
        if hasattr(self.middleware, "process_exception"):
            result = self.middleware.process_exception(request, exc)
            if result is not None:
                return result
        raise exc

    def _after(self, request: Any, response: Any) -> Any:
        mw = self.middleware
        if hasattr(response, "render") and callable(response.render):
            if hasattr(mw, "process_template_response"):
                response = mw.process_template_response(request, response)
            if hasattr(mw, "process_response"):
                # Run process_response after rendering, as the handler would.
                response.add_post_render_callback(lambda rendered: mw.process_response(request, rendered))
            return response
        if hasattr(mw, "process_response"):
            return mw.process_response(request, response)
        return response

    def run(self, request: Any, args: tuple, kwargs: dict) -> Any:
        early = self._before(request, args, kwargs)
        if early is not None:
            return early
        try:
            response = self.view_func(request, *args, **kwargs)
        except Exception as exc:
            return self._exception(request, exc)
        return self._after(request, response)

    async def run_async(self, request: Any, args: tuple, kwargs: dict) -> Any:
        early = self._before(request, args, kwargs)
        if early is not None:
            return early
        try:
            response = await self.view_func(request, *args, **kwargs)
        except Exception as exc:
            return self._exception(request, exc)
        return self._after(request, response)


def sync_and_async_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as usable in both modes."""
    func.sync_capable = True  # type: ignore[attr-defined]
    func.async_capable = True  # type: ignore[attr-defined]
    return func


def sync_only_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as sync-only (the default)."""
    func.sync_capable = True  # type: ignore[attr-defined]
    func.async_capable = False  # type: ignore[attr-defined]
    return func


def async_only_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as async-only."""
    func.sync_capable = False  # type: ignore[attr-defined]
    func.async_capable = True  # type: ignore[attr-defined]
    return func
