"""The reader registry: which reader reads each sniffed format, and `read_attachment`, the
dispatcher that sniffs an attachment and hands it to that reader.

The format is sniffed from the content (sniff.py). Every format has a reader, the formats the
guard does not read (images, legacy Office files, unknown binaries) one that says so, which
holds the item: the guard never lets through what it has not read. Readers of formats that
contain files are handed `read_attachment` for what they contain, so a zip in a PDF in an
email is read by the same dispatcher, under the same budget, as the email itself. Each file's
name is read too, as the part "<name> filename" ("attachment[1] filename").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.readers.docx import docx_reader
from disclosure_guard.ingest.readers.eml import eml_reader
from disclosure_guard.ingest.readers.html import read_html
from disclosure_guard.ingest.readers.pdf import pdf_reader
from disclosure_guard.ingest.readers.pptx import pptx_reader
from disclosure_guard.ingest.readers.rtf import read_rtf
from disclosure_guard.ingest.readers.text import read_text
from disclosure_guard.ingest.readers.unread import refuse_legacy_office, refuse_picture, refuse_unknown
from disclosure_guard.ingest.readers.xlsx import xlsx_reader
from disclosure_guard.ingest.readers.zip import zip_reader
from disclosure_guard.ingest.sniff import Format, sniff


@fail_closed
def read_attachment(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    """`budget` is the item's, shared by every reader of it: members of archives and files
    embedded in documents count against the same limits as the item's own attachments."""
    budget.check_time()
    budget.take_attachment()
    if attachment.filename and attachment.filename.strip():
        # The recipient sees the name before opening the file: "Tenancy - Flat 15, 10 Westfield
        # Avenue.pdf" discloses as much as its pages. Read with its underscores as blanks, as
        # a name like "Flat_15_10_Westfield_Avenue.pdf" is read by the eye.
        out.append(budget.text_part(f"{name} filename", attachment.filename.replace("_", " ")))
    sniffed = sniff(attachment.data, attachment.content_type, attachment.filename)
    out.extend(READERS[sniffed.format](name, attachment, budget))


READERS: Mapping[Format, Reader] = MappingProxyType({
    Format.PDF: pdf_reader(read_attachment),
    Format.DOCX: docx_reader(read_attachment),
    Format.XLSX: xlsx_reader(read_attachment),
    Format.PPTX: pptx_reader(read_attachment),
    Format.ZIP: zip_reader(read_attachment),
    Format.EML: eml_reader(read_attachment),
    Format.RTF: read_rtf,
    Format.HTML: read_html,
    Format.TEXT: read_text,
    Format.LEGACY_OFFICE: refuse_legacy_office,
    Format.IMAGE: refuse_picture,
    Format.UNKNOWN: refuse_unknown,
})
