"""HTML attachments: decoded like plain text (readers/text.py), then html_to_text, so that
alt and title text, mailto: targets, form values and text hidden by CSS are all read.

Examples it must handle:
  b'<p>Flat 3<br>12 Elm Road</p>'                        -> "Flat 3" and "12 Elm Road" on lines
  b'<a href="mailto:jane@example.org">write</a>'         -> "write", and "jane@example.org" in "name links"
  b'<div style="display:none">LS6 2AB</div>'             -> "LS6 2AB"
"""

from __future__ import annotations

from disclosure_guard.ingest.attachments import Attachment, fail_closed
from disclosure_guard.ingest.html import read_html_parts
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.ingest.readers.text import decode_text


@fail_closed
def read_html(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    read_html_parts(name, decode_text(attachment.data, attachment.charset), budget, out)
