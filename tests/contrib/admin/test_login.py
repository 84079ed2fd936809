"""The admin login page: the form, bad and good credentials, ``next`` and open redirects."""

from __future__ import annotations

import re

LOGIN = "/admin/login/?next=/admin/"


def _csrf_client():
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_login_page_has_the_form_posting_back_with_next(superuser):
    client = _csrf_client()
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert '<form action="/admin/login/?next=/admin/" method="post" id="login-form">' in html
    assert '<input type="hidden" name="next" value="/admin/">' in html
    assert "Log in | Django site admin" in html


def test_wrong_password_shows_the_form_again_with_an_error(superuser):
    client = _csrf_client()
    token = _token(client.get(LOGIN).content.decode())
    response = client.post(
        LOGIN, {"username": "boss", "password": "wrong", "next": "/admin/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errornote"' in html
    assert "Please enter the correct username and password for a staff account" in html


def test_good_credentials_redirect_to_next_and_open_the_admin(superuser):
    client = _csrf_client()
    token = _token(client.get(LOGIN).content.decode())
    response = client.post(
        LOGIN,
        {"username": "boss", "password": "s3cret-Pass-42", "next": "/admin/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200


def test_non_staff_user_cannot_log_in(admin_db):
    from django.contrib.auth.models import User

    User.objects.create_user("visitor", password="pw-visitor-1")
    client = _csrf_client()
    token = _token(client.get(LOGIN).content.decode())
    response = client.post(
        LOGIN, {"username": "visitor", "password": "pw-visitor-1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "staff account" in response.content.decode()


def test_open_redirect_in_next_is_ignored(superuser):
    client = _csrf_client()
    token = _token(client.get(LOGIN).content.decode())
    response = client.post(
        "/admin/login/?next=https://evil.example.com/",
        {
            "username": "boss",
            "password": "s3cret-Pass-42",
            "next": "https://evil.example.com/",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_logged_in_staff_visiting_login_goes_to_the_index(admin_client):
    response = admin_client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_login_post_without_csrf_token_is_refused(superuser):
    response = _csrf_client().post(LOGIN, {"username": "boss", "password": "s3cret-Pass-42"})
    assert response.status_code == 403
