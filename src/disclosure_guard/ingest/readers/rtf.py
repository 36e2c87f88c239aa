"""Rich Text Format attachments through striprtf. RTF is 7-bit with escapes (\\'e9, \\u233),
so the bytes are taken as cp1252, RTF's own default, and striprtf resolves the escapes.
An embedded object (\\object, an OLE file inside the RTF) is not read and says so.

Examples it must handle:
  {\\rtf1\\ansi Flat 3\\par 12 Elm Road\\par}                 -> "Flat 3\\n12 Elm Road"
  {\\rtf1\\ansi Zo\\'eb}                                      -> "Zoë"
  {\\rtf1 … {\\object\\objemb{\\*\\objdata 0105…}}}             -> "attachment[0] object": unreadable
"""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from disclosure_guard.ingest.attachments import Attachment, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.types import UnreadablePart


@fail_closed
def read_rtf(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    budget.check_time()
    text = rtf_to_text(attachment.data.decode("latin-1"), encoding="cp1252", errors="replace")
    out.append(budget.text_part(name, text))
    if b"\\object" in attachment.data:
        out.append(UnreadablePart(f"{name} object", "embedded object in RTF not read"))
