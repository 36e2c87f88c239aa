"""An attachment -> readable text parts, or the reason it cannot be read.

This first reader takes plain text, CSV and HTML. Every other format (PDF, DOCX, archives …)
is reported unreadable, which holds the item: the guard never lets through what it has not read.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from disclosure_guard.ingest.html import html_to_text
from disclosure_guard.types import TextPart, UnreadablePart

_TEXT_TYPES = frozenset({"text/plain", "text/csv", "text/tab-separated-values", "text/markdown"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_SUFFIXES = (".txt", ".csv", ".tsv", ".md", ".text")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    content_type: str | None
    data: bytes
    charset: str | None = None


def read_attachment(part_name: str, attachment: Attachment) -> list[TextPart | UnreadablePart]:
    content_type = (attachment.content_type or "").split(";")[0].strip().lower()
    filename = (attachment.filename or "").lower()
    is_html = content_type in _HTML_TYPES or (not content_type and filename.endswith(_HTML_SUFFIXES))
    is_text = content_type in _TEXT_TYPES or (
        content_type in ("", "application/octet-stream") and filename.endswith(_TEXT_SUFFIXES)
    )
    if not (is_html or is_text):
        described = content_type or "unknown type"
        return [UnreadablePart(part_name, f"the guard does not read this format yet ({described})")]
    text = decode_text(attachment.data, attachment.charset)
    if text is None:
        return [UnreadablePart(part_name, "the text could not be decoded")]
    return [TextPart(part_name, html_to_text(text) if is_html else text)]


def decode_text(data: bytes, charset: str | None) -> str | None:
    """Decode with the declared charset, else UTF-8; never guess silently on failure."""
    candidates = [charset] if charset else []
    candidates.append("utf-8")
    for candidate in candidates:
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return None
