"""EmailMessage/EmailMultiAlternatives: structure parsed back with the stdlib parser, encodings, injection."""

from __future__ import annotations

import email
import email.policy

import pytest

from django.core.mail import (
    BadHeaderError,
    EmailAlternative,
    EmailAttachment,
    EmailMessage,
    EmailMultiAlternatives,
)


def parse(message: EmailMessage):
    """The message as a receiver sees it: rendered to bytes, parsed back."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_simple_message_headers_and_body():
    msg = EmailMessage("Hello", "Body text\n", "from@example.com", ["to@example.com", "two@example.com"])
    parsed = parse(msg)
    assert parsed["Subject"] == "Hello"
    assert parsed["From"] == "from@example.com"
    assert parsed["To"] == "to@example.com, two@example.com"
    assert parsed["Date"] and parsed["Message-ID"].startswith("<")
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content() == "Body text\n"
    assert "Cc" not in parsed and "Reply-To" not in parsed and "Bcc" not in parsed


def test_message_returns_stdlib_email_message():
    import email.message

    assert isinstance(EmailMessage("s", "b", "f@x.com", ["t@x.com"]).message(), email.message.EmailMessage)


def test_message_accepts_a_policy():
    policy = email.policy.default.clone(linesep="\r\n")
    rendered = EmailMessage("s", "b", "f@x.com", ["t@x.com"]).message(policy=policy).as_bytes()
    assert b"\r\nSubject: s\r\n" in b"\r\n" + rendered or rendered.startswith(b"Subject: s\r\n")


def test_default_from_email(settings_default_from):
    assert EmailMessage("s", "b", None, ["t@x.com"]).from_email == "webmaster@localhost"


@pytest.fixture
def settings_default_from():
    from django.conf import settings

    assert settings.DEFAULT_FROM_EMAIL == "webmaster@localhost"


def test_cc_reply_to_headers_and_bcc_only_in_recipients():
    msg = EmailMessage(
        "s",
        "b",
        "f@x.com",
        ["to@x.com"],
        cc=["cc@x.com"],
        bcc=["bcc@x.com"],
        reply_to=["r@x.com", "r2@x.com"],
    )
    parsed = parse(msg)
    assert parsed["Cc"] == "cc@x.com"
    assert parsed["Reply-To"] == "r@x.com, r2@x.com"
    assert "bcc@x.com" not in msg.message().as_string()
    assert msg.recipients() == ["to@x.com", "cc@x.com", "bcc@x.com"]


def test_extra_headers_override_displayed_to_but_not_recipients():
    msg = EmailMessage(
        "s",
        "b",
        "f@x.com",
        ["real@x.com"],
        headers={
            "To": "Mailing list <list@x.com>",
            "Reply-To": "r@x.com",
            "X-Custom": "yes",
            "Message-ID": "<id@x>",
        },
    )
    parsed = parse(msg)
    assert parsed["To"] == "Mailing list <list@x.com>"
    assert parsed["X-Custom"] == "yes"
    assert parsed["Message-ID"] == "<id@x>"
    assert len(parsed.get_all("Message-ID")) == 1
    assert msg.recipients() == ["real@x.com"]


def test_from_header_override():
    parsed = parse(EmailMessage("s", "b", "envelope@x.com", ["t@x.com"], headers={"From": "shown@x.com"}))
    assert parsed["From"] == "shown@x.com"


@pytest.mark.parametrize("argument", ["to", "cc", "bcc", "reply_to"])
def test_address_lists_must_not_be_strings(argument):
    with pytest.raises(TypeError, match=argument):
        EmailMessage("s", "b", "f@x.com", **{argument: "one@x.com"})


def test_positional_arguments_after_to_still_work_with_a_deprecation_warning():
    """6.0 made them keyword-only; passing them positionally warns until 7.0."""
    from django.utils.deprecation import RemovedInDjango70Warning

    with pytest.warns(RemovedInDjango70Warning, match="bcc, connection"):
        msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"], ["bcc@x.com"], None)
    assert msg.bcc == ["bcc@x.com"]
    with pytest.raises(TypeError, match="multiple values"):
        EmailMessage("s", "b", "f@x.com", ["t@x.com"], ["bcc@x.com"], bcc=["x@x.com"])
    with pytest.raises(TypeError, match="at most"):
        EmailMessage(*["x"] * 11)
    with pytest.warns(RemovedInDjango70Warning):
        alt = EmailMultiAlternatives(
            "s", "b", "f", ["t@x.com"], None, None, None, None, [("<p>", "text/html")]
        )
    assert alt.alternatives == [("<p>", "text/html")]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"subject": "Hi\nBcc: victim@x.com"},
        {"subject": "Hi\rthere"},
        {"headers": {"X-Evil": "a\r\nBcc: v@x.com"}},
        {"from_email": "f@x.com\nBcc: v@x.com"},
        {"to": ["t@x.com\nBcc: v@x.com"]},
    ],
)
def test_header_injection_is_refused(kwargs):
    base = {"subject": "s", "body": "b", "from_email": "f@x.com", "to": ["t@x.com"]}
    msg = EmailMessage(**{**base, **kwargs})
    with pytest.raises(BadHeaderError):
        msg.message()
    assert issubclass(BadHeaderError, ValueError)


def test_non_ascii_subject_names_and_domains_are_encoded():
    msg = EmailMessage(
        "Grüße ✓", "Körper", "Jörg <joerg@bücher.example>", ["Zoë <zoe@example.com>"], cc=["a@ñ.example"]
    )
    raw = msg.message().as_bytes()
    raw.split(b"\n\n", 1)[0].decode("ascii")  # the header block is pure ASCII
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == "Grüße ✓"
    assert parsed["From"].addresses[0].display_name == "Jörg"
    assert parsed["From"].addresses[0].domain == "xn--bcher-kva.example"
    assert parsed["To"].addresses[0].display_name == "Zoë"
    assert parsed["Cc"].addresses[0].domain == "xn--ida.example"
    assert parsed.get_content() == "Körper\n"


def test_long_lines_and_custom_encoding():
    msg = EmailMessage("s", "é" * 2000, "f@x.com", ["t@x.com"])
    msg.encoding = "iso-8859-1"
    parsed = parse(msg)
    assert parsed.get_content_charset() == "iso-8859-1"
    assert parsed.get_content().rstrip("\n") == "é" * 2000
    assert all(len(line) <= 998 for line in msg.message().as_bytes().split(b"\n"))


def test_html_content_subtype():
    msg = EmailMessage("s", "<p>hi</p>", "f@x.com", ["t@x.com"])
    msg.content_subtype = "html"
    assert parse(msg).get_content_type() == "text/html"


def test_attachments_make_multipart_mixed():
    msg = EmailMessage("s", "body", "f@x.com", ["t@x.com"])
    msg.attach("notes.txt", "some text")
    msg.attach("data.bin", b"\x00\x01\x02", "application/octet-stream")
    msg.attach("pic.png", b"\x89PNG")
    parsed = parse(msg)
    assert parsed.get_content_type() == "multipart/mixed"
    body, *attachments = parsed.iter_parts()
    assert body.get_content() == "body\n"
    found = {a.get_filename(): (a.get_content_type(), a.get_content()) for a in parsed.iter_attachments()}
    assert found == {
        "notes.txt": ("text/plain", "some text\n"),
        "data.bin": ("application/octet-stream", b"\x00\x01\x02"),
        "pic.png": ("image/png", b"\x89PNG"),
    }
    assert all(isinstance(a, EmailAttachment) for a in msg.attachments)


def test_text_attachment_bytes_decode_or_fall_back_to_octet_stream():
    msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"])
    msg.attach("ok.txt", "héllo".encode(), "text/plain")
    msg.attach("bad.txt", b"\xff\xfe\x00", "text/plain")
    assert msg.attachments[0].content == "héllo"
    assert msg.attachments[1].mimetype == "application/octet-stream"
    found = {a.get_filename(): a.get_content() for a in parse(msg).iter_attachments()}
    assert found == {"ok.txt": "héllo\n", "bad.txt": b"\xff\xfe\x00"}


def test_non_ascii_attachment_filename():
    msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"])
    msg.attach("résumé.pdf", b"%PDF", "application/pdf")
    (attachment,) = parse(msg).iter_attachments()
    assert attachment.get_filename() == "résumé.pdf"


def test_attach_file(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(b"a,b\n1,2\n")
    msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"])
    msg.attach_file(path)
    msg.attach_file(str(path), mimetype="application/x-custom")
    (first, second) = parse(msg).iter_attachments()
    assert first.get_filename() == "report.csv" and first.get_content_type() == "text/csv"
    assert second.get_content_type() == "application/x-custom" and second.get_content() == b"a,b\n1,2\n"


def test_attach_mimepart_and_bad_arguments():
    from email.message import MIMEPart

    part = MIMEPart()
    part.set_content("inline part", subtype="plain")
    part.add_header("Content-Disposition", "attachment", filename="p.txt")
    msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"], attachments=[part, ("c.txt", "c", "text/plain")])
    names = [a.get_filename() for a in parse(msg).iter_attachments()]
    assert names == ["p.txt", "c.txt"]
    with pytest.raises(ValueError):
        msg.attach(part, "content")
    with pytest.raises(ValueError):
        msg.attach("x.txt")


def test_attach_email_message_as_rfc822():
    inner = EmailMessage("Inner", "inner body", "a@x.com", ["b@x.com"])
    outer = EmailMessage("Outer", "outer body", "f@x.com", ["t@x.com"])
    outer.attach(None, inner, "message/rfc822")
    (attached,) = [p for p in parse(outer).iter_parts() if p.get_content_type() == "message/rfc822"]
    assert attached.get_content()["Subject"] == "Inner"


def test_alternatives():
    msg = EmailMultiAlternatives("s", "plain", "f@x.com", ["t@x.com"])
    msg.attach_alternative("<b>html</b>", "text/html")
    parsed = parse(msg)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed.get_body(("html",)).get_content() == "<b>html</b>\n"
    assert parsed.get_body(("plain",)).get_content() == "plain\n"
    assert msg.alternatives == [EmailAlternative("<b>html</b>", "text/html")]


def test_alternatives_with_attachments_nest_correctly():
    msg = EmailMultiAlternatives(
        "s", "plain", "f@x.com", ["t@x.com"], alternatives=[("<i>x</i>", "text/html")]
    )
    msg.attach("a.txt", "attached", "text/plain")
    parsed = parse(msg)
    assert parsed.get_content_type() == "multipart/mixed"
    first, second = parsed.iter_parts()
    assert first.get_content_type() == "multipart/alternative"
    assert second.get_filename() == "a.txt"


def test_alternative_with_empty_body_and_bad_arguments():
    msg = EmailMultiAlternatives("s", "", "f@x.com", ["t@x.com"])
    msg.attach_alternative("<p>only html</p>", "text/html")
    assert parse(msg).get_body(("html",)).get_content() == "<p>only html</p>\n"
    with pytest.raises(ValueError):
        msg.attach_alternative(None, "text/html")


def test_body_contains_checks_text_alternatives():
    msg = EmailMultiAlternatives("s", "hello world", "f@x.com", ["t@x.com"])
    msg.attach_alternative("<p>hello world</p>", "text/html")
    msg.attach_alternative(b"binary", "application/octet-stream")
    assert msg.body_contains("hello")
    assert not msg.body_contains("<p>")
    msg.attach_alternative("<p>bye</p>", "text/html")
    assert not msg.body_contains("hello")


def test_mixed_and_alternative_subtypes_can_change():
    msg = EmailMultiAlternatives("s", "plain", "f@x.com", ["t@x.com"])
    msg.attach_alternative("<p>x</p>", "text/html")
    msg.alternative_subtype = "related"
    assert parse(msg).get_content_type() == "multipart/related"
    msg2 = EmailMessage("s", "b", "f@x.com", ["t@x.com"])
    msg2.mixed_subtype = "related"
    msg2.attach("a.png", b"png", "image/png")
    assert parse(msg2).get_content_type() == "multipart/related"


def test_send_without_recipients_sends_nothing():
    assert EmailMessage("s", "b", "f@x.com").send() == 0


def test_legacy_mime_attachment_still_works_with_a_deprecation_warning():
    from email.mime.application import MIMEApplication

    from django.utils.deprecation import RemovedInDjango70Warning

    legacy = MIMEApplication(b"\x01\x02", Name="old.bin")
    legacy.add_header("Content-Disposition", "attachment", filename="old.bin")
    msg = EmailMessage("s", "b", "f@x.com", ["t@x.com"])
    with pytest.warns(RemovedInDjango70Warning):
        msg.attach(legacy)
    (attachment,) = parse(msg).iter_attachments()
    assert attachment.get_filename() == "old.bin" and attachment.get_content() == b"\x01\x02"


def test_date_header_in_local_time_when_asked():
    from django.test.utils import override_settings

    with override_settings(EMAIL_USE_LOCALTIME=False):
        assert parse(EmailMessage("s", "b", "f@x.com", ["t@x.com"]))["Date"].endswith("-0000")
    dated = EmailMessage(
        "s", "b", "f@x.com", ["t@x.com"], headers={"Date": "Fri, 09 Nov 2001 01:08:47 -0000"}
    )
    assert parse(dated)["Date"] == "Fri, 09 Nov 2001 01:08:47 -0000"
