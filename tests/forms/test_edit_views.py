"""The generic editing views (FormView, CreateView, UpdateView, DeleteView) through the test client."""

from __future__ import annotations

from pathlib import Path

import pytest

from .formsapp.models import Author, Book, Tag
from .test_models import _Pin


@pytest.fixture
def client(connection, create_tables, monkeypatch):
    from django.db import router
    from django.test import Client, override_settings

    monkeypatch.setattr(router, "routers", [_Pin(connection.alias)])
    create_tables(Author, Tag, Book)
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(Path(__file__).parent / "templates")],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]
    with override_settings(ROOT_URLCONF="tests.forms.edit_urls", TEMPLATES=templates, MIDDLEWARE=[]):
        yield Client()


def test_form_view_shows_validates_and_redirects(client):
    """FormView: GET renders an empty form, invalid POST re-renders with errors, valid POST redirects."""
    assert 'name="name"' in client.get("/contact/").content.decode()
    invalid = client.post("/contact/", {})
    assert invalid.status_code == 200 and "This field is required." in invalid.content.decode()
    valid = client.post("/contact/", {"name": "x"})
    assert valid.status_code == 302 and valid["Location"] == "/thanks/"


def test_create_view_saves_and_formats_success_url(client):
    """CreateView saves a new object and fills {id} in success_url from it."""
    page = client.get("/authors/new/")
    assert page.content.decode().startswith("AUTHORFORM:")
    response = client.post("/authors/new/", {"name": "Ann"})
    author = Author.objects.get()
    assert response.status_code == 302 and response["Location"] == "/authors/%s/" % author.pk


def test_update_view_edits_existing_object(client):
    """UpdateView shows the object's values and saves changes; a missing pk is 404."""
    author = Author.objects.create(name="Ann")
    page = client.get("/authors/%s/edit/" % author.pk).content.decode()
    assert 'value="Ann"' in page and "OBJ:Ann" in page
    response = client.post("/authors/%s/edit/" % author.pk, {"name": "Anne", "email": "a@example.com"})
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.name == "Anne" and author.email == "a@example.com"
    assert client.get("/authors/999999/edit/").status_code == 404


def test_delete_view_confirms_then_deletes(client):
    """DeleteView: GET shows the confirmation page, POST deletes and redirects."""
    author = Author.objects.create(name="Ann")
    assert "CONFIRM:Ann" in client.get("/authors/%s/delete/" % author.pk).content.decode()
    response = client.post("/authors/%s/delete/" % author.pk)
    assert response.status_code == 302 and response["Location"] == "/authors/"
    assert not Author.objects.exists()
