"""PowerPoint presentations (.pptx), read from the XML of every part (readers/ooxml.py):
slides, speaker notes, comments, and slide masters and layouts (whose placeholder text can
carry an address on every slide).

Examples it must handle:
  "12 Elm Road" on slide 2                                -> "attachment[0] slides/slide2"
  "she is at LS6 2AB" in the notes of slide 1             -> "attachment[0] notesSlides/notesSlide1"
"""

from __future__ import annotations

from functools import partial

from disclosure_guard.ingest.archive import MAX_PACKAGE_ENTRIES, check_package, open_archive
from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.readers.ooxml import read_members


def pptx_reader(read_inner: Reader) -> Reader:
    """The PPTX reader; `read_inner` (the registry's dispatcher) reads each embedded file."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    archive = open_archive(attachment.data, MAX_PACKAGE_ENTRIES)
    check_package(archive, budget)
    read_members(name, archive, budget, out, read_inner=read_inner)
