"""An attachment, and what reading one means: the one signature every reader in readers/ has.

A reader is `(name, Attachment, Budget) -> list[Part]`: the text parts it found, then, if it
had to stop, an `UnreadablePart` saying why. `registry.py` maps each sniffed format to its
reader; readers of formats that contain files (zip, eml, pdf, docx, xlsx, pptx) are built with
the registry's dispatcher handed to them, so no reader imports the registry that imports it.

Readers are written as `fill(name, attachment, budget, out)`, appending parts to `out` and
stopping by raising, and made readers by `fail_closed`: a reviewer still sees pages 1-6 of a
PDF whose page 7 stopped the reader, and the item is held for page 7.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, collect


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    content_type: str | None
    data: bytes
    charset: str | None = None


Reader = Callable[[str, Attachment, Budget], list[Part]]
Fill = Callable[[str, Attachment, Budget, list[Part]], None]


def fail_closed(fill: Fill) -> Reader:
    """The reader whose parts are what `fill` appended before it stopped, and why it stopped."""

    def read(name: str, attachment: Attachment, budget: Budget) -> list[Part]:
        return collect(name, lambda out: fill(name, attachment, budget, out))

    return read
