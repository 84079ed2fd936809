"""The default CSRF failure view (django.views.csrf.csrf_failure)."""

from __future__ import annotations

from pathlib import Path

from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.test import override_settings
from django.views.csrf import csrf_failure
from tests.http.factories import wsgi_request

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(Path(__file__).parent / "templates")],
    }
]


def test_builtin_page_without_templates():
    response = csrf_failure(wsgi_request(), reason="CSRF token missing.")
    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content
    assert b"CSRF token missing." not in response.content  # reasons only shown with DEBUG


@override_settings(DEBUG=True)
def test_debug_shows_escaped_reason():
    response = csrf_failure(wsgi_request(), reason="<b>bad</b>")
    assert b"&lt;b&gt;bad&lt;/b&gt;" in response.content


def test_cookie_hint_when_cookie_missing():
    response = csrf_failure(wsgi_request(), reason=REASON_NO_CSRF_COOKIE)
    assert b"enable cookies" in response.content


@override_settings(TEMPLATES=TEMPLATES)
def test_project_template_is_used():
    response = csrf_failure(wsgi_request(), reason=REASON_NO_CSRF_COOKIE)
    assert response.status_code == 403
    assert response.content.strip() == b"<p>custom csrf page: CSRF cookie not set. (no cookie)</p>"
