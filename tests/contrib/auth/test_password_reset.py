"""The password-reset flow end to end through the test client: request form -> e-mail (locmem and a
real SMTP server) -> link -> set-password page -> complete page -> login with the new password."""

from __future__ import annotations

import email
import email.policy
import re

import pytest

from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.test import Client, override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from tests.core.mail.conftest import smtp_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("site")

NEW_PASSWORD = "Brand-new-pw-77"
LINK = re.compile(r"https?://testserver(/\S+?/reset/[^/\s\"]+/[^/\s\"]+/)")


@pytest.fixture
def outbox():
    from django.core import mail

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        yield mail.outbox
    mail.outbox = []


@pytest.fixture
def client():
    return Client()


def request_reset(client: Client, address: str, url: str = "/accounts/password_reset/"):
    return client.post(url, {"email": address})


def reset_link(body: str) -> str:
    match = LINK.search(body)
    assert match, f"no reset link in {body!r}"
    return match.group(1)


def set_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    """Follow the mailed link to the set-password page and post the new password there."""
    response = client.get(link)
    assert response.status_code == 302
    set_password_url = response["Location"]
    assert set_password_url.endswith("/set-password/") and link.split("/")[-2] not in set_password_url
    page = client.get(set_password_url)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
    return set_password_url, client.post(
        set_password_url, {"new_password1": password, "new_password2": password}
    )


def test_full_flow_with_the_locmem_backend(make_user, client, outbox):
    """Request -> done page -> mail with a working link -> new password -> complete -> log in."""
    user = make_user(email="Ann@Example.com")
    page = client.get("/accounts/password_reset/")
    assert page.status_code == 200 and 'name="email"' in page.content.decode()
    response = request_reset(client, "ann@EXAMPLE.com")
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert "if the address is known" in client.get(response["Location"]).content.decode()

    (message,) = outbox
    assert message.to == ["Ann@example.com"]  # the stored (normalised) address, not the one typed
    assert message.from_email == "webmaster@localhost"  # DEFAULT_FROM_EMAIL
    assert message.subject == "Reset your password on testserver"  # the auth app's template
    assert message.alternatives == []
    link = reset_link(message.body)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    assert link.startswith(f"/accounts/reset/{uid}/")
    assert "Hello ann" in message.body and "for testserver" in message.body

    _url, response = set_new_password(client, link)
    assert response.status_code == 302 and response["Location"] == "/accounts/reset/done/"
    assert "_auth_user_id" not in client.session  # post_reset_login is off by default
    complete = client.get("/accounts/reset/done/")
    assert complete.status_code == 200
    assert 'href="/accounts/login/"' in complete.content.decode()
    assert "Password reset complete" in complete.content.decode()

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password("s3cret-Pass!")
    assert client.post("/accounts/login/", {"username": "ann", "password": "s3cret-Pass!"}).status_code == 200
    login = client.post("/accounts/login/", {"username": "ann", "password": NEW_PASSWORD})
    assert login.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_used_link_no_longer_works(make_user, client, outbox):
    make_user(email="ann@example.com")
    request_reset(client, "ann@example.com")
    link = reset_link(outbox[0].body)
    set_new_password(client, link)
    again = Client().get(link)
    assert again.status_code == 200
    assert "This reset link is not valid." in again.content.decode()
    assert again.context["validlink"] is False and again.context["form"] is None
    assert again.context["title"] == "Password reset unsuccessful"


def test_unknown_address_answers_exactly_like_a_known_one(make_user, client, outbox):
    """No leak: the same redirect and the same done page whether or not the address exists."""
    make_user(email="ann@example.com")
    known = request_reset(client, "ann@example.com")
    unknown = request_reset(Client(), "nobody@example.com")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(outbox) == 1
    assert Client().get(known["Location"]).content == Client().get(unknown["Location"]).content


def test_inactive_users_and_unusable_passwords_get_no_mail(make_user, client, outbox):
    make_user("off", email="same@example.com", is_active=False)
    unusable = make_user("sso", email="same@example.com")
    unusable.set_unusable_password()
    unusable.save()
    response = request_reset(client, "same@example.com")
    assert response.status_code == 302 and outbox == []


