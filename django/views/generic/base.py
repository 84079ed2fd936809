"""The class-based view foundation: View, TemplateView and RedirectView."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from django.core.exceptions import ImproperlyConfigured
from django.http import (
    HttpResponse,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.functional import classproperty

logger = logging.getLogger("django.request")


class ContextMixin:
    """Adds ``view`` and ``extra_context`` to the template context."""

    extra_context: dict | None = None

    def get_context_data(self, **kwargs: Any) -> dict:
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class View:
    """Dispatch a request to the method named like its HTTP verb (``get``, ``post``...)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]

    def __init__(self, **kwargs: Any) -> None:
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classproperty
    def view_is_async(cls: Any) -> bool:
        handlers = [
            getattr(cls, method)
            for method in cls.http_method_names
            if method != "options" and hasattr(cls, method)
        ]
        if not handlers:
            return False
        kinds = {iscoroutinefunction(handler) for handler in handlers}
        if len(kinds) > 1:
            raise ImproperlyConfigured(
                f"{cls.__qualname__} HTTP handlers must either be all sync or all async."
            )
        return kinds.pop()

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable:
        """The view function: each request gets a fresh instance built from ``initkwargs``."""
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError(
                    f"The method name {key} is not accepted as a keyword argument to {cls.__name__}()."
                )
            if not hasattr(cls, key):
                raise TypeError(
                    f"{cls.__name__}() received an invalid keyword {key!r}. as_view only accepts "
                    "arguments that are already attributes of the class."
                )

        def view(request: Any, *args: Any, **kwargs: Any) -> Any:
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            if not hasattr(self, "request"):
                raise AttributeError(
                    f"{cls.__name__} instance has no 'request' attribute. Did you override setup() "
                    "and forget to call super()?"
                )
            return self.dispatch(request, *args, **kwargs)

        view.view_class = cls  # type: ignore[attr-defined]
        view.view_initkwargs = initkwargs  # type: ignore[attr-defined]
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.__annotations__ = cls.dispatch.__annotations__
        # Attributes set on dispatch by decorators (csrf_exempt...) belong to the view.
        view.__dict__.update(cls.dispatch.__dict__)
        if cls.view_is_async:
            markcoroutinefunction(view)
        return view

    def setup(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if hasattr(self, "get") and not hasattr(self, "head"):
            self.head = self.get
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        method = request.method.lower()
        if method in self.http_method_names:
            handler = getattr(self, method, self.http_method_not_allowed)
        else:
            handler = self.http_method_not_allowed
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        logger.warning(
            "Method Not Allowed (%s): %s",
            request.method,
            request.path,
            extra={"status_code": 405, "request": request},
        )
        return self._respond(HttpResponseNotAllowed(self._allowed_methods()))

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(self._allowed_methods())
        response.headers["Content-Length"] = "0"
        return self._respond(response)

    def _respond(self, response: Any) -> Any:
        """Return ``response`` as an async view's handlers would (awaitable) or directly."""
        if not self.view_is_async:
            return response

        async def func() -> Any:
            return response

        return func()

    def _allowed_methods(self) -> list[str]:
        return [method.upper() for method in self.http_method_names if hasattr(self, method)]


class TemplateResponseMixin:
    """Render a template into a TemplateResponse."""

    template_name: str | None = None
    template_engine: str | None = None
    response_class: Any = None
    content_type: str | None = None

    def render_to_response(self, context: dict, **response_kwargs: Any) -> Any:
        response_class = self.response_class
        if response_class is None:
            from django.template.response import TemplateResponse

            response_class = TemplateResponse
        response_kwargs.setdefault("content_type", self.content_type)
        return response_class(
            request=self.request,  # type: ignore[attr-defined]
            template=self.get_template_names(),
            context=context,
            using=self.template_engine,
            **response_kwargs,
        )

    def get_template_names(self) -> list[str]:
        if self.template_name is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of 'template_name' or an "
                "implementation of 'get_template_names()'"
            )
        return [self.template_name]


class TemplateView(TemplateResponseMixin, ContextMixin, View):
    """Render ``template_name`` with the URL's keyword arguments in the context."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)


class RedirectView(View):
    """Redirect to ``url`` (``%``-formatted with the URL kwargs) or to a reversed ``pattern_name``."""

    permanent = False
    url: str | None = None
    pattern_name: str | None = None
    query_string = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str | None:
        if self.url:
            url = self.url % kwargs
        elif self.pattern_name:
            url = reverse(self.pattern_name, args=args, kwargs=kwargs)
        else:
            return None
        query = self.request.META.get("QUERY_STRING", "")
        if query and self.query_string:
            url = f"{url}?{query}"
        return url

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        url = self.get_redirect_url(*args, **kwargs)
        if url:
            if self.permanent:
                return HttpResponsePermanentRedirect(url)
            return HttpResponseRedirect(url)
        logger.warning("Gone: %s", request.path, extra={"status_code": 410, "request": request})
        return HttpResponseGone()

    def head(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def put(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def patch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)
