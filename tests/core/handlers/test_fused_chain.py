"""The sync chain runs consecutive MiddlewareMixin layers in one loop: it must answer exactly as the
nested layers (each wrapped by convert_exception_to_response) would."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.test import override_settings
from django.utils.deprecation import MiddlewareMixin
from tests.http.factories import call_wsgi, make_environ

URLS = "tests.core.handlers.urls"
HERE = "tests.core.handlers.test_fused_chain."

# What the layers did, in order, for the current request (names like "a.req", "b.resp").
trace: list[str] = []
# Which hook of which layer misbehaves: {"b.req": "raise"} or {"b.req": "answer"}.
behaviour: dict[str, str] = {}


class _Traced(MiddlewareMixin):
    name = "?"

    def process_request(self, request: Any) -> Any:
        trace.append(f"{self.name}.req")
        action = behaviour.get(f"{self.name}.req")
        if action == "raise":
            raise ValueError(f"{self.name} failed in process_request")
        if action == "answer":
            return HttpResponse(f"answered by {self.name}", status=203)
        return None

    def process_response(self, request: Any, response: Any) -> Any:
        trace.append(f"{self.name}.resp({response.status_code})")
        if behaviour.get(f"{self.name}.resp") == "raise":
            raise ValueError(f"{self.name} failed in process_response")
        response.headers[f"X-{self.name}"] = "seen"
        return response


class A(_Traced):
    name = "a"


class B(_Traced):
    name = "b"


class C(_Traced):
    name = "c"


class OnlyRequest(MiddlewareMixin):
    def process_request(self, request: Any) -> None:
        trace.append("only-request")


class OwnCall(MiddlewareMixin):
    """Overrides __call__: cannot be folded into the loop; the layers around it still work."""

    def __call__(self, request: Any) -> Any:
        trace.append("own-call in")
        response = self.get_response(request)
        trace.append("own-call out")
        return response


@pytest.fixture(autouse=True)
def _reset():
    trace.clear()
    behaviour.clear()
    yield
    trace.clear()
    behaviour.clear()


def run(*names: str) -> tuple[str, dict[str, str], bytes]:
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[HERE + name for name in names], DEBUG=False):
        status, headers, body = call_wsgi(WSGIHandler(), make_environ(path="/hello/"))
    return status, dict(headers), body


def test_layers_are_fused_into_one_callable():
    with override_settings(ROOT_URLCONF=URLS, MIDDLEWARE=[HERE + "A", HERE + "B", HERE + "C"]):
        handler = BaseHandler()
        handler.load_middleware()
    assert handler._middleware_chain.__qualname__.startswith("_fused_chain")


def test_order_of_hooks():
    status, headers, _ = run("A", "B", "C")
    assert status == "200 OK"
    assert trace == ["a.req", "b.req", "c.req", "c.resp(200)", "b.resp(200)", "a.resp(200)"]
    assert headers["X-a"] == headers["X-b"] == headers["X-c"] == "seen"


def test_early_answer_skips_inner_layers_but_not_its_own_response_hook():
    behaviour["b.req"] = "answer"
    status, headers, body = run("A", "B", "C")
    assert status.startswith("203")
    assert body == b"answered by b"
    assert trace == ["a.req", "b.req", "b.resp(203)", "a.resp(203)"]
    assert "X-c" not in headers


def test_exception_in_process_request_becomes_a_response_for_the_outer_layers():
    behaviour["b.req"] = "raise"
    status, headers, _ = run("A", "B", "C")
    assert status.startswith("500")
    # b's own process_response does not run (the exception left b's __call__); a sees the 500.
    assert trace == ["a.req", "b.req", "a.resp(500)"]
    assert "X-b" not in headers and headers["X-a"] == "seen"


def test_exception_in_process_response_becomes_a_response_for_the_outer_layers():
    behaviour["c.resp"] = "raise"
    status, headers, _ = run("A", "B", "C")
    assert status.startswith("500")
    assert trace == ["a.req", "b.req", "c.req", "c.resp(200)", "b.resp(500)", "a.resp(500)"]


def test_exception_in_outermost_layer():
    behaviour["a.req"] = "raise"
    status, _, _ = run("A", "B")
    assert status.startswith("500")
    assert trace == ["a.req"]


def test_layers_without_a_response_hook():
    status, _, _ = run("A", "OnlyRequest", "B")
    assert status == "200 OK"
    assert trace == ["a.req", "only-request", "b.req", "b.resp(200)", "a.resp(200)"]


def test_a_layer_with_its_own_call_splits_the_fused_run():
    behaviour["c.req"] = "answer"
    status, _, body = run("A", "OwnCall", "B", "C")
    assert body == b"answered by c"
    assert trace == [
        "a.req",
        "own-call in",
        "b.req",
        "c.req",
        "c.resp(203)",
        "b.resp(203)",
        "own-call out",
        "a.resp(203)",
    ]


def test_propagated_exceptions_still_propagate():
    behaviour["b.req"] = "raise"
    with override_settings(
        ROOT_URLCONF=URLS, MIDDLEWARE=[HERE + "A", HERE + "B"], DEBUG_PROPAGATE_EXCEPTIONS=True
    ):
        handler = WSGIHandler()
        with pytest.raises(ValueError, match="b failed"):
            call_wsgi(handler, make_environ(path="/hello/"))
