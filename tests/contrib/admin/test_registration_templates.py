"""The admin's registration/ templates serve django.contrib.auth.urls: with the admin installed before
auth and no project templates, the whole password-reset flow renders admin-styled pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from django.test import Client, SimpleTestCase, override_settings

assertInHTML = SimpleTestCase().assertInHTML  # noqa: N816 - Django's assertion, used as a function
assertNotInHTML = SimpleTestCase().assertNotInHTML  # noqa: N816
assertHTMLEqual = SimpleTestCase().assertHTMLEqual  # noqa: N816

ADMIN_TEMPLATES = Path(__file__).resolve().parents[3] / "django" / "contrib" / "admin" / "templates"
NEW_PASSWORD = "Fresh-Reset-Pw-908"
OLD_PASSWORD = "s3cret-Pass-42"
RESET_LINK = re.compile(r"^http://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)$", re.MULTILINE)


@pytest.fixture
def project(admin_db):
    """The admin-conftest settings (admin before auth, APP_DIRS only) with a project URLconf and
    the locmem mail backend; yields the outbox."""
    from django.conf import settings
    from django.core import mail

    apps = settings.INSTALLED_APPS
    assert apps.index("django.contrib.admin") < apps.index("django.contrib.auth")
    assert all(not engine["DIRS"] for engine in settings.TEMPLATES)
    with override_settings(
        ROOT_URLCONF="tests.contrib.admin.registration_urls",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        mail.outbox = []
        yield mail.outbox
    mail.outbox = []


@pytest.fixture
def staff(admin_db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("boss", "Boss@Example.com", OLD_PASSWORD)


def _from_admin(response, name: str) -> None:
    """The page was rendered from the admin app's copy of ``name``, inside the admin's base."""
    origins = {t.name: getattr(getattr(t, "origin", None), "name", None) for t in response.templates}
    assert name in origins, sorted(origins)
    assert Path(origins[name]).resolve() == (ADMIN_TEMPLATES / name).resolve()
    assert "admin/base_site.html" in origins


def _reset_link(body: str) -> str:
    (link,) = RESET_LINK.findall(body)
    return link


def test_the_whole_reset_flow_runs_on_the_admin_templates(project, staff):
    outbox, client = project, Client(enforce_csrf_checks=True)

    form_page = client.get("/accounts/password_reset/")
    assert form_page.status_code == 200
    _from_admin(form_page, "registration/password_reset_form.html")
    html = form_page.content.decode()
    assert "<title>Password reset | Django site admin</title>" in html
    assertInHTML("<h1>Password reset</h1>", html)
    assertInHTML(
        '<div class="form-row"><label for="id_email">Email:</label> <input type="email" name="email"'
        ' autocomplete="email" maxlength="254" required id="id_email"></div>',
        html,
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    sent = client.post(
        "/accounts/password_reset/", {"email": "boss@example.com", "csrfmiddlewaretoken": token}
    )
    assert sent.status_code == 302 and sent["Location"] == "/accounts/password_reset/done/"
    done = client.get(sent["Location"])
    _from_admin(done, "registration/password_reset_done.html")
    assertInHTML("<h1>Password reset sent</h1>", done.content.decode())
    assert "an email with a link for choosing a new password is on its way" in done.content.decode()

    (message,) = outbox
    assert message.to == ["Boss@example.com"]
    assert message.subject == "Reset your password on testserver"
    body = message.body
    assert "&" not in body and "<" not in body  # plain text: nothing HTML-escaped or marked up
    assert "on testserver." in body and "Your username, in case you need it: boss\n" in body
    assert body.startswith("Hello,\n") and body.endswith("The testserver team\n")
    link = _reset_link(body)

    to_form = client.get(link)
    assert to_form.status_code == 302 and to_form["Location"].endswith("/set-password/")
    confirm = client.get(to_form["Location"])
    assert confirm.status_code == 200 and confirm.context["validlink"] is True
    _from_admin(confirm, "registration/password_reset_confirm.html")
    html = confirm.content.decode()
    assertInHTML("<h1>Enter new password</h1>", html)
    assertInHTML('<input type="text" autocomplete="username" value="boss" hidden>', html)
    assert '<label for="id_new_password1">New password:</label>' in html
    assert '<label for="id_new_password2">New password confirmation:</label>' in html
    assert 'name="new_password1"' in html and 'name="new_password2"' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    saved = client.post(
        to_form["Location"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert saved.status_code == 302 and saved["Location"] == "/accounts/reset/done/"
    complete = client.get(saved["Location"])
    _from_admin(complete, "registration/password_reset_complete.html")
    html = complete.content.decode()
    assertInHTML("<h1>Password reset complete</h1>", html)
    assertInHTML('<p><a href="/accounts/login/">Log in</a></p>', html)

    # The new password opens the admin; the old one no longer does.
    browser = Client()
    refused = browser.post("/admin/login/", {"username": "boss", "password": OLD_PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in browser.session
    logged_in = browser.post(
        "/admin/login/", {"username": "boss", "password": NEW_PASSWORD, "next": "/admin/"}
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == "/admin/"
    assert browser.session["_auth_user_id"] == str(staff.pk)
    assert browser.get("/admin/").status_code == 200


def test_the_confirm_page_shows_field_errors_tied_to_their_inputs(project, staff):
    client = Client()
    client.post("/accounts/password_reset/", {"email": "boss@example.com"})
    set_password_url = client.get(_reset_link(project[0].body))["Location"]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "other-pw-12"})
    assert response.status_code == 200
    html = response.content.decode()
    assertInHTML('<p class="errornote" role="alert">Please correct the error below.</p>', html)
    assertInHTML(
        '<ul class="errorlist" id="id_new_password2_error"><li>The two password fields didn’t match.</li></ul>',
        html,
    )
    field = re.search(r'<input type="password" name="new_password2"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_new_password2_helptext id_new_password2_error"' in field
    assert '<div class="help" id="id_new_password2_helptext">' in html  # the id the input points at
    staff.refresh_from_db()
    assert staff.check_password(OLD_PASSWORD)


def test_the_request_form_shows_an_invalid_address_error(project, staff):
    response = Client().post("/accounts/password_reset/", {"email": "not an address"})
    assert response.status_code == 200 and project == []
    html = response.content.decode()
    assertInHTML('<p class="errornote" role="alert">Please correct the error below.</p>', html)
    assertInHTML('<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul>', html)
    field = re.search(r'<input type="email" name="email"[^>]*>', html).group(0)
    assert 'value="not an address"' in field and 'aria-invalid="true"' in field


@pytest.mark.parametrize(
    "link",
    ["/accounts/reset/{uid}/bad-token/", "/accounts/reset/{uid}/set-password/", "/accounts/reset/Zm9v/x-y/"],
)
def test_an_invalid_link_says_so_and_offers_a_new_request(project, staff, link):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    response = Client().get(link.format(uid=urlsafe_base64_encode(force_bytes(staff.pk))))
    assert response.status_code == 200 and response.context["validlink"] is False
    _from_admin(response, "registration/password_reset_confirm.html")
    html = response.content.decode()
    assertInHTML("<h1>Password reset unsuccessful</h1>", html)
    assertInHTML(
        '<p class="errornote">This password reset link is invalid: it has expired or it has been used'
        " already. Please ask for a new one.</p>",
        html,
    )
    assertInHTML('<p><a href="/accounts/password_reset/">Request a new password reset link</a></p>', html)
    assert "<form" not in html.split('id="content-main"')[1]


def test_a_used_link_is_refused_the_second_time(project, staff):
    client = Client()
    client.post("/accounts/password_reset/", {"email": "boss@example.com"})
    link = _reset_link(project[0].body)
    set_password_url = client.get(link)["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link)
    assert again.context["validlink"] is False
    assert "This password reset link is invalid" in again.content.decode()


def test_the_admin_login_offers_the_reset_link_when_admin_password_reset_exists(project, staff):
    html = Client().get("/admin/login/").content.decode()
    assertInHTML(
        '<p class="password-reset-link"><a href="/admin/password_reset/">Forgotten your login credentials?</a></p>',
        html,
    )
    # The documented admin entry is the same view: it renders the admin's form page.
    page = Client().get("/admin/password_reset/")
    _from_admin(page, "registration/password_reset_form.html")


def test_the_admin_login_has_no_reset_link_without_admin_password_reset(admin_db):
    """The admin conftest's URLconf has the admin only: no reset URL, no link."""
    html = Client().get("/admin/login/").content.decode()
    assert 'id="login-form"' in html
    assert "password-reset-link" not in html and "password_reset" not in html
