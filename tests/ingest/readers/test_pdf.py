import time

from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx, a_large_pdf, a_pdf, encrypted, with_embedded_file
from tests.ingest.reading import read_as


def texts(parts):
    return {p.name: p.text for p in parts if isinstance(p, TextPart)}


def whys(parts):
    return {p.name: p.why for p in parts if isinstance(p, UnreadablePart)}


def test_a_three_page_letter_has_the_address_on_page_3():
    letter = a_pdf("Dear Sir,", "We write about the hearing.", f"She lives at {ADDRESS}.")
    parts = read_as(Format.PDF, "attachment[1]", letter)
    found = texts(parts)
    assert "12 Elm Road" in found["attachment[1] page 3"]
    assert "12 Elm Road" not in found["attachment[1] page 1"]
    assert whys(parts) == {}


def test_a_page_that_is_only_a_picture_is_a_scan():
    parts = read_as(Format.PDF, "attachment[1]", a_pdf("Covering letter", "", pictures_on=(2,)))
    assert "Covering letter" in texts(parts)["attachment[1] page 1"]
    assert whys(parts) == {"attachment[1] page 2": "no text layer (scanned?)"}


def test_a_pdf_with_no_text_at_all_is_a_scan():
    assert whys(read_as(Format.PDF, "attachment[0]", a_pdf("", pictures_on=(1,)))) == {
        "attachment[0] page 1": "no text layer (scanned?)"
    }
    assert whys(read_as(Format.PDF, "attachment[0]", a_pdf("", ""))) == {"attachment[0]": "no text layer (scanned?)"}


def test_a_pdf_needing_a_password_is_encrypted():
    parts = read_as(Format.PDF, "attachment[1]", encrypted(a_pdf(ADDRESS), user_password="secret"))
    assert parts == [UnreadablePart("attachment[1]", "encrypted")]


def test_an_owner_password_alone_does_not_stop_anyone_reading():
    parts = read_as(Format.PDF, "attachment[1]", encrypted(a_pdf(ADDRESS), user_password=""))
    assert "12 Elm Road" in texts(parts)["attachment[1] page 1"]


def test_a_truncated_pdf_is_unreadable():
    data = a_pdf("Dear Sir,", ADDRESS)
    assert read_as(Format.PDF, "attachment[1]", data[: len(data) // 2]) == [
        UnreadablePart("attachment[1]", "truncated (no %%EOF)")
    ]


def test_a_corrupt_pdf_is_unreadable_not_an_exception():
    parts = read_as(Format.PDF, "attachment[1]", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage\n%%EOF")
    assert [type(p) for p in parts] == [UnreadablePart]


def test_the_title_and_embedded_files_are_read():
    inner = a_docx(f"Her address is {ADDRESS}")
    data = with_embedded_file(a_pdf("See attached.", title="Jane Doe"), "note.docx", inner)
    found = texts(read_as(Format.PDF, "attachment[0]", data))
    assert "Jane Doe" in found["attachment[0] properties"]
    assert "12 Elm Road" in found["attachment[0]/note.docx"]


def test_more_pages_than_the_limit_is_unreadable():
    parts = read_as(Format.PDF, "attachment[0]", a_pdf("1", "2", "3"), IngestLimits(max_pages=2))
    assert whys(parts) == {"attachment[0]": "more than 2 pages"}


def test_a_20_mb_pdf_is_read_within_the_time_limit():
    data = a_large_pdf(f"Our client lives at {ADDRESS}.", 20 * 1024 * 1024)
    assert len(data) > 20 * 1024 * 1024
    started = time.monotonic()
    parts = read_as(Format.PDF, "attachment[0]", data)
    assert time.monotonic() - started < IngestLimits().max_seconds
    assert "12 Elm Road" in texts(parts)["attachment[0] page 1"]
