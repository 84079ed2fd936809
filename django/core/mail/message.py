"""EmailMessage and EmailMultiAlternatives, built on the standard library's policy-based email API."""

from __future__ import annotations

import email.message
import email.policy
import mimetypes
import warnings
from collections import namedtuple
from email.headerregistry import Address
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail._positional import legacy_positional
from django.utils.deprecation import RemovedInDjango70Warning
from django.utils.encoding import force_str, punycode

DEFAULT_ATTACHMENT_MIME_TYPE = "application/octet-stream"

EmailAlternative = namedtuple("EmailAlternative", ["content", "mimetype"])
EmailAttachment = namedtuple("EmailAttachment", ["filename", "content", "mimetype"])

# Headers the message builds itself from the constructor's arguments.
_ADDRESS_HEADERS = ("From", "To", "Cc", "Reply-To")


class BadHeaderError(ValueError):
    """A header value holds a newline, which would let a caller inject further headers."""


def forbid_multi_line_headers(name: str, value: Any) -> str:
    value = force_str(value)
    if "\n" in value or "\r" in value:
        raise BadHeaderError(
            f"Header values may not contain linefeed or carriage return characters (got {value!r} for header {name!r})"
        )
    return value


def sanitize_address(addr: Any, encoding: str | None = None) -> str:
    """``addr`` ("Name <a@b>" or (name, address)) as an ASCII-only address for the SMTP envelope."""
    if isinstance(addr, tuple):
        name, address = addr
    else:
        parsed = getaddresses([forbid_multi_line_headers("address", addr)])
        if len(parsed) != 1 or not parsed[0][1] or "@" not in parsed[0][1]:
            raise ValueError(f'Invalid address "{addr}"')
        name, address = parsed[0]
    local, _, domain = address.rpartition("@")
    if not local or not domain:
        raise ValueError(f'Invalid address "{addr}"')
    return str(Address(display_name=name or "", username=local, domain=punycode(domain)))


