"""With DEBUG the handler answers with the technical 404/500 pages (rendered by django.views.debug)."""

from __future__ import annotations

import pytest

from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from tests.http.factories import call_wsgi, make_environ


@pytest.fixture(autouse=True)
def _debug():
    with override_settings(ROOT_URLCONF="tests.core.handlers.urls", MIDDLEWARE=[], DEBUG=True):
        yield


def run(path, **headers):
    return call_wsgi(WSGIHandler(), make_environ(path=path, headers=headers))


def test_technical_404_lists_patterns():
    status, _, body = run("/nope/")
    assert status == "404 Not Found" and b"hello/" in body


def test_technical_500_shows_the_exception():
    status, _, body = run("/500/")
    assert status == "500 Internal Server Error" and b"ValueError" in body and b"boom" in body


def test_bad_request_in_debug_is_400_with_details():
    status, _, body = run("/400/")
    assert status == "400 Bad Request" and b"malformed" in body


def test_disallowed_host_in_debug_is_400():
    # Even if the technical page cannot be built for this request, the answer stays a 400.
    status, _, body = run("/host/", Host="evil.com")
    assert status == "400 Bad Request" and b"Traceback" not in body


def test_failing_debug_page_falls_back_to_plain_page(monkeypatch):
    from django.views import debug

    def broken(*args, **kwargs):
        raise RuntimeError("debug page broken")

    monkeypatch.setattr(debug, "technical_500_response", broken)
    status, _, body = run("/500/")
    assert status == "500 Internal Server Error" and b"Server Error" in body
