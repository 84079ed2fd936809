"""AdminEmailHandler: error records mailed to ADMINS through the configured email backend."""

from __future__ import annotations

import logging
import sys

import pytest

from django.conf import settings
from django.utils.log import AdminEmailHandler

MISSING = object()


@pytest.fixture
def outbox():
    from django.core import mail

    names = {
        "ADMINS": [("Admin", "admin@example.com")],
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "EMAIL_SUBJECT_PREFIX": "[Test] ",
    }
    saved = {name: getattr(settings._wrapped, name, MISSING) for name in names}
    for name, value in names.items():
        setattr(settings, name, value)
    mail.outbox = []
    yield mail.outbox
    for name, value in saved.items():
        if value is MISSING:
            delattr(settings, name)
        else:
            setattr(settings, name, value)


def make_record(message="Something broke", exc_info=None):
    return logging.LogRecord("django.request", logging.ERROR, __file__, 10, message, (), exc_info)


def test_error_record_is_mailed_to_admins(outbox):
    AdminEmailHandler().handle(make_record("Internal Server Error: /boom"))
    assert len(outbox) == 1
    email = outbox[0]
    assert email.to == ["admin@example.com"]
    assert email.subject == "[Test] ERROR: Internal Server Error: /boom"
    assert "Internal Server Error: /boom" in email.body


def test_traceback_is_included_once(outbox):
    try:
        raise ValueError("kaboom")
    except ValueError:
        record = make_record("Crash", exc_info=sys.exc_info())
    AdminEmailHandler(include_html=True).handle(record)
    email = outbox[0]
    assert "ValueError" in email.body and "kaboom" in email.body
    assert email.alternatives and "text/html" in email.alternatives[0][1]


def test_subject_is_one_line(outbox):
    AdminEmailHandler().handle(make_record("first line\nsecond line\rthird"))
    assert "\n" not in outbox[0].subject and "\r" not in outbox[0].subject
    assert outbox[0].subject.endswith("first line\\nsecond line\\rthird")


def test_failures_while_mailing_do_not_raise(outbox, capsys):
    settings.EMAIL_BACKEND = "no.such.backend.EmailBackend"
    AdminEmailHandler().handle(make_record())
    assert outbox == []
    assert "Traceback" in capsys.readouterr().err  # reported the way logging reports handler errors
