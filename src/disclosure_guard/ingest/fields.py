"""An item submitted as fields (the JSON check API) -> Item."""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_guard.ingest.attachments import Attachment, read_attachment
from disclosure_guard.ingest.html import html_to_text
from disclosure_guard.types import Channel, Item, Recipient, TextPart, UnreadablePart


def item_from_fields(
    channel: Channel,
    recipients: Sequence[Recipient],
    subject: str | None = None,
    body: str | None = None,
    body_html: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> Item:
    parts: list[TextPart] = []
    unreadable: list[UnreadablePart] = []
    if subject:
        parts.append(TextPart("subject", subject))
    if body:
        parts.append(TextPart("body", body))
    if body_html:
        parts.append(TextPart("body_html", html_to_text(body_html)))
    for position, attachment in enumerate(attachments):
        for piece in read_attachment(f"attachment[{position}]", attachment):
            (parts if isinstance(piece, TextPart) else unreadable).append(piece)  # type: ignore[arg-type]
    return Item(channel, tuple(recipients), tuple(parts), tuple(unreadable))
