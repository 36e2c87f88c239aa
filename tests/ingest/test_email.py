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


# ---------------------------------------------------------------- MIME structure and limits

import time  # noqa: E402
from email.mime.multipart import MIMEMultipart  # noqa: E402
from email.mime.text import MIMEText  # noqa: E402

from disclosure_guard.ingest.limits import IngestLimits  # noqa: E402
from tests.ingest.documents import ADDRESS, a_pdf, a_zip  # noqa: E402


def _texts(item):
    return {p.name: p.text for p in item.parts}


def _whys(item):
    return {u.name: u.why for u in item.unreadable}


def test_a_forward_of_a_forward_is_text_not_recipients():
    innermost = EmailMessage()
    innermost["From"] = "Jane Doe <jane.doe@example.org>"
    innermost["To"] = "caseworker@council.example.gov.uk"
    innermost["Subject"] = "New address"
    innermost.set_content(f"I have moved to {ADDRESS}")
    middle = EmailMessage()
    middle["To"] = "team@council.example.gov.uk"
    middle.set_content("see below")
    middle.add_attachment(innermost)
    outer = EmailMessage()
    outer["To"] = "Mark Doe <mark.doe@example.net>"
    outer["Reply-To"] = "Jane Doe <jane.doe@example.org>"
    outer.set_content("FYI")
    outer.add_attachment(middle)
    item = item_from_rfc822(bytes(outer))
    assert [r.email for r in item.recipients] == ["mark.doe@example.net"]
    found = _texts(item)
    assert found["header reply-to"] == "Jane Doe <jane.doe@example.org>"
    assert found["body"].strip() == "FYI" and found["body[1]"].strip() == "see below"
    assert ADDRESS in found["body[2]"]
    assert "team@council.example.gov.uk" in found["forwarded[0] headers"]
    assert "jane.doe@example.org" in found["forwarded[1] headers"]
    assert item.unreadable == ()


def test_attachments_go_through_their_readers():
    message = EmailMessage()
    message["To"] = "a@example.com"
    message.set_content("see attached")
    message.add_attachment(a_pdf("Dear Sir,", "", ADDRESS), maintype="application", subtype="pdf",
                           filename="letter.pdf")
    message.add_attachment(a_zip({"inner/note.txt": ADDRESS.encode()}), maintype="application",
                           subtype="zip", filename="bundle.zip")
    item = item_from_rfc822(bytes(message))
    found = _texts(item)
    assert ADDRESS in found["attachment[0] page 3"].replace("\n", " ")
    assert found["attachment[1]/inner/note.txt"] == ADDRESS


def test_fifty_levels_of_nested_multipart():
    message = MIMEText(f"She lives at {ADDRESS}")
    for _ in range(50):
        wrapper = MIMEMultipart("mixed")
        wrapper.attach(message)
        message = wrapper
    message["To"] = "a@example.com"
    started = time.monotonic()
    item = item_from_rfc822(message.as_bytes())
    assert time.monotonic() - started < IngestLimits().max_seconds
    assert _whys(item) == {"message": "MIME nested deeper than 20 levels"}
    assert not any(ADDRESS in p.text for p in item.parts)


def test_fifty_nested_forwards():
    message = EmailMessage()
    message["To"] = "x@example.com"
    message.set_content(f"She lives at {ADDRESS}")
    for _ in range(50):
        wrapper = EmailMessage()
        wrapper["To"] = "x@example.com"
        wrapper.set_content("fwd")
        wrapper.add_attachment(message)
        message = wrapper
    item = item_from_rfc822(bytes(message))
    assert "MIME nested deeper than 20 levels" in _whys(item).values()


def test_charsets_and_transfer_encodings():
    message = MIMEMultipart("alternative")
    message["To"] = "a@example.com"
    message.attach(MIMEText("Зоя, 12 Elm Road", "plain", "koi8-r"))  # base64 in koi8-r
    message.attach(MIMEText("<p>Zo\u00eb, 12 Elm Road</p>", "html", "iso-8859-1"))  # quoted-printable
    message.attach(MIMEText("Zoë", "plain", "utf-8"))
    found = _texts(item_from_rfc822(message.as_bytes()))
    assert found["body"] == "Зоя, 12 Elm Road"
    assert "Zoë, 12 Elm Road" in found["body[1]"]
    assert found["body[2]"] == "Zoë"


def test_an_unknown_charset_is_unreadable_not_a_crash():
    raw = (b"To: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-martian\r\n\r\n"
           b"12 Elm Road\r\n")
    assert _whys(item_from_rfc822(raw)) == {"body": "unknown charset 'x-martian'"}


def test_signatures_are_passed_over_and_encrypted_parts_are_unreadable():
    signed = MIMEMultipart("signed", protocol="application/pkcs7-signature")
    signed["To"] = "a@example.com"
    signed.attach(MIMEText("Dear Sir,"))
    signature = MIMEText("", "plain")
    signature.replace_header("Content-Type", "application/pkcs7-signature; name=smime.p7s")
    signed.attach(signature)
    item = item_from_rfc822(signed.as_bytes())
    assert item.unreadable == () and _texts(item)["body"] == "Dear Sir,"
    raw = (b"To: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data"
           b"\r\nContent-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQA=\r\n")
    assert _whys(item_from_rfc822(raw)) == {"attachment[0]": "encrypted (S/MIME or PGP)"}


def test_a_20_mb_attachment_makes_the_message_too_large_to_read():
    message = EmailMessage()
    message["To"] = "Mark Doe <mark.doe@example.net>"
    message["Subject"] = "Bundle"
    message.set_content("see attached")
    message.add_attachment(b"%PDF" + bytes(20 * 1024 * 1024), maintype="application", subtype="pdf", filename="big.pdf")
    raw = bytes(message)
    started = time.monotonic()
    item = item_from_rfc822(raw)
    assert time.monotonic() - started < IngestLimits().max_seconds
    assert [r.email for r in item.recipients] == ["mark.doe@example.net"]
    assert _texts(item) == {"subject": "Bundle"}
    assert _whys(item) == {"message": "larger than 25 MiB; not read"}


def test_the_deadline_holds_what_it_did_not_read():
    message = EmailMessage()
    message["To"] = "a@example.com"
    message.set_content("body")
    item = item_from_rfc822(bytes(message), IngestLimits(max_seconds=-1))
    assert _whys(item) == {"message": "reading took longer than -1 seconds"}


def test_thousands_of_nested_parts_are_held_not_refused():
    body = b"Content-Type: text/plain\r\n\r\n12 Elm Road\r\n"
    for level in range(3000):
        boundary = b"b%d" % level
        body = (b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n--' + boundary + b"\r\n"
                + body + b"--" + boundary + b"--\r\n")
    item = item_from_rfc822(b"To: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n" + body)
    assert [r.email for r in item.recipients] == ["a@example.com"]
    assert _whys(item) == {"message": "the MIME structure could not be parsed (RecursionError)"}


def test_an_unknown_charset_in_the_subject_is_unreadable():
    raw = b"To: a@example.com\r\nSubject: =?x-martian?q?12_Elm_R=F6ad?=\r\n\r\nhello\r\n"
    item = item_from_rfc822(raw)
    assert "12 Elm R" in _texts(item)["subject"]
    assert _whys(item) == {"subject": "unknown charset 'x-martian'"}
