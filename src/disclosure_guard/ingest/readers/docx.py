"""Word documents (.docx): python-docx opens the package (a file that is not a Word document
fails here) and names its main part; the text itself is read from the XML of every part
(readers/ooxml.py), because python-docx's own API does not see tracked deletions, comments,
text boxes, footnotes or field codes.

Part names: the main document is "attachment[1]"; the others are "attachment[1] header1",
"attachment[1] footer1", "attachment[1] comments", "attachment[1] footnotes",
"attachment[1] docProps/core", "attachment[1] links"; an embedded workbook is
"attachment[1]/word/embeddings/Microsoft_Excel_Worksheet.xlsx sheet Sheet1".

Examples it must handle:
  paragraphs and tables                                   -> "attachment[1]"
  a tracked deletion of "12 Elm Road" (w:del/w:delText)   -> "attachment[1]" still has it
  a comment "she moved to LS6 2AB"                        -> "attachment[1] comments"
  "Flat 3, 12 Elm Road" in the header                     -> "attachment[1] header1"
  a text box with the postcode                            -> "attachment[1]"
  a hyperlink to mailto:jane@example.org                  -> "attachment[1] links"
  a .docx that is a zip bomb                              -> unreadable "word/document.xml decompresses more than 100x"
"""

from __future__ import annotations

from functools import partial
from io import BytesIO

import docx

from disclosure_guard.ingest.archive import MAX_PACKAGE_ENTRIES, check_package, open_archive
from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.readers.ooxml import read_members


def docx_reader(read_inner: Reader) -> Reader:
    """The DOCX reader; `read_inner` (the registry's dispatcher) reads each embedded file."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    data = attachment.data
    archive = open_archive(data, MAX_PACKAGE_ENTRIES)
    check_package(archive, budget)  # before python-docx inflates every part on its own
    try:
        main_part = str(docx.Document(BytesIO(data)).part.partname).lstrip("/")
    except ValueError:
        # python-docx refuses the content types of macro-enabled documents (.docm) and templates
        # (.dotx); their XML is the same, so it is read all the same.
        main_part = "word/document.xml"
    read_members(name, archive, budget, out, read_inner=read_inner, main_part=main_part)
