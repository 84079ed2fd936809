"""The SMTP backend against a real aiosmtpd server on 127.0.0.1: plain, AUTH, STARTTLS, implicit TLS."""

from __future__ import annotations

import email
import email.policy
import smtplib
import ssl

import pytest

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection, send_mail, send_mass_mail
from django.core.mail.backends.smtp import EmailBackend
from tests.core.mail.conftest import free_port

pytestmark = pytest.mark.slow


def parse(data: bytes):
    """The received message; SMTP line ends (CRLF) read as the parser's own."""
    return email.message_from_bytes(data.replace(b"\r\n", b"\n"), policy=email.policy.default)


def backend_for(server, **kwargs) -> EmailBackend:
    return EmailBackend(host=server.host, port=server.port, **kwargs)


def test_send_messages_delivers_envelope_and_content(smtp_server):
    """Envelope from/recipients (bcc included), CRLF on the wire, content intact."""
    msg = EmailMultiAlternatives(
        "Grüße", "Hällo", "Sender <from@example.com>", ["to@example.com"], cc=["cc@example.com"],
        bcc=["hidden@example.com"],
    )  # fmt: skip
    msg.attach_alternative("<b>Hällo</b>", "text/html")
    msg.attach("a.bin", b"\x00\x01")
    assert backend_for(smtp_server).send_messages([msg]) == 1
    (received,) = smtp_server.messages
    assert received.mail_from == "from@example.com"
    assert sorted(received.rcpt_tos) == ["cc@example.com", "hidden@example.com", "to@example.com"]
    parsed = parse(received.data)
    assert parsed["Subject"] == "Grüße"
    assert parsed.get_body(("plain",)).get_content() == "Hällo\n"
    assert parsed.get_body(("html",)).get_content() == "<b>Hällo</b>\n"
    assert b"hidden@example.com" not in received.data
    assert b"\r\n" in received.data and b"\n" not in received.data.replace(b"\r\n", b"")


def test_non_ascii_domains_are_punycoded_in_the_envelope(smtp_server):
    EmailMessage("s", "b", "a@bücher.example", ["z@ñ.example"], connection=backend_for(smtp_server)).send()
    (received,) = smtp_server.messages
    assert received.mail_from == "a@xn--bcher-kva.example"
    assert received.rcpt_tos == ["z@xn--ida.example"]


def test_one_connection_for_several_messages_and_context_manager(smtp_server):
    with backend_for(smtp_server) as connection:
        assert connection.connection is not None
        sent = connection.send_messages(
            [EmailMessage(f"m{i}", "b", "f@example.com", ["t@example.com"]) for i in range(3)]
        )
        assert connection.connection is not None  # kept open inside the block
    assert sent == 3 and connection.connection is None
    assert [parse(m.data)["Subject"] for m in smtp_server.messages] == ["m0", "m1", "m2"]


def test_open_reports_whether_it_connected(smtp_server):
    connection = backend_for(smtp_server)
    assert connection.open() is True
    assert connection.open() is False
    connection.close()
    connection.close()  # closing twice is harmless


def test_login_with_username_and_password(smtp_server):
    connection = backend_for(smtp_server, username="user", password="secret")
    assert connection.send_messages([EmailMessage("s", "b", "f@example.com", ["t@example.com"])]) == 1
    assert smtp_server.recorder.logins == [(b"user", b"secret")]


def test_wrong_password_raises_or_fails_silently(smtp_server):
    msg = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    with pytest.raises(smtplib.SMTPAuthenticationError):
        backend_for(smtp_server, username="user", password="wrong").send_messages([msg])
    assert smtp_server.messages == []


def test_send_mail_uses_settings_and_auth_arguments(smtp_server, settings_override):
    with settings_override(EMAIL_HOST=smtp_server.host, EMAIL_PORT=smtp_server.port,
                           EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):  # fmt: skip
        assert (
            send_mail("s", "b", "f@example.com", ["t@example.com"], auth_user="user", auth_password="secret")
            == 1
        )
        assert (
            send_mass_mail(
                [("a", "b", "f@example.com", ["x@example.com"]), ("c", "d", None, ["y@example.com"])]
            )
            == 2
        )
    assert len(smtp_server.messages) == 3
    assert smtp_server.messages[2].mail_from == "webmaster@localhost"


def test_settings_supply_defaults(settings_override):
    with settings_override(EMAIL_HOST="mail.example", EMAIL_PORT=2525, EMAIL_HOST_USER="u", EMAIL_HOST_PASSWORD="p",
                           EMAIL_TIMEOUT=7, EMAIL_USE_TLS=True):  # fmt: skip
        backend = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert (backend.host, backend.port, backend.username, backend.password) == (
        "mail.example",
        2525,
        "u",
        "p",
    )
    assert backend.timeout == 7 and backend.use_tls is True and backend.use_ssl is False


def test_tls_and_ssl_are_mutually_exclusive():
    with pytest.raises(ValueError, match="mutually exclusive"):
        EmailBackend(use_tls=True, use_ssl=True)


def test_refused_connection_raises_or_fails_silently():
    port = free_port()  # nothing listens here
    msg = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    with pytest.raises(OSError):
        EmailBackend(host="127.0.0.1", port=port, timeout=2).send_messages([msg])
    assert EmailBackend(host="127.0.0.1", port=port, timeout=2, fail_silently=True).send_messages([msg]) == 0


def test_message_without_recipients_is_not_sent(smtp_server):
    assert backend_for(smtp_server).send_messages([EmailMessage("s", "b", "f@example.com", [])]) == 0
    assert backend_for(smtp_server).send_messages([]) == 0
    assert smtp_server.messages == []


def trusting(backend: EmailBackend, server) -> EmailBackend:
    """The backend verifying the server against the test certificate (instead of system CAs)."""
    backend.ssl_context.load_verify_locations(server.certfile)
    return backend


def test_starttls_with_login(starttls_server):
    backend = trusting(
        backend_for(starttls_server, use_tls=True, username="user", password="secret"), starttls_server
    )
    assert backend.send_messages([EmailMessage("tls", "b", "f@example.com", ["t@example.com"])]) == 1
    assert parse(starttls_server.messages[0].data)["Subject"] == "tls"
    assert starttls_server.recorder.logins == [(b"user", b"secret")]


def test_starttls_verifies_the_server_certificate(starttls_server):
    backend = backend_for(starttls_server, use_tls=True)
    with pytest.raises(ssl.SSLError):
        backend.send_messages([EmailMessage("s", "b", "f@example.com", ["t@example.com"])])
    assert starttls_server.messages == []


def test_server_requiring_starttls_refuses_plain_mail(starttls_server):
    with pytest.raises(smtplib.SMTPException):
        backend_for(starttls_server).send_messages(
            [EmailMessage("s", "b", "f@example.com", ["t@example.com"])]
        )


def test_implicit_ssl(ssl_server):
    backend = trusting(backend_for(ssl_server, use_ssl=True, timeout=5), ssl_server)
    assert backend.send_messages([EmailMessage("ssl", "b", "f@example.com", ["t@example.com"])]) == 1
    assert parse(ssl_server.messages[0].data)["Subject"] == "ssl"


def test_client_certificate_files_are_loaded(ssl_server, certificate):
    cert, key = certificate
    backend = EmailBackend(
        host=ssl_server.host, port=ssl_server.port, use_ssl=True, ssl_certfile=cert, ssl_keyfile=key
    )
    assert backend.ssl_context.get_ca_certs() is not None
    trusting(backend, ssl_server)
    assert backend.send_messages([EmailMessage("cert", "b", "f@example.com", ["t@example.com"])]) == 1