def test_every_matching_user_gets_a_link_of_their_own(make_user, client, outbox):
    first = make_user("ann", email="shared@example.com")
    second = make_user("bob", email="SHARED@example.com")
    request_reset(client, "Shared@Example.com")
    assert sorted(m.to[0] for m in outbox) == ["SHARED@example.com", "shared@example.com"]
    uids = {reset_link(m.body).split("/")[3] for m in outbox}
    assert uids == {urlsafe_base64_encode(force_bytes(u.pk)) for u in (first, second)}


def test_case_folding_does_not_stretch_to_other_letters(make_user, client, outbox):
    """A database may upper-case a dotless i to I; the address typed must still casefold-match."""
    make_user(email="mike@ıexample.org")
    request_reset(client, "mike@Iexample.org")
    assert outbox == []
    request_reset(client, "MIKE@ıexample.org")
    assert [m.to for m in outbox] == [["mike@ıexample.org"]]


def test_an_invalid_address_re_renders_the_form(auth_db, client, outbox):
    response = request_reset(client, "not an address")
    assert response.status_code == 200 and outbox == []
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]


def test_view_options_reach_the_mail(make_user, client, outbox):
    """subject template (one line), text and HTML bodies, extra_email_context and from_email."""
    make_user(email="ann@example.com")
    response = request_reset(client, "ann@example.com", "/custom/reset/")
    assert response.status_code == 302 and response["Location"] == "/custom/sent/"
    (message,) = outbox
    assert message.subject == "Acme & Co password reset for ann"  # newlines dropped, not escaped
    assert message.from_email == "help@acme.example"
    assert message.body.startswith("Acme & Co: http://testserver/custom/reset/")
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith('<p>Acme &amp; Co: <a href="http://testserver/custom/reset/')
    assert reset_link(html) == reset_link(message.body)


def test_https_requests_mail_https_links(make_user, client, outbox):
    make_user(email="ann@example.com")
    client.post("/accounts/password_reset/", {"email": "ann@example.com"}, secure=True)
    assert "https://testserver/accounts/reset/" in outbox[0].body


def test_post_reset_login_logs_the_user_in_with_the_named_backend(make_user, client, outbox):
    user = make_user(email="ann@example.com")
    request_reset(client, "ann@example.com", "/custom/reset/")
    link = reset_link(outbox[0].body)
    backends = [
        "django.contrib.auth.backends.ModelBackend",
        "django.contrib.auth.backends.AllowAllUsersModelBackend",
    ]
    with override_settings(AUTHENTICATION_BACKENDS=backends):
        _url, response = set_new_password(client, link)
        assert response.status_code == 302 and response["Location"] == "/custom/complete/"
        session = client.session
        assert session["_auth_user_id"] == str(user.pk)
        assert session["_auth_user_backend"] == backends[1]
        assert "_password_reset_token" not in session


