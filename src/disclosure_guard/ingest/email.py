"""A raw RFC 822 message -> Item: recipients from To, Cc and Bcc with display names; text from
the subject, Reply-To (shown to the recipient, but not a recipient) and the whole MIME tree,
forwarded messages and attachments included (readers/eml.py). A message that cannot be parsed,
or has no recipient, is the caller's 4xx. A message over max_item_bytes is not read: its
headers give the recipients and the item says it was too large, which holds it.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from disclosure_guard.errors import InvalidInput
from disclosure_guard.ingest.limits import DEFAULT_LIMITS, Budget, IngestLimits, describe_bytes
from disclosure_guard.ingest.outcome import Part, collect, split_parts
from disclosure_guard.ingest.readers.eml import MimeWalk
from disclosure_guard.ingest.registry import read_attachment
from disclosure_guard.types import Channel, Item, Recipient, RecipientType, UnreadablePart

_ENCODED_WORD_CHARSET = re.compile(r"=\?([^?*\s]+)(?:\*[^?]*)?\?[bBqQ]\?")
_RECIPIENT_HEADERS = (("to", RecipientType.TO), ("cc", RecipientType.CC), ("bcc", RecipientType.BCC))


def item_from_rfc822(raw: bytes, limits: IngestLimits = DEFAULT_LIMITS) -> Item:
    budget = Budget(limits)
    not_read: str | None = None
    if len(raw) > limits.max_item_bytes:
        not_read = f"larger than {describe_bytes(limits.max_item_bytes)}; not read"
    message: Message | None = None
    if not_read is None:
        try:
            message = email.message_from_bytes(raw, policy=email.policy.default)
        except Exception as failure:  # noqa: BLE001 - e.g. RecursionError on thousands of nested parts
            not_read = f"the MIME structure could not be parsed ({type(failure).__name__})"
    try:
        if message is None:
            # The headers alone still say who it is going to, so the hold can name them.
            message = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
        recipients = _recipients(message)
    except Exception as exc:  # the parser is lenient; anything it raises is malformed input
        raise InvalidInput("the message could not be parsed as RFC 822", "invalid_message") from exc
    if not recipients:
        raise InvalidInput("the message has no To, Cc or Bcc recipient", "no_recipients")

    pieces: list[Part] = []
    for name, header in (("subject", "subject"), ("header reply-to", "reply-to")):
        pieces.extend(collect(name, lambda out, n=name, h=header: _header(message, n, h, budget, out)))
    if not_read:
        pieces.append(UnreadablePart("message", not_read))
    else:
        pieces.extend(MimeWalk(budget, read_attachment).read(message))
    parts, unreadable = split_parts(pieces)
    return Item(Channel.EMAIL, tuple(recipients), tuple(parts), tuple(unreadable))


def _header(message: Message, name: str, header: str, budget: Budget, out: list[Part]) -> None:
    values = [str(value) for value in message.get_all(header, []) if str(value)]
    if values:
        out.append(budget.text_part(name, "\n".join(values)))
    # The parser decodes an encoded word in a charset it does not know as replacement characters
    # and records nothing, so the raw header is looked at for such words.
    for key, raw in message.raw_items():
        if key.lower() != header:
            continue
        for charset in _ENCODED_WORD_CHARSET.findall(str(raw)):
            try:
                codecs.lookup(charset)
            except LookupError:
                out.append(UnreadablePart(name, f"unknown charset {charset!r}"))
                return


def _recipients(message: Message) -> list[Recipient]:
    recipients: list[Recipient] = []
    for header, kind in _RECIPIENT_HEADERS:
        values = [str(v) for v in message.get_all(header, [])]
        for display_name, address in getaddresses(values):
            if not address and not display_name:
                continue
            recipients.append(Recipient(kind, name=display_name or None, email=address or None))
    return recipients

