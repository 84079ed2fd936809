"""Sending email: the helpers (send_mail, mail_admins, ...), get_connection and the message classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail._positional import legacy_positional
from django.core.mail.message import (
    DEFAULT_ATTACHMENT_MIME_TYPE,
    BadHeaderError,
    EmailAlternative,
    EmailAttachment,
    EmailMessage,
    EmailMultiAlternatives,
    forbid_multi_line_headers,
    sanitize_address,
)
from django.core.mail.utils import DNS_NAME, CachedDnsName
from django.utils.module_loading import import_string

__all__ = [
    "CachedDnsName",
    "DNS_NAME",
    "EmailMessage",
    "EmailMultiAlternatives",
    "EmailAlternative",
    "EmailAttachment",
    "DEFAULT_ATTACHMENT_MIME_TYPE",
    "BadHeaderError",
    "forbid_multi_line_headers",
    "sanitize_address",
    "get_connection",
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
]


# The locmem backend's sent messages; exists only once that backend (or the test setup) makes it.
outbox: list


@legacy_positional(1, ("fail_silently",))
def get_connection(backend: str | None = None, *, fail_silently: bool = False, **kwargs: Any) -> Any:
    """An instance of ``backend`` (default EMAIL_BACKEND), given ``fail_silently`` and ``kwargs``."""
    backend_class = import_string(backend or settings.EMAIL_BACKEND)
    return backend_class(fail_silently=fail_silently, **kwargs)


def _connection(
    connection: Any, fail_silently: bool, auth_user: str | None, auth_password: str | None
) -> Any:
    return connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently
    )


@legacy_positional(4, ("fail_silently", "auth_user", "auth_password", "connection", "html_message"))
def send_mail(
    subject: str,
    message: str,
    from_email: str | None,
    recipient_list: list[str],
    *,
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
    html_message: str | None = None,
) -> int:
    """Send one message to ``recipient_list`` (all in To); the number sent (0 or 1)."""
    connection = _connection(connection, fail_silently, auth_user, auth_password)
    mail = EmailMultiAlternatives(subject, message, from_email, recipient_list, connection=connection)
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    return mail.send()


@legacy_positional(1, ("fail_silently", "auth_user", "auth_password", "connection"))
def send_mass_mail(
    datatuple: Iterable[tuple[str, str, str | None, list[str]]],
    *,
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
) -> int:
    """Send each (subject, message, from_email, recipient_list) over one connection; the number sent."""
    connection = _connection(connection, fail_silently, auth_user, auth_password)
    messages = [
        EmailMessage(subject, message, sender, recipients, connection=connection)
        for subject, message, sender, recipients in datatuple
    ]
    return connection.send_messages(messages)


def _addresses(setting_name: str) -> list[str]:
    """ADMINS/MANAGERS as addresses: strings, or (name, address) pairs of older settings files."""
    entries = getattr(settings, setting_name)
    addresses = []
    for entry in entries:
        if isinstance(entry, str):
            addresses.append(entry)
        elif isinstance(entry, list | tuple) and len(entry) == 2 and all(isinstance(e, str) for e in entry):
            addresses.append(entry[1])
        else:
            raise ValueError(f"The {setting_name} setting must be a list of email address strings.")
    return addresses


def _mail_staff(
    setting_name: str,
    subject: str,
    message: str,
    fail_silently: bool,
    connection: Any,
    html_message: str | None,
) -> None:
    recipients = _addresses(setting_name)
    if not recipients:
        return
    mail = EmailMultiAlternatives(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        message,
        settings.SERVER_EMAIL,
        recipients,
        connection=connection,
    )
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    mail.send(fail_silently=fail_silently)


@legacy_positional(2, ("fail_silently", "connection", "html_message"))
def mail_admins(
    subject: str,
    message: str,
    *,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: str | None = None,
) -> None:
    """Email the ADMINS (subject prefixed with EMAIL_SUBJECT_PREFIX, sent from SERVER_EMAIL)."""
    _mail_staff("ADMINS", subject, message, fail_silently, connection, html_message)


@legacy_positional(2, ("fail_silently", "connection", "html_message"))
def mail_managers(
    subject: str,
    message: str,
    *,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: str | None = None,
) -> None:
    """Email the MANAGERS, like mail_admins()."""
    _mail_staff("MANAGERS", subject, message, fail_silently, connection, html_message)
