"""PDF attachments: the text layer of every page, plus what a viewer also shows (annotations and
form field values, link targets, document properties) and files embedded in the PDF, each read
as an attachment of its own.

The text layer is read by PDFium (pypdfium2), the engine of Chrome's PDF viewer, in C: what a
recipient opening the PDF in a browser sees, in a quarter of the time pypdf took (a 500-page
bundle read in 0.6 s instead of 2.3 s; bench/README.md). Everything else (encryption,
properties, annotations, form fields, embedded files, whether a blank page is a scan) is read by
pypdf. The two must agree: a different page count, or a page PDFium cannot open, is unread and
so held; text is never silently skipped. Every character of a page is read, wherever it is drawn
(off the crop box too: another viewer, or a copy and paste, shows it). PDFium ends lines with
CRLF, read as LF; a hyphen it finds at the end of a line (which it marks U+FFFE, joining the
lines) is read as drawn, "-" and a line break, as pypdf read it. PDFium spells ligatures out
("office" for "o\ufb03ce") and reads a WinAnsi soft hyphen as the hyphen it draws ("E-lm"; the
address recognizer reads a word so broken whole, reading.join_broken_words).

PDFium is not thread-safe, not even across documents, and the API reads items in threads (sync
routes run in a thread pool): every PDFium call here is made holding `_PDFIUM`, one module-level
lock; every page and text page is closed before the lock is released, and the document
under it when reading ends, on error too, so no finaliser runs PDFium code later on another
thread. The lock is taken per page, so two threads'
PDFs are read in turn, page by page; processes (the workers) read in parallel.

A page with no text but with pictures is a scan the guard cannot read; so is a PDF with no
text anywhere (text drawn as outlines, or a scan using inline images). A PDF that needs a
password is unreadable; one protected by an owner password only opens for anyone, so it is read.

Examples it must handle:
  a three-page letter with "12 Elm Road" on page 3        -> "attachment[1] page 3" holds it
  a page that is one scanned image                        -> "attachment[1] page 2": "no text layer (scanned?)"
  a PDF encrypted with a user password                    -> "attachment[1]": "encrypted"
  the first half of a PDF (an upload cut short)           -> "attachment[1]": "truncated (no %%EOF)"
  a filled form whose address is only in a field value    -> "attachment[1] form"
  an invoice.xlsx embedded in the PDF                     -> "attachment[1]/invoice.xlsx sheet Sheet1"
  two pages whose page tree says /Count 5                 -> "attachment[1]": "page count unclear (2 or 5 pages)"
  a null among the page tree's kids (PDFium cannot load)  -> "attachment[1] page 2": "could not be read (PdfiumError)"
  "Lee-" at the end of a line and "ds" on the next        -> "Lee-\nds", as drawn
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from io import BytesIO
from typing import Any

import pypdfium2 as pdfium
from pypdf import PasswordType, PdfReader

from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, Unreadable
from disclosure_guard.types import UnreadablePart

# Writers put %%EOF last, sometimes followed by a few bytes of padding; a file without it in its
# tail was cut short, and what pypdf recovers from it may not be what a viewer shows.
_EOF_WINDOW = 2048
_SCANNED = "no text layer (scanned?)"
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")
_FORM_NESTING = 5  # form XObjects inside form XObjects; deeper ones are not searched for pictures
_PROPERTIES = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator")
# PDFium's marks for a hyphen it found at the end of a line, where it joins the two lines: U+0002
# in a character's own code, U+FFFE in the page's text.
_LINE_END_HYPHEN = re.compile("[\x02\ufffe]")
_PDFIUM = threading.Lock()


def pdf_reader(read_inner: Reader) -> Reader:
    """The PDF reader; `read_inner` (the registry's dispatcher) reads each embedded file."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    if b"%%EOF" not in attachment.data[-_EOF_WINDOW:]:
        raise Unreadable("truncated (no %%EOF)")
    reader = PdfReader(BytesIO(attachment.data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # noqa: BLE001 - an unsupported cipher is as closed to us as a password
            opened = PasswordType.NOT_DECRYPTED
        if opened == PasswordType.NOT_DECRYPTED:
            raise Unreadable("encrypted")
    page_count = len(reader.pages)
    if page_count > budget.limits.max_pages:
        raise Unreadable(f"more than {budget.limits.max_pages} pages")

    properties = _properties(reader)
    if properties:
        out.append(budget.text_part(f"{name} properties", properties))
    any_text = any_scanned = False
    with _pdfium_document(attachment.data) as document:
        with _PDFIUM:
            pdfium_count = len(document)
        if pdfium_count != page_count:
            raise Unreadable(f"page count unclear ({page_count} or {pdfium_count} pages)")
        for number, page in enumerate(reader.pages, start=1):
            budget.check_time()
            page_name = f"{name} page {number}"
            try:
                text = _page_text(document, number - 1)
                # Only a page without text can be a scan: its content is not searched otherwise.
                has_pictures = not text.strip() and _has_pictures(page)
                annotations = _annotation_text(page)
            except Exception as failure:  # noqa: BLE001 - one bad page is unread, the rest still count
                out.append(UnreadablePart(page_name, f"could not be read ({type(failure).__name__})"))
                any_scanned = True
                continue
            if text.strip():
                out.append(budget.text_part(page_name, text))
                any_text = True
            elif has_pictures:
                out.append(UnreadablePart(page_name, _SCANNED))
                any_scanned = True
            if annotations:
                out.append(budget.text_part(f"{page_name} annotations", annotations))
    if not any_text and not any_scanned:
        raise Unreadable(_SCANNED)

    form = _form_text(reader)
    if form:
        out.append(budget.text_part(f"{name} form", form))
    _read_embedded_files(name, reader, budget, out, read_inner)


@contextmanager
def _pdfium_document(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """The PDF opened by PDFium (pypdf has opened it, and found it needs no password), closed on leaving."""
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as failure:
            raise Unreadable("could not be read (PdfiumError)") from failure
    try:
        yield document
    finally:
        with _PDFIUM:
            document.close()


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    """Every character on the page, wherever drawn: `get_text_range` reads PDFium's whole list of
    characters (`get_text_bounded`, even given a huge box, loses characters drawn far off the page)."""
    with _PDFIUM:
        page = document.get_page(index)
        try:
            text_page = page.get_textpage()
            try:
                # A character PDFium cannot spell in UTF-16 is U+FFFD, not dropped.
                text = text_page.get_text_range(errors="replace")
            finally:
                text_page.close()
        finally:
            page.close()
    return _LINE_END_HYPHEN.sub("-\n", text.replace("\r\n", "\n").replace("\r", "\n"))


def _properties(reader: PdfReader) -> str:
    metadata = reader.metadata or {}
    values = [str(metadata.get(key)) for key in _PROPERTIES if metadata.get(key)]
    return "\n".join(values)


def _has_pictures(page: Any) -> bool:
    if _resources_have_pictures(page.get("/Resources"), _FORM_NESTING):
        return True
    contents = page.get_contents()
    return contents is not None and _INLINE_IMAGE.search(contents.get_data()) is not None


def _resources_have_pictures(resources: Any, depth: int) -> bool:
    if resources is None or depth < 0:
        return False
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return False
    for reference in xobjects.get_object().values():
        xobject = reference.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _resources_have_pictures(xobject.get("/Resources"), depth - 1):
            return True
    return False


def _annotation_text(page: Any) -> str:
    """Sticky notes, free-text boxes and link targets (a mailto: is a contact detail)."""
    values: list[str] = []
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        for key in ("/Contents", "/T"):
            if annotation.get(key):
                values.append(str(annotation[key]))
        action = annotation.get("/A")
        if action is not None and action.get_object().get("/URI"):
            values.append(str(action.get_object()["/URI"]))
    return "\n".join(values)


def _form_text(reader: PdfReader) -> str:
    fields = reader.get_fields() or {}
    values = [f"{field_name}: {field.get('/V')}" for field_name, field in fields.items() if field.get("/V")]
    return "\n".join(values)


def _read_embedded_files(name: str, reader: PdfReader, budget: Budget, out: list[Part], read_inner: Reader) -> None:
    embedded = reader.attachments
    if not embedded:
        return
    with budget.archive_level():
        for filename, contents in embedded.items():
            for position, content in enumerate(contents):
                member = f"{name}/{filename}" if len(contents) == 1 else f"{name}/{filename}[{position}]"
                budget.take_decompressed(len(content))
                out.extend(read_inner(member, Attachment(filename, None, content), budget))
