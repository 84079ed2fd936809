"""WSGI/ASGI wrappers serving STATIC_URL from the finders (runserver, live server tests)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler


class StaticFilesHandlerMixin:
    handles_files = True
    application: Any
    base_url: Any

    def load_middleware(self, *args: Any, **kwargs: Any) -> None:
        # Static files are served without the project's middleware.
        pass

    def get_base_url(self) -> str:
        from django.conf import settings
        from django.contrib.staticfiles.utils import check_settings

        check_settings()
        return settings.STATIC_URL

    def _should_handle(self, path: str) -> bool:
        """Only relative STATIC_URLs (no host) are served, and only below them."""
        return path.startswith(self.base_url[2]) and not self.base_url[1]

    def file_path(self, url: str) -> str:
        relative_url = url.removeprefix(self.base_url[2])
        return url2pathname(relative_url)

    def serve(self, request: Any) -> Any:
        from django.contrib.staticfiles.views import serve

        return serve(request, self.file_path(request.path), insecure=True)

    def get_response(self, request: Any) -> Any:
        from django.core.handlers.exception import response_for_exception
        from django.http import Http404

        try:
            return self.serve(request)
        except Http404 as exc:
            return response_for_exception(request, exc)

    async def get_response_async(self, request: Any) -> Any:
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.get_response, thread_sensitive=False)(request)


class StaticFilesHandler(StaticFilesHandlerMixin, WSGIHandler):
    """Wraps a WSGI application; requests under STATIC_URL are answered from the finders."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.base_url = urlparse(self.get_base_url())
        super().__init__()

    def __call__(self, environ: dict, start_response: Any) -> Any:
        from django.core.handlers.wsgi import get_path_info

        if not self._should_handle(get_path_info(environ)):
            return self.application(environ, start_response)
        return super().__call__(environ, start_response)


class ASGIStaticFilesHandler(StaticFilesHandlerMixin, ASGIHandler):
    """The ASGI counterpart of StaticFilesHandler."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.base_url = urlparse(self.get_base_url())

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self._should_handle(scope["path"]):
            return await super().__call__(scope, receive, send)
        return await self.application(scope, receive, send)
