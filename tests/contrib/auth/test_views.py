"""Login, logout and password change views through the test client."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("site")


@pytest.fixture
def client():
    from django.test import Client

    return Client()


def test_login_page_renders_form(auth_db, client):
    """GET /accounts/login/ shows the authentication form."""
    response = client.get("/accounts/login/?next=/inside/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'value="/inside/"' in body


def test_login_success_redirects_to_safe_next(make_user, client):
    """A valid login redirects to a same-host `next`, else to LOGIN_REDIRECT_URL."""
    make_user()
    response = client.post(
        "/accounts/login/", {"username": "ann", "password": "s3cret-Pass!", "next": "/inside/"}
    )
    assert response.status_code == 302 and response["Location"] == "/inside/"
    assert "_auth_user_id" in client.session
    response = client.post(
        "/accounts/login/", {"username": "ann", "password": "s3cret-Pass!", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/home/"


def test_login_failure_shows_errors(make_user, client):
    """Bad credentials re-render the form with the documented message."""
    make_user()
    response = client.post("/accounts/login/", {"username": "ann", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_logout_requires_post(make_user, client):
    """GET on logout is 405; POST logs out and renders logged_out.html."""
    user = make_user()
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 200 and "Logged out" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_change_flow(make_user, client):
    """Anonymous users are sent to login; a valid change redirects to done and keeps the session."""
    response = client.get("/accounts/password_change/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    user = make_user()
    client.force_login(user)
    assert 'name="old_password"' in client.get("/accounts/password_change/").content.decode()
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "s3cret-Pass!", "new_password1": "Fresh-pass-42", "new_password2": "Fresh-pass-42"},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    done = client.get("/accounts/password_change/done/")
    assert done.status_code == 200 and "Password change successful" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Fresh-pass-42")


def test_redirect_authenticated_user_skips_the_form(make_user, client):
    user = make_user()
    assert client.get("/login/bounce/").status_code == 200  # anonymous: the form
    client.force_login(user)
    response = client.get("/login/bounce/?next=/inside/")
    assert response.status_code == 302 and response["Location"] == "/inside/"
    assert client.get("/login/bounce/")["Location"] == "/home/"  # LOGIN_REDIRECT_URL


def test_redirect_authenticated_user_detects_a_loop(make_user):
    from django.test import Client, override_settings

    client = Client(raise_request_exception=True)
    client.force_login(make_user())
    with override_settings(LOGIN_REDIRECT_URL="/login/bounce/"):
        with pytest.raises(ValueError, match="Redirection loop for authenticated user detected"):
            client.get("/login/bounce/")


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("https://partner.example/welcome", "https://partner.example/welcome"),
        ("//partner.example/x", "//partner.example/x"),
        ("https://evil.example/", "/home/"),
        ("javascript:alert(1)", "/home/"),
        ("///evil.example", "/home/"),
        ("http://testserver/inside/", "http://testserver/inside/"),
    ],
)
def test_next_may_point_only_at_allowed_hosts(make_user, client, next_url, expected):
    make_user()
    response = client.post(
        "/login/partner/", {"username": "ann", "password": "s3cret-Pass!", "next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == expected


def test_secure_logins_refuse_a_plain_http_next(make_user, client):
    make_user()
    data = {"username": "ann", "password": "s3cret-Pass!", "next": "http://testserver/inside/"}
    assert client.post("/accounts/login/", data, secure=True)["Location"] == "/home/"
    data["next"] = "https://testserver/inside/"
    assert client.post("/accounts/login/", data, secure=True)["Location"] == "https://testserver/inside/"


def test_login_context_has_next_site_name_and_extra_context(auth_db, client):
    response = client.get("/login/partner/?next=/inside/")
    assert response.context["next"] == "/inside/" and response.context["site_name"] == "testserver"
    assert response.context["brand"] == "Acme"
    assert response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_logout_redirects_to_next_page_setting_or_safe_next(make_user, client):
    from django.test import override_settings

    user = make_user()
    client.force_login(user)
    assert client.post("/logout/next-page/")["Location"] == "/bye/"
    client.force_login(user)
    with override_settings(LOGOUT_REDIRECT_URL="/see-you/"):
        assert client.post("/accounts/logout/")["Location"] == "/see-you/"
        client.force_login(user)
        assert client.post("/accounts/logout/", {"next": "/elsewhere/"})["Location"] == "/elsewhere/"
        client.force_login(user)
        assert client.post("/accounts/logout/", {"next": "https://evil.example/"})["Location"] == "/see-you/"
    assert "_auth_user_id" not in client.session
