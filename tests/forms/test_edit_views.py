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


@pytest.fixture
def messages_client(client):
    """The same client with the session and message middleware (cookie storage through fallback)."""
    from django.test import override_settings

    middleware = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ]
    with override_settings(MIDDLEWARE=middleware):
        yield client


def read_messages(client, response) -> list[str]:
    """The messages the next request would see, read the documented way (get_messages)."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


def test_form_view_kwargs_prefix_and_initial_reach_the_form(messages_client):
    """get_form_kwargs() adds to the defaults (initial, prefix, data); prefix renames the inputs."""
    page = messages_client.get("/greet/?greeting=Howdy")
    body = page.content.decode()
    assert body.startswith("Howdy|")
    form = page.context["form"]
    assert form.prefix == "g" and form.initial == {"name": "World"} and not form.is_bound
    assert 'name="g-name"' in body and 'value="World"' in body
    ignored = messages_client.post("/greet/", {"name": "no prefix"})
    assert ignored.status_code == 200 and ignored.context["form"].errors == {
        "name": ["This field is required."]
    }


def test_success_message_mixin_adds_a_message_on_success_only(messages_client):
    invalid = messages_client.post("/greet/", {"g-name": ""})
    assert invalid.status_code == 200 and read_messages(messages_client, invalid) == []
    valid = messages_client.post("/greet/", {"g-name": "Ann & Bob"})
    assert valid.status_code == 302 and valid["Location"] == "/greeted/"
    assert read_messages(messages_client, valid) == ["Hello Ann & Bob!"]


def test_success_message_can_use_the_saved_object(messages_client):
    response = messages_client.post("/authors/new-with-message/", {"name": "Cy"})
    author = Author.objects.get(name="Cy")
    assert response["Location"] == f"/authors/{author.pk}/"
    assert read_messages(messages_client, response) == [f"Cy was created as #{author.pk}"]


def test_delete_view_with_a_form_deletes_only_when_it_is_valid(client):
    """DeleteView's form (4.0+): an invalid form re-renders the confirmation page and keeps the row."""
    author = Author.objects.create(name="Dee")
    refused = client.post(f"/authors/{author.pk}/checked-delete/", {})
    assert refused.status_code == 200 and "Tick the box to delete." in refused.content.decode()
    assert Author.objects.filter(pk=author.pk).exists()
    done = client.post(f"/authors/{author.pk}/checked-delete/", {"confirm": "on"})
    assert done.status_code == 302 and done["Location"] == "/authors/Dee/gone/"
    assert not Author.objects.filter(pk=author.pk).exists()


def test_update_view_invalid_post_keeps_the_object_and_shows_errors(client):
    Author.objects.create(name="Taken")
    author = Author.objects.create(name="Eve")
    response = client.post(f"/authors/{author.pk}/edit/", {"name": "Taken", "email": "not-an-email"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Author with this Name already exists."]
    assert errors["email"] == ["Enter a valid email address."]
    author.refresh_from_db()
    assert author.name == "Eve"