def _check_list(name: str, value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        raise TypeError(f'"{name}" argument must be a list or tuple')
    return list(value)


class EmailMessage:
    """One email; ``message()`` renders it as an ``email.message.EmailMessage``."""

    content_subtype = "plain"
    mixed_subtype = "mixed"
    encoding: str | None = None

    @legacy_positional(5, ("bcc", "connection", "attachments", "headers", "cc", "reply_to"))
    def __init__(
        self,
        subject: str = "",
        body: str = "",
        from_email: str | None = None,
        to: list[str] | tuple[str, ...] | None = None,
        *,
        bcc: list[str] | tuple[str, ...] | None = None,
        connection: Any = None,
        attachments: list | None = None,
        headers: dict[str, str] | None = None,
        cc: list[str] | tuple[str, ...] | None = None,
        reply_to: list[str] | tuple[str, ...] | None = None,
    ) -> None:
        self.to = _check_list("to", to)
        self.cc = _check_list("cc", cc)
        self.bcc = _check_list("bcc", bcc)
        self.reply_to = _check_list("reply_to", reply_to)
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self.subject = subject
        self.body = body or ""
        self.attachments: list = []
        for attachment in attachments or []:
            if isinstance(attachment, email.message.Message):
                self.attach(attachment)
            else:
                self.attach(*attachment)
        self.extra_headers = headers or {}
        self.connection = connection

    # ------------------------------------------------------------ sending
    def get_connection(self, fail_silently: bool = False) -> Any:
        from django.core.mail import get_connection

        if not self.connection:
            self.connection = get_connection(fail_silently=fail_silently)
        return self.connection

    def recipients(self) -> list[str]:
        """Every envelope recipient: to, cc and bcc (empty entries dropped)."""
        return [addr for addr in (*self.to, *self.cc, *self.bcc) if addr]

    def send(self, fail_silently: bool = False) -> int:
        if not self.recipients():
            return 0  # nobody to send to: not an error
        return self.get_connection(fail_silently).send_messages([self])

    # ------------------------------------------------------------ attachments
    def attach(self, filename: Any = None, content: Any = None, mimetype: str | None = None) -> None:
        """Attach a MIMEPart, or content under a filename with a (guessed) MIME type."""
        if isinstance(filename, email.message.MIMEPart):
            if content is not None or mimetype is not None:
                raise ValueError(
                    "content and mimetype must not be given when a MIMEPart instance is provided."
                )
            self.attachments.append(filename)
            return
        if isinstance(filename, email.message.Message):
            warnings.warn(
                "Passing a legacy email.mime object to attach() is deprecated; use email.message.MIMEPart.",
                RemovedInDjango70Warning,
                stacklevel=2,
            )
            if content is not None or mimetype is not None:
                raise ValueError("content and mimetype must not be given when a MIME object is provided.")
            self.attachments.append(filename)
            return
        if content is None:
            raise ValueError("content must be provided.")
        mimetype = (
            mimetype or (filename and mimetypes.guess_type(filename)[0]) or DEFAULT_ATTACHMENT_MIME_TYPE
        )
        if mimetype.startswith("text/") and isinstance(content, bytes):
            try:
                content = content.decode()
            except UnicodeDecodeError:
                mimetype = DEFAULT_ATTACHMENT_MIME_TYPE  # not text after all: send the bytes as they are
        self.attachments.append(EmailAttachment(filename, content, mimetype))

    def attach_file(self, path: str | Path, mimetype: str | None = None) -> None:
        path = Path(path)
        self.attach(path.name, path.read_bytes(), mimetype)

    # ------------------------------------------------------------ rendering
    def message(self, *, policy: email.policy.Policy = email.policy.default) -> email.message.EmailMessage:
        msg = email.message.EmailMessage(policy=policy)
        self._set_headers(msg)
        self._add_bodies(msg)
        for attachment in self.attachments:
            self._add_attachment(msg, attachment)
        return msg

    def _header_values(self) -> dict[str, str]:
        values = {
            "Subject": self.subject,
            "From": self.from_email,
            "To": ", ".join(map(str, self.to)),
            "Cc": ", ".join(map(str, self.cc)),
            "Reply-To": ", ".join(map(str, self.reply_to)),
        }
        # Extra headers replace the generated ones (To/Cc shown differ from the envelope).
        canonical = {name.lower(): name for name in values}
        for name, value in self.extra_headers.items():
            values[canonical.get(name.lower(), name)] = value
        return values

    def _set_headers(self, msg: email.message.EmailMessage) -> None:
        values = self._header_values()
        lowered = {name.lower() for name in values}
        if "date" not in lowered:
            values["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        if "message-id" not in lowered:
            from django.core.mail.utils import DNS_NAME

            values["Message-ID"] = make_msgid(domain=str(DNS_NAME))
        for name, value in values.items():
            value = forbid_multi_line_headers(name, value)
            if value or name not in _ADDRESS_HEADERS[1:]:
                msg[name] = _idna_addresses(value) if name in _ADDRESS_HEADERS else value

    def _body_charset(self) -> str:
        return self.encoding or settings.DEFAULT_CHARSET

    def _add_bodies(self, msg: email.message.EmailMessage) -> None:
        if self.body or not getattr(self, "alternatives", None):
            msg.set_content(self.body, subtype=self.content_subtype, charset=self._body_charset())

    def _add_attachment(self, msg: email.message.EmailMessage, attachment: Any) -> None:
        if not msg.is_multipart() or msg.get_content_subtype() != self.mixed_subtype:
            if msg.get_content_type() != "multipart/mixed":
                msg.make_mixed()  # the body (and alternatives) become the first part
            msg.set_type(f"multipart/{self.mixed_subtype}")
        if isinstance(attachment, email.message.Message):
            msg.attach(attachment)  # type: ignore[arg-type]
            return
        filename, content, mimetype = attachment
        msg.attach(_attachment_part(filename, content, mimetype, self._body_charset()))  # type: ignore[arg-type]


def _idna_addresses(value: str) -> str:
    """Address header values with non-ASCII domains in punycode (display names stay Unicode)."""
    parts = []
    for name, address in getaddresses([value]):
        local, at, domain = address.rpartition("@")
        if not at:
            parts.append(value)
            return value
        parts.append(str(Address(display_name=name, username=local, domain=punycode(domain))))
    return ", ".join(parts)


def _attachment_part(
    filename: str | None, content: Any, mimetype: str, charset: str
) -> email.message.MIMEPart:
    part = email.message.MIMEPart(policy=email.policy.default)
    maintype, _, subtype = mimetype.partition("/")
    if maintype == "message" and subtype == "rfc822":
        inner = content.message() if isinstance(content, EmailMessage) else content
        if not isinstance(inner, email.message.Message):
            inner = email.message_from_bytes(
                inner if isinstance(inner, bytes) else str(inner).encode(), policy=email.policy.default
            )
        part.set_content(inner)
    elif maintype == "text" and isinstance(content, str):
        part.set_content(content, subtype=subtype, charset=charset)
    else:
        data = content if isinstance(content, bytes) else str(content).encode(charset)
        part.set_content(data, maintype=maintype, subtype=subtype)
    if filename:
        part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


class EmailMultiAlternatives(EmailMessage):
    """An email with alternative renderings of the body (e.g. text/html) in multipart/alternative."""

    alternative_subtype = "alternative"

    @legacy_positional(5, ("bcc", "connection", "attachments", "headers", "alternatives", "cc", "reply_to"))
    def __init__(
        self,
        subject: str = "",
        body: str = "",
        from_email: str | None = None,
        to: list[str] | tuple[str, ...] | None = None,
        *,
        bcc: list[str] | tuple[str, ...] | None = None,
        connection: Any = None,
        attachments: list | None = None,
        headers: dict[str, str] | None = None,
        alternatives: list | None = None,
        cc: list[str] | tuple[str, ...] | None = None,
        reply_to: list[str] | tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(
            subject, body, from_email, to, bcc=bcc, connection=connection, attachments=attachments,
            headers=headers, cc=cc, reply_to=reply_to,
        )  # fmt: skip
        self.alternatives = [EmailAlternative(*alternative) for alternative in alternatives or []]

    def attach_alternative(self, content: Any, mimetype: str) -> None:
        if content is None or mimetype is None:
            raise ValueError("Both content and mimetype must be provided.")
        self.alternatives.append(EmailAlternative(content, mimetype))

    def body_contains(self, text: str) -> bool:
        """True if ``text`` is in the body and in every text/* alternative."""
        if text not in self.body:
            return False
        for content, mimetype in self.alternatives:
            if mimetype.startswith("text/") and text not in force_str(content):
                return False
        return True

    def _add_bodies(self, msg: email.message.EmailMessage) -> None:
        super()._add_bodies(msg)
        charset = self._body_charset()
        for content, mimetype in self.alternatives:
            maintype, _, subtype = mimetype.partition("/")
            if not msg.get_payload() and not msg.is_multipart():
                if maintype == "text":
                    msg.set_content(force_str(content), subtype=subtype, charset=charset)
                else:
                    msg.set_content(content, maintype=maintype, subtype=subtype)
                if len(self.alternatives) > 1 or self.body:
                    msg.make_alternative()
                continue
            if maintype == "text":
                msg.add_alternative(force_str(content), subtype=subtype, charset=charset)
            else:
                msg.add_alternative(content, maintype=maintype, subtype=subtype)
        if self.alternative_subtype != "alternative" and msg.get_content_type() == "multipart/alternative":
            msg.set_type(f"multipart/{self.alternative_subtype}")
