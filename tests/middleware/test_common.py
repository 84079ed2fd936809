"""CommonMiddleware and BrokenLinkEmailsMiddleware."""

from __future__ import annotations

import re

import pytest

from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.middleware.common import BrokenLinkEmailsMiddleware, CommonMiddleware
from django.test import override_settings
from tests.http.factories import wsgi_request

pytestmark = pytest.mark.usefixtures("_urls")


@pytest.fixture
def _urls():
    with override_settings(ROOT_URLCONF="tests.middleware.urls"):
        yield


def run(request, response=None):
    response = response if response is not None else HttpResponseNotFound()
    return CommonMiddleware(lambda r: response)(request)


def test_append_slash_redirects_404_when_slashed_path_exists():
    response = run(wsgi_request(path="/slash", query="a=1"))
    assert response.status_code == 301 and response.url == "/slash/?a=1"


def test_no_redirect_when_path_resolves_or_slashed_path_does_not():
    assert run(wsgi_request(path="/noslash")).status_code == 404
    assert run(wsgi_request(path="/unknown")).status_code == 404


def test_no_redirect_for_views_marked_no_append_slash():
    assert run(wsgi_request(path="/optout")).status_code == 404


@override_settings(APPEND_SLASH=False)
def test_append_slash_off():
    assert run(wsgi_request(path="/slash")).status_code == 404


def test_leading_double_slash_cannot_become_open_redirect():
    response = run(wsgi_request(path="//evil.com/slash"))
    assert response.status_code == 404 or not response.url.startswith("//")


@override_settings(ROOT_URLCONF="tests.middleware.urls_catchall")
def test_escaped_leading_slashes_in_redirect():
    response = run(wsgi_request(path="//evil.com"))
    assert response.status_code == 301 and response.url == "/%2Fevil.com/"


@override_settings(DEBUG=True)
def test_post_to_unslashed_url_in_debug_explains():
    with pytest.raises(RuntimeError, match="APPEND_SLASH"):
        run(wsgi_request("POST", path="/slash", body=b"", content_type="text/plain"))


@override_settings(PREPEND_WWW=True)
def test_prepend_www():
    response = CommonMiddleware(lambda r: HttpResponse())(
        wsgi_request(path="/slash", headers={"Host": "example.com"})
    )
    assert response.url == "http://www.example.com/slash/"
    response = CommonMiddleware(lambda r: HttpResponse())(
        wsgi_request(path="/noslash", headers={"Host": "example.com"})
    )
    assert response.url == "http://www.example.com/noslash"


@override_settings(DISALLOWED_USER_AGENTS=[re.compile(r"^BadBot")])
def test_disallowed_user_agents():
    with pytest.raises(PermissionDenied):
        run(wsgi_request(headers={"User-Agent": "BadBot/1.0"}))
    assert (
        run(wsgi_request(path="/noslash", headers={"User-Agent": "GoodBot"}), HttpResponse()).status_code
        == 200
    )


def test_host_is_validated():
    with pytest.raises(DisallowedHost):
        run(wsgi_request(headers={"Host": "evil.com"}))


def test_content_length_added_for_non_streaming():
    assert run(wsgi_request(path="/noslash"), HttpResponse("abc"))["Content-Length"] == "3"
    assert "Content-Length" not in run(wsgi_request(path="/noslash"), StreamingHttpResponse(["a"]))


class TestBrokenLinkEmails:
    def test_ignorable_requests(self):
        mw = BrokenLinkEmailsMiddleware(lambda r: HttpResponseNotFound())
        request = wsgi_request(path="/x/")
        assert mw.is_ignorable_request(request, "/x/", "testserver", "")
        assert mw.is_ignorable_request(request, "/x/", "testserver", "/x")
        assert mw.is_ignorable_request(request, "/x/", "testserver", "http://other.com/?q=1")
        assert mw.is_ignorable_request(request, "/x/", "testserver", "http://testserver/x/")
        assert not mw.is_ignorable_request(request, "/x/", "testserver", "http://testserver/page/")
        with override_settings(IGNORABLE_404_URLS=[re.compile(r"\.php$")]):
            assert mw.is_ignorable_request(request, "/x.php", "testserver", "http://testserver/")

    def test_internal_request(self):
        mw = BrokenLinkEmailsMiddleware(lambda r: HttpResponseNotFound())
        assert mw.is_internal_request("testserver", "https://testserver/a")
        assert not mw.is_internal_request("testserver", "https://testserver.evil.com/a")
