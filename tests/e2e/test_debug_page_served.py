"""End to end: runserver with DEBUG=True answers template failures with the technical 500 page.

A startproject project gets a templates directory and two views: one renders a template that does
not exist (the page lists the paths tried), one a template with a syntax error (the page shows the
failing line). Both are fetched over real HTTP as HTML and as plain text.
"""

from __future__ import annotations

import http.client
import signal
from pathlib import Path

import pytest

from tests.core.servers.conftest import free_port, make_project, python

pytestmark = pytest.mark.slow

SETTINGS_TAIL = """
# e2e: the DEBUG page for template errors
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
MIDDLEWARE = []
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
}]
"""
VIEWS = """from django.shortcuts import render


def missing(request):
    return render(request, "absent<i>.html")


def broken(request):
    return render(request, "broken.html")
"""
URLS = """from django.urls import path

from mysite import views

urlpatterns = [path("missing/", views.missing), path("broken/", views.broken)]
"""


@pytest.fixture(scope="module")
def debug_project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("e2e_debug"), trim=False)
    with open(root / "mysite" / "settings.py", "a") as handle:
        handle.write(SETTINGS_TAIL)
    (root / "mysite" / "views.py").write_text(VIEWS)
    (root / "mysite" / "urls.py").write_text(URLS)
    (root / "templates").mkdir()
    (root / "templates" / "broken.html").write_text("<p>fine</p>\n{% for item in %}\n{% endfor %}\n")
    return root


def fetch(port: int, path: str, accept: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", "Accept": accept})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read().decode()
    finally:
        connection.close()


def test_runserver_shows_the_postmortem_and_the_template_excerpt(debug_project, start_server):
    port = free_port()
    server = start_server(
        [python(), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], debug_project, port
    )
    server.wait_until_serving()
    templates = debug_project / "templates"

    status, content_type, html = fetch(port, "/missing/", "text/html")
    assert (status, content_type) == (500, "text/html; charset=utf-8")
    assert "<h2>Template-loader postmortem</h2>" in html
    assert (
        f"<li><code>django.template.loaders.filesystem.Loader</code>: {templates}/absent&lt;i&gt;.html"
        " (Source does not exist)</li>"
    ) in html
    assert "absent<i>" not in html

    status, content_type, text = fetch(port, "/missing/", "text/plain")
    assert (status, content_type) == (500, "text/plain; charset=utf-8")
    assert "Using engine django:\n" in text
    assert (
        f"    * django.template.loaders.filesystem.Loader: {templates / 'absent<i>.html'} (Source does"
        in text
    )

    status, _, html = fetch(port, "/broken/", "text/html")
    assert status == 500
    assert f"In template <code>{templates / 'broken.html'}</code>, error at line <strong>2</strong>" in html
    assert "<span class=specific>{% for item in %}</span>" in html

    status, _, text = fetch(port, "/broken/", "text/plain")
    assert f"In template {templates / 'broken.html'}, error at line 2\n" in text
    assert "   2 : {% for item in %}\n       ^^^^^^^^^^^^^^^^^\n" in text
    assert "SECRET_KEY = '********************'" in text

    returncode, _, err = server.stop(signal.SIGINT, group=True)
    assert returncode == 0, err
    assert "Internal Server Error: /broken/" in err, "the failures are still logged on the console"
