"""Reading bytes with the registry's reader for one format, as `read_attachment` does once it has
sniffed them, under a budget of their own: `read_as(Format.PDF, "attachment[1]", a_pdf(...))`."""

from __future__ import annotations

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.limits import DEFAULT_LIMITS, Budget, IngestLimits
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.registry import READERS
from disclosure_guard.ingest.sniff import Format


def read_as(format_: Format, name: str, data: bytes, limits: IngestLimits = DEFAULT_LIMITS) -> list[Part]:
    return READERS[format_](name, Attachment(None, None, data), Budget(limits))
