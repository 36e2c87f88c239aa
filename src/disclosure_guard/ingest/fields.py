"""An item submitted as fields (the JSON check API) -> Item.

The subject and bodies are always read (they are text already); attachments only while the
item is within max_item_bytes, each beyond it reported unreadable, which holds the item.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.html import read_html_parts
from disclosure_guard.ingest.limits import DEFAULT_LIMITS, Budget, IngestLimits, describe_bytes
from disclosure_guard.ingest.outcome import Part, collect, split_parts
from disclosure_guard.ingest.registry import read_attachment
from disclosure_guard.types import Channel, Item, Recipient, UnreadablePart


def item_from_fields(
    channel: Channel,
    recipients: Sequence[Recipient],
    subject: str | None = None,
    body: str | None = None,
    body_html: str | None = None,
    attachments: Sequence[Attachment] = (),
    limits: IngestLimits = DEFAULT_LIMITS,
) -> Item:
    budget = Budget(limits)
    pieces: list[Part] = []
    for name, text in (("subject", subject), ("body", body), ("body_html", body_html)):
        if text and name == "body_html":
            pieces.extend(collect(name, lambda out, n=name, t=text: read_html_parts(n, t, budget, out)))
        elif text:
            pieces.extend(collect(name, lambda out, n=name, t=text: out.append(budget.text_part(n, t))))
    size = sum(len(text.encode("utf-8", "surrogatepass")) for text in (subject, body, body_html) if text)
    size += sum(len(attachment.data) for attachment in attachments)
    too_large = size > limits.max_item_bytes
    for position, attachment in enumerate(attachments):
        name = f"attachment[{position}]"
        if too_large:
            why = f"the item is larger than {describe_bytes(limits.max_item_bytes)}; attachments not read"
            pieces.append(UnreadablePart(name, why))
        else:
            pieces.extend(read_attachment(name, attachment, budget))
    parts, unreadable = split_parts(pieces)
    return Item(channel, tuple(recipients), tuple(parts), tuple(unreadable))
