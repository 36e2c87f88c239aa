"""Excel workbooks (.xlsx) through openpyxl in read-only mode: every sheet, hidden and very
hidden ones included, every cell value (a formula as its formula, whose literals are the text),
one row per line, cells separated by tabs. Comments, text boxes, chart titles, headers and
footers and document properties are read from the XML (readers/ooxml.py).

Part names: "attachment[0] sheet Sheet1" per sheet, "attachment[0] comments1",
"attachment[0] drawings/drawing1", "attachment[0] worksheets/sheet1" (its header and footer).

Examples it must handle:
  Sheet1 A1 "Name", B2 "12 Elm Road"                      -> "attachment[0] sheet Sheet1"
  a hidden sheet "Addresses"                              -> "attachment[0] sheet Addresses"
  a cell comment "new address LS6 2AB"                    -> "attachment[0] comments1"
  a dimension claiming A1:XFD1048576 over three cells     -> only the cells there are
"""

from __future__ import annotations

import datetime
from functools import partial
from io import BytesIO
from typing import Any

import openpyxl

from disclosure_guard.ingest.archive import MAX_PACKAGE_ENTRIES, check_package, open_archive
from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.readers.ooxml import read_members

_ROWS_BETWEEN_CLOCK_CHECKS = 200
# In a worksheet's XML only the header and footer are left to read: cells come from openpyxl.
_SHEET_HEADERS = frozenset({"oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter"})


def xlsx_reader(read_inner: Reader) -> Reader:
    """The XLSX reader; `read_inner` (the registry's dispatcher) reads each embedded file."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    data = attachment.data
    archive = open_archive(data, MAX_PACKAGE_ENTRIES)
    check_package(archive, budget)
    workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        for sheet in workbook.worksheets:
            text = _sheet_text(sheet, budget)
            if text.strip():
                out.append(budget.text_part(f"{name} sheet {sheet.title}", text))
    finally:
        workbook.close()
    read_members(
        name, archive, budget, out, read_inner=read_inner,
        # Shared strings are the cells' own text, already read through the sheets.
        skip=lambda member: member == "xl/sharedStrings.xml",
        text_elements=lambda member: _SHEET_HEADERS if member.startswith("xl/worksheets/") else None,
    )


def _sheet_text(sheet: Any, budget: Budget) -> str:
    # A sheet's declared dimension can claim a million rows; without it openpyxl yields the rows there are.
    sheet.reset_dimensions()
    lines: list[str] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True)):
        if number % _ROWS_BETWEEN_CLOCK_CHECKS == 0:
            budget.check_time()
        lines.append("\t".join(_cell_text(value) for value in row).rstrip("\t"))
    return "\n".join(lines)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed as a number reads 7700900123, not 7700900123.0
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
