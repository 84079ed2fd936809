"""End to end: a project served by `runserver` renders templates and serves static files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

SETTINGS = """
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "e2e"
DEBUG = {debug}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.staticfiles", "e2eapp"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
ROOT_URLCONF = "e2e_urls"
TEMPLATES = [{{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {{"context_processors": ["django.template.context_processors.request"]}},
}}]
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "assets"]
DATABASES = {{}}
USE_TZ = True
"""

URLS = """
from django.template.response import TemplateResponse
from django.urls import path

def page(request):
    items = [{"name": "<one>"}, {"name": "two"}]
    return TemplateResponse(request, "child.html", {"items": items})

urlpatterns = [path("page/", page)]
"""

BASE = "<html><head><link href=\"{% static 'css/site.css' %}\"></head><body>{% block body %}{% endblock %}</body></html>"
CHILD = """{% extends "base.html" %}{% load static %}{% block body %}<form>{% csrf_token %}</form>
<ul>{% for item in items %}<li class="{% cycle 'odd' 'even' %}">{{ forloop.counter }}:{{ item.name }}</li>{% endfor %}</ul>
<p>{{ request.path }}</p>{% include "e2eapp/part.html" %}{% endblock %}"""
# From the app's templates/ and static/ dirs (app_directories loader, AppDirectoriesFinder).
PART = """{% load static %}<script src="{% static 'e2eapp/app.js' %}"></script>"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, str]:
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def start_project(tmp_path: Path, debug: bool, *extra: str) -> tuple[subprocess.Popen, str]:
    (tmp_path / "templates").mkdir()
    (tmp_path / "assets" / "css").mkdir(parents=True)
    (tmp_path / "e2e_settings.py").write_text(SETTINGS.format(debug=debug))
    (tmp_path / "e2e_urls.py").write_text(textwrap.dedent(URLS))
    (tmp_path / "templates" / "base.html").write_text("{% load static %}" + BASE)
    (tmp_path / "templates" / "child.html").write_text(CHILD)
    (tmp_path / "assets" / "css" / "site.css").write_text("body { color: teal; }\n")
    app = tmp_path / "e2eapp"
    (app / "templates" / "e2eapp").mkdir(parents=True)
    (app / "static" / "e2eapp").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "templates" / "e2eapp" / "part.html").write_text(PART)
    (app / "static" / "e2eapp" / "app.js").write_text("console.log('app');\n")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)]),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "127.0.0.1:%d" % port, "--noreload", *extra],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = "http://127.0.0.1:%d" % port
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("runserver exited:\n" + proc.stdout.read().decode())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("runserver did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.slow
def test_runserver_serves_templates_and_static_files(tmp_path):
    proc, base = start_project(tmp_path, debug=True)
    try:
        status, body = fetch(base + "/page/")
        assert status == 200, body
        assert '<link href="/static/css/site.css">' in body
        assert '<input type="hidden" name="csrfmiddlewaretoken" value="' in body
        assert '<li class="odd">1:&lt;one&gt;</li><li class="even">2:two</li>' in body
        assert "<p>/page/</p>" in body
        assert '<script src="/static/e2eapp/app.js"></script>' in body
        status, css = fetch(base + "/static/css/site.css")
        assert (status, css) == (200, "body { color: teal; }\n")
        assert fetch(base + "/static/e2eapp/app.js") == (200, "console.log('app');\n")
        # A client holding a fresh copy gets 304 Not Modified (the file's mtime is in the past).
        assert (
            fetch(base + "/static/css/site.css", {"If-Modified-Since": "Sun, 01 Jan 2090 00:00:00 GMT"})[0]
            == 304
        )
        assert (
            fetch(base + "/static/css/site.css", {"If-Modified-Since": "Thu, 01 Jan 1990 00:00:00 GMT"})[0]
            == 200
        )
        assert fetch(base + "/static/css/nope.css")[0] == 404
        assert fetch(base + "/static/../e2e_settings.py")[0] == 404
    finally:
        stop(proc)


@pytest.mark.slow
def test_runserver_static_only_when_debug_or_insecure(tmp_path):
    proc, base = start_project(tmp_path, debug=False)
    try:
        assert fetch(base + "/static/css/site.css")[0] == 404
        assert fetch(base + "/page/")[0] == 200
    finally:
        stop(proc)


@pytest.mark.slow
def test_runserver_insecure_serves_static(tmp_path):
    proc, base = start_project(tmp_path, False, "--insecure")
    try:
        assert fetch(base + "/static/css/site.css") == (200, "body { color: teal; }\n")
    finally:
        stop(proc)
