from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx, an_xlsx, before_section_properties, with_member
from tests.ingest.reading import read_as

TRACKED_DELETION = (
    '<w:p><w:del w:id="91" w:author="Caseworker" w:date="2026-01-05T10:00:00Z"><w:r>'
    "<w:delText>12 Elm Road</w:delText></w:r></w:del>"
    '<w:ins w:id="92" w:author="Caseworker" w:date="2026-01-05T10:00:00Z"><w:r><w:t>an address withheld</w:t></w:r>'
    "</w:ins></w:p>"
)
TEXT_BOX = (
    '<w:p><w:r><w:pict><v:shape id="box1" style="width:120pt;height:40pt"><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>LS6 2AB</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)
PICTURE_WITH_ALT_TEXT = (
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/>'
    '<wp:docPr id="7" name="Picture 7" descr="Jane at 12 Elm Road"/></wp:inline></w:drawing></w:r></w:p>'
)


def texts(parts):
    return {p.name: p.text for p in parts if isinstance(p, TextPart)}


def whys(parts):
    return {p.name: p.why for p in parts if isinstance(p, UnreadablePart)}


def test_paragraphs_and_tables_are_the_main_part():
    data = a_docx("Dear Sir,", table=[["Name", "Address"], ["Jane Doe", ADDRESS]])
    found = texts(read_as(Format.DOCX, "attachment[1]", data))
    assert "Dear Sir," in found["attachment[1]"]
    assert "Jane Doe\t" + ADDRESS in found["attachment[1]"]


def test_header_footer_and_comment_have_parts_of_their_own():
    data = a_docx("Dear Sir,", header="Flat 3, 12 Elm Road", footer="Leeds LS6 2AB", comment="she moved to LS6 2AB")
    found = texts(read_as(Format.DOCX, "attachment[1]", data))
    assert "12 Elm Road" in found["attachment[1] header1"]
    assert "LS6 2AB" in found["attachment[1] footer1"]
    assert "she moved to LS6 2AB" in found["attachment[1] comments"]


def test_a_tracked_deletion_is_still_read():
    data = with_member(a_docx("Dear Sir,"), "word/document.xml",
                       lambda xml: before_section_properties(xml, TRACKED_DELETION))
    main = texts(read_as(Format.DOCX, "attachment[1]", data))["attachment[1]"]
    assert "12 Elm Road" in main and "an address withheld" in main


def test_text_boxes_and_picture_alt_text_are_read():
    data = with_member(a_docx("Dear Sir,"), "word/document.xml",
                       lambda xml: before_section_properties(xml, TEXT_BOX + PICTURE_WITH_ALT_TEXT))
    main = texts(read_as(Format.DOCX, "attachment[1]", data))["attachment[1]"]
    assert "LS6 2AB" in main and "Jane at 12 Elm Road" in main


def test_a_mailto_hyperlink_is_read():
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document(io.BytesIO(a_docx("Write to her")))
    document.part.relate_to("mailto:jane.doe@example.org", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    out = io.BytesIO()
    document.save(out)
    links = texts(read_as(Format.DOCX, "attachment[0]", out.getvalue()))["attachment[0] links"]
    assert "mailto:jane.doe@example.org" in links


def test_an_embedded_workbook_is_read_as_an_attachment():
    sheet = an_xlsx({"Sheet1": [["Address", ADDRESS]]})
    data = with_member(a_docx("See the table"), "[Content_Types].xml", lambda xml: xml)
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", sheet)
    found = texts(read_as(Format.DOCX, "attachment[1]", out.getvalue()))
    assert "12 Elm Road" in found["attachment[1]/word/embeddings/Microsoft_Excel_Worksheet.xlsx sheet Sheet1"]


def test_only_a_picture_is_a_scan():
    assert whys(read_as(Format.DOCX, "attachment[0]", a_docx(picture=True))) == {
        "attachment[0]": "no text, only pictures (scanned?)"
    }


def test_a_docx_that_inflates_too_far_is_unreadable():
    data = a_docx("x" * 2_000_000)  # 2 MB of one letter deflates about 1000x
    assert whys(read_as(Format.DOCX, "attachment[0]", data)) == {
        "attachment[0]": "word/document.xml decompresses more than 100x"
    }
    limits = IngestLimits(max_decompressed_bytes=1000)
    assert whys(read_as(Format.DOCX, "attachment[0]", a_docx("Dear Sir,"), limits)) == {
        "attachment[0]": "decompresses to more than 1000 bytes in total"
    }


def test_a_corrupt_docx_is_unreadable():
    data = a_docx("Dear Sir,")
    parts = read_as(Format.DOCX, "attachment[0]", data[:-200])
    assert [type(p) for p in parts] == [UnreadablePart]


def test_a_macro_enabled_document_is_still_read():
    data = with_member(a_docx(ADDRESS), "[Content_Types].xml", lambda xml: xml.replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml"))
    assert ADDRESS in texts(read_as(Format.DOCX, "attachment[0]", data))["attachment[0]"]
