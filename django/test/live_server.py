"""LiveServerTestCase: a real threaded HTTP server on a free port, serving the project to the test."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.core.handlers.wsgi import WSGIHandler, get_path_info
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connections
from django.test.db_testcases import TransactionTestCase
from django.test.utils import modify_settings
from django.utils.functional import classproperty

__all__ = ["LiveServerTestCase", "LiveServerThread", "QuietWSGIRequestHandler"]


class FSFilesHandler(WSGIHandler):
    """Answer requests under a URL prefix with files from a directory; pass the rest on."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.base_url = urlparse(self.get_base_url())
        super().__init__()

    def _should_handle(self, path: str) -> bool:
        # An unset root (MEDIA_ROOT/STATIC_ROOT empty) or a URL on another host serves nothing here;
        # an empty MEDIA_URL reads as "/" and would otherwise swallow every request.
        if not self.get_base_dir() or self.base_url[1] or self.base_url[2] in ("", "/"):
            return False
        return path.startswith(self.base_url[2])

    def file_path(self, url: str) -> str:
        return url2pathname(url.removeprefix(self.base_url[2]))

    def get_response(self, request: Any) -> Any:
        from django.core.handlers.exception import response_for_exception
        from django.http import Http404

        if self._should_handle(request.path):
            try:
                return self.serve(request)
            except Http404 as exc:
                return response_for_exception(request, exc)
        return super().get_response(request)

    def serve(self, request: Any) -> Any:
        from django.views.static import serve

        # Forward slashes keep working on every OS: serve() joins them onto the root.
        return serve(
            request, self.file_path(request.path).replace("\\", "/"), document_root=self.get_base_dir()
        )

    def __call__(self, environ: dict, start_response: Any) -> Any:
        if not self._should_handle(get_path_info(environ)):
            return self.application(environ, start_response)
        return super().__call__(environ, start_response)

    def get_base_dir(self) -> str:
        raise NotImplementedError

    def get_base_url(self) -> str:
        raise NotImplementedError


class _StaticFilesHandler(FSFilesHandler):
    """STATIC_URL from STATIC_ROOT (collected files), like a production web server would."""

    def get_base_dir(self) -> str:
        from django.conf import settings

        return settings.STATIC_ROOT

    def get_base_url(self) -> str:
        from django.conf import settings

        return settings.STATIC_URL or ""


class _MediaFilesHandler(FSFilesHandler):
    """MEDIA_URL from MEDIA_ROOT."""

    def get_base_dir(self) -> str:
        from django.conf import settings

        return settings.MEDIA_ROOT

    def get_base_url(self) -> str:
        from django.conf import settings

        return settings.MEDIA_URL or ""


class QuietWSGIRequestHandler(WSGIRequestHandler):
    """No access log lines in the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LiveServerThread(threading.Thread):
    """Runs the live server; ``is_ready`` is set once it listens (or failed, see ``error``)."""

    server_class = ThreadedWSGIServer

    def __init__(
        self, host: str, static_handler: Any, connections_override: dict | None = None, port: int = 0
    ) -> None:
        self.host = host
        self.port = port
        self.is_ready = threading.Event()
        self.error: BaseException | None = None
        self.static_handler = static_handler
        self.connections_override = connections_override
        super().__init__()

    def run(self) -> None:
        if self.connections_override:
            for alias, conn in self.connections_override.items():
                connections[alias] = conn
        try:
            handler = self.static_handler(_MediaFilesHandler(WSGIHandler()))
            self.httpd = self._create_server(self.connections_override)
            if self.port == 0:
                self.port = self.httpd.server_address[1]
            self.httpd.set_app(handler)
            self.is_ready.set()
            self.httpd.serve_forever()
        except Exception as e:
            self.error = e
            self.is_ready.set()
        finally:
            connections.close_all()

    def _create_server(self, connections_override: dict | None = None) -> Any:
        return self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )

    def terminate(self) -> None:
        if hasattr(self, "httpd"):
            self.httpd.shutdown()
            self.httpd.server_close()
        self.join()


class LiveServerTestCase(TransactionTestCase):
    """A TransactionTestCase with the project served on ``live_server_url`` (for browsers, HTTP clients)."""

    host = "localhost"
    port = 0
    server_thread_class = LiveServerThread
    static_handler: Any = _StaticFilesHandler
    server_thread: LiveServerThread
    _live_server_modified_settings: Any

    @classproperty
    def live_server_url(cls: Any) -> str:
        return f"http://{cls.host}:{cls.server_thread.port}"

    @classproperty
    def allowed_host(cls: Any) -> str:
        return cls.host

    @classmethod
    def _make_connections_override(cls) -> dict:
        override = {}
        for conn in connections.all():
            # An in-memory SQLite database exists only in this connection: share it.
            if conn.vendor == "sqlite" and conn.is_in_memory_db():
                override[conn.alias] = conn
        return override

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._live_server_modified_settings = modify_settings(ALLOWED_HOSTS={"append": cls.allowed_host})
        cls._live_server_modified_settings.enable()
        cls.addClassCleanup(cls._live_server_modified_settings.disable)
        cls._start_server_thread()

    @classmethod
    def _start_server_thread(cls) -> None:
        override = cls._make_connections_override()
        for conn in override.values():
            conn.inc_thread_sharing()
        cls.server_thread = cls._create_server_thread(override)
        cls.server_thread.daemon = True
        cls.server_thread.start()
        cls.addClassCleanup(cls._terminate_thread, override)
        cls.server_thread.is_ready.wait()
        if cls.server_thread.error:
            raise cls.server_thread.error

    @classmethod
    def _create_server_thread(cls, connections_override: dict) -> LiveServerThread:
        return cls.server_thread_class(
            cls.host, cls.static_handler, connections_override=connections_override, port=cls.port
        )

    @classmethod
    def _terminate_thread(cls, override: dict) -> None:
        cls.server_thread.terminate()
        for conn in override.values():
            conn.dec_thread_sharing()
