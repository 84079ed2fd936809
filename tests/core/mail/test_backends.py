"""The console, filebased, locmem and dummy email backends."""

from __future__ import annotations

import email
import email.policy
import io
import os

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend


def message(n: int = 0) -> EmailMessage:
    return EmailMessage(f"Subject {n}", f"Body ü {n}", "from@example.com", ["to@example.com"])


def test_console_writes_each_message_and_a_separator():
    stream = io.StringIO()
    backend = get_connection("django.core.mail.backends.console.EmailBackend", stream=stream)
    assert backend.send_messages([message(1), message(2)]) == 2
    output = stream.getvalue()
    assert output.count("-" * 79) == 2
    assert "Subject: Subject 1" in output and "Subject: Subject 2" in output
    assert "Body ü 1" in output or "Qm9keSDDvCAx" in output
    assert backend.send_messages([]) == 0


def test_console_fail_silently_swallows_errors():
    bad = EmailMessage("a\nb", "x", "f@example.com", ["t@example.com"])
    quiet = get_connection(
        "django.core.mail.backends.console.EmailBackend", stream=io.StringIO(), fail_silently=True
    )
    assert quiet.send_messages([bad]) == 0
    loud = get_connection("django.core.mail.backends.console.EmailBackend", stream=io.StringIO())
    from django.core.mail import BadHeaderError

    with pytest.raises(BadHeaderError):
        loud.send_messages([bad])


def test_filebased_writes_one_file_per_connection(tmp_path):
    backend = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=tmp_path / "mails")
    backend.send_messages([message(1), message(2)])
    backend.send_messages([message(3)])
    other = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=tmp_path / "mails")
    other.send_messages([message(4)])
    files = sorted(os.listdir(tmp_path / "mails"))
    assert len(files) == 2 and all(name.endswith(".log") for name in files)
    contents = b"".join((tmp_path / "mails" / name).read_bytes() for name in files)
    for n in range(1, 5):
        assert f"Subject: Subject {n}".encode() in contents
    first = (tmp_path / "mails" / files[0]).read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
    parsed = email.message_from_bytes(first, policy=email.policy.default)
    assert parsed["To"] == "to@example.com"


def test_filebased_uses_email_file_path_setting(tmp_path):
    from django.test.utils import override_settings

    with override_settings(EMAIL_FILE_PATH=str(tmp_path / "from-setting")):
        get_connection("django.core.mail.backends.filebased.EmailBackend").send_messages([message()])
    assert len(os.listdir(tmp_path / "from-setting")) == 1


def test_filebased_bad_paths_are_improperly_configured(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(ImproperlyConfigured, match="not a directory"):
        get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=a_file)
    with pytest.raises(ImproperlyConfigured):
        get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=None)


def test_filebased_unwritable_directory_is_improperly_configured(tmp_path):
    read_only = tmp_path / "ro"
    read_only.mkdir(mode=0o500)
    if os.access(read_only, os.W_OK):
        pytest.skip("running as a user who can write anywhere")
    with pytest.raises(ImproperlyConfigured, match="Could not write"):
        get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=read_only)


def test_locmem_appends_to_outbox(outbox):
    backend = get_connection("django.core.mail.backends.locmem.EmailBackend")
    msg = message()
    assert backend.send_messages([msg, message(2)]) == 2
    from django.core import mail

    assert mail.outbox[0] is msg and len(mail.outbox) == 2


def test_locmem_creates_outbox_if_missing():
    from django.core import mail

    saved = mail.__dict__.pop("outbox", None)
    try:
        get_connection("django.core.mail.backends.locmem.EmailBackend").send_messages([message()])
        assert len(mail.outbox) == 1
    finally:
        mail.outbox = saved if saved is not None else []


def test_locmem_refuses_messages_that_cannot_render(outbox):
    from django.core.mail import BadHeaderError

    with pytest.raises(BadHeaderError):
        get_connection("django.core.mail.backends.locmem.EmailBackend").send_messages(
            [EmailMessage("a\nb", "x", "f@example.com", ["t@example.com"])]
        )
    assert outbox == []


def test_dummy_reports_messages_as_sent_without_sending(outbox):
    backend = get_connection("django.core.mail.backends.dummy.EmailBackend")
    assert backend.send_messages([message(), message()]) == 2
    assert outbox == []


def test_get_connection_passes_arguments_and_defaults_to_setting():
    from django.test.utils import override_settings

    backend = get_connection("django.core.mail.backends.dummy.EmailBackend", fail_silently=True)
    assert backend.fail_silently is True
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        assert type(get_connection()).__module__ == "django.core.mail.backends.dummy"
    with pytest.raises(ImportError):
        get_connection("no.such.Backend")


def test_base_backend_context_manager_and_abstract_send():
    events = []

    class Recording(BaseEmailBackend):
        def open(self):
            events.append("open")

        def close(self):
            events.append("close")

    with Recording() as backend:
        events.append("body")
    assert events == ["open", "body", "close"]
    with pytest.raises(NotImplementedError):
        backend.send_messages([])
