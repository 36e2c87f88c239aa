"""A raw RFC 822 message -> Item: recipients from To, Cc and Bcc with display names; text from
every plain and HTML part, forwarded messages included; attachments through the attachment
reader. A message that cannot be parsed, or has no recipient, is the caller's 4xx."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from email.utils import getaddresses

from disclosure_guard.errors import InvalidInput
from disclosure_guard.ingest.attachments import Attachment, decode_text, read_attachment
from disclosure_guard.ingest.html import html_to_text
from disclosure_guard.types import Channel, Item, Recipient, RecipientType, TextPart, UnreadablePart

_RECIPIENT_HEADERS = (("to", RecipientType.TO), ("cc", RecipientType.CC), ("bcc", RecipientType.BCC))


def item_from_rfc822(raw: bytes) -> Item:
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; anything it raises is malformed input
        raise InvalidInput("the message could not be parsed as RFC 822", "invalid_message") from exc
    assert isinstance(message, EmailMessage)
    recipients = _recipients(message)
    if not recipients:
        raise InvalidInput("the message has no To, Cc or Bcc recipient", "no_recipients")

    parts: list[TextPart] = []
    unreadable: list[UnreadablePart] = []
    subject = str(message.get("subject", "") or "")
    if subject:
        parts.append(TextPart("subject", subject))
    bodies = attachments = 0
    for leaf in message.walk():
        if leaf.is_multipart():
            continue
        content_type = leaf.get_content_type()
        is_attachment = leaf.get_content_disposition() == "attachment" or (
            leaf.get_filename() is not None and content_type not in ("text/plain", "text/html")
        )
        if not is_attachment and content_type in ("text/plain", "text/html"):
            name = "body" if bodies == 0 else f"body[{bodies}]"
            bodies += 1
            text = _leaf_text(leaf)
            if text is None:
                unreadable.append(UnreadablePart(name, "the text could not be decoded"))
            else:
                parts.append(TextPart(name, html_to_text(text) if content_type == "text/html" else text))
            continue
        name = f"attachment[{attachments}]"
        attachments += 1
        payload = leaf.get_payload(decode=True)
        if not isinstance(payload, bytes):
            unreadable.append(UnreadablePart(name, "the attachment could not be decoded"))
            continue
        attachment = Attachment(leaf.get_filename(), content_type, payload, leaf.get_content_charset())
        for piece in read_attachment(name, attachment):
            (parts if isinstance(piece, TextPart) else unreadable).append(piece)  # type: ignore[arg-type]
    for defect in message.defects:
        unreadable.append(UnreadablePart("message", f"malformed MIME ({type(defect).__name__})"))
    return Item(Channel.EMAIL, tuple(recipients), tuple(parts), tuple(unreadable))


def _recipients(message: EmailMessage) -> list[Recipient]:
    recipients: list[Recipient] = []
    for header, kind in _RECIPIENT_HEADERS:
        values = [str(v) for v in message.get_all(header, [])]
        for display_name, address in getaddresses(values):
            if not address and not display_name:
                continue
            recipients.append(Recipient(kind, name=display_name or None, email=address or None))
    return recipients


def _leaf_text(leaf: EmailMessage) -> str | None:
    payload = leaf.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    return decode_text(payload, leaf.get_content_charset())
