"""The default error views answer with their status and the built-in page when no template exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.views import defaults

rf = RequestFactory()


def test_page_not_found_default_body():
    response = defaults.page_not_found(rf.get("/missing/"), Http404("gone"))
    assert response.status_code == 404
    text = response.content.decode()
    assert "<title>Not Found</title>" in text
    assert "The requested resource was not found on this server." in text


def test_server_error_default_body():
    response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<h1>Server Error (500)</h1>" in response.content.decode()


def test_bad_request_default_body():
    response = defaults.bad_request(rf.get("/"), ValueError("x"))
    assert response.status_code == 400
    assert "<h1>Bad Request (400)</h1>" in response.content.decode()


def test_permission_denied_default_body():
    response = defaults.permission_denied(rf.get("/"), PermissionDenied("no"))
    assert response.status_code == 403
    assert "<h1>403 Forbidden</h1>" in response.content.decode()


def test_request_path_is_not_reflected_unescaped():
    response = defaults.page_not_found(rf.get("/<script>/"), Http404())
    assert b"<script>" not in response.content
