"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, plain, STARTTLS or implicit TLS."""

from __future__ import annotations

import socket
import ssl
import subprocess
from dataclasses import dataclass, field

import pytest


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps every accepted message and every login."""

    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        ok = (auth_data.login, auth_data.password) == (b"user", b"secret")
        if ok:
            self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=ok, handled=False)


@dataclass
class SMTPServer:
    host: str
    port: int
    recorder: Recorder
    certfile: str | None = None

    @property
    def messages(self) -> list[Received]:
        return self.recorder.messages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (made with the openssl tool)."""
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot make a TLS certificate here (openssl failed: {exc})")
    return str(cert), str(key)


def _start(recorder: Recorder, **kwargs):
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (it belongs in the test extras)")
    from aiosmtpd.controller import Controller

    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def smtp_server():
    """A plain SMTP server accepting AUTH (user/secret) without TLS."""
    recorder = Recorder()
    controller = _start(recorder, authenticator=recorder.authenticate, auth_require_tls=False)
    yield SMTPServer("127.0.0.1", controller.port, recorder)
    controller.stop()


@pytest.fixture
def starttls_server(certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = Recorder()
    controller = _start(
        recorder, tls_context=context, require_starttls=True, authenticator=recorder.authenticate
    )
    yield SMTPServer("127.0.0.1", controller.port, recorder, cert)
    controller.stop()


@pytest.fixture
def ssl_server(certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = Recorder()
    controller = _start(recorder, ssl_context=context)
    yield SMTPServer("127.0.0.1", controller.port, recorder, cert)
    controller.stop()


@pytest.fixture
def outbox():
    """A fresh django.core.mail.outbox for the locmem backend."""
    from django.core import mail

    mail.outbox = []
    yield mail.outbox
    mail.outbox = []


@pytest.fixture
def settings_override():
    from django.test.utils import override_settings

    return override_settings
