import pytest

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.registry import read_attachment
from disclosure_guard.ingest.sniff import Format, sniff
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx, a_pdf, a_picture, a_zip, an_xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(("data", "content_type", "filename", "expected"), [
    (a_pdf("x"), "text/plain", "letter.txt", Format.PDF),  # the content wins over the label
    (b"junk before\n" + a_pdf("x"), None, None, Format.PDF),
    (a_docx("x"), "application/zip", "bundle.zip", Format.DOCX),
    (an_xlsx({"Sheet1": [["x"]]}), DOCX, "letter.docx", Format.XLSX),
    (a_zip({"a.txt": b"x"}), DOCX, "letter.docx", Format.ZIP),
    (b"{\\rtf1\\ansi hello}", "text/plain", "a.txt", Format.RTF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), DOCX, "letter.docx", Format.LEGACY_OFFICE),
    (a_picture(), "text/plain", "a.txt", Format.IMAGE),
    (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nbody", "text/plain", "a.txt", Format.EML),
    (b"Name: Jane\r\nAddress: 12 Elm Road\r\n\r\nnotes", "text/plain", "a.txt", Format.TEXT),
    (b"<!DOCTYPE html><p>x</p>", None, "a.txt", Format.HTML),
    (b"<p>x</p>", "text/html", None, Format.HTML),
    (b"Jane,12 Elm Road", "application/octet-stream", None, Format.TEXT),
    (b"PK", DOCX, "b.docx", Format.UNKNOWN),  # labelled a document, without its signature
    (b"\x00\x01\x02", None, "x.bin", Format.UNKNOWN),
    (b"\x1f\x8b\x08\x00", None, "a.gz", Format.UNKNOWN),
])
def test_formats(data, content_type, filename, expected):
    assert sniff(data, content_type, filename).format == expected


def test_a_pdf_named_txt_is_read_as_a_pdf():
    parts = read_attachment("attachment[0]", Attachment("notes.txt", "text/plain", a_pdf(ADDRESS)), Budget())
    assert [p.name for p in parts if isinstance(p, TextPart)] == ["attachment[0] filename", "attachment[0] page 1"]


@pytest.mark.parametrize(("data", "why"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
     "legacy Office format not read (.doc, .xls, .ppt, .msg, or a password-protected Office file)"),
    (a_picture(), "format not read (image/png: pictures are not read)"),
    (b"\x00\x01\x02", "format not read (application/octet-stream)"),
])
def test_what_no_reader_takes_is_unreadable(data, why):
    assert read_attachment("attachment[0]", Attachment(None, "application/octet-stream", data), Budget()) == [
        UnreadablePart("attachment[0]", why)
    ]


def test_html_after_many_comments_is_found_quickly():
    import time

    started = time.monotonic()
    assert sniff(b"<!---->" * 1000 + b"<html><p>x</p>").format == Format.HTML
    assert sniff(b"<!---->" * 1000 + b"x").format == Format.TEXT
    assert time.monotonic() - started < 0.5
