"""send_mail, send_mass_mail, mail_admins/mail_managers, AdminEmailHandler, sendtestemail, test outbox."""

from __future__ import annotations

import io
import logging

import pytest

from django.core import mail
from django.core.mail import mail_admins, mail_managers, send_mail, send_mass_mail
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def locmem(outbox):
    with override_settings(EMAIL_BACKEND=LOCMEM):
        yield outbox


def test_send_mail_sends_one_message():
    assert send_mail("Subject", "Body", "from@example.com", ["a@example.com", "b@example.com"]) == 1
    (msg,) = mail.outbox
    assert (msg.subject, msg.body, msg.from_email, msg.to) == (
        "Subject",
        "Body",
        "from@example.com",
        ["a@example.com", "b@example.com"],
    )
    assert msg.alternatives == []


def test_send_mail_html_message_and_default_sender():
    send_mail("s", "plain", None, ["a@example.com"], html_message="<p>html</p>")
    (msg,) = mail.outbox
    assert msg.from_email == "webmaster@localhost"
    assert msg.alternatives == [("<p>html</p>", "text/html")]


def test_send_mail_positional_options_warn_but_work():
    from django.utils.deprecation import RemovedInDjango70Warning

    with pytest.warns(RemovedInDjango70Warning, match="fail_silently"):
        assert send_mail("s", "b", "f@example.com", ["a@example.com"], True) == 1
    with pytest.warns(RemovedInDjango70Warning):
        send_mass_mail([("s", "b", "f@example.com", ["a@example.com"])], False)
    with override_settings(ADMINS=["a@example.com"]), pytest.warns(RemovedInDjango70Warning):
        mail_admins("s", "b", False, None, "<p>html</p>")
    assert mail.outbox[-1].alternatives == [("<p>html</p>", "text/html")]


def test_send_mail_uses_given_connection():
    from django.core.mail import get_connection

    connection = get_connection("django.core.mail.backends.dummy.EmailBackend")
    assert send_mail("s", "b", "f@example.com", ["a@example.com"], connection=connection) == 1
    assert mail.outbox == []


def test_send_mail_passes_auth_and_fail_silently_to_the_backend():
    seen = {}

    class Recording:
        def __init__(self, fail_silently=False, username=None, password=None, **kwargs):
            seen.update(fail_silently=fail_silently, username=username, password=password)

        def send_messages(self, messages):
            return len(messages)

    with override_settings(EMAIL_BACKEND=f"{__name__}.RecordingBackend"):
        globals()["RecordingBackend"] = Recording
        try:
            send_mail(
                "s",
                "b",
                "f@example.com",
                ["a@example.com"],
                fail_silently=True,
                auth_user="u",
                auth_password="p",
            )
        finally:
            del globals()["RecordingBackend"]
    assert seen == {"fail_silently": True, "username": "u", "password": "p"}


def test_send_mass_mail_sends_each_over_one_connection():
    data = [
        ("s1", "b1", "f@example.com", ["a@example.com"]),
        ("s2", "b2", None, ["b@example.com", "c@example.com"]),
    ]
    assert send_mass_mail(data) == 2
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("s1", ["a@example.com"]),
        ("s2", ["b@example.com", "c@example.com"]),
    ]
    assert mail.outbox[1].from_email == "webmaster@localhost"


@override_settings(ADMINS=["admin@example.com", "other@example.com"], SERVER_EMAIL="server@example.com")
def test_mail_admins_prefixes_subject_and_uses_server_email():
    mail_admins("Broken", "details", html_message="<p>details</p>")
    (msg,) = mail.outbox
    assert msg.subject == "[Django] Broken"
    assert msg.from_email == "server@example.com"
    assert msg.to == ["admin@example.com", "other@example.com"]
    assert msg.alternatives == [("<p>details</p>", "text/html")]


@override_settings(MANAGERS=[("Manager", "manager@example.com")], EMAIL_SUBJECT_PREFIX="[site] ")
def test_mail_managers_accepts_legacy_name_address_pairs():
    mail_managers("Hi", "body")
    (msg,) = mail.outbox
    assert msg.to == ["manager@example.com"] and msg.subject == "[site] Hi"


@override_settings(ADMINS=[])
def test_mail_admins_without_admins_sends_nothing():
    mail_admins("s", "b")
    assert mail.outbox == []


@override_settings(ADMINS=[("too", "many", "parts")])
def test_malformed_admins_setting_is_a_value_error():
    with pytest.raises(ValueError, match="ADMINS"):
        mail_admins("s", "b")


@override_settings(ADMINS=["admin@example.com"])
def test_admin_email_handler_mails_the_admins():
    from django.utils.log import AdminEmailHandler

    logger = logging.getLogger("tests.core.mail.admin_handler")
    handler = AdminEmailHandler()
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.exception("Something\nfailed")
    finally:
        logger.removeHandler(handler)
    (msg,) = mail.outbox
    assert msg.to == ["admin@example.com"]
    assert msg.subject.startswith("[Django] ERROR: Something\\nfailed")
    assert "Something" in msg.body


@override_settings(ADMINS=["admin@example.com"])
def test_admin_email_handler_honours_email_backend_argument():
    from django.utils.log import AdminEmailHandler

    handler = AdminEmailHandler(email_backend="django.core.mail.backends.dummy.EmailBackend")
    handler.emit(logging.LogRecord("x", logging.ERROR, __file__, 1, "problem", None, None))
    assert mail.outbox == []


def test_sendtestemail_to_addresses():
    call_command("sendtestemail", "a@example.com", "b@example.com")
    (msg,) = mail.outbox
    assert msg.to == ["a@example.com", "b@example.com"]
    assert msg.subject.startswith("Test email from ")
    assert "successful" in msg.body


@override_settings(ADMINS=["admin@example.com"], MANAGERS=["manager@example.com"])
def test_sendtestemail_admins_and_managers():
    call_command("sendtestemail", "--admins", "--managers")
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.com", "manager@example.com"]


def test_sendtestemail_without_recipients_is_a_command_error():
    with pytest.raises(CommandError, match="recipients"):
        call_command("sendtestemail", stdout=io.StringIO())


def test_setup_test_environment_installs_locmem_outbox():
    from django.conf import settings
    from django.test.utils import setup_test_environment, teardown_test_environment

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        setup_test_environment()
        try:
            assert settings.EMAIL_BACKEND == LOCMEM
            assert mail.outbox == []
            send_mail("s", "b", "f@example.com", ["t@example.com"])
            assert len(mail.outbox) == 1
        finally:
            teardown_test_environment()
        assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
