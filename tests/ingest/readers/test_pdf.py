import time
from concurrent.futures import ThreadPoolExecutor

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


# Hand-made PDFs for what no writer library produces: page trees the two readers (pypdf for the
# structure, PDFium for the text) see differently, text drawn off the page, a ToUnicode map.
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def a_pdf_of_objects(*objects: bytes) -> bytes:
    """Objects numbered from 1 (the catalog), with a correct cross-reference table."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def a_stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), dictionary, data)


def a_page(contents: int, font: int = 3) -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font, contents))


def two_pages(kids: bytes, count: int) -> bytes:
    """Page 1 "Dear Sir," (object 4, drawn by 6), page 2 the address (object 5, drawn by 7)."""
    return a_pdf_of_objects(
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), HELVETICA,
        a_page(6), a_page(7), a_stream(b"BT /F1 12 Tf 72 700 Td (Dear Sir,) Tj ET"),
        a_stream(b"BT /F1 12 Tf 72 700 Td (She lives at 12 Elm Road) Tj ET"))


def one_page(drawing: bytes, font: bytes = HELVETICA, *more: bytes) -> bytes:
    return a_pdf_of_objects(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                            font, a_page(5), a_stream(drawing), *more)


def test_two_pages_that_claim_to_be_five_are_unreadable():
    # PDFium believes the page tree's /Count (5 pages, three of which fail to load), pypdf its /Kids
    # (2): which pages a viewer shows is unclear, so none is read as if it were the whole.
    parts = read_as(Format.PDF, "attachment[1]", two_pages(b"4 0 R 5 0 R", count=5))
    assert parts == [UnreadablePart("attachment[1]", "page count unclear (2 or 5 pages)")]


def test_a_page_pdfium_cannot_open_is_unread_not_skipped():
    # A null among the kids: pypdf skips it and reads the address as page 2; PDFium counts two
    # pages too, but fails to load the second. What Chrome shows there is unknown: it is held.
    parts = read_as(Format.PDF, "attachment[1]", two_pages(b"4 0 R null 5 0 R", count=2))
    assert texts(parts) == {"attachment[1] page 1": "Dear Sir,"}
    assert whys(parts) == {"attachment[1] page 2": "could not be read (PdfiumError)"}


def test_a_hyphen_at_the_end_of_a_line_is_read_as_drawn():
    # PDFium joins the lines and marks the hyphen U+FFFE; it is read as the "-" and line break drawn.
    data = one_page(b"BT /F1 12 Tf 72 700 Td (She lives at 12 Elm Road, Lee-) Tj 0 -14 Td (ds LS6 2AB) Tj ET")
    assert texts(read_as(Format.PDF, "attachment[1]", data)) == {
        "attachment[1] page 1": "She lives at 12 Elm Road, Lee-\nds LS6 2AB"}


def test_lines_end_in_a_line_feed():
    found = texts(read_as(Format.PDF, "attachment[1]", a_pdf(f"Dear Sir,\nShe lives at {ADDRESS}.")))
    assert found["attachment[1] page 1"] == f"Dear Sir,\nShe lives at {ADDRESS}."


def test_text_drawn_far_off_the_page_is_read():
    drawing = b"BT /F1 12 Tf 100000000 700 Td (12 Elm Road) Tj -200000000 -100000000 Td (Leeds) Tj ET"
    # Chrome shows neither; a copy and paste, or a viewer ignoring the boxes, shows both.
    found = texts(read_as(Format.PDF, "attachment[1]", one_page(drawing)))
    assert found == {"attachment[1] page 1": "12 Elm Road\nLeeds"}


def test_letters_outside_the_basic_plane_are_read():
    # A ToUnicode map spelling "E" and "l" as mathematical sans-serif bold letters (UTF-16 pairs).
    to_unicode = a_stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
                          b"1 begincodespacerange <00> <FF> endcodespacerange "
                          b"2 beginbfchar <45> <D835DDD8> <6C> <D835DDF9> endbfchar "
                          b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = HELVETICA.replace(b" >>", b" /ToUnicode 6 0 R >>")
    data = one_page(b"BT /F1 12 Tf 72 700 Td (12 Elm Road) Tj ET", font, to_unicode)
    found = texts(read_as(Format.PDF, "attachment[1]", data))
    assert found == {"attachment[1] page 1": "12 \U0001d5d8\U0001d5f9m Road"}


def test_pdfs_read_in_many_threads_at_once_are_read_whole():
    # PDFium is not thread-safe: the reader's lock must keep eight threads' pages from crossing.
    bundles = [a_pdf(*(f"Page {page} of bundle {bundle}: {ADDRESS}" for page in range(1, 21))) for bundle in range(8)]
    alone = [texts(read_as(Format.PDF, "attachment[0]", data)) for data in bundles]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(lambda data: texts(read_as(Format.PDF, "attachment[0]", data)), bundles)) == alone
    assert alone[7]["attachment[0] page 20"] == f"Page 20 of bundle 7: {ADDRESS}"
