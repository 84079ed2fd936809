"""BaseHandler.load_middleware: built once, adapted once per layer, hooks precomputed."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync, iscoroutinefunction

from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from tests.core.handlers import middleware
from tests.http.factories import call_wsgi, make_environ

MW = "tests.core.handlers.middleware."
URLS = "tests.core.handlers.urls"


def handler_with(*names, is_async=False):
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[MW + n for n in names]):
        handler = BaseHandler()
        handler.load_middleware(is_async=is_async)
    return handler


def wsgi_run(names, path="/hello/", query=""):
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[MW + n for n in names]):
        return call_wsgi(WSGIHandler(), make_environ(path=path, query=query))


def test_chain_is_built_once_not_per_request():
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[MW + "sync_mw", MW + "HooksMiddleware"]):
        handler = WSGIHandler()
        for _ in range(3):
            call_wsgi(handler, make_environ(path="/hello/"))
    assert middleware.constructed == ["hooks", "sync"]


def test_order_outer_to_inner_and_headers():
    status, headers, body = wsgi_run(["sync_mw", "async_mw", "both_mw"])
    assert status == "200 OK"
    # The innermost layer sees a sync view handler, so the dual-mode middleware stays sync;
    # the async-only layer above it is the one that gets adapted.
    assert middleware.log == ["sync in (async=False)", "async in", "both in sync"]
    assert ("X-Sync", "1") in headers and ("X-Async", "1") in headers


def test_sync_handler_keeps_sync_capable_layers_sync():
    handler = handler_with("sync_mw", "both_mw")
    assert not iscoroutinefunction(handler._middleware_chain)
    assert middleware.constructed == ["both", "sync"]


def test_async_handler_keeps_async_capable_layers_async():
    handler = handler_with("both_mw", "async_mw", is_async=True)
    assert iscoroutinefunction(handler._middleware_chain)


def test_hooks_are_precomputed():
    handler = handler_with("HooksMiddleware", "sync_mw")
    assert len(handler._view_middleware) == 1
    assert len(handler._exception_middleware) == 1
    assert len(handler._template_response_middleware) == 1


def test_process_view_can_short_circuit():
    _, _, body = wsgi_run(["HooksMiddleware"], query="short=view")
    assert body == b"short-circuit by process_view"
    assert middleware.log == ["process_view hello"]


def test_process_exception_can_answer():
    status, _, body = wsgi_run(["HooksMiddleware"], path="/500/", query="handle=1")
    assert status.startswith("418") and body == b"handled boom"
    status, _, _ = wsgi_run(["HooksMiddleware"], path="/500/")
    assert status.startswith("500")
    assert middleware.log[-1] == "process_exception ValueError"


def test_template_response_hook_runs_before_render():
    _, headers, body = wsgi_run(["HooksMiddleware"], path="/template/")
    assert body == b"rendered" and ("X-Template-Hook", "1") in headers
    assert "process_template_response" in middleware.log


def test_render_errors_go_through_process_exception():
    status, _, body = wsgi_run(["HooksMiddleware"], path="/render-error/", query="handle=1")
    assert status.startswith("418") and body == b"handled render failed"


def test_middleware_not_used_is_skipped():
    status, _, _ = wsgi_run(["NotUsedMiddleware", "sync_mw"])
    assert status == "200 OK" and middleware.constructed == ["sync", "not used"]


def test_factory_returning_none_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match="returned None"):
        handler_with("ReturnsNoneFactory")


def test_middleware_with_no_mode_is_refused():
    with pytest.raises(RuntimeError, match="sync_capable/async_capable"):
        handler_with("NeitherMiddleware")


def test_async_only_middleware_works_in_sync_handler():
    status, _, _ = wsgi_run(["AsyncClassMiddleware"])
    assert status == "200 OK" and middleware.log == ["async class"]


def test_async_handler_runs_sync_middleware():
    from django.http import HttpRequest

    handler = handler_with("sync_mw", "HooksMiddleware", is_async=True)
    request = HttpRequest()
    request.method, request.path, request.path_info = "GET", "/hello/", "/hello/"
    request.META = {"SERVER_NAME": "testserver", "SERVER_PORT": "80"}
    with override_settings(ROOT_URLCONF=URLS):
        response = async_to_sync(handler.get_response_async)(request)
    assert response.content == b"hello GET " and response["X-Sync"] == "1"


def test_asgi_handler_loads_async_chain():
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[MW + "both_mw"]):
        assert iscoroutinefunction(ASGIHandler()._middleware_chain)


def test_request_urlconf_overrides_root_urlconf():
    with override_settings(ROOT_URLCONF="tests.urls_empty", MIDDLEWARE=[MW + "SetUrlconf"]):
        status, _, body = call_wsgi(WSGIHandler(), make_environ(path="/hello/"))
    assert status == "200 OK" and body == b"hello GET "
