"""PowerPoint presentations (.pptx), read from the XML of every part (readers/ooxml.py):
slides, speaker notes, comments, and slide masters and layouts (whose placeholder text can
carry an address on every slide).

Examples it must handle:
  "12 Elm Road" on slide 2                                -> "attachment[0] slides/slide2"
  "she is at LS6 2AB" in the notes of slide 1             -> "attachment[0] notesSlides/notesSlide1"
"""

from __future__ import annotations

from disclosure_guard.ingest.archive import MAX_PACKAGE_ENTRIES, check_package, open_archive
from disclosure_guard.ingest.limits import DEFAULT_LIMITS, Budget, IngestLimits
from disclosure_guard.ingest.outcome import Part, collect
from disclosure_guard.ingest.readers.ooxml import read_members


def read_pptx(
    name: str, data: bytes, limits: IngestLimits = DEFAULT_LIMITS, *, budget: Budget | None = None
) -> list[Part]:
    spent = budget or Budget(limits)
    return collect(name, lambda out: _read(name, data, spent, out))


def _read(name: str, data: bytes, budget: Budget, out: list[Part]) -> None:
    archive = open_archive(data, MAX_PACKAGE_ENTRIES)
    check_package(archive, budget)
    read_members(name, archive, budget, out)
