"""Formats the guard does not read: each reader says why, and the unread part holds the item.

Pictures are not read (nothing does OCR), legacy Office files (OLE2: .doc, .xls, .ppt, .msg,
and password-protected Office files, which are OLE2 too) have no parser here, and the rest
(gzip, 7z, rar, unknown binaries, a file labelled a document without its signature) are named
by what sniff.py saw in them.

Examples it must handle:
  b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(100)  -> "legacy Office format not read (.doc, .xls, .ppt, .msg,
                                                     or a password-protected Office file)"
  a PNG picture                                   -> "format not read (image/png: pictures are not read)"
  b"\\x00\\x01\\x02" sent as application/octet-stream -> "format not read (application/octet-stream)"
"""

from __future__ import annotations

from disclosure_guard.ingest.attachments import Attachment, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, Unreadable
from disclosure_guard.ingest.sniff import sniff


@fail_closed
def refuse_legacy_office(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    raise Unreadable("legacy Office format not read (.doc, .xls, .ppt, .msg, or a password-protected Office file)")


@fail_closed
def refuse_picture(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    raise Unreadable(f"format not read ({_what_it_is(attachment)}: pictures are not read)")


@fail_closed
def refuse_unknown(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    raise Unreadable(f"format not read ({_what_it_is(attachment)})")


def _what_it_is(attachment: Attachment) -> str:
    # A reader is handed the attachment, not the sniff; sniffing again is a few byte comparisons,
    # and only for content that is not read and so holds the item anyway.
    return sniff(attachment.data, attachment.content_type, attachment.filename).detail
