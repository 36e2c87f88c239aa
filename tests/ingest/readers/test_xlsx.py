from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, an_xlsx, with_member
from tests.ingest.reading import read_as


def texts(parts):
    return {p.name: p.text for p in parts if isinstance(p, TextPart)}


def test_every_sheet_is_a_part_with_rows_as_lines():
    data = an_xlsx({"Sheet1": [["Name", "Address"], ["Jane Doe", ADDRESS]], "Notes": [["call", 7700900123]]})
    found = texts(read_as(Format.XLSX, "attachment[0]", data))
    assert found["attachment[0] sheet Sheet1"] == f"Name\tAddress\nJane Doe\t{ADDRESS}"
    assert found["attachment[0] sheet Notes"] == "call\t7700900123"


def test_hidden_sheets_comments_and_headers_are_read():
    data = an_xlsx({"Visible": [["nothing here"]], "Addresses": [[ADDRESS]]}, hidden=("Addresses",),
                   comments={("Visible", "A1"): "new address LS6 2AB"}, header="Flat 3, 12 Elm Road")
    found = texts(read_as(Format.XLSX, "attachment[0]", data))
    assert ADDRESS in found["attachment[0] sheet Addresses"]
    assert any("LS6 2AB" in text for name, text in found.items() if "comments" in name)
    assert any("12 Elm Road" in text for name, text in found.items() if "worksheets/" in name)


def test_a_formula_is_read_as_its_formula():
    found = texts(read_as(Format.XLSX, "attachment[0]", an_xlsx({"Sheet1": [['="12 Elm "&"Road"']]})))
    assert "12 Elm " in found["attachment[0] sheet Sheet1"]


def test_a_declared_dimension_of_a_million_rows_reads_only_the_cells_there_are():
    data = with_member(an_xlsx({"Sheet1": [["a", ADDRESS]]}), "xl/worksheets/sheet1.xml",
                       lambda xml: xml.replace('<dimension ref="A1:B1"/>', '<dimension ref="A1:XFD1048576"/>'))
    assert ADDRESS in texts(read_as(Format.XLSX, "attachment[0]", data))["attachment[0] sheet Sheet1"]


def test_a_corrupt_workbook_is_unreadable():
    parts = read_as(Format.XLSX, "attachment[0]", an_xlsx({"Sheet1": [["a"]]})[:300])
    assert [type(p) for p in parts] == [UnreadablePart]
