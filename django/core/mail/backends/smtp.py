"""The SMTP email backend (smtplib), configured from the EMAIL_* settings or its arguments."""

from __future__ import annotations

import smtplib
import ssl
import threading
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address
from django.utils.functional import cached_property


def _pick(value: Any, setting: str) -> Any:
    return getattr(settings, setting) if value is None else value


class EmailBackend(BaseEmailBackend):
    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        use_tls: bool | None = None,
        fail_silently: bool = False,
        use_ssl: bool | None = None,
        timeout: float | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently)
        self.host = _pick(host, "EMAIL_HOST")
        self.port = _pick(port, "EMAIL_PORT")
        self.username = _pick(username, "EMAIL_HOST_USER")
        self.password = _pick(password, "EMAIL_HOST_PASSWORD")
        self.use_tls = _pick(use_tls, "EMAIL_USE_TLS")
        self.use_ssl = _pick(use_ssl, "EMAIL_USE_SSL")
        self.timeout = _pick(timeout, "EMAIL_TIMEOUT")
        self.ssl_keyfile = _pick(ssl_keyfile, "EMAIL_SSL_KEYFILE")
        self.ssl_certfile = _pick(ssl_certfile, "EMAIL_SSL_CERTFILE")
        if self.use_ssl and self.use_tls:
            raise ValueError(
                "EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True."
            )
        self.connection: smtplib.SMTP | None = None
        self._lock = threading.RLock()

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

    @cached_property
    def ssl_context(self) -> ssl.SSLContext:
        """Verifies the server against the system's CAs; EMAIL_SSL_CERTFILE/KEYFILE is our client cert."""
        context = ssl.create_default_context()
        if self.ssl_certfile or self.ssl_keyfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context

    def open(self) -> bool | None:
        """Connect (and log in); True if a new connection was made, None if one was open."""
        if self.connection:
            return False
        params: dict[str, Any] = {}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        try:
            from django.core.mail.utils import DNS_NAME

            params["local_hostname"] = DNS_NAME.get_fqdn()
            self.connection = self.connection_class(self.host, self.port, **params)
            if not self.use_ssl and self.use_tls:
                self.connection.starttls(context=self.ssl_context)
            if self.username and self.password:
                self.connection.login(self.username, self.password)
            return True
        except OSError:
            self.connection = None
            if not self.fail_silently:
                raise
            return None

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            try:
                self.connection.quit()
            except (ssl.SSLError, smtplib.SMTPServerDisconnected):
                self.connection.close()  # the server already hung up
            except smtplib.SMTPException:
                if not self.fail_silently:
                    raise
        finally:
            self.connection = None

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if not email_messages:
            return 0
        with self._lock:
            new_connection = self.open()
            if not self.connection or new_connection is None:
                return 0  # could not connect and told to fail silently
            sent = 0
            try:
                for message in email_messages:
                    if self._send(message):
                        sent += 1
            finally:
                if new_connection:
                    self.close()
        return sent

    def prep_address(self, address: str) -> str:
        return sanitize_address(address)

    def _send(self, email_message: Any) -> bool:
        if not email_message.recipients():
            return False
        from_email = self.prep_address(email_message.from_email)
        recipients = [self.prep_address(addr) for addr in email_message.recipients()]
        message = email_message.message()
        try:
            self.connection.sendmail(  # type: ignore[union-attr]
                from_email, recipients, message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
            )
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
