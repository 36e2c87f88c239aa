"""An attachment -> readable text parts, or the reason it cannot be read.

The format is sniffed from the content (see sniff.py) and the matching reader in readers/ does
the rest. What no reader takes (images, legacy Office files, unknown binaries) is reported
unreadable, which holds the item: the guard never lets through what it has not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from disclosure_guard.ingest.limits import DEFAULT_LIMITS, Budget, IngestLimits
from disclosure_guard.ingest.outcome import Part, Unreadable, collect
from disclosure_guard.ingest.sniff import Format, Sniffed, sniff


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    content_type: str | None
    data: bytes
    charset: str | None = None


Reader = Callable[[str, Attachment, Budget], list[Part]]


def read_attachment(
    part_name: str,
    attachment: Attachment,
    limits: IngestLimits = DEFAULT_LIMITS,
    *,
    budget: Budget | None = None,
) -> list[Part]:
    """`budget` is shared by every reader of one item; when given, its limits apply."""
    spent = budget or Budget(limits)

    def read(out: list[Part]) -> None:
        spent.check_time()
        spent.take_attachment()
        sniffed = sniff(attachment.data, attachment.content_type, attachment.filename)
        out.extend(_reader_for(sniffed)(part_name, attachment, spent))

    return collect(part_name, read)


def _reader_for(sniffed: Sniffed) -> Reader:
    # Imported here: the archive, email and document readers hand what they contain back to
    # read_attachment, so they import this module and it cannot import them first.
    from disclosure_guard.ingest.readers import docx, eml, html, pdf, pptx, rtf, text, xlsx, zip

    readers: dict[Format, Reader] = {
        Format.PDF: lambda name, a, b: pdf.read_pdf(name, a.data, budget=b),
        Format.DOCX: lambda name, a, b: docx.read_docx(name, a.data, budget=b),
        Format.XLSX: lambda name, a, b: xlsx.read_xlsx(name, a.data, budget=b),
        Format.PPTX: lambda name, a, b: pptx.read_pptx(name, a.data, budget=b),
        Format.ZIP: lambda name, a, b: zip.read_zip(name, a.data, budget=b),
        Format.RTF: lambda name, a, b: rtf.read_rtf(name, a.data, budget=b),
        Format.HTML: lambda name, a, b: html.read_html(name, a.data, charset=a.charset, budget=b),
        Format.EML: lambda name, a, b: eml.read_eml(name, a.data, budget=b),
        Format.TEXT: lambda name, a, b: text.read_text(name, a.data, charset=a.charset, budget=b),
    }
    if sniffed.format in readers:
        return readers[sniffed.format]
    why = {
        Format.LEGACY_OFFICE: "legacy Office format not read (.doc, .xls, .ppt, .msg, or a password-protected "
        "Office file)",
        Format.IMAGE: f"format not read ({sniffed.detail}: pictures are not read)",
    }.get(sniffed.format, f"format not read ({sniffed.detail})")

    def unreadable(name: str, attachment: Attachment, budget: Budget) -> list[Part]:
        raise Unreadable(why)

    return unreadable