@pytest.mark.parametrize(
    "uidb64",
    ["", "!!!", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw", "bm90LWEtbnVtYmVy", "%00", "A" * 300],
    ids=["empty", "not-base64", "huge-number", "not-a-number", "nul", "long"],
)
def test_bad_uid_in_the_link_shows_the_invalid_page(make_user, client, uidb64):
    user = make_user()
    token = default_token_generator.make_token(user)
    if not uidb64:
        uidb64 = urlsafe_base64_encode(b"999999")  # a pk nobody has
    response = client.get(f"/accounts/reset/{uidb64}/{token}/")
    assert response.status_code == 200 and response.context["validlink"] is False


@pytest.mark.parametrize("token", ["set-password", "1-2", "zzzzzzzzzzzzzzzz-abc", "abc", "<script>"], ids=str)
def test_bad_token_in_the_link_shows_the_invalid_page(make_user, client, token):
    """A tampered token, and set-password without a token in the session, are refused."""
    user = make_user()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/accounts/reset/{uid}/{token}/")
    assert response.status_code == 200 and response.context["validlink"] is False
    assert "<script>" not in response.content.decode()
    post = client.post(
        f"/accounts/reset/{uid}/{token}/", {"new_password1": "x1-Yy-zz", "new_password2": "x1-Yy-zz"}
    )
    assert post.status_code == 200 and post.context["validlink"] is False
    user.refresh_from_db()
    assert user.check_password("s3cret-Pass!")


def test_an_expired_link_is_refused(make_user, client):
    """A token made longer ago than PASSWORD_RESET_TIMEOUT does not open the form."""

    class Earlier(PasswordResetTokenGenerator):
        def _now(self):
            return super()._now().replace(year=2020)

    user = make_user()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    old_token = Earlier().make_token(user)
    assert client.get(f"/accounts/reset/{uid}/{old_token}/").context["validlink"] is False
    fresh = default_token_generator.make_token(user)
    with override_settings(PASSWORD_RESET_TIMEOUT=0):
        assert Client().get(f"/accounts/reset/{uid}/{fresh}/").status_code in (200, 302)
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        assert Client().get(f"/accounts/reset/{uid}/{fresh}/").context["validlink"] is False


def test_a_link_dies_when_the_user_logs_in_meanwhile(make_user, client, outbox):
    """last_login is part of the token: logging in with the old password voids the mailed link."""
    make_user(email="ann@example.com")
    request_reset(client, "ann@example.com")
    link = reset_link(outbox[0].body)
    other = Client()
    assert other.post("/accounts/login/", {"username": "ann", "password": "s3cret-Pass!"}).status_code == 302
    assert client.get(link).context["validlink"] is False


def test_mismatched_passwords_keep_the_link_usable(make_user, client, outbox):
    user = make_user(email="ann@example.com")
    request_reset(client, "ann@example.com")
    link = reset_link(outbox[0].body)
    set_password_url = client.get(link)["Location"]
    response = client.post(set_password_url, {"new_password1": "Abc-12345x", "new_password2": "Abc-12345y"})
    assert response.status_code == 200 and response.context["validlink"] is True
    assert response.context["form"].errors["new_password2"] == ["The two password fields didn’t match."]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_validators_apply_on_the_set_password_page(make_user, client, outbox):
    make_user(email="ann@example.com")
    request_reset(client, "ann@example.com")
    set_password_url = client.get(reset_link(outbox[0].body))["Location"]
    validators = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        }
    ]
    with override_settings(AUTH_PASSWORD_VALIDATORS=validators):
        response = client.post(set_password_url, {"new_password1": "short-1", "new_password2": "short-1"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"] == [
        "This password is too short. It must contain at least 12 characters."
    ]


def test_the_token_stays_out_of_the_set_password_page(make_user, client, outbox):
    """After the redirect, neither the URL nor the page carries the token (no Referer leak)."""
    make_user(email="ann@example.com")
    request_reset(client, "ann@example.com")
    link = reset_link(outbox[0].body)
    token = link.rstrip("/").rsplit("/", 1)[1]
    set_password_url = client.get(link)["Location"]
    page = client.get(set_password_url)
    assert token not in set_password_url and token not in page.content.decode()
    assert page["Cache-Control"] and "no-cache" in page["Cache-Control"]


@pytest.mark.slow
def test_full_flow_through_a_real_smtp_server(make_user, client, smtp_server):  # noqa: F811
    """The SMTP backend delivers the reset mail to a real server; its link completes the reset."""
    user = make_user(email="ann@example.com")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_server.host,
        EMAIL_PORT=smtp_server.port,
        DEFAULT_FROM_EMAIL="Reset Desk <desk@example.com>",
    ):
        response = request_reset(client, "ANN@example.com", "/custom/reset/")
    assert response.status_code == 302
    (received,) = smtp_server.messages
    assert received.mail_from == "help@acme.example" and received.rcpt_tos == ["ann@example.com"]
    parsed = email.message_from_bytes(received.data.replace(b"\r\n", b"\n"), policy=email.policy.default)
    assert parsed["Subject"] == "Acme & Co password reset for ann"
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    link = reset_link(text)
    assert reset_link(html) == link
    with override_settings(
        AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    ):
        _url, response = set_new_password(client, link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_failing_mail_server_is_logged_not_raised(make_user, client, caplog):
    """An unreachable SMTP server does not turn the reset request into an error page (nor a leak)."""
    from tests.core.mail.conftest import free_port

    make_user(email="ann@example.com")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
    ):
        response = request_reset(client, "ann@example.com")
    assert response.status_code == 302
    assert any(
        "password reset" in r.getMessage().lower() for r in caplog.records if r.name == "django.contrib.auth"
    )
