from email.message import EmailMessage

import pytest

from disclosure_guard.errors import InvalidInput
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.types import RecipientType


def test_recipients_with_display_names_and_parts():
    message = EmailMessage()
    message["To"] = "Mark Doe <mark@example.net>, sam@example.com"
    message["Cc"] = '"Doe, Jane" <jane@example.org>'
    message["Bcc"] = "audit@example.gov.uk"
    message["Subject"] = "Hearing"
    message.set_content("Plain body")
    message.add_alternative("<p>HTML body</p>", subtype="html")
    message.add_attachment("Address: 12 Elm Road", filename="notes.txt")
    item = item_from_rfc822(bytes(message))
    assert [(r.type, r.name, r.email) for r in item.recipients] == [
        (RecipientType.TO, "Mark Doe", "mark@example.net"),
        (RecipientType.TO, None, "sam@example.com"),
        (RecipientType.CC, "Doe, Jane", "jane@example.org"),
        (RecipientType.BCC, None, "audit@example.gov.uk"),
    ]
    parts = {p.name: p.text for p in item.parts}
    assert parts["subject"] == "Hearing"
    assert parts["body"].strip() == "Plain body"
    assert "HTML body" in parts["body[1]"]
    assert "12 Elm Road" in parts["attachment[0]"]
    assert item.unreadable == ()


def test_forwarded_message_text_is_read():
    inner = EmailMessage()
    inner["To"] = "x@example.com"
    inner.set_content("She lives at 12 Elm Road")
    outer = EmailMessage()
    outer["To"] = "y@example.com"
    outer.set_content("FYI")
    outer.add_attachment(inner)
    item = item_from_rfc822(bytes(outer))
    assert any("12 Elm Road" in p.text for p in item.parts)


def test_quoted_printable_and_latin1_are_decoded():
    raw = (b"To: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"Zo=EB lives at 12 Elm Road\r\n")
    item = item_from_rfc822(raw)
    assert "Zoë lives at 12 Elm Road" in item.parts[1].text


def test_unreadable_attachment_is_reported():
    message = EmailMessage()
    message["To"] = "a@example.com"
    message.set_content("see attached")
    message.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip", filename="bundle.zip")
    item = item_from_rfc822(bytes(message))
    assert [u.name for u in item.unreadable] == ["attachment[0]"]


def test_no_recipient_is_invalid():
    with pytest.raises(InvalidInput) as raised:
        item_from_rfc822(b"Subject: hi\r\n\r\nhello")
    assert raised.value.code == "no_recipients"
