"""Email messages: a message/rfc822 attachment, an .eml file, and the MIME tree of the item
itself (ingest/email.py parses the outer message and its recipients, then walks it here).

Every alternative of multipart/alternative is read (the plain and the HTML version can say
different things), as are multipart/mixed and related and forwarded messages to
max_mime_depth. A forwarded message's headers are text, not recipients of the item. Inline
text/plain and text/html are bodies ("body", "body[1]"…); everything else is an attachment
("attachment[0]"…) read by its own reader. Signatures carry no text and are passed over;
encrypted parts (S/MIME, PGP) are unreadable.

Names inside the item are flat, as a reader of the mail sees them: "body[2]",
"forwarded[0] headers", "attachment[3]". Inside an .eml attachment they carry its name:
"attachment[0] headers", "attachment[0] body", "attachment[0]/attachment[0]".

Examples it must handle:
  multipart/alternative text + html                       -> "body", "body[1]"
  a forward of a forward, each with its own To:           -> "forwarded[0] headers", "forwarded[1] headers"
  base64 and quoted-printable, charset iso-8859-1/koi8-r  -> decoded
  charset "x-unknown"                                      -> "body": "unknown charset 'x-unknown'"
  50 levels of multipart/mixed                             -> "message": "MIME nested deeper than 20 levels"
  application/pkcs7-mime (S/MIME encrypted)                -> "attachment[0]": "encrypted (S/MIME or PGP)"
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from functools import partial

from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.html import read_html_parts
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, Unreadable, collect
from disclosure_guard.ingest.readers.text import decode_text
from disclosure_guard.types import UnreadablePart

_BODY_TYPES = frozenset({"text/plain", "text/html"})
_SIGNATURE_TYPES = frozenset(
    {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}
)
_ENCRYPTED_TYPES = frozenset(
    {"multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted"}
)
_TRANSFER_ENCODINGS = frozenset(
    {"7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "uuencode", "uue", "x-uue"}
)


def eml_reader(read_inner: Reader) -> Reader:
    """The .eml reader; `read_inner` (the registry's dispatcher) reads each attachment of the message."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    message = email.message_from_bytes(attachment.data, policy=email.policy.default)
    headers = header_text(message)
    if headers:
        out.append(budget.text_part(f"{name} headers", headers))
    out.extend(MimeWalk(budget, read_inner, prefix=name).read(message))


def header_text(message: Message) -> str:
    """Every header of a message someone forwards is shown to the recipient, so all are text."""
    return "\n".join(f"{key}: {value}" for key, value in message.items())


class MimeWalk:
    """One walk over one message's MIME tree; the counters give the flat part names.
    `read_attachment` is the registry's dispatcher, for the attachments of any format."""

    def __init__(self, budget: Budget, read_attachment: Reader, prefix: str = "") -> None:
        self.budget = budget
        self.read_attachment = read_attachment
        self.prefix = prefix
        self.bodies = 0
        self.attachments = 0
        self.forwards = 0
        self.out: list[Part] = []

    def read(self, message: Message) -> list[Part]:
        # Stops only at the deadline or the text limit; anything else is reported where it is.
        self.out.extend(collect(self._name("message"), lambda _: self._walk(message, 0)))
        return self.out

    def _name(self, local: str) -> str:
        return f"{self.prefix} {local}" if self.prefix else local

    def _next_attachment(self) -> str:
        local = f"attachment[{self.attachments}]"
        self.attachments += 1
        return f"{self.prefix}/{local}" if self.prefix else local

    def _walk(self, part: Message, depth: int) -> None:
        self.budget.check_time()
        limit = self.budget.limits.max_mime_depth
        if depth > limit:
            self.out.append(UnreadablePart(self._name("message"), f"MIME nested deeper than {limit} levels"))
            return
        for defect in part.defects:
            self.out.append(UnreadablePart(self._name("message"), f"malformed MIME ({type(defect).__name__})"))
        content_type = part.get_content_type()
        if content_type in _ENCRYPTED_TYPES:
            self.out.append(UnreadablePart(self._next_attachment(), "encrypted (S/MIME or PGP)"))
            return
        if part.is_multipart():
            if content_type in ("message/rfc822", "message/global"):
                self._forwarded(part, depth)
                return
            for child in part.get_payload():
                self._walk(child, depth + 1)
            return
        if content_type in _SIGNATURE_TYPES:
            return  # a signature proves who sent the message and holds no text of it
        encoding = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
        if encoding not in _TRANSFER_ENCODINGS:
            self.out.append(UnreadablePart(self._next_attachment(), f"unknown transfer encoding {encoding!r}"))
            return
        is_attachment = part.get_content_disposition() == "attachment" or (
            part.get_filename() is not None and content_type not in _BODY_TYPES
        )
        if content_type in _BODY_TYPES and not is_attachment:
            self._body(part, content_type)
        else:
            self._attachment(part, content_type)

    def _forwarded(self, part: Message, depth: int) -> None:
        inner = part.get_payload(0)
        assert isinstance(inner, Message)
        local = f"forwarded[{self.forwards}] headers"
        self.forwards += 1
        headers = header_text(inner)
        if headers:
            self.out.append(self.budget.text_part(self._name(local), headers))
        self._walk(inner, depth + 1)

    def _body(self, part: Message, content_type: str) -> None:
        name = self._name("body" if self.bodies == 0 else f"body[{self.bodies}]")
        self.bodies += 1
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            self.out.append(UnreadablePart(name, "the text could not be decoded"))
            return
        try:
            text = decode_text(payload, part.get_content_charset())
        except Unreadable as stopped:
            self.out.append(UnreadablePart(name, stopped.why))
            return
        if content_type == "text/html":
            read_html_parts(name, text, self.budget, self.out)
        else:
            self.out.append(self.budget.text_part(name, text))

    def _attachment(self, part: Message, content_type: str) -> None:
        name = self._next_attachment()
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            self.out.append(UnreadablePart(name, "the attachment could not be decoded"))
            return
        attachment = Attachment(part.get_filename(), content_type, payload, part.get_content_charset())
        self.out.extend(self.read_attachment(name, attachment, self.budget))
