"""How much the guard will read of one item, and what one item has used so far.

Every limit ends in an `UnreadablePart` with a why a reviewer understands, never an exception
and never a silent skip: an item the guard has not fully read is held.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from disclosure_guard.ingest.outcome import Unreadable
from disclosure_guard.types import TextPart

_MIB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    max_item_bytes: int = 25 * _MIB
    max_attachments: int = 100  # per item, members of archives included
    max_archive_depth: int = 3
    max_mime_depth: int = 20
    max_decompression_ratio: int = 100
    max_decompressed_bytes: int = 100 * _MIB  # total per item
    max_pages: int = 500  # per document
    max_seconds: float = 20.0  # per item, checked between pages, members, rows and MIME parts
    max_text_chars: int = 10_000_000  # total per item


DEFAULT_LIMITS = IngestLimits()


def describe_bytes(count: int) -> str:
    return f"{count // _MIB} MiB" if count % _MIB == 0 else f"{count} bytes"


class Budget:
    """What one item has used of its limits. One budget is shared by every reader of an item,
    so a zip of zips cannot spend the allowance once per level."""

    def __init__(self, limits: IngestLimits = DEFAULT_LIMITS, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._deadline = clock() + limits.max_seconds
        self.decompressed_bytes = 0
        self.text_chars = 0
        self.attachments = 0
        self.archive_depth = 0

    def check_time(self) -> None:
        if self._clock() > self._deadline:
            raise Unreadable(f"reading took longer than {self.limits.max_seconds:g} seconds")

    def take_decompressed(self, count: int) -> None:
        if self.decompressed_bytes + count > self.limits.max_decompressed_bytes:
            limit = describe_bytes(self.limits.max_decompressed_bytes)
            raise Unreadable(f"decompresses to more than {limit} in total")
        self.decompressed_bytes += count

    def take_attachment(self) -> None:
        if self.attachments >= self.limits.max_attachments:
            raise Unreadable(f"more than {self.limits.max_attachments} attachments (archive members included)")
        self.attachments += 1

    def text_part(self, name: str, text: str) -> TextPart:
        if self.text_chars + len(text) > self.limits.max_text_chars:
            raise Unreadable(f"more than {self.limits.max_text_chars} characters of text")
        self.text_chars += len(text)
        return TextPart(name, text)

    @contextmanager
    def archive_level(self) -> Iterator[None]:
        """Entered while reading the members of an archive, or the files embedded in a document."""
        if self.archive_depth >= self.limits.max_archive_depth:
            raise Unreadable(f"archive nested deeper than {self.limits.max_archive_depth} levels")
        self.archive_depth += 1
        try:
            yield
        finally:
            self.archive_depth -= 1
